"""Focus mode hides everything but the text and gives every bit of it back on leaving."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QSplitter, QTextBrowser
from pytestqt.qtbot import QtBot

from editor.ui.editing.focus_mode import FocusMode


def test_distraction_free_hides_the_side_and_leaving_restores_it(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    splitter = QSplitter()
    editor = QPlainTextEdit("The council voted.")
    preview = QTextBrowser()
    splitter.addWidget(editor)
    splitter.addWidget(preview)
    window.setCentralWidget(splitter)
    window.menuBar().addMenu("&File")
    window.show()
    qtbot.waitExposed(window)
    font_before = editor.font().pointSizeF()
    focus = FocusMode(window, editor, [preview])
    changes: list[bool] = []
    focus.changed.connect(changes.append)

    focus.enter(full_screen=False)
    assert focus.active
    assert not preview.isVisible()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not window.isFullScreen()
    assert editor.font().pointSizeF() == font_before  # larger type only in full focus mode

    focus.toggle()
    assert not focus.active
    assert preview.isVisible() and window.menuBar().isVisible()
    assert editor.font().pointSizeF() == font_before
    assert changes == [True, False]
