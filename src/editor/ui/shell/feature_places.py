"""The places features fill in the window, made before its first paint so nothing moves.

The library, the safety net and the writing tools install themselves after
the window has painted (see ``startup.py``). Had they made their own docks and
menus then, the saved layout could only be restored once they arrived and the
editor would jump sideways as the outline dock appeared. So the window makes
the empty docks and menus first and restores its layout once; each feature
takes its places by name, and makes them itself only in a window that has
none (a test's bare ``QMainWindow``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

OUTLINE_DOCK = "outlineDock"
LIBRARY_DOCK = "libraryDock"
CHAIN_DOCK = "chainDock"
PROBLEMS_DOCK = "problemsDock"

FORMAT_MENU = "F&ormat"
TOOLS_MENU = "&Tools"
GO_MENU = "&Go"
LIBRARY_MENU = "&Library"

#: the outline's width when the window has no saved layout
OUTLINE_WIDTH = 220
_MOVABLE = QDockWidget.DockWidgetFeature.DockWidgetClosable | (
    QDockWidget.DockWidgetFeature.DockWidgetMovable
)


def find_dock(window: QMainWindow, name: str) -> QDockWidget | None:
    for dock in window.findChildren(QDockWidget):
        if dock.objectName() == name:
            return dock
    return None


def find_menu(window: QMainWindow, title: str) -> QMenu | None:
    """The menu bar's menu called ``title`` (the ``&`` marks do not matter)."""
    wanted = title.replace("&", "")
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == wanted:
            return menu
    return None


def _dock(window: QMainWindow, name: str, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(QWidget())  # until the feature brings its own
    window.addDockWidget(area, dock)
    return dock


def reserve_places(window: QMainWindow, view_menu: QMenu, help_menu: QMenu) -> None:
    """Make the docks and menus the features fill in later, where each belongs.

    Menus: File, Edit, Format, View, Tools, Go, Library, Help. Docks: the
    outline on the left (shown) with the library's sidebar as a tab beside it
    (hidden until a folder is opened), the chain and problems below (hidden).
    """
    bar = window.menuBar()
    bar.insertMenu(view_menu.menuAction(), QMenu(FORMAT_MENU, window))
    for title in (TOOLS_MENU, GO_MENU, LIBRARY_MENU):
        bar.insertMenu(help_menu.menuAction(), QMenu(title, window))
    left, bottom = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
    outline = _dock(window, OUTLINE_DOCK, "Outline", left)
    outline.setFeatures(_MOVABLE)
    library = _dock(window, LIBRARY_DOCK, "Library", left)
    window.tabifyDockWidget(outline, library)
    chain = _dock(window, CHAIN_DOCK, "Chain", bottom)
    problems = _dock(window, PROBLEMS_DOCK, "Problems", bottom)
    window.tabifyDockWidget(chain, problems)
    for dock in (library, chain, problems):
        dock.hide()  # shown when a folder is opened
    window.resizeDocks([outline], [OUTLINE_WIDTH], Qt.Orientation.Horizontal)
    outline.raise_()
