"""Bad input gets an ArticleError that names the file, line and column, and loses nothing.

The window opens such a file as raw text with the error shown, so the
message must point a writer at the broken line, and reading must never
change the file or leave anything beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import editor
from editor.core import article as article_module
from editor.core import frontmatter
from editor.core.article import load_article, parse_article, save_article
from editor.core.errors import ArticleError

# name: (file bytes, line, column, words the message must contain)
BAD_FILES: dict[str, tuple[bytes, int | None, int | None, str]] = {
    "control character in front matter": (
        b"---\ntitle: Harbour\x01vote\n---\nBody\n",
        2,
        15,
        "control character U+0001, which YAML does not allow",
    ),
    "colon inside a plain title": (
        b"---\ntitle: Vote: council agrees\n---\nBody\n",
        2,
        12,
        "starts a new key; put the value in quotes",
    ),
    "character that cannot start a value": (
        b"---\ndate: 2024-01-01\ntitle: @home\n---\n",
        3,
        8,
        "cannot start a value; put the value in quotes",
    ),
    "bad indentation": (
        b"---\ntitle: Harbour\n  summary: indented too far\n---\n",
        3,
        10,
        "starts a new key",
    ),
    "tab indentation": (b"---\ntitle: Harbour\n\tsummary: x\n---\n", 3, 1, "tab"),
    "unclosed quote": (
        b'---\ndate: 2024-01-01\ntitle: "Harbour news\nsummary: x\n---\nBody\n',
        3,
        8,
        "a quoted value is never closed",
    ),
    "unclosed bracket": (b"---\ntags: [harbour, council\nweight: 3\n---\n", 2, 7, "not closed"),
    "quote followed by text": (b'---\ntitle: "Harbour" news\n---\n', 2, 18, "closing quote"),
    "unknown tag": (b"---\ntitle: !!python/object:os.system x\n---\n", 2, 8, "tag"),
    "front matter is a list": (b"---\n- harbour\n- council\n---\n", 2, 1, "not a list"),
    "front matter is a scalar": (b"---\njust a sentence\n---\n", 2, 1, "not a single value"),
    "front matter is a number": (b"---\n42\n---\n", 2, 1, "not a single value"),
    "unclosed block": (b"---\ntitle: Harbour\n\nBody text\n", 1, 1, "never closed"),
    "unclosed block, CRLF": (b"---\r\ntitle: Harbour\r\nBody\r\n", 1, 1, "never closed"),
    "title is a list": (b"---\ndate: 2024-01-01\ntitle: [a, b]\n---\n", 3, 8, "not a list"),
    "title is a block list": (b"---\ntitle:\n  - a\n  - b\n---\n", 3, 3, "not a list"),
    "title is a number": (b"---\ndate: 2024-01-01\ntitle: 1.10\n---\n", 3, 8, "not a number"),
    "title is a boolean": (b"---\ntitle: No\n---\n", 2, 8, "true/false"),
    "title is a date": (b"---\ntitle: 2024-01-01\n---\n", 2, 8, "not a date"),
    "title is a mapping": (b"---\ntitle: {a: 1}\n---\n", 2, 8, "not a mapping"),
    "summary is a number": (b"---\ntitle: T\nsummary: 0x1F\n---\n", 3, 10, "'summary'"),
    "prev is a number": (b"---\ntitle: T\nprev: 3\n---\n", 3, 7, "'prev'"),
    "next is a list": (b"---\nnext: [a]\n---\n", 2, 7, "'next'"),
    "link title is a number": (
        b"---\nprev:\n  path: p.md\n  title: 12\n---\n",
        4,
        10,
        "'prev.title'",
    ),
    "link path is a list": (b"---\nnext:\n  title: N\n  path: [a]\n---\n", 4, 9, "'next.path'"),
    "key is a list": (b"---\ntitle: T\n[a, b]: x\n---\n", 3, 1, "plain names"),
    "alias": (
        b"---\nauthor: &who Rosa\ntitle: T\nsummary: *who\n---\n",
        4,
        10,
        "alias (*who)",
    ),
    "alias bomb": (
        b"---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        b"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n",
        3,
        8,
        "aliases are not allowed",
    ),
    "deep flow nesting": (b"---\ntitle: " + b"[" * 80 + b"]" * 80 + b"\n---\n", 2, 1, "nested"),
    "deep block nesting": (
        b"---\n" + b"".join(b"  " * i + b"k%d:\n" % i for i in range(80)) + b"---\n",
        52,  # the key 51 levels down
        101,
        "nested",
    ),
    "latin-1 in the title": (b"---\ntitle: Caf\xe9 opens\n---\n", 2, 11, "not valid UTF-8"),
    "latin-1 in the body": (b"---\ntitle: T\n---\nline\nna\xefve\n", 5, 3, "not valid UTF-8"),
    "utf-16": ("---\ntitle: T\n---\n".encode("utf-16"), None, None, "binary"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", None, None, "binary"),
    "NUL far into the file": (b"---\ntitle: T\n---\n" + b"x\n" * 6000 + b"\x00", 6004, None, "NUL"),
}


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_file_gives_article_error_with_position(name: str, tmp_path: Path) -> None:
    data, line, column, words = BAD_FILES[name]
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    before = _snapshot(tmp_path)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.path == path
    assert (error.line, error.column) == (line, column), str(error)
    assert words in str(error)
    assert str(path) in str(error)
    # In the editor's words: never PyYAML's "<unicode string>, position 8".
    assert "unicode string" not in error.message and "position" not in error.message
    if line is not None:
        assert f"{path}:{line}" in str(error)
    # Nothing written: same bytes, same mtime, no temporary files beside it.
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("name", [n for n, v in BAD_FILES.items() if v[0].isascii()])
def test_parse_article_names_the_same_position(name: str) -> None:
    data, line, column, words = BAD_FILES[name]
    with pytest.raises(ArticleError) as info:
        parse_article(data.decode("ascii"), "from-text.md")
    assert (info.value.line, info.value.column) == (line, column)
    assert words in str(info.value)


def test_error_is_importable_from_the_package() -> None:
    assert editor.ArticleError is ArticleError
    assert issubclass(ArticleError, ValueError)
    error = ArticleError("broken", "a.md", 3, 7)
    assert (str(error), error.path, error.line, error.column) == (
        "a.md:3:7: broken",
        Path("a.md"),
        3,
        7,
    )
    assert str(ArticleError("broken")) == "<text>: broken"
    assert error.with_path("b.md").path == Path("b.md")


def test_line_numbers_count_from_the_top_of_the_file_with_bom_and_crlf() -> None:
    text = "\ufeff---\r\n# a comment\r\ndate: 2024-01-01\r\ntitle: [a]\r\n---\r\n"
    with pytest.raises(ArticleError) as info:
        parse_article(text, "x.md")
    assert (info.value.line, info.value.column) == (4, 8)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with open(path, "wb") as handle:  # sparse: no time or disk spent
        handle.truncate(article_module.MAX_FILE_BYTES + 1)
    with pytest.raises(ArticleError, match="MB") as info:
        load_article(path)
    assert info.value.path == path
    assert os.path.getsize(path) == article_module.MAX_FILE_BYTES + 1


def test_oversized_front_matter_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(frontmatter, "MAX_FRONT_MATTER_CHARS", 1000)
    text = "---\n" + "".join(f"key{i}: value\n" for i in range(200)) + "---\n"
    with pytest.raises(ArticleError, match="limit") as info:
        parse_article(text, "big.md")
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.mkdir(), "folder"),
        (lambda p: p.symlink_to(p), "loops"),
    ],
    ids=["missing", "folder", "symlink loop"],
)
def test_unreadable_paths(tmp_path: Path, make: object, words: str) -> None:
    path = tmp_path / "article.md"
    make(path)  # type: ignore[operator]
    with pytest.raises(ArticleError, match=words) as info:
        load_article(path)
    assert info.value.path == path


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text("---\ntitle: T\n---\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ArticleError, match="permission"):
        load_article(path)


def test_saving_onto_a_folder_writes_nothing(tmp_path: Path) -> None:
    article = parse_article("---\ntitle: T\n---\n")
    (tmp_path / "taken").mkdir()
    with pytest.raises(ArticleError, match="folder"):
        save_article(article, tmp_path / "taken")
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
    assert list((tmp_path / "taken").iterdir()) == []


def test_a_new_article_needs_a_path() -> None:
    with pytest.raises(ArticleError, match="choose where"):
        save_article(parse_article("Body"))


def test_empty_title_value_is_an_empty_title_not_an_error() -> None:
    article = parse_article("---\ntitle:\nsummary: ~\n---\n")
    assert (article.title, article.summary) == ("", "")
