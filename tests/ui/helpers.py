"""Small actions the GUI tests share: waiting for the preview, typing, reading disk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from editor.ui.shell.main_window import MainWindow


def preview_text(window: MainWindow) -> str:
    return window.preview.toPlainText()


def wait_for_preview(qtbot: QtBot, window: MainWindow, text: str, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: text in preview_text(window), timeout=timeout)


def type_at_end(qtbot: QtBot, window: MainWindow, text: str) -> None:
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    type_text(qtbot, window.editor, text)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a user: QTest cannot send "\n" as a character, so press Return."""
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(widget, line)


def type_in_title(qtbot: QtBot, window: MainWindow, text: str) -> None:
    edit = window.panel.title_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
