"""Selecting text shows its word and character counts; no selection hides them."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit
from pytestqt.qtbot import QtBot

from editor.ui.editing.selection_stats import SelectionStats, selection_text


def test_the_label_follows_the_selection(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    editor = QPlainTextEdit("The council voted.\nWork starts in May.")
    window.setCentralWidget(editor)
    stats = SelectionStats(editor, window.statusBar())
    window.show()
    assert stats.label.isHidden()

    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    assert selection_text(editor) == "The council voted.\nWork starts in May."
    assert stats.label.text() == "Selected: 7 words · 38 characters"
    assert stats.label.isVisible()

    cursor.clearSelection()
    editor.setTextCursor(cursor)
    assert stats.label.isHidden()


def test_one_word_is_singular(qtbot: QtBot) -> None:
    editor = QPlainTextEdit("Harbour")
    qtbot.addWidget(editor)
    window = QMainWindow()
    qtbot.addWidget(window)
    stats = SelectionStats(editor, window.statusBar())
    editor.selectAll()
    assert stats.label.text() == "Selected: 1 word · 7 characters"
