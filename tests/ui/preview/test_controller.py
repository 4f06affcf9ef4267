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


def long_article(sections: int) -> str:
    parts = ["---\ntitle: Harbour works\n---\n# Opening of the works\n\nThe first paragraph.\n\n"]
    for number in range(sections):
        parts.append(
            f"## Berth {number}\n\nCrews at berth {number} moved the cranes twice this week, "
            "and the pilots logged each tide against the dredging plan.\n\n"
        )
    parts.append("The closing paragraph.\n")
    return "".join(parts)


def test_opening_renders_the_article_once(
    qtbot: QtBot,
    parts: tuple[ArticleDocument, PreviewPane, PreviewController],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document, preview, controller = parts
    loads: list[int] = []
    on_loaded = controller._on_loaded
    monkeypatch.setattr(controller, "_on_loaded", lambda: (loads.append(1), on_loaded()))
    document.load_text(long_article(50))
    qtbot.waitUntil(controller.idle, timeout=20000)
    qtbot.wait(50)
    qtbot.waitUntil(controller.idle, timeout=20000)
    # The front matter's state and the load arrive together: one render, not two.
    assert loads == [1]
    assert "The closing paragraph." in preview.toPlainText()


def test_a_long_article_shows_its_top_while_the_whole_renders(
    qtbot: QtBot, parts: tuple[ArticleDocument, PreviewPane, PreviewController]
) -> None:
    document, preview, controller = parts
    text = long_article(1500)
    assert len(text) > 100_000
    with qtbot.waitSignal(controller._topReady, timeout=20000) as top:
        document.load_text(text)
    html, _load = top.args
    assert "Opening of the works" in html
    assert "The closing paragraph." not in html
    qtbot.waitUntil(controller.idle, timeout=60000)
    shown = preview.toPlainText()
    assert shown.startswith("Harbour works")
    assert "Opening of the works" in shown
    assert shown.rstrip().endswith("The closing paragraph.")
