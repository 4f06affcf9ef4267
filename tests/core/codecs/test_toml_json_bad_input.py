"""Broken TOML and JSON front matter: a clear message with line and column, file untouched.

Each case is a file a writer could really have: a fence never closed, a key
written twice, a date that does not exist, an array where Hugo wants an
object, a file far too large. Opening it must raise ArticleError naming the
line and column, and must leave the bytes on disk exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from editor.core.article import load_article
from editor.core.errors import ArticleError

# name -> (file text, expected words in the message, line, column)
CASES: dict[str, tuple[str, str, int, int]] = {
    "toml unclosed fence": (
        '+++\ntitle = "Left open"\ndraft = true\n\nThe body follows.\n',
        "never closed",
        1,
        1,
    ),
    "json unclosed object": (
        '{\n  "title": "Left open",\n  "draft": true\n\nThe body follows.\n',
        "never closed",
        1,
        1,
    ),
    "toml duplicate key": (
        '+++\ntitle = "First"\nsummary = "S"\ntitle = "Second"\n+++\nBody.\n',
        "'title' is set twice",
        4,
        1,
    ),
    "toml duplicate table": (
        '+++\ntitle = "T"\n[prev]\ntitle = "A"\n[prev]\ntitle = "B"\n+++\n',
        "defined twice",
        5,
        1,
    ),
    "toml dotted key over a value": (
        '+++\ntitle = "T"\nprev = "x"\nprev.title = "y"\n+++\n',
        "'prev.title' is set twice",
        4,
        1,
    ),
    "json duplicate key": (
        '{\n  "title": "First",\n  "title": "Second"\n}\nBody.\n',
        "'title' is set twice",
        3,
        3,
    ),
    "json duplicate nested key": (
        '{\n  "title": "T",\n  "prev": {"path": "a.md", "path": "b.md"}\n}\n',
        "'path' is set twice",
        3,
        28,
    ),
    "toml impossible month": (
        '+++\ntitle = "T"\ndate = 2024-13-45\n+++\n',
        "'date' is not a valid date",
        3,
        8,
    ),
    "toml impossible day": (
        '+++\ntitle = "T"\ndate = 2024-02-30\n+++\n',
        "'date' is not a valid date",
        3,
        8,
    ),
    "toml impossible hour": (
        '+++\ntitle = "T"\nlastmod = 1979-05-27T25:00:00Z\n+++\n',
        "'lastmod' is not a valid date",
        3,
        11,
    ),
    "json top-level array": (
        '[\n  {"title": "An array, not an object"}\n]\nBody.\n',
        "not an array",
        1,
        1,
    ),
    "toml top-level array": (
        '+++\n["title", "x"]\n+++\n',
        "invalid TOML",
        2,
        9,
    ),
    "json trailing comma": (
        '{\n  "title": "T",\n}\nBody.\n',
        "expected a key",
        3,
        1,
    ),
    "json single quotes": (
        "{\n  'title': 'T'\n}\n",
        "expected a key",
        2,
        3,
    ),
    "json NaN": (
        '{\n  "title": "T",\n  "score": NaN\n}\n',
        "NaN is not JSON",
        3,
        12,
    ),
    "json unclosed string": (
        '{\n  "title": "no closing quote\n}\n',
        "a string is not closed",
        2,
        29,
    ),
    "toml unclosed string": (
        '+++\ntitle = "no closing quote\n+++\n',
        "a string is not closed",
        2,
        26,
    ),
    "toml title is a number": (
        "+++\ntitle = 2024\n+++\n",
        "'title' must be text",
        2,
        9,
    ),
    "json title is a list": (
        '{\n  "title": ["a", "b"]\n}\n',
        "'title' must be text",
        2,
        12,
    ),
    "json link title is a number": (
        '{\n  "title": "T",\n  "next": {"title": 7, "path": "n.md"}\n}\n',
        "'next.title' must be text",
        3,
        21,
    ),
    "toml link title is a boolean": (
        '+++\ntitle = "T"\n[prev]\ntitle = true\n+++\n',
        "'prev.title' must be text",
        4,
        9,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_front_matter_names_line_and_column(name: str, tmp_path: Path) -> None:
    text, words, line, column = CASES[name]
    path = tmp_path / "broken.md"
    path.write_text(text, encoding="utf-8", newline="")
    before = path.read_bytes()
    with pytest.raises(ArticleError) as info:
        load_article(path)
    error = info.value
    assert words in error.message, error.message
    assert (error.line, error.column) == (line, column), error.message
    assert error.path == path
    assert path.read_bytes() == before
    assert f":{line}:{column}:" in str(error)


def _big(opening: bytes, closing: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "big.md"
        with path.open("wb") as handle:
            handle.write(opening)
            line = b'note = "a line of front matter that goes on and on"\n'
            if opening.startswith(b"{"):
                line = b'  "note": "a line of front matter that goes on and on",\n'
            while handle.tell() < 50 * 1024 * 1024:
                handle.write(line * 10_000)
            handle.write(closing)
        return path

    return make


@pytest.mark.parametrize(
    "make",
    [_big(b'+++\ntitle = "Big"\n', b"+++\n"), _big(b'{\n  "title": "Big",\n', b'  "x": 1\n}\n')],
    ids=["toml", "json"],
)
def test_a_fifty_megabyte_file_is_refused_untouched(
    make: Callable[[Path], Path], tmp_path: Path
) -> None:
    path = make(tmp_path)
    size = path.stat().st_size
    with pytest.raises(ArticleError, match="MB"):
        load_article(path)
    assert path.stat().st_size == size


@pytest.mark.parametrize(
    "text",
    [
        '+++\ntitle = "Big"\n' + 'k = "filler text for a long block"\n' * 9_000 + "+++\nBody.\n",
        '{\n  "title": "Big",\n'
        + '  "k": "filler text for a long block",\n' * 8_000
        + ' "z": 1\n}\n',
    ],
    ids=["toml", "json"],
)
def test_front_matter_over_the_limit_is_refused_with_its_line(text: str, tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArticleError, match="the limit is") as info:
        load_article(path)
    assert (info.value.line, info.value.column) == (1 if text.startswith("{") else 2, 1)


@pytest.mark.parametrize(
    "text",
    ['+++\ntitle = "T"\ndeep = ' + "[" * 60 + "]" * 60 + "\n+++\n",
     '{"title": "T", "deep": ' + "[" * 60 + "]" * 60 + "}\n"],
    ids=["toml", "json"],
)  # fmt: skip
def test_absurd_nesting_is_refused(text: str) -> None:
    from editor.core.article import parse_article

    with pytest.raises(ArticleError, match="nested"):
        parse_article(text)
