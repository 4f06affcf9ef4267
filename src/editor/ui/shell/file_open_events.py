"""Files that macOS asks the editor to open (Finder, Dock, "Open With").

Finder never passes a double-clicked file as a command-line argument: it
sends an Apple Event, which Qt turns into a ``QFileOpenEvent`` on the
application object. The first one arrives while the app is still starting,
often before any window exists, so this filter keeps the paths until a
handler is set instead of dropping them.

Install it right after creating the QApplication, before ``exec()``::

    opener = FileOpenFilter(app)
    app.installEventFilter(opener)
    ...
    opener.set_handler(window.open_path)   # replays anything that came early

Other platforms never send the event, so installing it everywhere is harmless.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent


class FileOpenFilter(QObject):
    """Turns QFileOpenEvent into calls of a handler taking a local path."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handler: Callable[[str], object] | None = None
        self._pending: list[str] = []

    @property
    def pending(self) -> list[str]:
        """Paths received before a handler was set, oldest first."""
        return list(self._pending)

    def set_handler(self, handler: Callable[[str], object] | None) -> None:
        """Route future paths to ``handler`` and hand it those that came before."""
        self._handler = handler
        if handler is None:
            return
        pending, self._pending = self._pending, []
        for path in pending:
            handler(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return super().eventFilter(watched, event)
        path = event.file() or event.url().toLocalFile()
        if not path:
            return False  # a non-file URL: not ours to handle
        if self._handler is None:
            self._pending.append(path)
        else:
            self._handler(path)
        return True
