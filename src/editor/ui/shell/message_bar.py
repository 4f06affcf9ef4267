"""A banner above the editor for problems that need the writer's attention.

Errors that block nothing (a failed save, an unreadable front matter, a
conflict) are shown here instead of a modal dialog, so the writer keeps typing
and decides when to act.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from editor.ui.shell.palette import ThemeColours, follow_theme


class MessageBar(QWidget):
    """One message with optional action buttons and a close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 6, 6)
        self._layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.clicked.connect(self.dismiss)
        self._close = close
        self._layout.addWidget(close)
        self.kind = ""
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._theme: ThemeColours | None = None
        follow_theme(self, self._restyle)
        self.hide()

    def _restyle(self, theme: ThemeColours) -> None:
        """The banner's colours and its text's, from the theme (text inherits none)."""
        self._theme = theme
        self.setStyleSheet(theme.banner(self.kind).style_sheet("#messageBar"))

    def show_message(
        self,
        text: str,
        kind: str = "error",
        actions: list[tuple[str, Callable[[], object]]] | None = None,
        closable: bool = True,
    ) -> None:
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        self.kind = kind
        self.label.setText(text)
        if self._theme is not None:
            self._restyle(self._theme)
        for label, callback in actions or []:
            button = QPushButton(label)
            button.clicked.connect(callback)
            self._layout.insertWidget(self._layout.count() - 1, button)
            self._buttons.append(button)
        self._close.setVisible(closable)
        self.show()

    def button_texts(self) -> list[str]:
        return [b.text() for b in self._buttons]

    def trigger(self, label: str) -> None:
        """Press an action button by its label (keyboard users and tests)."""
        for button in self._buttons:
            if button.text() == label:
                button.click()
                return
        raise KeyError(label)

    def dismiss(self) -> None:
        self.hide()
        self.kind = ""
