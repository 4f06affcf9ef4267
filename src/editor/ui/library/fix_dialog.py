"""Preview a library fix before it writes anything: every file, field, old -> new.

A fix can rewrite dozens of files, so it is never applied blind. The dialog
lists the changes grouped by file, each old and new value in full with the
changed words marked, and what the fix leaves alone and why;
Apply writes them as one undoable step, Cancel writes nothing.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor.core.fixes import ADD_LINK, SET_LABEL, FixPlan
from editor.core.word_diff import ADDED, REMOVED, Piece, word_diff
from editor.ui.shell.palette import ThemeColours, palette_for

#: a long headline, in characters: the title field and the preview give it one line
HEADLINE_CHARS = 72


def _relative(plan: FixPlan, path: Path) -> str:
    if plan.library is not None:
        try:
            return path.relative_to(plan.library.root).as_posix()
        except ValueError:
            pass
    return str(path)


def diff_html(pieces: list[Piece], theme: ThemeColours) -> str:
    """Rich text of one side of a word diff: changed runs marked, nothing elided."""
    parts = []
    for piece in pieces:
        text = html.escape(piece.text)
        if piece.kind == REMOVED:
            bg, fg = theme.removed_background.name(), theme.changed_text.name()
            text = f'<span style="background-color:{bg}; color:{fg}"><s>{text}</s></span>'
        elif piece.kind == ADDED:
            bg, fg = theme.changed_background.name(), theme.changed_text.name()
            text = f'<span style="background-color:{bg}; color:{fg}"><b>{text}</b></span>'
        parts.append(text)
    return "".join(parts) or "<i>(empty)</i>"


class FixDialog(QDialog):
    """The changes of one FixPlan, with Apply and Cancel.

    Each change shows the whole old and new value, wrapped rather than cut,
    with the removed and added words marked: the words that differ are often
    the last ones, exactly where a table column would cut them off.
    """

    def __init__(self, plan: FixPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(plan.description)
        theme = palette_for(self)
        files = plan.files()
        summary = (
            f"{len(plan.changes)} change(s) in {len(files)} file(s). "
            "Each file is saved with only these values changed; Undo Fix takes it all back."
            if plan.changes
            else "Nothing to change."
        )
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self._rows: list[tuple[str, str, str, str]] = []
        #: (now label, after label) per change, as shown
        self.value_labels: list[tuple[QLabel, QLabel]] = []
        content = QWidget()
        # One grid for every file, so the "Now" and "After" texts line up down the list.
        grid = QGridLayout(content)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for path, changes in plan.by_file():
            shown_path = _relative(plan, path)
            heading = QLabel(shown_path)
            bold = QFont(heading.font())
            bold.setBold(True)
            heading.setFont(bold)
            heading.setWordWrap(True)
            grid.addWidget(heading, grid.rowCount(), 0, 1, 3)
            for change in changes:
                name = change.field + (" label" if change.kind == SET_LABEL else "")
                old = "(none)" if change.kind == ADD_LINK else change.old
                new = change.new
                if change.link is not None and change.link.path:
                    new += f" ({change.link.path})"
                self._rows.append((shown_path, name, old, new))
                before, after = word_diff(old, new)
                row = grid.rowCount()
                field_label = QLabel(name)
                field_label.setStyleSheet(f"color: {theme.muted_text.name()};")
                field_label.setContentsMargins(12, 0, 0, 0)
                grid.addWidget(field_label, row, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
                now_label = self._value(diff_html(before, theme))
                after_label = self._value(diff_html(after, theme))
                grid.addWidget(QLabel("Now"), row, 1, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(now_label, row, 2)
                grid.addWidget(QLabel("After"), row + 1, 1, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(after_label, row + 1, 2)
                grid.setRowMinimumHeight(row + 2, 6)
                self.value_labels.append((now_label, after_label))
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(grid.rowCount(), 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll_area, 1)
        if plan.skipped:
            skipped = QLabel("Left alone:\n" + "\n".join(f"• {s}" for s in plan.skipped[:20]))
            skipped.setWordWrap(True)
            layout.addWidget(skipped)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply_button.setEnabled(bool(plan.changes))
        apply_button.setDefault(True)
        apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(_dialog_width(self), 460)

    @staticmethod
    def _value(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def change_rows(self) -> list[tuple[str, str, str, str]]:
        """(file, field, now, after) per change, as shown."""
        return list(self._rows)


def _dialog_width(widget: QWidget) -> int:
    """Room for a headline on one line, within the screen."""
    wanted = widget.fontMetrics().horizontalAdvance("x" * HEADLINE_CHARS) + 220
    screen = widget.screen()
    if screen is not None:
        wanted = min(wanted, int(screen.availableGeometry().width() * 0.9))
    return max(720, wanted)


class RenameTitleDialog(QDialog):
    """Library › Rename Title Everywhere: the current title in full, a field wide enough."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rename Title Everywhere")
        intro = QLabel(
            "The new title is written into this article and into every previous/next "
            "link label that shows the current one. You will see each file first."
        )
        intro.setWordWrap(True)
        self.current_label = QLabel(f"Now: {current}")
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit = QLineEdit(current)
        self.edit.selectAll()
        metrics = self.edit.fontMetrics()
        room = max(
            metrics.horizontalAdvance("x" * HEADLINE_CHARS), metrics.horizontalAdvance(current)
        )
        self.edit.setMinimumWidth(room + 24)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.current_label)
        layout.addWidget(QLabel("New title:"))
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)

    def title(self) -> str:
        return self.edit.text().strip()


def confirm_fix(parent: QWidget | None, plan: FixPlan) -> bool:
    """Show the preview and return True when the user chose Apply (tests replace this)."""
    dialog = FixDialog(plan, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
