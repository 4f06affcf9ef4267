"""The window's safety net: watching the open file, comparing with disk, offering recovery."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from editor.ui.safety.compare_dialog import SideBySideDialog
from editor.ui.safety.safety_net import SafetyNet
from editor.ui.shell.main_window import MainWindow

ARTICLE = "---\ntitle: Harbour vote\n---\nThe council voted.\n"


def test_the_window_watches_the_article_it_opened(
    make_window: Callable[[Path | None], MainWindow], tmp_path: Path
) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    window = make_window(path)
    assert isinstance(window.safety, SafetyNet)
    assert window.safety.watch.path == path
    assert window.safety.recover_action in window.file_menu.actions()


def test_compare_shows_the_buffer_beside_the_file_on_disk(
    make_window: Callable[[Path | None], MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    window = make_window(path)
    theirs = ARTICLE.replace("voted", "voted again")
    path.write_text(theirs, encoding="utf-8")
    dialog = window.safety.compare_with_disk()
    assert isinstance(dialog, SideBySideDialog)
    assert dialog.right_view.toPlainText() == theirs
    assert "The council voted." in dialog.left_view.toPlainText()
    assert "voted again" not in dialog.left_view.toPlainText()
    dialog.choose("keep")
    assert path.read_text(encoding="utf-8") == theirs


def test_a_new_article_has_no_file_to_compare_with(
    make_window: Callable[[Path | None], MainWindow],
) -> None:
    window = make_window(None)
    window.document.new()
    assert window.document.path is None
    assert window.safety.compare_with_disk() is None
    assert window.safety.compare_dialog is None
