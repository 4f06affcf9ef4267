"""The preview in the window: incremental updates, scroll sync both ways, click to source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.core.render import render_markdown
from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import wait_for_preview

Factory = Callable[..., MainWindow]


def long_article(path: Path, sections: int = 60) -> Path:
    parts = ["---\ntitle: A long report\nsummary: Many sections.\n---\n"]
    for number in range(sections):
        parts.append(f"## Section {number}\n\n")
        parts.append(
            f"Paragraph {number} describes the harbour works in some detail, with enough "
            "words to wrap over a few lines in the preview and the editor alike.\n\n"
        )
        if number % 7 == 0:
            parts.append(f"- item {number} one\n- item {number} two\n\n")
    path.write_text("".join(parts))
    return path


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(window.preview_controller.idle, timeout=10000)


def test_typing_patches_the_preview_to_the_full_render(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(long_article(tmp_path / "long.md"))
    wait_for_preview(qtbot, window, "Section 59")
    wait_idle(qtbot, window)
    cursor = window.editor.textCursor()
    cursor.setPosition(window.document.body_text().index("Paragraph 30"))
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "Newly typed ")
    wait_for_preview(qtbot, window, "Newly typed Paragraph 30")
    wait_idle(qtbot, window)
    page = window.preview_controller.page
    body = window.preview_controller.body_html()
    assert body == render_markdown(window.document.body_text()).strip()
    assert page.block_count > 50  # patched block by block, not one setHtml


def test_edit_far_from_viewport_keeps_preview_scroll(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(long_article(tmp_path / "long.md"))
    wait_for_preview(qtbot, window, "Section 59")
    wait_idle(qtbot, window)
    window.preview_action.setChecked(True)
    window.sync_scroll_action.setChecked(False)
    bar = window.preview.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top_before = window.preview.cursorForPosition(QPoint(5, 5)).block().text()
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "Words at the very end")
    wait_for_preview(qtbot, window, "Words at the very end")
    wait_idle(qtbot, window)
    assert window.preview.cursorForPosition(QPoint(5, 5)).block().text() == top_before


def test_scrolling_the_editor_scrolls_the_preview_and_back(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(long_article(tmp_path / "long.md"))
    wait_for_preview(qtbot, window, "Section 59")
    wait_idle(qtbot, window)
    assert window.sync_scroll_action.isChecked()
    line = window.document.body_text().splitlines().index("## Section 40")
    block = window.document.text_document.findBlockByNumber(line)
    window.editor.verticalScrollBar().setValue(block.firstLineNumber())
    top = window.preview.cursorForPosition(QPoint(30, 20)).block().text()
    assert top.startswith("Section 4"), top  # the same part of the article, give or take a block

    # And the other way: scrolling the preview moves the editor.
    window.preview.verticalScrollBar().setValue(0)
    first_visible = window.editor.cursorForPosition(QPoint(0, 0)).blockNumber()
    assert first_visible == 0
    doc = window.preview.document()
    page = window.preview_controller.page
    index = window.preview_controller.block_for_line(
        window.document.body_text().splitlines().index("## Section 20")
    )
    target = doc.findBlock(page.position_of_block(index))
    window.preview.verticalScrollBar().setValue(
        int(doc.documentLayout().blockBoundingRect(target).top())
    )
    first_visible = window.editor.cursorForPosition(QPoint(0, 0)).blockNumber()
    expected = window.document.body_text().splitlines().index("## Section 20")
    assert abs(first_visible - expected) <= 3


def test_sync_can_be_switched_off(make_window: Factory, qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(long_article(tmp_path / "long.md"))
    wait_for_preview(qtbot, window, "Section 59")
    wait_idle(qtbot, window)
    window.sync_scroll_action.setChecked(False)
    window.editor.verticalScrollBar().setValue(window.editor.verticalScrollBar().maximum())
    assert window.preview.verticalScrollBar().value() == 0


def test_clicking_a_preview_block_puts_the_cursor_at_its_source(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(long_article(tmp_path / "long.md", sections=8))
    wait_for_preview(qtbot, window, "Section 7")
    wait_idle(qtbot, window)
    doc = window.preview.document()
    block = doc.find("Paragraph 5 describes").block()
    rect = doc.documentLayout().blockBoundingRect(block)
    bar = window.preview.verticalScrollBar()
    point = QPoint(40, int(rect.top() - bar.value() + rect.height() / 2))
    qtbot.mouseClick(window.preview.viewport(), Qt.MouseButton.LeftButton, pos=point)
    line = window.editor.textCursor().block().text()
    assert line.startswith("Paragraph 5 describes")
