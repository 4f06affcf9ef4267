"""The preview shows sanitized HTML, and typing reaches exactly what a fresh open shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import type_at_end, wait_for_preview

Factory = Callable[..., MainWindow]

HOSTILE = (
    "---\ntitle: Received\n---\n"
    "Intro.\n\n"
    '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/x">\n\n'
    '<div onclick="alert(1)">\n\nA raw block that spans **markdown** blocks.\n\n</div>\n\n'
    '<a href="javascript:alert(1)">trap</a> and <script>alert(2)</script>\n\n'
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A note.\n"
)


def test_hostile_markup_never_reaches_the_preview(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "a.md"
    path.write_text(HOSTILE, encoding="utf-8")
    window = make_window(path)
    wait_for_preview(qtbot, window, "A note.")
    body = window.preview_controller.body_html()
    for gone in ("<meta", "onclick", "javascript:", "<script", "alert(2)"):
        assert gone not in body, gone
    assert 'style="text-align:left"' in body  # what markdown makes is kept
    assert 'id="fn:1"' in body


def test_typing_shows_exactly_what_a_fresh_open_shows(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "a.md"
    path.write_text(HOSTILE, encoding="utf-8")
    typed = make_window(path)
    wait_for_preview(qtbot, typed, "A note.")
    type_at_end(qtbot, typed, '\n<img src="x" onerror="alert(3)">\n\nLast words here.\n')
    wait_for_preview(qtbot, typed, "Last words here.")
    incremental = typed.preview_controller.body_html()

    final = tmp_path / "b.md"
    final.write_text("---\ntitle: Received\n---\n" + typed.document.body_text(), encoding="utf-8")
    fresh = make_window(final)
    wait_for_preview(qtbot, fresh, "Last words here.")
    assert fresh.preview_controller.body_html() == incremental
    assert "onerror" not in incremental
