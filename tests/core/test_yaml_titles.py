"""Titles the editor writes must read back as the very same string everywhere.

Jekyll and PyYAML read YAML 1.1, Hugo and js-yaml read YAML 1.2; a title left
bare can be a boolean in one (``No``) and a number in the other (``0o17``).
Each title here is written by the editor, then read by PyYAML's pure and C
safe loaders and by ruamel.yaml in YAML 1.2 mode, an independent reader.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.article import Link, parse_article
from editor.core.frontmatter import split_front_matter

ruamel_yaml = pytest.importorskip("ruamel.yaml", reason="ruamel.yaml (test extra) is not installed")

TRICKY_TITLES = [
    "No",
    "no",
    "yes",
    "Yes",
    "on",
    "off",
    "ON",
    "y",
    "n",
    "true",
    "False",
    "null",
    "Null",
    "~",
    "1.10",
    "1e3",
    "1E3",
    "0o17",
    "017",
    "0b101",
    "2024-01-01",
    "2024-01-01 10:00:00",
    "12:30",
    "190:20:30",
    "0x1F",
    "1_000",
    "-1",
    "+1",
    ".5",
    ".inf",
    "-.inf",
    ".NaN",
    "a: b",
    "a:b",
    "trailing colon:",
    "#tag",
    "word #not-a-comment",
    "- item",
    "-",
    "--",
    "---",
    "...",
    "[x]",
    "{y}",
    "a, b",
    "*star",
    "&amp",
    "!bang",
    "!!str",
    "@at",
    "`tick`",
    "%percent",
    "?",
    "? question",
    "|",
    ">",
    "=",
    "<<",
    " leading space",
    "trailing space ",
    "  ",
    "it's",
    "'single'",
    '"double"',
    'say "hi"',
    "line\nbreak",
    "ends with newline\n",
    "carriage\rreturn",
    "crlf\r\nline",
    "tab\there",
    "\tleading tab",
    "back\\slash",
    "\\",
    "C:\\temp\\new",
    "\\n is not a newline",
    "Ünïcödé straße",
    "日本語のタイトル",
    "Emoji 🎉 party 🚀",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 outside the BMP",
    "line\u2028separator",
    "paragraph\u2029separator",
    "next\x85line",
    "nul\x00byte",
    "bell\x07",
    "escape\x1b[0m",
    "delete\x7f",
    "zero\u200bwidth",
    "bom\ufeffinside",
    "non-character\ufffe",
    "non-character\uffff",
    "private\ue000use",
    "City council approves harbour dredging after months of delay",
]

ORIGINALS = {
    "plain": "---\ntitle: Old title\n---\nBody.\n",
    "single": "---\ntitle: 'Old title'\n---\nBody.\n",
    "double": '---\ntitle: "Old title"\n---\nBody.\n',
    "block": "---\ntitle: >-\n  Old\n  title\ndate: 2020-01-01\n---\nBody.\n",
    "absent": "---\ndate: 2020-01-01\n---\nBody.\n",
    "no front matter": "Body.\n",
}


def _front_matter(text: str) -> str:
    split = split_front_matter(text)
    assert split.has_front_matter
    return text[split.yaml_start : split.yaml_end]


def _ruamel_12() -> Any:
    reader = ruamel_yaml.YAML(typ="safe", pure=True)
    reader.version = (1, 2)
    return reader


RUAMEL = _ruamel_12()


#: PyYAML built without libyaml has no C loader; the pure one still runs.
C_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _readers(front_matter: str) -> dict[str, Any]:
    return {
        "PyYAML SafeLoader (1.1)": yaml.load(front_matter, Loader=yaml.SafeLoader),
        "PyYAML CSafeLoader (1.1)": yaml.load(front_matter, Loader=C_SAFE_LOADER),
        "ruamel.yaml (1.2)": RUAMEL.load(front_matter),
    }


def assert_reads_back(original: str, title: str) -> None:
    article = parse_article(original)
    article.title = title
    text = article.to_text()
    front_matter = _front_matter(text)
    for reader, data in _readers(front_matter).items():
        assert data["title"] == title, f"{reader} read {data['title']!r} from {front_matter!r}"
    again = parse_article(text)
    assert again.title == title
    assert again.body == "Body.\n"


@pytest.mark.parametrize("style", list(ORIGINALS))
@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_title_reads_back_identically(title: str, style: str) -> None:
    assert_reads_back(ORIGINALS[style], title)


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_summary_and_link_titles_read_back_identically(title: str) -> None:
    article = parse_article("---\ntitle: T\nnext: Old\n---\nBody.\n")
    article.summary = title
    article.prev = Link(title, path="a b.md")
    article.next = Link(title)
    text = article.to_text()
    for reader, data in _readers(_front_matter(text)).items():
        assert data["summary"] == title, reader
        assert data["prev"] == {"title": title, "path": "a b.md"}, reader
        assert data["next"] == title, reader
    again = parse_article(text)
    assert (again.summary, again.prev, again.next) == (title, Link(title, "a b.md"), Link(title))


@pytest.mark.parametrize("title", ["No", "0o17", "1e3", "2024-01-01", "a: b", "#tag", "[x]"])
def test_tricky_titles_are_quoted_not_bare(title: str) -> None:
    article = parse_article("---\ntitle: Old\n---\n")
    article.title = title
    line = article.to_text().splitlines()[1]
    assert line in (f'title: "{title}"', f"title: '{title}'")


@pytest.mark.parametrize(
    "title", ["Harbour dredging approved", "Ünïcödé straße", "What's next? A look at 2025"]
)
def test_prose_titles_stay_bare(title: str) -> None:
    article = parse_article("---\ntitle: Old\n---\n")
    article.title = title
    assert article.to_text().splitlines()[1] == f"title: {title}"


def test_file_quoting_style_is_kept() -> None:
    single = parse_article("---\ntitle: 'Old'\n---\n")
    single.title = "New"
    assert "title: 'New'\n" in single.to_text()
    double = parse_article('---\ntitle: "Old"\n---\n')
    double.title = "New"
    assert 'title: "New"\n' in double.to_text()


@settings(max_examples=300, deadline=None)
@given(title=st.text(min_size=1, max_size=40), style=st.sampled_from(sorted(ORIGINALS)))
def test_generated_titles_read_back_identically(title: str, style: str) -> None:
    assert_reads_back(ORIGINALS[style], title)


@settings(max_examples=200, deadline=None)
@given(
    title=st.text(
        alphabet=st.sampled_from(list(" -:#,[]{}'\"!&*?|>%@`\\\t\n.0123456789eEoxyYnN~")),
        min_size=1,
        max_size=12,
    )
)
def test_generated_punctuation_titles_read_back_identically(title: str) -> None:
    assert_reads_back(ORIGINALS["plain"], title)
