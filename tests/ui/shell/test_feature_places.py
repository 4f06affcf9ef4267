"""The window keeps places for the features that arrive after its first paint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from editor.ui.shell.feature_places import (
    LIBRARY_DOCK,
    OUTLINE_DOCK,
    TOOLS_MENU,
    find_dock,
    find_menu,
    reserve_places,
)


def test_places_are_made_in_order_and_found_by_name(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    view = window.menuBar().addMenu("&View")
    help_menu = window.menuBar().addMenu("&Help")
    reserve_places(window, view, help_menu)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["F&ormat", "&View", "&Tools", "&Go", "&Library", "&Help"]
    assert find_menu(window, "Tools") is find_menu(window, TOOLS_MENU)
    outline, library = find_dock(window, OUTLINE_DOCK), find_dock(window, LIBRARY_DOCK)
    assert outline is not None and library is not None
    assert window.dockWidgetArea(outline) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert not library.isVisibleTo(window) and outline.isVisibleTo(window)
    window.show()
    qtbot.waitExposed(window)
    library.show()  # opening a folder: the library becomes a tab beside the outline
    assert window.tabifiedDockWidgets(outline) == [library]
    assert find_dock(window, "noSuchDock") is None
