"""The library's fast front-matter reader agrees with the editor's own parser.

``fast_fields`` reads the C parser's events instead of building every value;
it may give up (None) whenever it is unsure, but when it answers, the answer
must be exactly what ``slow_fields`` (parse_yaml plus the editor's
validation) gives, and it must never answer for front matter the editor
refuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.errors import ArticleError
from editor.core.frontmatter import split_front_matter
from editor.core.library.fields import fast_fields, slow_fields
from editor.core.library.index import front_matter_range

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "jekyll"
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"

CASES = [
    "",
    "# only a comment\n",
    "title: Plain title\nsummary: Plain summary\n",
    "title: 'single quoted: with colon'\nsummary: \"double \\u00e9\"\n",
    "title: >\n  folded\n  title\nsummary: |\n  literal\n",
    "title:\nsummary: ~\nprev: null\n",
    "title: 2024\n",
    "title: yes\n",
    "title: 1.5\n",
    "title: 2026-10-14\n",
    "title: [a, b]\n",
    "title: {a: b}\n",
    "title: &anchor Anchored\n",
    "title: !!str 42\n",
    "title: !custom x\n",
    "date: 2026-13-45\ntitle: Bad date elsewhere\n",
    "date: 2026-10-14\ntitle: Good date\n",
    "date: 2026-10-14 10:00:00 +02:00\ntitle: Time\n",
    "title: A\ntitle: B\n",
    "prev: Plain previous\nnext: 'Quoted next'\n",
    "prev:\n  title: Prev\n  path: a.md\nnext:\n  title: Next\n  path: ../b.md\n  url: https://x\n",
    "next: {title: Flow, path: c.md}\n",
    "next:\n  title: 12\n  path: c.md\n",
    "next:\n  title: T\n  path: 12\n",
    "next:\n  title: T\n  weight: 3\n",
    "next:\n  title: T\n  extra: [1, 2]\n",
    "next:\n  title:\n  path: x.md\n",
    "next: [a, b]\n",
    "next: 5\n",
    "tags: [a, b, {c: d}]\nauthor:\n  name: X\n  links:\n    - one\n    - two\ntitle: Nested\n",
    "base: &b {x: 1}\nother: *b\ntitle: Alias\n",
    "<<: {title: merged}\n",
    "m:\n  <<: {a: 1}\ntitle: Nested merge\n",
    "odd: =\ntitle: Value tag\n",
    "1: one\ntitle: Number key\n",
    "? [complex, key]\n: value\ntitle: Complex\n",
    "m:\n  ? [complex]\n  : value\ntitle: Nested complex key\n",
    "- a list\n- not a mapping\n",
    "just a scalar\n",
    "title: [unclosed\n",
    "title: 'unclosed\n",
    "title: a\n  bad: indent\n",
    "title: tab\there\n",
    "\ttitle: tab start\n",
    "%YAML 1.1\n---\ntitle: Directive\n",
    "title: x\n---\ntitle: second document\n",
    "deep: " + "[" * 60 + "]" * 60 + "\ntitle: Deep\n",
    "title: Ünïcode «quotes» — dash\nsummary: 'It''s'\n",
    'title: "Escapes \\t \\x41 \\U0001F600"\n',
    "title: x # a comment\n",
    "title: null\nsummary: Null title\n",
    "title: ''\n",
    "'title': Quoted key\n\"next\": Quoted next key\n",
    "TITLE: Upper key\n",
    "title: 0o17\nsummary: 1e3\n",
    "title: .inf\n",
    "title: -\n",
    "title: x\nsummary: !!binary aGVsbG8=\n",
    "title: x\nsummary: !!timestamp 2026-01-01\n",
    "title: x\nset: !!set {a, b}\n",
    "title: x\nn: " + "1" * 150 + "\n",
    "title: x\nn: 0x_\n",
    "title: x\nnext:\n  title: T\n  weight: " + "9" * 150 + "\n",
]


def same_as_reference(text: str) -> Any:
    fast = fast_fields(text, 1)
    try:
        slow: Any = slow_fields(text, "x.md", 1)
    except (ArticleError, ValueError, TypeError) as exc:
        slow = exc
    if fast is not None:
        assert not isinstance(slow, Exception), (text, slow)
        assert fast == slow, text
    return fast


@pytest.mark.parametrize("text", CASES)
def test_fast_reader_agrees_or_gives_up(text: str) -> None:
    same_as_reference(text)


def test_fast_reader_answers_for_ordinary_front_matter() -> None:
    for text in CASES[2:6] + CASES[19:22]:
        assert same_as_reference(text) is not None, text
    for path in sorted(SAMPLES.glob("*.md")):
        source = path.read_text(encoding="utf-8")
        split = split_front_matter(source)
        assert same_as_reference(source[split.yaml_start : split.yaml_end]) is not None, path


def test_fast_reader_on_the_real_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the Jekyll corpus is not at {CORPUS}")
    answered = 0
    files = sorted(CORPUS.glob("*.md"))
    for path in files:
        source = path.read_text(encoding="utf-8", errors="replace")
        try:
            split = split_front_matter(source)
        except ArticleError:
            continue
        if split.has_front_matter:
            answered += same_as_reference(source[split.yaml_start : split.yaml_end]) is not None
    assert answered >= len(files) // 2


_LINES = st.sampled_from(
    [
        "title: Plain\n", "title: 'Quoted'\n", "title: 12\n", "title:\n", "title: yes\n",
        "summary: Some words\n", "summary: |\n  block\n", "date: 2026-02-30\n",
        "date: 2026-02-03\n", "tags: [a, b]\n", "tags:\n  - a\n  - b\n",
        "prev: Plain prev\n", "prev:\n  title: P\n  path: p.md\n", "next:\n  title: 3\n",
        "next:\n  path: n.md\n", "next: {title: F, path: f.md}\n", "x: &a 1\n", "y: *a\n",
        "z: !t v\n", "<<: {q: 1}\n", "bad: [\n", "  indented: wrong\n", "# comment\n",
        "k: v # c\n", "e: =\n", "n: ~\n", "'title': Q\n",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=8))
def test_fast_reader_agrees_on_random_front_matter(lines: list[str]) -> None:
    same_as_reference("".join(lines))


def reference_range(text: str) -> object:
    try:
        split = split_front_matter(text)
    except ArticleError as exc:
        return ("error", exc.message)
    if not split.has_front_matter:
        return None
    return split.yaml_start, split.yaml_end, split.yaml_first_line


def fast_range(text: str) -> object:
    try:
        return front_matter_range(text)
    except ArticleError as exc:
        return ("error", exc.message)


_PIECES = st.sampled_from(
    ["---", "...", "--- ", "---\t", "----", " ---", "title: x", "", "\r", "\n", "\r\n", "..", "x"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=12))
def test_front_matter_range_matches_split_front_matter(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert fast_range(text) == reference_range(text), repr(text)


@pytest.mark.parametrize(
    "text",
    ["---\ntitle: x\n---\nbody", "---\r\ntitle: x\r\n---\r\n", "---\ntitle: x\n---\r", "---\n---",
     "---\ntitle: x\n...  \n", "---\ntitle: x\n", "---", "---\n", "no front matter\n---\n"],
)  # fmt: skip
def test_front_matter_range_examples(text: str) -> None:
    assert fast_range(text) == reference_range(text)
