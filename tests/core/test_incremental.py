"""The incremental renderer must always agree with the full render.

Documents are built from every construct Python-Markdown treats specially at
the top level or across the document, then edited at random places with the
characters most likely to change where blocks begin and end.  After every
edit ``IncrementalRenderer.render`` must equal ``render_markdown``, and the
reported block update must turn the previous block list into the new one.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.incremental import BlockUpdate, IncrementalRenderer
from editor.core.render import render_markdown

# A small vocabulary so that headings repeat (duplicate ids) and abbreviations
# and reference ids defined in one block are used in others.
WORDS = ["harbour", "council", "ferry", "HTML", "NATO", "vote", "tide", "mayor"]
REF_IDS = ["a", "b", "Port"]

word = st.sampled_from(WORDS)
words = st.lists(word, min_size=1, max_size=4).map(" ".join)
ref_id = st.sampled_from(REF_IDS)

inline = st.one_of(
    words,
    st.builds(lambda t, r: f"[{t}][{r}]", words, ref_id),
    st.builds(lambda r: f"[{r}]", ref_id),
    st.builds(lambda t: f"*{t}*", words),
    st.builds(lambda t: f"`{t} < 2`", words),
    st.builds(lambda t: f"[{t}](https://example.org/{t.replace(' ', '-')})", words),
    st.builds(lambda t: f"![{t}](img/{t.replace(' ', '_')}.png)", words),
    st.just("<span>inline</span>"),
    st.just("R&D & AT&amp;T"),
)
sentence = st.lists(inline, min_size=1, max_size=4).map(" ".join)


def _lines(prefix: str, items: list[str]) -> str:
    return "\n".join(prefix + item for item in items)


BASE_BLOCKS = st.one_of(
    sentence,
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 3), words),
    st.builds(lambda t: f"# {t} {{#custom}}", words),
    st.builds(lambda t, u: f"{t}\n{u}", words, st.sampled_from(["===", "---"])),
    st.lists(sentence, min_size=1, max_size=3).map(lambda xs: _lines("- ", xs)),
    st.lists(sentence, min_size=1, max_size=3).map(lambda xs: _lines("1. ", xs)),
    st.builds(lambda a, b: f"- {a}\n    - {b}", sentence, sentence),
    st.builds(lambda a, b: f"- {a}\n\n- {b}", sentence, sentence),
    st.builds(lambda a, b: f"1. {a}\n\n    {b}", sentence, sentence),
    st.lists(sentence, min_size=1, max_size=2).map(lambda xs: _lines("> ", xs)),
    st.builds(lambda a, b: f"> {a}\n\n> {b}", sentence, sentence),
    st.builds(lambda t: f"```python\nx = '{t}'\n\ny = 2 < 3\n```", words),
    st.builds(lambda t: f"~~~\n{t}\n~~~", words),
    st.just("```\nunclosed fence"),
    st.builds(lambda t: f"    code {t}\n\n    more < code", words),
    st.builds(lambda a, b: f"| {a} | {b} |\n|---|---|\n| 1 | 2 |", word, word),
    st.builds(lambda t: f"<div>\n{t}\n\n{t}\n</div>", words),
    st.builds(lambda t: f'<div markdown="1">\n*{t}*\n</div>', words),
    st.just("<!-- note -->"),
    st.just("<div>\nnever closed"),
    st.builds(lambda r, t: f'[{r}]: https://example.org/{t.replace(" ", "")} "{t}"', ref_id, words),
    st.builds(lambda r: f"[{r}]: /local/{r}", ref_id),
    st.sampled_from(
        ["*[HTML]: Hyper Text Markup Language", "*[NATO]: North Atlantic", '*[HTML]: ""']
    ),
    st.builds(lambda t, d: f"{t}\n: {d}", words, sentence),
    st.sampled_from(["***", "---", "___"]),
)
RARE_BLOCKS = st.one_of(
    st.just("[TOC]"),
    st.builds(lambda t: f"{t}[^1] and[^n]", words),
    st.builds(lambda t: f"[^1]: {t}\n\n    continued", words),
)
SEPARATORS = st.sampled_from(["\n\n", "\n\n", "\n", "\n\n\n", "\n  \n", "\n\t\n"])

EDIT_TOKENS = st.sampled_from(
    [
        "x",
        " ",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "> ",
        ": ",
        "# ",
        "===",
        "    ",
        "\t",
        "```",
        "\n```\n",
        "~~~",
        "[a]",
        "[a]: /new",
        "\n[Port]: /p\n",
        "*[HTML]: Markup",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "|",
        "\n---\n",
        "harbour",
        "## vote",
        "\r\n",
    ]
)


@st.composite
def documents(draw: st.DrawFn, rare: bool = False) -> str:
    blocks = draw(st.lists(BASE_BLOCKS, min_size=1, max_size=12))
    if rare and draw(st.booleans()):
        blocks.insert(draw(st.integers(0, len(blocks))), draw(RARE_BLOCKS))
    out = blocks[0]
    for block in blocks[1:]:
        out += draw(SEPARATORS) + block
    return out + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[float, int, str]]:
    """(position as a fraction of the text, characters deleted, text inserted)."""
    return draw(
        st.lists(
            st.tuples(
                st.floats(0, 1),
                st.integers(0, 6),
                st.one_of(EDIT_TOKENS, st.just("")),
            ),
            min_size=1,
            max_size=12,
        )
    )


def apply_edit(text: str, edit: tuple[float, int, str]) -> str:
    where, delete, insert = edit
    pos = int(where * len(text))
    return text[:pos] + insert + text[pos + delete :]


def check_update(previous: list[str], update: BlockUpdate) -> list[str]:
    """The update turns the previous block list into the new one."""
    if not update.reset:
        patched = (
            previous[: update.first]
            + list(update.inserted)
            + previous[update.first + update.removed :]
        )
        assert patched == list(update.htmls)
    assert len(update.lines) == len(update.htmls) or update.htmls == ()
    return list(update.htmls)


def run_sequence(text: str, steps: list[tuple[float, int, str]]) -> None:
    renderer = IncrementalRenderer()
    update = renderer.render_blocks(text)
    assert renderer.html == render_markdown(text)
    blocks = check_update([], update)
    for step in steps:
        text = apply_edit(text, step)
        update = renderer.render_blocks(text)
        assert renderer.html == render_markdown(text), text
        blocks = check_update(blocks, update)


COMMON = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(documents(), edits())
def test_matches_full_render_after_every_edit(
    text: str, steps: list[tuple[float, int, str]]
) -> None:
    run_sequence(text, steps)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(rare=True), edits())
def test_matches_full_render_with_footnotes_and_toc(
    text: str, steps: list[tuple[float, int, str]]
) -> None:
    run_sequence(text, steps)


@settings(max_examples=60, deadline=None)
@given(st.lists(documents(), min_size=2, max_size=5))
def test_unrelated_versions_in_a_row(versions: list[str]) -> None:
    """Replacing the whole text (opening another article) is an edit too."""
    renderer = IncrementalRenderer()
    for text in versions:
        assert renderer.render(text) == render_markdown(text)


def test_typing_in_prose_renders_one_block() -> None:
    paragraphs = [f"Paragraph {i} about the harbour and the [ferry][a]." for i in range(50)]
    text = "\n\n".join(paragraphs) + "\n\n[a]: https://example.org/ferry\n"
    renderer = IncrementalRenderer()
    renderer.render_blocks(text)
    middle = text.index("Paragraph 25") + len("Paragraph 25")
    edited = text[:middle] + "x" + text[middle:]
    update = renderer.render_blocks(edited)
    assert renderer.html == render_markdown(edited)
    assert not update.reset
    assert update.removed == 1
    assert len(update.inserted) == 1
    assert "Paragraph 25x" in update.inserted[0]
    assert renderer.full_renders == 0


def test_new_reference_definition_updates_links_elsewhere() -> None:
    text = "Read [the report][r].\n\nMore text.\n"
    renderer = IncrementalRenderer()
    renderer.render(text)
    edited = text + "\n[r]: https://example.org/report\n"
    assert renderer.render(edited) == render_markdown(edited)
    assert 'href="https://example.org/report"' in renderer.html


def test_duplicate_headings_get_toc_suffixes() -> None:
    text = "## Update\n\nOne.\n\n## Other\n\nTwo.\n"
    renderer = IncrementalRenderer()
    renderer.render(text)
    edited = text.replace("## Other", "## Update")
    assert renderer.render(edited) == render_markdown(edited)
    assert 'id="update_1"' in renderer.html
    back = renderer.render(text)
    assert back == render_markdown(text)
    assert "update_1" not in back


def test_lines_give_each_block_its_source_line() -> None:
    text = "# Title\n\nFirst.\n\n- a\n- b\n\nLast.\n"
    update = IncrementalRenderer().render_blocks(text)
    starts = [text.split("\n")[line] for line in update.lines]
    assert starts[0] == "# Title"
    assert "Last." in starts
