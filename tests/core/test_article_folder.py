"""Which folder a single opened article brings along as its library."""

from __future__ import annotations

from pathlib import Path

from editor.core.article_folder import library_folder_for


def test_a_folder_with_another_article_is_a_library(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n")
    (tmp_path / "b.markdown").write_text("# B\n")
    assert library_folder_for(tmp_path / "a.md", home=tmp_path / "home") == tmp_path


def test_a_lone_article_or_one_beside_other_files_is_not(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "folder.md").mkdir()
    assert library_folder_for(tmp_path / "a.md", home=tmp_path / "home") is None


def test_the_home_folder_is_never_scanned_as_a_library(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n")
    (tmp_path / "b.md").write_text("# B\n")
    assert library_folder_for(tmp_path / "a.md", home=tmp_path) is None
