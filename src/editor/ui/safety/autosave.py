"""Saving automatically, for writers who asked for it in Preferences (off by default).

A save is attempted a few seconds after typing stops, only for an article
that already has a file and readable front matter. It never asks anything:
a file changed by another program or a failing disk leaves the text unsaved
and says so in the status bar, and the usual Save shows the full choice.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from editor.core.errors import ArticleError
from editor.ui.document import ArticleDocument


class Autosave(QObject):
    def __init__(
        self,
        document: ArticleDocument,
        notify: Callable[[str], None] = lambda _text: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else document)
        self.document = document
        self._notify = notify
        self.enabled = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.save_now)
        document.bodyChanged.connect(self._on_edited)
        document.fieldChanged.connect(self._on_edited)

    def configure(self, enabled: bool, seconds: int) -> None:
        self.enabled = enabled
        self.timer.setInterval(max(1, seconds) * 1000)
        if not enabled:
            self.timer.stop()

    def _on_edited(self, *_args: object) -> None:
        if self.enabled:
            self.timer.start()

    def save_now(self) -> bool:
        doc = self.document
        if not doc.is_modified() or doc.path is None or doc.raw_error is not None:
            return False
        try:
            doc.save()
        except ArticleError as error:  # ConflictError included: never overwrite silently
            self._notify(f"Not saved automatically: {error.message}")
            return False
        return True
