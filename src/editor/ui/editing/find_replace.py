"""Find and replace in the body: match case, whole word, regular expressions.

Replace All runs as one edit block, so it is one step in the undo history.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from editor.ui.text_mirror import document_text


class FindReplaceBar(QWidget):
    """A bar under the editor, opened with Ctrl+F (find) or Ctrl+H (replace)."""

    message = Signal(str)

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findReplaceBar")
        self.editor = editor
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("Find")
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText("Replace with")
        self.match_case = QCheckBox("Match case")
        self.whole_word = QCheckBox("Whole word")
        self.regex = QCheckBox("Regular expression")
        self.status = QLabel()
        self.status.setMinimumWidth(120)
        prev_button = QPushButton("Previous")
        next_button = QPushButton("Next")
        self.replace_button = QPushButton("Replace")
        self.replace_all_button = QPushButton("Replace All")
        close_button = QToolButton()
        close_button.setText("✕")
        close_button.setToolTip("Close (Esc)")
        close_button.setAutoRaise(True)

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(prev_button, 0, 1)
        grid.addWidget(next_button, 0, 2)
        grid.addWidget(self.match_case, 0, 3)
        grid.addWidget(self.whole_word, 0, 4)
        grid.addWidget(self.regex, 0, 5)
        grid.addWidget(close_button, 0, 6)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(self.replace_button, 1, 1)
        grid.addWidget(self.replace_all_button, 1, 2)
        grid.addWidget(self.status, 1, 3, 1, 3)
        grid.setColumnStretch(0, 1)
        self._replace_widgets = (self.replace_edit, self.replace_button, self.replace_all_button)

        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(lambda _t: self.status.clear())
        next_button.clicked.connect(self.find_next)
        prev_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.replace_edit.returnPressed.connect(self.replace_current)
        close_button.clicked.connect(self.close_bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        self.hide()

    # ------------------------------------------------------------------ open
    def open_find(self) -> None:
        self._open(replace=False)

    def open_replace(self) -> None:
        self._open(replace=True)

    def _open(self, replace: bool) -> None:
        for widget in self._replace_widgets:
            widget.setVisible(replace)
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()

    # --------------------------------------------------------------- search
    def pattern(self) -> re.Pattern[str] | None:
        """The search as a regular expression, or None (with a message) when invalid."""
        text = self.find_edit.text()
        if not text:
            return None
        source = text if self.regex.isChecked() else re.escape(text)
        if self.whole_word.isChecked():
            source = rf"\b(?:{source})\b"
        flags = re.MULTILINE if self.match_case.isChecked() else re.MULTILINE | re.IGNORECASE
        try:
            return re.compile(source, flags)
        except re.error as exc:
            self._say(f"Invalid expression: {exc}")
            return None

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)

    def _matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        text = document_text(self.editor.document())
        return [m for m in pattern.finditer(text) if m.end() > m.start()]

    def _select(self, match: re.Match[str]) -> None:
        text = match.string
        cursor = self.editor.textCursor()
        cursor.setPosition(qt_position(text, match.start()))
        cursor.setPosition(qt_position(text, match.end()), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()

    def find_next(self) -> bool:
        return self._find(forward=True)

    def find_previous(self) -> bool:
        return self._find(forward=False)

    def _find(self, forward: bool) -> bool:
        pattern = self.pattern()
        if pattern is None:
            return False
        matches = self._matches(pattern)
        if not matches:
            self._say("No matches")
            return False
        cursor = self.editor.textCursor()
        text = matches[0].string
        if forward:
            after = cursor.selectionEnd() if cursor.hasSelection() else cursor.position()
            chosen = next((m for m in matches if qt_position(text, m.start()) >= after), matches[0])
        else:
            before = cursor.selectionStart()
            chosen = next(
                (m for m in reversed(matches) if qt_position(text, m.end()) <= before), matches[-1]
            )
        self._select(chosen)
        self._say(f"{matches.index(chosen) + 1} of {len(matches)}")
        return True

    def _replacement(self, match: re.Match[str]) -> str:
        """The text for one match: a template with \\1 groups in regex mode, else literal."""
        if self.regex.isChecked():
            return match.expand(self.replace_edit.text())
        return self.replace_edit.text()

    def replace_current(self) -> None:
        pattern = self.pattern()
        if pattern is None:
            return
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            selected = next(
                (
                    m
                    for m in self._matches(pattern)
                    if qt_position(m.string, m.start()) == cursor.selectionStart()
                    and qt_position(m.string, m.end()) == cursor.selectionEnd()
                ),
                None,
            )
            if selected is not None:
                try:
                    cursor.insertText(self._replacement(selected))
                except (re.error, IndexError) as exc:
                    self._say(f"Invalid replacement: {exc}")
                    return
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match as one undo step; returns how many were replaced."""
        pattern = self.pattern()
        if pattern is None:
            return 0
        matches = self._matches(pattern)
        if not matches:
            self._say("No matches")
            return 0
        try:
            replacements = [(m, self._replacement(m)) for m in matches]
        except (re.error, IndexError) as exc:
            self._say(f"Invalid replacement: {exc}")
            return 0
        document: QTextDocument = self.editor.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        # From the end, so earlier positions stay valid.
        for match, replacement in reversed(replacements):
            cursor.setPosition(qt_position(match.string, match.start()))
            cursor.setPosition(
                qt_position(match.string, match.end()), QTextCursor.MoveMode.KeepAnchor
            )
            cursor.insertText(replacement)
        cursor.endEditBlock()
        count = len(replacements)
        self._say(f"Replaced {count} occurrence{'s' if count != 1 else ''}")
        return count


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def qt_position(text: str, index: int) -> int:
    """Qt counts UTF-16 code units: characters beyond the BMP (emoji) count twice."""
    return index + len(_ASTRAL.findall(text, 0, index))
