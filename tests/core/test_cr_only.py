"""Files with old Mac line endings (a lone CR) read as lines and save back with CR."""

from __future__ import annotations

from pathlib import Path

from editor.core.article import load_article, save_article
from editor.core.library import index_file

CR_ONLY = b"---\rtitle: Harbour vote\rsummary: The council met.\r---\rFirst line.\rSecond line.\r"


def test_a_cr_only_file_has_its_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "mac.md"
    path.write_bytes(CR_ONLY)
    article = load_article(path)
    assert article.title == "Harbour vote"
    assert article.summary == "The council met."
    assert article.body == "First line.\nSecond line.\n"
    assert article.newline == "\r"
    assert article.body_first_line == 5


def test_an_untouched_save_is_byte_identical_and_an_edit_keeps_cr(tmp_path: Path) -> None:
    path = tmp_path / "mac.md"
    path.write_bytes(CR_ONLY)
    article = load_article(path)
    save_article(article)
    assert path.read_bytes() == CR_ONLY
    article.title = "Harbour vote passes"
    article.body += "Typed in the editor.\n"
    save_article(article)
    data = path.read_bytes()
    assert b"\n" not in data
    assert data == CR_ONLY.replace(b"Harbour vote", b"Harbour vote passes") + (
        b"Typed in the editor.\r"
    )
    again = load_article(path)
    assert again.title == "Harbour vote passes" and again.newline == "\r"


def test_the_library_reads_the_same_title(tmp_path: Path) -> None:
    path = tmp_path / "mac.md"
    path.write_bytes(CR_ONLY)
    entry = index_file(str(path))
    assert entry.error is None, entry.error
    assert entry.title == "Harbour vote"


def test_a_long_cr_only_file_is_not_one_huge_line(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_bytes(CR_ONLY + b"A line of prose in the body.\r" * 20_000)
    assert load_article(path).title == "Harbour vote"
