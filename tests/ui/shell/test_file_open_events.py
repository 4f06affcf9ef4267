"""Files Finder asks the app to open reach the window, even those that arrive before it exists."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.ui.shell.file_open_events import FileOpenFilter


def test_paths_before_a_handler_are_kept_and_replayed(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert app is not None
    opener = FileOpenFilter()
    app.installEventFilter(opener)
    try:
        first, second = tmp_path / "a.md", tmp_path / "b.markdown"
        QApplication.sendEvent(app, QFileOpenEvent(str(first)))
        assert opener.pending == [str(first)]

        opened: list[str] = []
        opener.set_handler(opened.append)
        assert opened == [str(first)]
        assert opener.pending == []

        QApplication.sendEvent(app, QFileOpenEvent(QUrl.fromLocalFile(str(second))))
        assert opened == [str(first), str(second)]
    finally:
        app.removeEventFilter(opener)


def test_other_events_pass_through(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    opener = FileOpenFilter()
    opened: list[str] = []
    opener.set_handler(opened.append)
    app.installEventFilter(opener)
    try:
        assert not opener.eventFilter(app, QFileOpenEvent(QUrl("https://example.org/a.md")))
        app.processEvents()
        assert opened == []
    finally:
        app.removeEventFilter(opener)
