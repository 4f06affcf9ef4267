"""The preview controller renders what the document holds and follows its edits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.core.text_stats import TextStats
from editor.ui.document import ArticleDocument
from editor.ui.editing.markdown_editor import MarkdownEditor
from editor.ui.preview.controller import RAW_NOTE, PreviewController
from editor.ui.preview.view import PreviewPane


@pytest.fixture
def parts(qtbot: QtBot) -> Iterator[tuple[ArticleDocument, PreviewPane, PreviewController]]:
    document = ArticleDocument()
    editor = MarkdownEditor()
    editor.setDocument(document.text_document)
    preview = PreviewPane()
    qtbot.addWidget(editor)
    qtbot.addWidget(preview)
    controller = PreviewController(document, preview, editor)
    yield document, preview, controller
    controller.shutdown()


def test_a_loaded_article_is_rendered_and_counted(
    qtbot: QtBot, parts: tuple[ArticleDocument, PreviewPane, PreviewController]
) -> None:
    document, preview, controller = parts
    stats: list[TextStats] = []
    controller.statsReady.connect(stats.append)
    document.load_text("---\ntitle: Harbour vote\n---\nThe council **voted**.\n")
    qtbot.waitUntil(lambda: "The council voted." in preview.toPlainText(), timeout=5000)
    qtbot.waitUntil(lambda: bool(stats), timeout=5000)
    assert stats[-1].words == 3


def test_typing_in_the_body_updates_the_preview(
    qtbot: QtBot, parts: tuple[ArticleDocument, PreviewPane, PreviewController]
) -> None:
    document, preview, _controller = parts
    document.load_text("---\ntitle: T\n---\nFirst paragraph.\n")
    qtbot.waitUntil(lambda: "First paragraph." in preview.toPlainText(), timeout=5000)
    cursor = QTextCursor(document.text_document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("\nSecond paragraph.\n")
    qtbot.waitUntil(lambda: "Second paragraph." in preview.toPlainText(), timeout=5000)


def test_broken_front_matter_shows_the_note_instead_of_a_preview(
    qtbot: QtBot, parts: tuple[ArticleDocument, PreviewPane, PreviewController]
) -> None:
    document, preview, _controller = parts
    document.load_text("---\ntitle: [unclosed\n---\nBody text.\n")
    assert document.raw_error is not None
    note = "The preview returns when the front matter is valid."
    assert note in RAW_NOTE
    qtbot.waitUntil(lambda: note in preview.toPlainText(), timeout=5000)
    assert "Body text." not in preview.toPlainText()
