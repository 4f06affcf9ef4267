"""The banner that says the open file changed or vanished on disk, and offers the choices.

A modal dialog would interrupt typing at a moment another program chose;
a banner above the editor lets the writer finish the sentence and then
decide. The widget only shows and reports choices; the window acts.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from editor.ui.shell.palette import ThemeColours, follow_theme


class BannerKind(Enum):
    HIDDEN = "hidden"
    CHANGED = "changed"  # the file has other content than the buffer was read from
    DELETED = "deleted"  # nothing at the path any more (deleted or renamed away)


class ChangeBanner(QFrame):
    """Reload / Keep Mine / Compare for a changed file; Save / Save As / Dismiss for a gone one."""

    reloadRequested = Signal()
    keepMineRequested = Signal()
    compareRequested = Signal()
    saveRequested = Signal()
    saveAsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        self.reload_button = self._button(layout, "Reload", self.reloadRequested)
        self.keep_button = self._button(layout, "Keep Mine", self.keepMineRequested)
        self.compare_button = self._button(layout, "Compare", self.compareRequested)
        self.save_button = self._button(layout, "Save", self.saveRequested)
        self.save_as_button = self._button(layout, "Save As…", self.saveAsRequested)
        self.dismiss_button = self._button(layout, "Dismiss", None)
        self.kind = BannerKind.HIDDEN
        follow_theme(self, self._restyle)
        self.hide()

    def _restyle(self, theme: ThemeColours) -> None:
        self.setStyleSheet(theme.warning.style_sheet("#changeBanner"))

    def _button(self, layout: QHBoxLayout, text: str, signal: object) -> QPushButton:
        button = QPushButton(text)
        if signal is None:
            button.clicked.connect(self.dismiss)
        else:
            # Any choice closes the banner; the window then acts on it.
            button.clicked.connect(self.dismiss)
            button.clicked.connect(signal)
        layout.addWidget(button)
        return button

    def show_changed(self, name: str) -> None:
        """The file changed on disk while the buffer holds unsaved edits."""
        self.kind = BannerKind.CHANGED
        self.label.setText(
            f"“{name}” was changed by another program. Your unsaved edits are still here."
        )
        self._show_buttons(self.reload_button, self.keep_button, self.compare_button)

    def show_deleted(self, name: str) -> None:
        """The file is gone; the text is only in this window now."""
        self.kind = BannerKind.DELETED
        self.label.setText(
            f"“{name}” was deleted or moved by another program. "
            "The text is only in this window now; saving writes the file again."
        )
        self._show_buttons(self.save_button, self.save_as_button, self.dismiss_button)

    def _show_buttons(self, *visible: QPushButton) -> None:
        for button in (
            self.reload_button,
            self.keep_button,
            self.compare_button,
            self.save_button,
            self.save_as_button,
            self.dismiss_button,
        ):
            button.setVisible(button in visible)
        self.show()

    def button_texts(self) -> list[str]:
        """The choices on offer now, in order (for tests and accessibility checks)."""
        buttons = self.findChildren(QPushButton)
        return [b.text() for b in buttons if not b.isHidden()]

    def dismiss(self) -> None:
        self.kind = BannerKind.HIDDEN
        self.hide()
