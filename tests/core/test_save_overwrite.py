"""Saving to another path never replaces a file that is there, unless asked to."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.article import ExistingFileError, load_article, save_article

TEXT = "---\ntitle: Harbour vote\n---\nThe council met.\n"


def test_save_to_an_existing_other_file_is_refused(tmp_path: Path) -> None:
    mine = tmp_path / "mine.md"
    mine.write_text(TEXT, encoding="utf-8")
    theirs = tmp_path / "theirs.md"
    theirs.write_text("someone else's notes\n", encoding="utf-8")
    article = load_article(mine)
    with pytest.raises(ExistingFileError, match="already exists") as info:
        save_article(article, theirs)
    assert info.value.path == theirs
    assert theirs.read_text(encoding="utf-8") == "someone else's notes\n"
    assert article.path == mine


def test_overwrite_replaces_it_when_the_user_confirmed(tmp_path: Path) -> None:
    mine = tmp_path / "mine.md"
    mine.write_text(TEXT, encoding="utf-8")
    theirs = tmp_path / "theirs.md"
    theirs.write_text("old\n", encoding="utf-8")
    written = save_article(load_article(mine), theirs, overwrite=True)
    assert written == theirs and theirs.read_text(encoding="utf-8") == TEXT


def test_saving_to_its_own_file_or_a_new_one_needs_no_flag(tmp_path: Path) -> None:
    mine = tmp_path / "mine.md"
    mine.write_text(TEXT, encoding="utf-8")
    article = load_article(mine)
    article.title = "Changed"
    save_article(article)
    save_article(article, tmp_path / "copy.md")
    assert load_article(tmp_path / "copy.md").title == "Changed"


def test_a_dangling_link_counts_as_a_file_there(tmp_path: Path) -> None:
    mine = tmp_path / "mine.md"
    mine.write_text(TEXT, encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(ExistingFileError):
        save_article(load_article(mine), tmp_path / "link.md")
