"""Fuzzing the front-matter reader and writer with YAML-ish text.

Whatever a file holds, reading it either works or raises ArticleError (never
another exception), and a file that reads can be written back without losing
a byte of the body: untouched it saves identically, and a new title reads
back as that title with every other key unchanged.

FUZZ_EXAMPLES=4000 runs a longer search on demand (about a minute).
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.article import Article, load_article, parse_article, save_article
from editor.core.errors import ArticleError

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# ------------------------------------------------------------------ strategies

KEYS = st.sampled_from(
    [
        "title",
        "summary",
        "prev",
        "next",
        "tags",
        "date",
        "draft",
        "weight",
        "on",
        "no",
        "'quoted key'",
        '"dq"',
        "? complex",
        "k",
        "ключ",
        "a b",
        "<<",
        "-",
        "",
    ]
)

PLAIN = st.sampled_from(
    [
        "",
        "plain words",
        "yes",
        "No",
        "null",
        "~",
        "0",
        "-1.5e3",
        "0o17",
        "0x1F",
        "1:20",
        ".inf",
        ".nan",
        "2024-01-31",
        "2024-02-30",
        "2024-01-31 10:00:00+02:00",
        "#not a comment",
        "a # comment",
        "a: b",
        "- x",
        "[a, b]",
        "{a: 1}",
        "[unclosed",
        "{a: [1, {b: c}]}",
        "'single ''quoted'''",
        '"double \\" \\u00e9 \\t"',
        '"bad escape \\q"',
        "'unterminated",
        "&anchor value",
        "*alias",
        "!!str 12",
        "!!int '7'",
        "!!binary aGVsbG8=",
        "!!timestamp nope",
        "!custom thing",
        "|\n  literal\n  block",
        ">-\n  folded\n\n  block",
        "|\nnot indented",
        "\n  - one\n  - two",
        "\n  title: Nested\n  path: p.md",
        "\n  deep:\n    deeper: 1",
        "\t tab",
        "café ☕ 日本",
        "\u2028line sep",
        "`back`",
        "@at",
        "%percent",
        "...",
        "---",
    ]
)
#: Mostly printable text, now and then any character at all.
WORDS = st.text(
    alphabet=st.characters(categories=["L", "N", "P", "S", "Zs"], exclude_characters="\x00"),
    max_size=25,
)
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=25)
VALUES = st.one_of(PLAIN, PLAIN, PLAIN, WORDS, ANY_TEXT)
INDENT = st.sampled_from(["", "", "", "", "", "", " ", "  ", "\t"])
ENTRY = st.builds(lambda i, k, v: f"{i}{k}: {v}", INDENT, KEYS, VALUES)
LINE = st.one_of(
    ENTRY,
    ENTRY,
    ENTRY,
    ENTRY,
    st.builds(lambda i, k, v: f"{i}{k}:{v}", INDENT, KEYS, VALUES),
    st.sampled_from(["# comment", "", "  ", "- item", "...", "%YAML 1.1", "? key", ": value"]),
    WORDS,
)
FRONT_MATTER = st.lists(LINE, max_size=8).map(lambda lines: "".join(f"{x}\n" for x in lines))

BODY_LINE = st.one_of(
    st.sampled_from(
        ["", "# Heading", "---", "...", "Some prose.", "title: not metadata", "\ufeffBOM?", "  "]
    ),
    WORDS,
    ANY_TEXT,
)
BODY = st.lists(BODY_LINE, max_size=6).map("\n".join)
#: A body as the editor holds it: "\n" line ends (a "\r\n" would be read
#: back as "\n", by design). One starting with U+FEFF is left out: in a file
#: without front matter it is indistinguishable from a byte-order mark, and
#: the save refuses it (ArticleError) rather than write what would read back
#: differently.
NEW_BODY = BODY.filter(lambda body: not body.startswith("\ufeff") and "\r\n" not in body)

OPENERS = st.sampled_from(["---\n"] * 6 + ["---  \n", "--- \r\n", "---\r\n", ""])
CLOSERS = st.sampled_from(["---\n"] * 6 + ["...\n", "---\r\n", "---", "--- x\n", ""])

#: Values that are valid YAML on their own, in the shapes real files use.
TIDY_VALUES = st.one_of(
    st.sampled_from(
        [
            "plain words",
            "'single ''quoted'''",
            '"double \\" \\u00e9"',
            "2024-01-31",
            "12",
            "-1.5",
            "true",
            "null",
            "[a, 'b', {c: d}]",
            "{title: Flow, path: f.md}",
            "|\n  literal\n\n  block",
            ">-\n  folded\n  text",
            "\n  - one\n  - two",
            "\n  title: Nested\n  path: p.md\n  extra: 1",
            "\n  deep:\n    deeper: [1, 2]",
            "value # trailing comment",
            "",
        ]
    ),
    WORDS.map(lambda word: json.dumps(word, ensure_ascii=False)),
)
TIDY_KEYS = st.sampled_from(
    ["title", "summary", "prev", "next", "tags", "date", "layout", "weight", "on", "x y", "é"]
)
TIDY_LINE = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", TIDY_KEYS, TIDY_VALUES),
    st.sampled_from(["# a comment", ""]),
)
TIDY_FRONT_MATTER = st.lists(TIDY_LINE, min_size=1, max_size=8).map(
    lambda lines: "".join(f"{x}\n" for x in lines)
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A whole file: maybe a BOM, an opening line, YAML-ish lines, a closer, a body.

    Half are tidy (valid YAML in the shapes real files have, so the writer is
    exercised on many keys), half wild (anything, to shake the reader).
    """
    if draw(st.booleans()):
        text = "---\n" + draw(TIDY_FRONT_MATTER) + "---\n" + draw(BODY)
    else:
        text = draw(OPENERS) + draw(FRONT_MATTER) + draw(CLOSERS) + draw(BODY)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


