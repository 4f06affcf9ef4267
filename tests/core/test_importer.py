"""Import of scraped pages: what survives, what is dropped, what is refused."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.article import Link, load_article, new_article, save_article
from editor.core.errors import ArticleError
from editor.core.importer import (
    escape_paragraph,
    import_files,
    import_text,
    parse_scraped_text,
    read_scraped_file,
    slugify,
)
from editor.core.render import render_markdown

SCRAPED = Path(__file__).resolve().parents[1] / "fixtures" / "scraped"

# (file, title, paragraph count, first words of the body, prev title, next title, flagged)
EXPECTED = [
    (
        "harbour-night-ferry.txt",
        "Night ferry to the outer islands resumes after two quiet winters",
        4,
        "The overnight ferry between",
        "Council approves dredging of the eastern harbour basin",
        "Evening hours return at the central library",
        False,
    ),
    (
        "bakery-crlf.txt",
        "Bakery cooperative opens a second shop near the station",
        3,
        "The bakery cooperative that took over",
        None,
        "Repairs close the river footbridge for six weeks",
        False,
    ),
    (
        "festival-accents.txt",
        "Zoë Müller’s “Canción del río” opens the summer festival — to a full square",
        4,
        "The summer festival began on Thursday night with the première",
        "Café owners ask for longer terrace hours on the embankment",
        "Why the old tram depot is getting a green roof",
        False,
    ),
    (
        "placeholder-previous.txt",
        "Volunteers count the swifts nesting under the old bridge",
        3,
        "For the fourth year in a row",
        "TODO: headline",
        "Allotment holders win a reprieve for the canal-side plots",
        True,
    ),
    (
        "bridge-furniture.txt",
        "Inspectors find cracks in the supports of the river footbridge",
        4,
        "Engineers inspecting the river footbridge",
        "Bakery cooperative opens a second shop near the station",
        "Volunteers count the swifts nesting under the old bridge",
        False,
    ),
    (
        "library-no-links.txt",
        "Evening hours return at the central library",
        6,
        "The central library will stay open",
        None,
        None,
        False,
    ),
]

BOX_AND_FURNITURE = (
    "No time to read?",
    "Get a summary",
    "Previous Article",
    "Next Article",
    "Advertisement",
    "Share this article",
    "Related stories",
    "Listen to this article",
    "Most read",
    "Subscribe",
    "Photo: Infrastructure department",
)


def _rendered_text(markdown_text: str) -> list[str]:
    """The text of each top-level element the body renders to."""
    rendered = render_markdown(markdown_text)
    blocks = re.findall(r"<(\w+)[^>]*>(.*?)</\1>", rendered, re.S)
    return [f"{tag}:{html.unescape(re.sub(r'<[^>]+>', '', inner))}" for tag, inner in blocks]


def test_fixture_set_is_varied() -> None:
    names = {p.name for p in SCRAPED.glob("*.txt")}
    assert len(names) >= 5
    assert b"\r\n" in (SCRAPED / "bakery-crlf.txt").read_bytes()


@pytest.mark.parametrize(("name", "title", "count", "start", "prev", "next_", "flagged"), EXPECTED)
def test_each_sample_page_imports(
    tmp_path: Path,
    name: str,
    title: str,
    count: int,
    start: str,
    prev: str | None,
    next_: str | None,
    flagged: bool,
) -> None:
    batch = import_files([SCRAPED / name], tmp_path)
    assert not batch.rejected
    (result,) = batch.created
    article = load_article(result.path)
    assert article.title == title
    assert (article.prev.title if article.prev else None) == prev
    assert (article.next.title if article.next else None) == next_
    paragraphs = article.body.strip("\n").split("\n\n")
    assert len(paragraphs) == count
    assert paragraphs[0].startswith(start)
    assert all(p.startswith("<p>") for p in render_markdown(article.body).split("\n"))
    assert bool(result.warnings) is flagged
    for word in BOX_AND_FURNITURE:
        assert word not in article.body
    assert result.path.parent == tmp_path
    assert result.path.name == slugify(title) + ".md"
    assert not article.summary


def test_placeholder_previous_title_is_flagged_and_not_linked(tmp_path: Path) -> None:
    decoy = new_article()
    decoy.title = "TODO: headline"
    save_article(decoy, tmp_path / "todo.md")
    (result,) = import_files([SCRAPED / "placeholder-previous.txt"], tmp_path).created
    assert result.article.prev == Link("TODO: headline")
    assert any("previous" in w and "TODO: headline" in w for w in result.warnings)


def test_crlf_page_reads_like_the_lf_page() -> None:
    crlf = (SCRAPED / "bakery-crlf.txt").read_bytes().decode("utf-8")
    assert parse_scraped_text(crlf) == parse_scraped_text(crlf.replace("\r\n", "\n"))
    assert parse_scraped_text(crlf) == parse_scraped_text(crlf.replace("\r\n", "\r"))


def test_curly_quotes_dashes_and_accents_arrive_intact(tmp_path: Path) -> None:
    (result,) = import_files([SCRAPED / "festival-accents.txt"], tmp_path).created
    data = result.path.read_text(encoding="utf-8")
    for text in ("“Canción del río”", "Zoë Müller’s", "— to a full square", "Łódź", "Nguyễn"):
        assert text in data
    assert result.path.name == (
        "zoe-mullers-cancion-del-rio-opens-the-summer-festival-to-a-full-square.md"
    )
    assert "\r" not in data


def test_furniture_is_dropped_but_body_order_kept() -> None:
    page = read_scraped_file(SCRAPED / "bridge-furniture.txt")
    assert page.title == "Inspectors find cracks in the supports of the river footbridge"
    assert [p.split()[0] for p in page.paragraphs] == ["Engineers", "The", "Pedestrians", "The"]
    assert page.paragraphs[-1].endswith("set aside last year.")


def test_lines_that_would_be_markdown_stay_plain_text() -> None:
    page = read_scraped_file(SCRAPED / "library-no-links.txt")
    texts = _rendered_text(page.body)
    assert all(t.startswith("p:") for t in texts)
    assert [t[2:] for t in texts] == list(page.paragraphs)
    assert "p:# of visitors after six" in texts[1]
    # A hard-wrapped sentence is one paragraph again.
    assert page.paragraphs[-1].endswith(
        "the extra hours would be covered by new part-time posts rather than overtime."
    )


@pytest.mark.parametrize(
    "line",
    ["# not a heading", "#hashtag", "- dash", "* star", "+ plus", "1. first", "2024.", "3) third",
     "> quoted", "```code", "~~~", "***", "- - -", "___", "[note]: somewhere", "<div>hello</div>"],
)  # fmt: skip
def test_escaped_line_renders_as_its_own_text(line: str) -> None:
    assert _rendered_text(escape_paragraph(line)) == [f"p:{line}"]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("#-*+>=_`~[]:<>!0123456789.) ab\t"), min_size=1, max_size=12)
)
def test_escaped_paragraph_is_always_one_paragraph(line: str) -> None:
    line = line.strip()
    if not line:
        return
    rendered = render_markdown(escape_paragraph(line))
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), (line, rendered)
    assert rendered.count("<p>") == 1


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Café à la carte — 2024", "cafe-a-la-carte-2024"),
        ("  Spaces   and___underscores  ", "spaces-and-underscores"),
        ("Привет", "article"),
        ("CON", "con-article"),
        ("ﬁne ligatures", "fine-ligatures"),
    ],
)
def test_slug(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_title_slug_is_cut_at_a_word() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.endswith("word")


def test_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    name = slugify(EXPECTED[0][1]) + ".md"
    (tmp_path / name).write_text("mine", encoding="utf-8")
    (tmp_path / name.replace(".md", "-2.md")).write_text("also mine", encoding="utf-8")
    first = import_files([SCRAPED / EXPECTED[0][0]], tmp_path).created[0]
    second = import_files([SCRAPED / EXPECTED[0][0]], tmp_path).created[0]
    assert first.path.name == name.replace(".md", "-3.md")
    assert second.path.name == name.replace(".md", "-4.md")
    assert (tmp_path / name).read_text(encoding="utf-8") == "mine"
    assert (tmp_path / name.replace(".md", "-2.md")).read_text(encoding="utf-8") == "also mine"


def test_links_get_a_path_when_the_folder_has_that_title(tmp_path: Path) -> None:
    existing = new_article()
    existing.title = "Council approves dredging of the eastern harbour basin"
    save_article(existing, tmp_path / "dredging.md")
    twin_a, twin_b = new_article(), new_article()
    twin_a.title = twin_b.title = "Evening hours return at the central library"
    save_article(twin_a, tmp_path / "a.md")
    save_article(twin_b, tmp_path / "b.md")
    (result,) = import_files([SCRAPED / "harbour-night-ferry.txt"], tmp_path).created
    assert result.article.prev == Link(existing.title, "dredging.md")
    # Two articles share the next title: which one is meant is for the writer to say.
    assert result.article.next == Link("Evening hours return at the central library")
    assert load_article(result.path).prev == Link(existing.title, "dredging.md")


def test_pages_imported_together_link_to_each_other(tmp_path: Path) -> None:
    batch = import_files([SCRAPED / "bakery-crlf.txt", SCRAPED / "bridge-furniture.txt"], tmp_path)
    bakery, bridge = (r.article for r in batch.created)
    assert bridge.prev is not None
    assert bridge.prev.path == batch.created[0].path.name
    assert bakery.next == Link("Repairs close the river footbridge for six weeks")


def test_import_text_from_the_clipboard(tmp_path: Path) -> None:
    text = (SCRAPED / "harbour-night-ferry.txt").read_text(encoding="utf-8")
    result = import_text(text, tmp_path)
    assert result.source == "<clipboard>"
    assert load_article(result.path).title.startswith("Night ferry")


BAD_INPUTS = [
    (b"", "empty"),
    (b"   \n\n\t\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"Title\n\xff\xfe body\n", "UTF-8"),
    (b"Just one line of text\n", "single line"),
    (b"A title\n\nNo time to read?\nGet a summary\n", "no body"),
    (b"A title\nPrevious Article\nSomething\nNext Article\nOther\n", "no body"),
    (b"---\ntitle: Already an article\n---\nBody.\n", "front matter"),
    (b"Previous Article\nA title\n\nSome body.\n", "not a title"),
]


@pytest.mark.parametrize(("data", "reason"), BAD_INPUTS)
def test_input_that_is_not_a_page_is_refused_and_creates_nothing(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    source = tmp_path / "in" / "page.txt"
    source.parent.mkdir()
    source.write_bytes(data)
    out = tmp_path / "out"
    out.mkdir()
    batch = import_files([source], out)
    assert not batch.created
    ((where, error),) = batch.rejected
    assert where == str(source)
    assert error.path == source
    words = {
        "empty": "empty",
        "binary": "binary",
        "UTF-8": "UTF-8",
        "single line": "single line",
        "no body": "no body text",
        "front matter": "front matter",
        "not a title": "not a title",
    }[reason]
    assert words in error.message
    assert list(out.iterdir()) == []


def test_missing_file_and_missing_folder(tmp_path: Path) -> None:
    batch = import_files([tmp_path / "nope.txt"], tmp_path)
    assert "does not exist" in batch.rejected[0][1].message
    with pytest.raises(ArticleError, match="folder does not exist"):
        import_text("Title\n\nBody text here.\n", tmp_path / "missing")


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    batch = import_files([bad, SCRAPED / "harbour-night-ferry.txt"], out)
    assert len(batch.created) == 1 and len(batch.rejected) == 1
    assert [p.name for p in out.iterdir()] == [batch.created[0].path.name]


_LINE = st.text(alphabet=st.sampled_from("#-*+>=_`~[]:<>!0123456789.) ab"), min_size=1, max_size=10)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE.map(str.strip).filter(bool), min_size=1, max_size=5))
def test_every_paragraph_stays_one_paragraph_in_the_body(lines: list[str]) -> None:
    from editor.core.importer import ScrapedPage

    rendered = render_markdown(ScrapedPage("t", tuple(lines)).body)
    tags = re.findall(r"<(/?\w+)", rendered)
    assert tags.count("p") == len(lines), (lines, rendered)
    assert set(tags) <= {"p", "/p", "em", "/em", "strong", "/strong", "code", "/code", "a", "/a"}


def test_summary_sentence_after_the_box_becomes_the_summary(tmp_path: Path) -> None:
    page = (
        "Keeper's cottage on the headland opens to visitors\n\n"
        "No time to read?\nGet a summary\n"
        "The restored cottage opens on Saturday with a small museum.\n\n"
        "The lighthouse keeper's cottage has stood empty since the light was automated.\n\n"
        "Volunteers spent two summers repairing the roof and the stone walls.\n"
    )
    result = import_text(page, tmp_path)
    article = load_article(result.path)
    assert article.summary == "The restored cottage opens on Saturday with a small museum."
    paragraphs = article.body.strip("\n").split("\n\n")
    assert paragraphs[0].startswith("The lighthouse keeper's cottage")
    assert "restored cottage opens" not in article.body
    assert result.path.name == "keepers-cottage-on-the-headland-opens-to-visitors.md"


def test_box_followed_by_a_blank_line_keeps_the_body_and_no_summary(tmp_path: Path) -> None:
    page = (
        "Evening hours return at the library\n\nNo time to read?\nGet a summary\n\n"
        "The library stays open until nine from Monday.\n\nStaff welcome the change.\n"
    )
    article = load_article(import_text(page, tmp_path).path)
    assert article.summary == ""
    assert article.body.startswith("The library stays open until nine")


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Keeper's cottage", "keepers-cottage"),
        ("Keeper\u2019s cottage", "keepers-cottage"),
        ("Rock 'n' roll night", "rock-n-roll-night"),
    ],
)
def test_apostrophes_do_not_split_words_in_file_names(title: str, stem: str) -> None:
    assert slugify(title) == stem


@pytest.mark.parametrize("lines", [["0", ": 0"], ["a", ":  b"], ["*[ab]: c"]])
def test_definition_and_abbreviation_lines_stay_paragraphs(lines: list[str]) -> None:
    from editor.core.importer import ScrapedPage

    rendered = render_markdown(ScrapedPage("t", tuple(lines)).body)
    assert rendered.count("<p>") == len(lines), rendered
    assert [
        html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", rendered)
    ] == lines
