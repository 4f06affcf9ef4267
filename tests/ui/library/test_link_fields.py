"""The previous/next link fields: the title's completion list never swallows the path field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.ui.shell.main_window import MainWindow
from tests.core.libhelp import write_article

Factory = Callable[..., MainWindow]


# A completion list is a popup: the offscreen platform cannot raise it or grab keys for it.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_clicking_path_while_the_title_list_is_open_types_into_path(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "lib"
    write_article(folder, "a.md", "Harbour vote")
    write_article(folder, "b.md", "Night ferry returns")
    write_article(folder, "c.md", "Night market opens")
    window = make_window(folder)
    qtbot.waitUntil(lambda: window.document.path == folder / "a.md", timeout=10000)
    picker = window.library_ui.pickers[1]  # the next link
    qtbot.waitUntil(lambda: "Night ferry returns" in picker.labels(), timeout=10000)
    fields = window.panel.next_editor
    fields.title_edit.setFocus()
    qtbot.keyClicks(fields.title_edit, "Night")
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    # The list opens below the whole link (title and path), not over the path field.
    path_edit = fields.path_edit
    path_rect = QRect(path_edit.mapToGlobal(QPoint(0, 0)), path_edit.size())
    assert not popup.geometry().intersects(path_rect)
    # Click the path field the way a mouse does: through the window, where the open
    # list sees the click first.
    centre = path_edit.mapTo(window, path_edit.rect().center())
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: not popup.isVisible())
    qtbot.waitUntil(path_edit.hasFocus)
    # Keys go where a keyboard sends them: the open list, else the focused widget.
    for key in "x.md":
        target = popup if popup.isVisible() else QApplication.focusWidget()
        assert target is not None
        QTest.keyClicks(target, key)
    assert fields.title_edit.text() == "Night"
    assert path_edit.text() == "x.md"
