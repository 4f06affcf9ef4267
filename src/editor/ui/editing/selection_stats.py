"""The selection's words and characters beside the article's in the status bar.

Writers select a paragraph to see whether it fits a word limit; the article
counts stay where they are and the selection's appear only while there is one.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QStatusBar

from editor.core.text_stats import text_stats


def selection_text(editor: QPlainTextEdit) -> str:
    return editor.textCursor().selectedText().replace("\u2029", "\n").replace("\u2028", "\n")


class SelectionStats(QObject):
    """Keeps a status bar label with the selection's counts up to date."""

    def __init__(self, editor: QPlainTextEdit, status_bar: QStatusBar) -> None:
        super().__init__(editor)
        self.editor = editor
        self.label = QLabel()
        self.label.setObjectName("selectionStats")
        self.label.hide()
        status_bar.insertPermanentWidget(0, self.label)
        editor.selectionChanged.connect(self.refresh)

    def refresh(self) -> None:
        text = selection_text(self.editor)
        if not text:
            self.label.hide()
            return
        stats = text_stats(text)
        words = "word" if stats.words == 1 else "words"
        self.label.setText(f"Selected: {stats.words:,} {words} · {stats.characters:,} characters")
        self.label.show()
