"""The line reader for plain YAML front matter agrees with the editor's own parser.

``plain_fields`` may give up (None) whenever the text is not plain enough,
but when it answers, the answer must be exactly what ``slow_fields``
(parse_yaml plus the editor's validation) gives, and it must never answer
for front matter the editor refuses. It must also answer for the front
matter writers actually have, or it saves nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.errors import ArticleError
from editor.core.frontmatter import split_front_matter
from editor.core.library.fields import slow_fields
from editor.core.library.plain_yaml import plain_fields
from tests.core.test_library_fast_path import CASES

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "jekyll"
SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"

#: Front matter the line reader must answer for (and get right).
PLAIN = [
    "",
    "# a comment only\n",
    "title: Harbour vote\nsummary: The council votes tonight.\n",
    "title: \"Quoted: with colon\"\nsummary: 'It''s done'\n",
    "title: C# in the newsroom\nsummary: Tools # with a comment\n",
    "title: Tram works\ndate: 2026-03-04\ndraft: no\nweight: 3\nratio: 1.5\n",
    "title: T\ntags: [harbour, 'night ferry', \"winter\"]\ncategories: []\n",
    "title: T\ntags:\n  - harbour\n  - winter\naliases:\n- /old/path\n",
    "prev:\n  title: Harbour vote\n  path: ../topic-001/harbour.md\nnext: Night ferry\n",
    "next:\n  title: Night ferry\n  path: ferry.md\n  url: https://example.org/ferry\n",
    "next:\n  title:\n  path: ferry.md\n  weight: 4\n",
    "title: Links\nauthor:\n  name: Mira Castell\n  email: mira@example.org\n",
    "title:\nsummary: ~\nprev: null\nnext:\n",
    "title: T\n\n\nsummary: After blank lines\n   \n",
    "title: Ünïcode «quotes» — dash\nsummary: 漢字とかな\n",
    "title: http://example.org/a:b\n",
    "title: a [b] {c}, d\n",
    "title: T\r\nsummary: CRLF lines\r\n",
    "on: yes\nnull: x\ntitle: Keys are named by their text\n",
    "title: A\nnext:\n  title: First\n  title: Second wins\n  on: x\n",
    "title: last line without a break",
    "title: T\nnext:   \n  title: After spaces\n  path: n.md\nprev:  # a comment\n  title: P\n",
    "title:   \nsummary: after an empty title with spaces\n",
]

#: Front matter the line reader must leave to the parsers.
NOT_PLAIN = [
    "title: >\n  folded\n",
    "title: a\n  continued\n",
    "title: 'a'\n# note\n  continued\n",
    "title: A\ntitle: B\n",
    "title: x\nnext:\n  title: 3\n",
    "title: 2024\n",
    "title: [a]\n",
    "next: [a]\n",
    "next:\n  - a\n",
    "title:\n  a: b\n",
    "summary:\n  - a\n",
    "date: 2026-13-45\n",
    "n: " + "1" * 150 + "\n",
    "n: 0x_\n",
    "e: =\n",
    "<<: {a: 1}\n",
    'title: "escape \\t"\n',
    "title: tab\there\n",
    "title: x\n  # indented comment\n",
    "key:value\n",
    "title: a: b\n",
    "title: a:\n",
    "tags: [a, , b]\n",
    "tags: [a, b,]\n",
    "tags: [a, [b]]\n",
    "title: &a x\n",
    "title: *a\n",
    "title: !t x\n",
    "- a\n",
    "%YAML 1.1\n",
    "  title: indented mapping\n",
    "title: x\n...\n",
    "title: nel\x85here\n",
    "title: bom\ufeffhere\n",
    "title: del\x7fhere\n",
    "tags:\n  - \n",
    "next:\n  title: T\n    deeper: x\n",
    "next:\n  title: T\n path: shallower\n",
]


def reference(text: str) -> Any:
    try:
        return slow_fields(text, "x.md", 1)
    except (ArticleError, ValueError, TypeError) as exc:
        return exc


def plain(text: str) -> Any:
    return plain_fields(text, 1)  # links already Link objects


def agrees(text: str) -> bool:
    """True when the line reader answered; it must then give the reference answer."""
    answer = plain(text)
    if answer is None:
        return False
    expected = reference(text)
    assert not isinstance(expected, Exception), (text, expected)
    assert answer == expected, text
    return True


@pytest.mark.parametrize("text", PLAIN)
def test_plain_front_matter_is_read_as_the_parser_reads_it(text: str) -> None:
    assert agrees(text), text


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_else_is_left_to_the_parsers(text: str) -> None:
    assert plain(text) is None, text


@pytest.mark.parametrize("text", CASES)
def test_the_event_readers_cases_agree_or_give_up(text: str) -> None:
    agrees(text)


def test_the_real_corpus_and_the_samples_are_read_as_the_parser_reads_them() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the Jekyll corpus is not at {CORPUS}; only the samples are compared")
    files = sorted(CORPUS.glob("*.md")) + sorted(SAMPLES.glob("*.md"))
    with_front_matter = answered = 0
    for path in files:
        source = path.read_text(encoding="utf-8", errors="replace")
        try:
            split = split_front_matter(source)
        except ArticleError:
            continue
        if split.has_front_matter:
            with_front_matter += 1
            answered += agrees(source[split.yaml_start : split.yaml_end])
    assert with_front_matter and answered >= with_front_matter * 9 // 10


_LINES = st.sampled_from(
    [
        "title: Plain\n", "title: 'Quoted'\n", "title: \"Double\"\n", "title: 12\n", "title:\n",
        "title: yes\n", "title: x # c\n", "title: a#b\n", "summary: Some words\n",
        "summary: |\n  block\n", "date: 2026-02-30\n", "date: 2026-02-03\n", "tags: [a, b]\n",
        "tags: ['a', \"b\", c d]\n", "tags: [1, 2026-13-45]\n", "tags: []\n",
        "tags:\n  - a\n  - b\n", "tags:\n- a\n- 1\n", "  - stray\n", "prev: Plain prev\n",
        "prev:\n  title: P\n  path: p.md\n", "next:\n  title: 3\n", "next:\n  path: n.md\n",
        "next:\n  title:\n", "next:\n  extra: [1]\n", "next: {title: F, path: f.md}\n",
        "x: &a 1\n", "y: *a\n", "z: !t v\n", "<<: {q: 1}\n", "bad: [\n", "  indented: wrong\n",
        "# comment\n", "  # indented comment\n", "\n", "   \n", "k: v # c\n", "e: =\n",
        "n: ~\n", "'title': Q\n", "on: x\n", "null: x\n", "a: b: c\n", "url: http://x.org\n",
        "w: 0x_\n", "w: 0x1F\n", "t: 10:30\n", "nb: \u00a0x\n", "nb: x\u00a0\n", "q: 'it''s'\n",
        "q: 'open\n", "s: \"a\" b\n", "s: 'a' # c\n", "---\n", "...\n", "-x: y\n",
        "title:  # c\n", "next:   \n", "prev: # c\n", "  title: # c\n", "  path:   \n",
        "  title: T  \n", "  url: 'u' # c\n", "x: 1.5 # c\n", "x: ._\n", "  - 2026-02-30\n",
        "tags: [x, 2026-02-30]\n", "title: \"a\"  \n", "summary: a # b # c\n",
        "t: nel\x85x\n", "t: a\x01b\n", "t: \ufeffx\n", "t: 'é\u2028'\n", "# c\x7f\n",
        "title: \"del\x7f\"\n", "title: é ü\n", "t: [é, \x9f]\n",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=8))
def test_random_front_matter_agrees_or_gives_up(lines: list[str]) -> None:
    agrees("".join(lines))
