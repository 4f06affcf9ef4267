"""The document's text mirror equals what Qt holds after any edits, emoji included."""

from __future__ import annotations

import random

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from editor.ui.document import ArticleDocument
from editor.ui.editing.highlighter import MarkdownHighlighter
from editor.ui.text_mirror import document_text

PIECES = ["x", "\n", "\u00a0", "## heading\n", "", "```\n", "\u2028", "\U0001f600", "harbour "]


def qt_position(text: str, index: int) -> int:
    """Qt counts characters outside the BMP as two positions."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def test_mirror_follows_typing_replacing_and_undo(qapp: QApplication) -> None:
    document = ArticleDocument()
    MarkdownHighlighter(document.text_document)  # formats are changes Qt reports too
    document.load_text("---\ntitle: Mirror\n---\nHello\u00a0world.\n\n# Head\n")
    rng = random.Random(1)
    for step in range(1500):
        text = document_text(document.text_document)
        start = rng.randrange(len(text) + 1)
        end = min(len(text), start + rng.randrange(6))
        cursor = QTextCursor(document.text_document)
        cursor.setPosition(qt_position(text, start))
        cursor.setPosition(qt_position(text, end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(rng.choice(PIECES))
        if rng.random() < 0.02:
            document.undo_stack.undo()
        if step % 3 == 0:
            assert document.body_text() == document_text(document.text_document)
    assert document.body_text() == document_text(document.text_document)
