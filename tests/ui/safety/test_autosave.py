"""Autosave saves an edited article after a pause, and never over another program's change."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from editor.ui.document import ArticleDocument
from editor.ui.safety.autosave import Autosave

ARTICLE = "---\ntitle: Harbour vote\n---\nThe council voted.\n"


def test_an_edit_starts_the_timer_and_the_save_reaches_the_disk(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    document = ArticleDocument()
    document.load(path)
    autosave = Autosave(document)
    autosave.configure(True, 1)
    assert autosave.timer.interval() == 1000
    document.set_field("title", "Harbour vote passes")
    assert autosave.timer.isActive()
    qtbot.waitUntil(lambda: not document.is_modified(), timeout=5000)
    assert "title: Harbour vote passes\n" in path.read_text(encoding="utf-8")


def test_nothing_is_saved_while_off_or_for_an_article_without_a_file(qtbot: QtBot) -> None:
    document = ArticleDocument()
    document.load_text(ARTICLE)
    autosave = Autosave(document)
    document.set_field("title", "Changed")
    assert not autosave.timer.isActive()
    autosave.configure(True, 5)
    assert not autosave.save_now()  # no file yet: Save As is the writer's choice
    assert document.is_modified()


def test_a_file_changed_by_another_program_is_left_alone(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    document = ArticleDocument()
    document.load(path)
    notes: list[str] = []
    autosave = Autosave(document, notes.append)
    autosave.configure(True, 5)
    theirs = ARTICLE.replace("voted", "voted again")
    path.write_text(theirs, encoding="utf-8")
    document.set_field("title", "Mine")
    assert not autosave.save_now()
    assert path.read_text(encoding="utf-8") == theirs
    assert notes and notes[0].startswith("Not saved automatically:")
    assert document.is_modified()
