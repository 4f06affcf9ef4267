"""Give the keyboard back to the main window when one of its dialogs closes.

A window manager normally re-activates the window a dialog belonged to.
Without one (a kiosk session, a remote X display, the test screen) nothing
is active after the dialog closes, no widget has the focus, and every window
shortcut (Ctrl+, Ctrl+Shift+I, Ctrl+S) silently does nothing until the
writer clicks into the window. The window re-activates itself and puts the
focus back where it was before the dialog opened.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


class FocusReturn(QObject):
    """Watches the application for dialogs of ``window`` that close."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._last_focus: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.installEventFilter(self)
            app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.window() is self._window:
            self._last_focus = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(watched, QDialog):
            parent = watched.parentWidget()
            if watched.isWindow() and parent is not None and parent.window() is self._window:
                QTimer.singleShot(0, self.restore)
        return False

    def restore(self) -> None:
        """Activate the window again and focus what had the focus, unless something else did."""
        window = self._window
        if not window.isVisible() or QApplication.activeModalWidget() is not None:
            return
        active = QApplication.activeWindow()
        if active is not None and active is not window:
            return  # another of our windows (a second dialog) took over
        window.activateWindow()
        if QApplication.focusWidget() is None:
            target = self._last_focus
            if target is not None and shiboken6.isValid(target) and target.isVisible():
                target.setFocus()
            else:
                window.setFocus()
