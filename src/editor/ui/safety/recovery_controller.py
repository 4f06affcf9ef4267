"""Keep the open buffer's unsaved text in the recovery journal, and bring it back.

Every few seconds while the document has unsaved changes its whole text
(front matter and body, as a save would write it) goes to the journal in the
user's data folder; a clean save, a close, or loading something else removes
it. A crash or a kill therefore leaves at most a few seconds of typing
unjournaled, and the next start can offer what was left behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from editor.core.errors import ArticleError
from editor.core.recovery import RecoveryEntry, RecoveryJournal, new_entry_id
from editor.core.session import read_disk_text
from editor.ui.document import ArticleDocument

DEFAULT_INTERVAL_SECONDS = 3.0


def default_recovery_folder() -> Path:
    """<user data folder>/recovery, e.g. ~/.local/share/ArticleEditor/article-editor/recovery."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


class RecoveryController(QObject):
    """Journals one ArticleDocument; one stable entry id for the document's whole life."""

    #: entry ids of buffers open in this process: never offered for recovery
    live_ids: ClassVar[set[str]] = set()

    #: the journal file was written (Path)
    journalWritten = Signal(object)
    #: the journal could not be written; the message says why
    journalFailed = Signal(str)
    #: a recovered entry was loaded into the document (RecoveryEntry)
    restored = Signal(object)

    def __init__(
        self,
        document: ArticleDocument,
        journal: RecoveryJournal | None = None,
        interval_seconds: float = DEFAULT_INTERVAL_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.journal = (
            journal if journal is not None else RecoveryJournal(default_recovery_folder())
        )
        self.entry_id = new_entry_id()
        RecoveryController.live_ids.add(self.entry_id)
        self._dirty = False  # text changed since the last journal write
        self._written = False  # our entry exists on disk
        self._abandoned = False
        self.timer = QTimer(self)
        self.timer.setInterval(max(100, round(interval_seconds * 1000)))
        self.timer.timeout.connect(self._on_tick)
        document.modifiedChanged.connect(self._on_modified_changed)
        document.bodyChanged.connect(self._on_edited)
        document.fieldChanged.connect(self._on_edited)
        document.saved.connect(self._on_clean)
        document.loaded.connect(self._on_clean)
        if document.is_modified():
            self._on_modified_changed(True)

    # ----------------------------------------------------------- journaling
    def set_interval(self, seconds: float) -> None:
        self.timer.setInterval(max(100, round(seconds * 1000)))

    def snapshot(self) -> tuple[str, dict[str, Any], str]:
        """(full text as a save would write it, metadata, title) of the buffer now."""
        doc = self.document
        body = doc.body_text()
        metadata: dict[str, Any] = {
            "raw": doc.raw_error is not None,
            "disk_hash": doc.session.disk_hash,
            "cursor": None,
        }
        if doc.raw_error is not None:
            return body, metadata, doc.display_name
        article = doc.article
        saved_body = article.body
        try:
            article.body = body
            text = article.to_text()
        except ArticleError:
            text = body
        finally:
            article.body = saved_body
        metadata["front_matter"] = dict(article.metadata)
        return text, metadata, article.title or doc.display_name

    def write_now(self) -> bool:
        """Journal the buffer at once; False (and journalFailed) when the disk refuses."""
        if self._abandoned:
            return False
        text, metadata, title = self.snapshot()
        try:
            path = self.journal.write(self.entry_id, self.document.path, text, metadata, title)
        except ArticleError as error:
            self.journalFailed.emit(f"Could not keep a recovery copy: {error.message}")
            return False
        self._dirty = False
        self._written = True
        self.journalWritten.emit(path)
        return True

    def discard_entry(self) -> None:
        """Forget our entry: the buffer was saved, or the user chose to drop it."""
        self._dirty = False
        self.timer.stop()
        if not self._written:
            return
        try:
            self.journal.remove(self.entry_id)
        except ArticleError as error:
            self.journalFailed.emit(f"Could not remove the recovery copy: {error.message}")
            return
        self._written = False

    def abandon(self) -> None:
        """The crash path: stop at once and leave the journal exactly as it is."""
        self._abandoned = True
        self.release()
        self.timer.stop()
        for signal, slot in (
            (self.document.modifiedChanged, self._on_modified_changed),
            (self.document.bodyChanged, self._on_edited),
            (self.document.fieldChanged, self._on_edited),
            (self.document.saved, self._on_clean),
            (self.document.loaded, self._on_clean),
        ):
            signal.disconnect(slot)

    def release(self) -> None:
        """This buffer is gone (closed or crashed): its entry, if any, may be offered."""
        RecoveryController.live_ids.discard(self.entry_id)

    def _on_modified_changed(self, modified: bool) -> None:
        if self._abandoned:
            return
        if modified:
            self._dirty = True
            if not self.timer.isActive():
                self.timer.start()
        else:
            # Back to what is on disk (saved, or undone to the saved state).
            self.discard_entry()

    def _on_edited(self, *_args: object) -> None:
        if self.document.is_modified():
            self._dirty = True
            if not self.timer.isActive() and not self._abandoned:
                self.timer.start()

    def _on_tick(self) -> None:
        if not self.document.is_modified():
            self.discard_entry()
            return
        if self._dirty or not self._written:
            self.write_now()

    def _on_clean(self, *_args: object) -> None:
        if not self.document.is_modified():
            self.discard_entry()

    # ------------------------------------------------------------- recovery
    def recoverable_entries(self) -> list[RecoveryEntry]:
        """Entries left by earlier sessions (not ours, not another running window's)."""
        return [
            entry
            for entry in self.journal.entries()
            if entry.id not in RecoveryController.live_ids and not entry.writer_alive()
        ]

    def restore(self, entry: RecoveryEntry) -> None:
        """Put the recovered text in the document, unsaved, and move the entry to our id.

        The buffer is marked modified so closing asks before dropping it, and
        it keeps the hash of the file as it was when the text was journaled,
        so saving over a file changed since then asks first.
        """
        doc = self.document
        doc.load_text(entry.text, entry.original_path)
        disk_hash = entry.metadata.get("disk_hash")
        if doc.raw_error is None and isinstance(disk_hash, str):
            doc.session.assume_read_from(disk_hash)
        doc.undo_stack.resetClean()
        # Journal under our id before dropping the old one: never zero copies.
        if self.write_now():
            self.journal.remove(entry.id)
        self.restored.emit(entry)

    def discard(self, entry: RecoveryEntry) -> None:
        self.journal.remove(entry.id)

    @staticmethod
    def disk_text(entry: RecoveryEntry) -> str | None:
        """The entry's original file as it is now, for a side-by-side view; None if unreadable."""
        if entry.original_path is None:
            return None
        try:
            return read_disk_text(entry.original_path)
        except ArticleError:
            return None
