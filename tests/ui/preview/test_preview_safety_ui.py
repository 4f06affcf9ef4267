"""The preview shows remote images as placeholders, follows no script links, never stalls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import preview_text, wait_for_preview

Factory = Callable[..., MainWindow]


def test_remote_image_is_a_placeholder_with_its_address(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "pictures.md"
    path.write_text(
        "---\ntitle: Pictures\n---\nThe quay at dawn:\n\n"
        "![the quay](https://photos.example.org/quay.jpg)\n\n"
        '<img src="javascript:alert(1)" alt="trick">\n',
        encoding="utf-8",
    )
    window = make_window(path)
    wait_for_preview(qtbot, window, "remote image not loaded")
    text = preview_text(window)
    assert "the quay: remote image not loaded: https://photos.example.org/quay.jpg" in text
    assert "trick: image address blocked: javascript:alert(1)" in text
    html = window.preview.toHtml()
    assert "<img" not in html.lower()


def test_script_and_file_links_are_not_followed(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    for address in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>"):
        with qtbot.waitSignal(window.preview.message, timeout=2000) as said:
            window.preview.anchorClicked.emit(QUrl(address))
        assert "not followed" in str(said.args[0])


def test_a_body_that_would_stall_the_renderer_pauses_the_preview(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "brackets.md"
    path.write_text("---\ntitle: Brackets\n---\nStart.\n\n" + "[" * 20_000 + "\n", encoding="utf-8")
    window = make_window(path)
    wait_for_preview(qtbot, window, "Preview paused")
    assert "20,000" in preview_text(window)
    assert "Brackets" in preview_text(window)  # the title still shows
