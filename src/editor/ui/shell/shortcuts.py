"""Help > Keyboard Shortcuts: every action of the window that has a key, read live.

The list is built from the window's actions each time it opens, so it can
never fall out of date with the menus; the keys are shown the way this
platform writes them (⌘ on macOS, Ctrl elsewhere).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

OTHER = "Other"


def action_label(action: QAction) -> str:
    """Menu text without mnemonics or the trailing ellipsis."""
    return action.text().replace("&&", "\x00").replace("&", "").replace("\x00", "&").rstrip("…")


def menu_paths(window: QMainWindow) -> dict[QAction, str]:
    """Where each action sits in the menu bar, e.g. "View › Theme"."""
    paths: dict[QAction, str] = {}

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {action_label(action)}")
            elif action not in paths:
                paths[action] = path

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, action_label(top))
    return paths


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action of the window that has a shortcut."""
    paths = menu_paths(window)
    seen: set[int] = set()
    rows = []
    actions = list(window.findChildren(QAction)) + list(window.actions())
    for action in actions:
        if id(action) in seen or not action.shortcuts() or not action.text():
            continue
        seen.add(id(action))
        keys = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
        )
        rows.append((paths.get(action, OTHER), action_label(action), keys))
    order = [action_label(a) for a in window.menuBar().actions()]
    rows.sort(key=lambda r: (_menu_rank(r[0], order), r[0], r[1].lower()))
    return rows


def _menu_rank(path: str, order: list[str]) -> int:
    top = path.split(" › ")[0]
    return order.index(top) if top in order else len(order)


class ShortcutsDialog(QDialog):
    """A searchable list of the window's keyboard shortcuts, grouped by menu."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("shortcutsDialog")
        self.resize(520, 620)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by action or key")
        self.filter_edit.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Shortcut"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing goes to the filter
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.rows = shortcut_rows(window)
        self._fill("")
        self.filter_edit.textChanged.connect(self._fill)

    def _fill(self, text: str) -> None:
        self.tree.clear()
        needle = text.strip().lower()
        groups: dict[str, QTreeWidgetItem] = {}
        for menu, label, keys in self.rows:
            if needle and needle not in f"{menu} {label} {keys}".lower():
                continue
            group = groups.get(menu)
            if group is None:
                group = QTreeWidgetItem([menu, ""])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(group)
                groups[menu] = group
            item = QTreeWidgetItem([f"    {label}", keys])
            self.tree.addTopLevelItem(item)
        self.filter_edit.setFocus()

    def listed_actions(self) -> list[str]:
        return [label for _menu, label, _keys in self.rows]
