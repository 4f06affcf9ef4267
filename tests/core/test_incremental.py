"""The incremental renderer must always agree with the full render.

Documents are built from every construct Python-Markdown treats specially at
the top level or across the document, then edited at random places with the
characters most likely to change where blocks begin and end.  After every
edit ``IncrementalRenderer.render`` must equal ``render_markdown``, and the
reported block update must turn the previous block list into the new one.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
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
# Document-wide constructs: footnotes (references, repeated references,
# definitions with continuations, references to missing definitions, notes
# that refer to other notes), a table of contents, and ``[^`` that is no
# footnote at all (regular expressions in prose and code).
FOOTNOTE_IDS = ["1", "n", "note", "x"]
fn_id = st.sampled_from(FOOTNOTE_IDS)
fn_inline = st.one_of(
    st.builds(lambda i: f"[^{i}]", fn_id),
    st.just("[^a-z]"),
    st.just("`[^0-9]+`"),
    st.just("[^missing]"),
)
fn_sentence = st.lists(st.one_of(inline, fn_inline), min_size=1, max_size=5).map(" ".join)
WIDE_BLOCKS = st.one_of(
    fn_sentence,
    st.builds(lambda n, t, i: "#" * n + f" {t}[^{i}]", st.integers(1, 3), words, fn_id),
    st.builds(lambda i, t: f"[^{i}]: {t}", fn_id, fn_sentence),
    st.builds(lambda i, t, u: f"[^{i}]: {t}\n\n    {u}", fn_id, fn_sentence, sentence),
    st.builds(lambda i, t, u: f"[^{i}]: {t}\n    - {u}", fn_id, words, words),
    st.builds(lambda i, j, t: f"[^{i}]: {t}\n[^{j}]: {t}", fn_id, fn_id, words),
    st.builds(lambda t, i: f"- {t}[^{i}]\n    - nested[^{i}]", words, fn_id),
    st.builds(lambda t, i: f"> {t}[^{i}]", words, fn_id),
    st.just("[TOC]"),
    st.just("> [TOC]"),
    st.just("```\nre.compile(r'[^a-z]')\n[^1]: not a note\n```"),
    st.just("    [^1] in indented code"),
    st.builds(lambda t: f"Match [^\\s]+ in {t}.", words),
)
WIDE_EDITS = st.sampled_from(
    [
        "[^1]",
        "[^n]",
        "[^",
        "]",
        "]:",
        "^",
        "\n[^1]: new note\n",
        "\n\n[^x]: another\n\n",
        "[^note]: ",
        "    ",
        "[TOC]",
        "\n\n[TOC]\n\n",
        "## harbour",
        "\n# vote\n",
        "`",
        "*[NATO]: Alliance",
        "[a]: /new",
    ]
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
def wide_documents(draw: st.DrawFn) -> str:
    blocks = draw(
        st.lists(st.one_of(BASE_BLOCKS, WIDE_BLOCKS, WIDE_BLOCKS), min_size=1, max_size=14)
    )
    # Most articles with notes define them at the end.
    notes = draw(st.lists(st.builds(lambda i, t: f"[^{i}]: {t}", fn_id, fn_sentence), max_size=4))
    blocks += notes
    out = blocks[0]
    for block in blocks[1:]:
        out += draw(SEPARATORS) + block
    return out + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def edits(
    draw: st.DrawFn, tokens: st.SearchStrategy[str] = EDIT_TOKENS
) -> list[tuple[float, int, str]]:
    """(position as a fraction of the text, characters deleted, text inserted)."""
    return draw(
        st.lists(
            st.tuples(
                st.floats(0, 1),
                st.integers(0, 6),
                st.one_of(tokens, st.just("")),
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
        # The same change as separate patches, applied from the last one.
        pieces = list(previous)
        ends = [first + removed for first, removed, _ in update.patches]
        assert ends == sorted(ends)
        for first, removed, inserted in reversed(update.patches):
            pieces[first : first + removed] = inserted
        assert pieces == list(update.htmls)
        changed = set(update.changed_blocks)
        assert all(k in changed or update.htmls[k] in previous for k in range(len(update.htmls)))
    assert len(update.lines) == len(update.htmls) or update.htmls == ()
    return list(update.htmls)


def expected(text: str) -> tuple[str, str]:
    """The reference HTML, or the kind of error when Python-Markdown itself fails.

    (A footnote whose text defines another footnote makes Python-Markdown's
    footnote list raise ``RuntimeError``; the incremental render must then
    fail the same way rather than show something the reference cannot.)
    """
    try:
        return "html", render_markdown(text)
    except RuntimeError as exc:
        return "error", type(exc).__name__


def render_step(
    renderer: IncrementalRenderer, text: str
) -> tuple[tuple[str, str], BlockUpdate | None]:
    try:
        update = renderer.render_blocks(text)
    except RuntimeError as exc:
        return ("error", type(exc).__name__), None
    return ("html", renderer.html), update


def run_sequence(text: str, steps: list[tuple[float, int, str]]) -> None:
    renderer = IncrementalRenderer()
    result, update = render_step(renderer, text)
    assert result == expected(text)
    blocks = check_update([], update) if update else []
    for step in steps:
        text = apply_edit(text, step)
        result, update = render_step(renderer, text)
        assert result == expected(text), text
        blocks = check_update(blocks, update) if update else blocks


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


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wide_documents(), edits(st.one_of(EDIT_TOKENS, WIDE_EDITS)))
@example(
    text="[Port]: /local/Port\n\n*[HTML]: Hyper Text Markup Language\n\n- HTML tide[^1]\n"
    "    - nested[^1]\n\nharbour harbour ferry ferry\n: [Port] [Port] R&D & AT&amp;T "
    "[ferry](https://example.org/ferry)\n\n```\nunclosed fence\n  \n[^1]: harbour\n"
    "[^1]: harbour\n\n[^note]: [a] R&D & AT&amp;T\n\n"
    "[^1]: [harbour ferry vote mayor](https://example.org/harbour-ferry-vote-mayor)\n\n"
    "[^1]: [^a-z] ![tide mayor](img/tide_mayor.png)\n\n"
    "[^1]: NATO ![harbour harbour HTML mayor](img/harbour_harbour_HTML_mayor.png)",
    steps=[
        (0.0, 3, "## vote"),
        (0.0, 5, "\n\n[^x]: another\n\n"),
        (0.0, 3, ""),
        (0.48785460675906556, 4, "\n\n[^x]: another\n\n"),
    ],
)
def test_matches_full_render_with_document_wide_constructs(
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


def _renderer_for(text: str) -> IncrementalRenderer:
    renderer = IncrementalRenderer()
    assert renderer.render(text) == render_markdown(text)
    return renderer


def _insert(text: str, anchor: str, insert: str) -> str:
    at = text.index(anchor) + len(anchor)
    return text[:at] + insert + text[at:]


ARTICLE_WITH_NOTES = "\n\n".join(
    [
        "[TOC]",
        "# The harbour vote",
        "The council met on Monday.[^vote] A regex like `[^a-z]+` filters names.",
        "Prose may say [^not a note] or match [^0-9] without meaning a footnote.",
        "## What the HTML said",
        "The mayor spoke twice.[^mayor] Again later.[^mayor]",
        "    code with [^vote] inside",
        "## Tide tables",
        "The ferry[^ferry] sails at high tide.",
        "*[HTML]: Hyper Text Markup Language",
        "[^vote]: Seven to two.",
        "[^mayor]: Her second term.\n\n    A paragraph of the note.",
        "[^ferry]: The old one.",
    ]
)


def test_typing_in_an_article_with_notes_and_a_toc_renders_one_block() -> None:
    renderer = _renderer_for(ARTICLE_WITH_NOTES)
    text = ARTICLE_WITH_NOTES
    for anchor in ("council", "sails", "match"):
        before = list(renderer.render_blocks(text).htmls)
        text = _insert(text, anchor, "x")
        update = renderer.render_blocks(text)
        assert renderer.html == render_markdown(text)
        assert not update.reset
        assert len(update.patches) == 1
        assert update.removed == 1 and len(update.inserted) == 1
        check_update(before, update)
    assert renderer.full_renders == 0


def test_typing_inside_a_footnote_definition_updates_the_list() -> None:
    renderer = _renderer_for(ARTICLE_WITH_NOTES)
    text = ARTICLE_WITH_NOTES
    typed = ""
    for letter in " at the harbour":
        before = list(renderer.render_blocks(text).htmls)
        text = _insert(text, "Seven to two" + typed, letter)
        typed += letter
        update = renderer.render_blocks(text)
        assert renderer.html == render_markdown(text)
        check_update(before, update)
        # The definition renders to nothing: only the list at the end changes.
        assert update.changed_blocks == (len(update.htmls) - 1,)
    assert "<p>Seven to two at the harbour.&#160;" in update.htmls[-1]
    assert renderer.full_renders == 0


def test_a_reference_to_a_missing_note_stays_text() -> None:
    text = "Says who?[^nobody]\n\nAnd[^1].\n\n[^1]: Someone.\n"
    renderer = _renderer_for(text)
    assert "[^nobody]" in renderer.html
    edited = text.replace("[^1]: Someone.", "[^nobody]: Someone.")
    assert renderer.render(edited) == render_markdown(edited)
    assert "[^1]" in renderer.html and 'href="#fn:nobody"' in renderer.html
    assert renderer.full_renders == 0


def test_a_note_defined_in_the_middle_renumbers_the_later_ones() -> None:
    paragraphs = [f"Paragraph {i} cites[^n{i}]." for i in range(30)]
    notes = [f"[^n{i}]: Note {i}." for i in range(30)]
    text = "\n\n".join(paragraphs + notes) + "\n"
    renderer = _renderer_for(text)
    edited = text.replace("[^n0]: Note 0.", "[^new]: Early.\n\n[^n0]: Note 0.")
    edited = edited.replace("Paragraph 5 cites", "Paragraph 5[^new] cites")
    assert renderer.render(edited) == render_markdown(edited)
    assert renderer.full_renders == 0


def test_notes_cited_from_several_blocks_get_numbered_back_links() -> None:
    text = "One[^a].\n\n- Two[^a].\n\nThree[^a][^a].\n\n[^a]: The note.\n"
    renderer = _renderer_for(text)
    assert 'id="fnref4:a"' in renderer.html
    assert renderer.html.count("footnote-backref") == 4
    edited = text.replace("One[^a]", "One")
    assert renderer.render(edited) == render_markdown(edited)
    assert renderer.html.count("footnote-backref") == 3
    assert renderer.full_renders == 0


def test_renaming_a_heading_updates_the_table_of_contents() -> None:
    renderer = _renderer_for(ARTICLE_WITH_NOTES)
    before = list(renderer.render_blocks(ARTICLE_WITH_NOTES).htmls)
    edited = ARTICLE_WITH_NOTES.replace("## Tide tables", "## Tide tables for May")
    update = renderer.render_blocks(edited)
    assert renderer.html == render_markdown(edited)
    assert 'href="#tide-tables-for-may"' in update.htmls[0]
    # The table at the top and the heading lower down: two small patches.
    assert len(update.patches) == 2
    check_update(before, update)
    assert renderer.full_renders == 0


def test_the_footnote_place_marker_is_rendered_whole_and_counted() -> None:
    text = "Text[^1].\n\n///Footnotes Go Here///\n\nMore.\n\n[^1]: Note.\n"
    renderer = _renderer_for(text)
    assert renderer.full_renders == 1
    edited = text.replace("///Footnotes Go Here///", "Plain.")
    assert renderer.render(edited) == render_markdown(edited)
    assert renderer.full_renders == 1


def test_a_list_after_a_footnote_definition_still_joins_the_list_before_it() -> None:
    """A definition renders to nothing: the list after it continues the one before."""
    for gap in ("\n\n", "\n\n\n"):
        text = f"- one\n\n[^n]: The note.{gap}- two\n\nText[^n].\n"
        renderer = _renderer_for(text)
        edited = text.replace("The note.", "The longer note.")
        assert renderer.render(edited) == render_markdown(edited)
        code = f"    code one\n\n[^n]: Note.{gap}    code two\n"
        assert _renderer_for(code).html == render_markdown(code)


def test_typing_in_one_of_many_definitions_renders_little() -> None:
    notes = [f"[^n{i}]: Note {i}." for i in range(200)]
    notes[50] += "\n\n    A second paragraph."
    text = "Body[^n1].\n\n" + "\n\n".join(notes) + "\n"
    renderer = _renderer_for(text)
    blocks = renderer.render_blocks(text).htmls
    assert len(blocks) > 100  # the definitions are blocks of their own
    edited = text.replace("Note 120.", "Note 120 and more.")
    update = renderer.render_blocks(edited)
    assert renderer.html == render_markdown(edited)
    assert len(update.patches) == 1 and update.removed == 1
    assert renderer.full_renders == 0


def test_an_edit_after_a_run_of_definitions_can_undo_the_cut_before_it() -> None:
    """``[^1]:`` becoming ``:`` makes a definition-list line that looks back past ``[^a]:``."""
    text = "> quote\n\n[^a]: A note.\n\n[^1]: *vote*[^a]\n\n[^x]: Last.\n"
    renderer = _renderer_for(text)
    edited = text.replace("[^1]: *vote*", ": *vote*")
    assert renderer.render(edited) == render_markdown(edited)
    assert "<dd>" in renderer.html


def test_an_unclosed_html_block_inside_a_footnote() -> None:
    """The HTML block runs to the end; the note's text only holds a placeholder for it."""
    text = "Text[^1].\n\n[^1]: harbour\n    - a list\n\n[^2]: x\n\n[^1]: last\n"
    renderer = _renderer_for(text)
    edited = text.replace("\n    - a list", "\n <div>   - a list")
    assert renderer.render(edited) == render_markdown(edited)
    assert renderer.full_renders == 1
    assert renderer.render(text) == render_markdown(text)
    assert renderer.full_renders == 1


