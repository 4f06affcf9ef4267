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
    """Notices when the keyboard leaves one of ``window``'s dialogs because it closed.

    When a dialog of this window becomes active (the application's focus
    window signal), it watches that dialog alone, not every event of the
    application, and when the dialog hides the window takes the keyboard
    back. Switching to another program leaves the dialog open: nothing then.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._last_focus: QWidget | None = None
        self._watched: set[QDialog] = set()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
            app.focusWindowChanged.connect(self._on_focus_window_changed)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.window() is self._window:
            self._last_focus = new

    def _on_focus_window_changed(self, _window: object) -> None:
        active = QApplication.activeWindow()
        if isinstance(active, QDialog) and active not in self._watched and self._owns(active):
            # Only this dialog's events are watched, and only until it closes.
            self._watched.add(active)
            active.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(watched, QDialog):
            watched.removeEventFilter(self)
            self._watched.discard(watched)
            QTimer.singleShot(0, self.restore)
        return False

    def _owns(self, dialog: QDialog) -> bool:
        parent = dialog.parentWidget()
        return parent is not None and parent.window() is self._window

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
