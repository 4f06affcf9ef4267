"""Edit > Suggest Summary: a proposal from the article's own sentences.

The suggestion is only a proposal: it reaches the article through
``target.set_field`` (one undoable step) and only after the user accepted it
in the dialog, which says so plainly when it would replace a summary.
``ask_summary`` is the one question; tests replace it.
"""

from __future__ import annotations

from html import escape
from typing import Any, Protocol

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.summary import SUMMARY_LIMIT, suggest
from editor.ui.transfer import messages


class SummaryTarget(Protocol):
    """What the summary helper needs from the window's document (ArticleDocument has it)."""

    def body_text(self) -> str: ...

    def field(self, name: str) -> Any: ...

    def set_field(self, name: str, value: Any) -> None: ...


def ask_summary(parent: QWidget | None, suggestion: str, current: str) -> str | None:
    """The summary the user accepted (possibly edited), or None when cancelled."""
    dialog = SuggestSummaryDialog(suggestion, current, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.text()
        return None
    finally:
        dialog.deleteLater()


class SuggestSummaryDialog(QDialog):
    """The proposed summary, editable, accepted or cancelled; never applied by itself."""

    def __init__(self, suggestion: str, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Suggest Summary")
        self.setObjectName("suggestSummaryDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A summary taken from the article's own sentences, made on this computer. "
            "Edit it if you like."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.editor = QPlainTextEdit(suggestion)
        self.editor.setObjectName("suggestionEdit")
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.current_label: QLabel | None = None
        if current.strip():
            self.current_label = QLabel(
                f"<b>Accepting replaces your current summary:</b><br>{escape(current)}"
            )
            self.current_label.setWordWrap(True)
            self.current_label.setObjectName("currentSummary")
            layout.addWidget(self.current_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = QPushButton("Replace Summary" if current.strip() else "Use Summary")
        self.accept_button.setDefault(True)
        buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.editor.textChanged.connect(self._update)
        self._update()
        self.resize(480, 260)

    def text(self) -> str:
        return self.editor.toPlainText().strip()

    def _update(self) -> None:
        length = len(self.text())
        self.count.setText(f"{length} / {SUMMARY_LIMIT} characters")
        self.accept_button.setEnabled(length > 0)


def suggest_summary_for(
    parent: QWidget | None, target: SummaryTarget, limit: int = SUMMARY_LIMIT
) -> bool:
    """Suggest Summary: propose one from the body; True when the user accepted it.

    The summary changes only through ``target.set_field`` after acceptance,
    so it is one undoable step and an existing summary is never replaced
    behind the user's back.
    """
    result = suggest(target.body_text(), limit)
    if result is None:
        messages.show_message(
            parent,
            "Suggest Summary",
            "The article has no sentences to take a summary from yet.",
            warning=True,
        )
        return False
    current = str(target.field("summary") or "")
    accepted = ask_summary(parent, result.text, current)
    if accepted is None or not accepted.strip() or accepted.strip() == current.strip():
        return False
    target.set_field("summary", accepted.strip())
    return True
