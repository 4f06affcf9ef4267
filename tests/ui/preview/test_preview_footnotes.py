"""Typing inside a footnote definition: the footnote list stays right and the preview stays put."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import type_text, wait_for_preview
from tests.ui.preview.test_preview_while_typing import put_cursor, wait_idle

Factory = Callable[..., MainWindow]


def article_with_notes(path: Path, notes: int) -> Path:
    parts = ["---\ntitle: Tide tables, annotated\n---\n[TOC]\n\n"]
    for number in range(notes):
        parts.append(f"## Week {number}\n\n")
        parts.append(
            f"The pilots logged the spring tide on day {number}[^n{number}] and the ferry "
            "kept its winter timetable, with one crossing fewer on Sundays.\n\n"
        )
    parts.append("A regular expression like `[^a-z]` or [^ in prose is not a note.\n\n")
    for number in range(notes):
        parts.append(f"[^n{number}]: Harbour office log, page {number + 10}.\n\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def test_typing_in_a_footnote_definition_keeps_the_list_and_the_scroll(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(article_with_notes(tmp_path / "tides.md", 60))
    wait_idle(qtbot, window)
    body = window.document.body_text()
    spot = body.index("[^n30]: Harbour office log, page 40") + len("[^n30]: Harbour office log")
    put_cursor(window, spot)
    wait_idle(qtbot, window)
    bar = window.preview.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)  # the preview followed the cursor to the notes
    before = bar.value()
    type_text(qtbot, window.editor, " (copy)")
    wait_for_preview(qtbot, window, "Harbour office log (copy), page 40")
    wait_idle(qtbot, window)
    assert abs(bar.value() - before) <= window.preview.viewport().height() // 4
    shown = window.preview.document().toPlainText()
    # The list still has every note once, in order, and the table of contents every heading.
    assert shown.count("Harbour office log") == 60
    assert shown.index("page 39") < shown.index("(copy), page 40") < shown.index("page 41")
    assert shown.count("Week 59") == 2  # the heading and its entry in the contents
    assert window.preview_controller.full_renders == 0
    # Exactly what opening the edited text afresh shows.
    fresh_path = tmp_path / "fresh.md"
    fresh_path.write_text(
        "---\ntitle: Tide tables, annotated\n---\n" + window.document.body_text(), encoding="utf-8"
    )
    fresh = make_window(fresh_path)
    wait_idle(qtbot, fresh)
    assert fresh.preview_controller.body_html() == window.preview_controller.body_html()
    assert fresh.preview.document().toPlainText() == shown
