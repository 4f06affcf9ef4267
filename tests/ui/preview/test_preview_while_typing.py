"""What a writer sees while typing in the window: preview, outline, counts, pauses, formats."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from editor.core.render import render_markdown
from editor.core.text_stats import count_words
from editor.ui.editing.highlighter import UNFORMATTED
from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import type_text, wait_for_preview

Factory = Callable[..., MainWindow]


def report(path: Path, sections: int) -> Path:
    parts = ["---\ntitle: Harbour report\n---\n"]
    for number in range(sections):
        parts.append(f"## Berth {number}\n\n")
        parts.append(
            f"Crews at berth {number} moved the cranes twice this week, and the "
            "pilots logged each tide against the dredging plan for the council.\n\n"
        )
        if number % 9 == 0:
            parts.append(f"| Berth | Depth |\n|---|---|\n| {number} | 12 m |\n\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(window.preview_controller.idle, timeout=20000)


def put_cursor(window: MainWindow, index: int) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(index)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()


def shows_the_full_render(window: MainWindow) -> bool:
    """The preview's document is what one setHtml of the whole page would give."""
    controller = window.preview_controller
    assert controller.body_html() == render_markdown(window.document.body_text()).strip()
    expected = QTextDocument()
    expected.setDefaultStyleSheet(window.preview.document().defaultStyleSheet())
    expected.setDefaultFont(window.preview.document().defaultFont())
    expected.setHtml(controller.page.html())
    return expected.toPlainText() == window.preview.document().toPlainText()


def test_typing_updates_preview_outline_and_counts(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(report(tmp_path / "report.md", 120))
    wait_idle(qtbot, window)
    outline = window.writing_tools.outline  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: outline.topLevelItemCount() == 120)
    put_cursor(window, window.document.body_text().index("Berth 70") + len("Berth 70"))
    type_text(qtbot, window.editor, " north")
    wait_for_preview(qtbot, window, "Berth 70 north")
    qtbot.waitUntil(lambda: outline.topLevelItem(70).text(0) == "Berth 70 north")
    words = count_words(window.document.body_text())
    qtbot.waitUntil(lambda: f"{words:,} words" in window.stats_label.text())
    wait_idle(qtbot, window)
    assert shows_the_full_render(window)


def test_typing_while_the_preview_is_still_being_built(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    path = report(tmp_path / "long.md", 900)
    window.open_path(path)
    put_cursor(window, 0)
    type_text(qtbot, window.editor, "Opening words. ")
    controller = window.preview_controller
    # Usually the build is under way by now; on a fast machine it may be done.
    qtbot.waitUntil(lambda: controller.page.building or controller.idle(), timeout=20000)
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    type_text(qtbot, window.editor, "Closing words.")
    wait_idle(qtbot, window)
    assert "Opening words." in window.preview.toPlainText()
    assert "Closing words." in window.preview.toPlainText()
    assert shows_the_full_render(window)


def test_typing_above_the_view_keeps_what_the_reader_sees(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(report(tmp_path / "report.md", 60))
    wait_idle(qtbot, window)
    window.sync_scroll_action.setChecked(False)
    bar = window.preview.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top_before = window.preview.cursorForPosition(QPoint(5, 5)).block().text()
    put_cursor(window, window.document.body_text().index("Crews at berth 1 "))
    type_text(qtbot, window.editor, "Two new lines.\n\nAnd a paragraph above the view.\n\n")
    wait_for_preview(qtbot, window, "And a paragraph above the view.")
    wait_idle(qtbot, window)
    assert window.preview.cursorForPosition(QPoint(5, 5)).block().text() == top_before


def test_nested_markers_and_a_huge_paragraph_pause_the_preview(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    # 100,000 nested list markers, on lines short enough for the editor to open.
    path = tmp_path / "nested.md"
    markers = ("- " * 1000 + "deep\n") * 100
    path.write_text("---\ntitle: Nested\n---\nIntro.\n\n" + markers)
    window = make_window(path)
    wait_for_preview(qtbot, window, "Preview paused")
    assert "64 levels" in window.preview.toPlainText()
    assert "Nested" in window.preview.toPlainText()  # the title still shows
    # Fixing the body brings the preview back.
    window.editor.setPlainText("Intro.\n\n- one level only\n")
    wait_for_preview(qtbot, window, "one level only")
    assert "Preview paused" not in window.preview.toPlainText()

    lines = "A line of a pasted log without any blank line between them.\n" * 18_000
    path = tmp_path / "log.md"
    path.write_text("---\ntitle: Log\n---\n" + lines)
    window.open_path(path)
    wait_for_preview(qtbot, window, "Preview paused")
    assert "characters long" in window.preview.toPlainText()


def test_a_twenty_megabyte_line_is_refused_with_a_message(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    path = tmp_path / "one-line.md"
    path.write_text("---\ntitle: One line\n---\n" + "word " * 4_000_000)
    assert not window.open_path(path)
    assert "characters long" in window.message_bar.label.text()
    put_cursor(window, 0)
    type_text(qtbot, window.editor, "Still typing ")
    wait_for_preview(qtbot, window, "Still typing")


def test_lines_far_from_the_view_are_formatted_when_they_show(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(report(tmp_path / "report.md", 400))
    wait_idle(qtbot, window)
    document = window.document.text_document
    far = document.findBlock(window.document.body_text().index("## Berth 390"))
    assert far.userState() & UNFORMATTED
    window.editor.setTextCursor(QTextCursor(far))
    window.editor.centerCursor()
    qtbot.waitUntil(lambda: not document.findBlock(far.position()).userState() & UNFORMATTED)
    formats = document.findBlock(far.position()).layout().formats()
    assert formats and formats[0].format.fontWeight() > 400  # the heading is bold
