"""Window shortcuts work from every panel and again right after a dialog closes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.shell.focus_return import FocusReturn
from editor.ui.shell.main_window import MainWindow

Factory = Callable[..., MainWindow]


def _press_shortcuts(window: MainWindow) -> list[str]:
    """Ctrl+, and Ctrl+Shift+I typed on the keyboard (through the window, as a key press goes)."""
    hits: list[str] = []
    prefs = window.writing_tools.preferences_action
    importing = window.import_text_action
    prefs.triggered.disconnect()
    importing.triggered.disconnect()
    prefs.triggered.connect(lambda: hits.append("preferences"))
    importing.triggered.connect(lambda: hits.append("import"))
    handle = window.windowHandle()
    QTest.keyClick(handle, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(
        handle,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    return hits


@pytest.mark.parametrize("where", ["editor", "library list", "chain", "problems"])
def test_shortcuts_work_with_the_focus_in_any_panel(
    make_window: Factory, qtbot: QtBot, samples_copy: Path, where: str
) -> None:
    window = make_window(samples_copy)
    library = window.library_ui
    qtbot.waitUntil(lambda: library.controller.library is not None, timeout=10000)
    qtbot.waitUntil(lambda: library.chain is not None, timeout=10000)
    assert library.chain is not None
    widget: QWidget = {
        "editor": window.editor,
        "library list": library.sidebar.view,
        "chain": library.chain,
        "problems": library.problems,
    }[where]
    library.problems_dock.show()
    library.problems_dock.raise_()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    assert _press_shortcuts(window) == ["preferences", "import"]


def test_shortcuts_work_right_after_a_dialog_closes(
    make_window: Factory, qtbot: QtBot, samples_copy: Path
) -> None:
    window = make_window(samples_copy / "01-harbour-dredging.md")
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    dialog = QDialog(window)
    QTimer.singleShot(50, dialog.accept)
    dialog.exec()
    dialog.deleteLater()
    # Without a window manager nothing re-activates the window: it must do it itself.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(window.editor.hasFocus)
    assert isinstance(window.focus_return, FocusReturn)
    assert _press_shortcuts(window) == ["preferences", "import"]