def test_a_definition_item_takes_the_paragraph_before_it_into_the_list_before_that() -> None:
    """``: d`` after ``c`` makes ``c`` a term of the list ``a`` opened, through definitions too."""
    for between in ("", "[^1]: A note.\n\n", "[x]: /u\n\n", "*[HTML]: Markup\n\n"):
        text = f"a\n: b\n\nc\n\n{between}: d\n\nText[^1] [x].\n"
        renderer = _renderer_for(text)
        assert renderer.html.count("<dl>") == 1
        # Typing the item's colon after the fact joins the lists too.
        plain = text.replace("\n: d", "\nd")
        renderer = _renderer_for(plain)
        assert renderer.render(text) == render_markdown(text)
        assert renderer.render(plain) == render_markdown(plain)
    assert renderer.full_renders == 0


@pytest.mark.parametrize(
    "head",
    ["&#x; &#x;", "&# and &#x", "`&#` in code", "a\n\n&#\n\nb &#"],
)
def test_a_stray_character_reference_start_renders_like_the_full_render(head: str) -> None:
    """After a stray ``&#`` Python-Markdown reads later raw HTML differently; typing keeps up."""
    text = head + '\n\n<DIV CLASS="foo">\n\n*Markdown*\n\n</DIV>\n'
    renderer = IncrementalRenderer()
    assert renderer.render(text) == render_markdown(text)
    edited = text.replace("Markdown", "Markdown typed")
    assert renderer.render(edited) == render_markdown(edited)
    assert renderer.full_renders == 2  # counted, so the benchmark can report it


def test_whole_character_references_keep_the_incremental_path() -> None:
    text = "Caf&#233; and &#x263A;\n\n<div>\n\n*kept*\n\n</div>\n\nMore text.\n"
    renderer = IncrementalRenderer()
    assert renderer.render(text) == render_markdown(text)
    edited = text.replace("More", "More and more")
    assert renderer.render(edited) == render_markdown(edited)
    assert renderer.full_renders == 0