TITLES = st.one_of(
    WORDS.filter(bool),
    ANY_TEXT.filter(bool),
    st.sampled_from(["No", "on", "0o17", "1:20", "#x", "a: b", "- y", "'q'", "multi\nline", " "]),
)

# --------------------------------------------------------------------- helpers


def same_value(a: Any, b: Any) -> bool:
    """Equality that treats NaN as equal to itself and 1 as different from True."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def parse_or_none(text: str) -> Article | None:
    """The article, or None when the reader refuses the text with ArticleError."""
    try:
        return parse_article(text, "fuzz.md")
    except ArticleError:
        return None


# ----------------------------------------------------------------------- tests


@FUZZ
@given(documents())
def test_reading_text_raises_nothing_but_article_error(text: str) -> None:
    article = parse_or_none(text)
    if article is not None:
        assert article.to_text() == text.removeprefix("\ufeff")


@FUZZ
@given(st.binary(max_size=300) | documents().map(lambda t: t.encode("utf-8")))
def test_loading_bytes_raises_nothing_but_article_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.md"
        path.write_bytes(data)
        try:
            article = load_article(path)
        except ArticleError as error:
            assert error.message
            assert path.read_bytes() == data
            return
        # Saving an untouched article writes back the very same bytes.
        save_article(article)
        assert path.read_bytes() == data
        assert sorted(p.name for p in Path(folder).iterdir()) == ["fuzz.md"]


@FUZZ
@given(documents(), NEW_BODY)
def test_a_new_body_is_saved_exactly(text: str, new_body: str) -> None:
    article = parse_or_none(text)
    if article is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.md"
        path.write_bytes(text.encode("utf-8"))
        article = load_article(path)
        before = dict(article.metadata)
        article.body = new_body
        save_article(article)
        again = load_article(path)
    assert again.body == new_body
    assert same_value(again.metadata, before)


@FUZZ
@given(documents())
def test_load_then_save_keeps_the_body(text: str) -> None:
    article = parse_or_none(text)
    if article is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.md"
        path.write_bytes(text.encode("utf-8"))
        article = load_article(path)
        body = article.body
        article.summary = "A summary set by the fuzzer."
        save_article(article)
        again = load_article(path)
    assert again.body == body
    assert again.summary == "A summary set by the fuzzer."


@FUZZ
@given(documents(), TITLES)
def test_a_new_title_reads_back_and_other_keys_stay(text: str, title: str) -> None:
    article = parse_or_none(text)
    if article is None:
        return
    others = {k: v for k, v in article.metadata.items() if k != "title"}
    body = article.body
    article.title = title
    written = article.to_text()
    again = parse_article(written, "fuzz.md")
    assert again.title == title
    assert same_value({k: v for k, v in again.metadata.items() if k != "title"}, others)
    assert again.body == body
