"""Two versions of an article side by side, differing lines marked, scrolling together.

Before throwing one version away (reloading over unsaved edits, restoring
or discarding recovered text) the writer should be able to see what differs.
The dialog shows text it is given and reports which choice was made; it
never reads or writes files.
"""

from __future__ import annotations

import difflib

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.ui.shell.palette import palette_for


def changed_lines(left: str, right: str) -> tuple[set[int], set[int]]:
    """0-based line numbers that differ, on each side."""
    a, b = left.split("\n"), right.split("\n")
    left_lines: set[int] = set()
    right_lines: set[int] = set()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            left_lines.update(range(i1, i2))
            right_lines.update(range(j1, j2))
    return left_lines, right_lines


class SideBySideDialog(QDialog):
    """Shows ``left`` and ``right``; ``chosen`` is the key of the button pressed."""

    choiceMade = Signal(str)

    def __init__(
        self,
        title: str,
        left: tuple[str, str],
        right: tuple[str, str],
        choices: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1100, 700)
        self.chosen = ""
        grid = QGridLayout()
        self.left_view = self._pane(left[1])
        self.right_view = self._pane(right[1])
        grid.addWidget(QLabel(left[0]), 0, 0)
        grid.addWidget(QLabel(right[0]), 0, 1)
        grid.addWidget(self.left_view, 1, 0)
        grid.addWidget(self.right_view, 1, 1)
        left_changed, right_changed = changed_lines(left[1], right[1])
        self._mark(self.left_view, left_changed)
        self._mark(self.right_view, right_changed)
        self.summary = QLabel(
            "The two versions are identical."
            if not left_changed and not right_changed
            else f"{len(left_changed)} line(s) on the left and {len(right_changed)} on the "
            "right differ (marked)."
        )
        # Scroll together so the same place stays in view on both sides.
        left_bar = self.left_view.verticalScrollBar()
        right_bar = self.right_view.verticalScrollBar()
        left_bar.valueChanged.connect(right_bar.setValue)
        right_bar.valueChanged.connect(left_bar.setValue)

        buttons = QDialogButtonBox()
        self.buttons: dict[str, QPushButton] = {}
        for label, key in choices:
            button = buttons.addButton(label, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(lambda _checked=False, k=key: self.choose(k))
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    @staticmethod
    def _pane(text: str) -> QPlainTextEdit:
        view = QPlainTextEdit()
        view.setReadOnly(True)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        view.setPlainText(text)
        view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return view

    @staticmethod
    def _mark(view: QPlainTextEdit, lines: set[int]) -> None:
        selections = []
        document = view.document()
        for number in sorted(lines):
            block = document.findBlockByNumber(number)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            char_format = QTextCharFormat()
            char_format.setBackground(palette_for(view).changed_background)
            char_format.setForeground(palette_for(view).changed_text)
            char_format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.format = char_format  # type: ignore[attr-defined]
            cursor = QTextCursor(block)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selections.append(selection)
        view.setExtraSelections(selections)

    def choose(self, key: str) -> None:
        self.chosen = key
        self.choiceMade.emit(key)
        self.accept()
