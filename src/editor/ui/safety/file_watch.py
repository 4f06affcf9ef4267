"""Notice when another program changes, replaces or deletes the open file.

QFileSystemWatcher watches an inode: when vim, git checkout or a sync tool
writes a new file and renames it over ours, the old inode is gone and the
file watch silently ends. So the folder is watched too (a rename shows up
there), the path is added again after every event, and what actually
happened is decided by comparing fingerprints (editor.core.disk_state), not
by which signal fired. Events come in bursts (write, chmod, rename), so
they are coalesced by a short timer. A check on window focus and before a
save catches whatever the watcher missed (network drives, sleep).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from editor.core.disk_state import DiskChange, DiskComparison, FileFingerprint, compare

#: How long to wait for a burst of events to finish before looking.
SETTLE_MS = 120


class FileWatch(QObject):
    """Watches one path; reports content changes and deletions, each once."""

    #: the file's content differs from what the buffer was read from (Path)
    changedOnDisk = Signal(object)
    #: nothing is at the path any more (Path)
    deletedOnDisk = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_event)
        self._watcher.directoryChanged.connect(self._on_event)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._on_settled)
        self._thorough_next = False
        self.path: Path | None = None
        self.baseline = FileFingerprint.missing()

    # ------------------------------------------------------------- control
    def watch(self, path: Path | None, read_from: FileFingerprint) -> None:
        """Follow ``path``, whose bytes were ``read_from`` when the buffer read or wrote them.

        Called after every load and save with the session's fingerprint. If
        the file already differs from it (changed between the read and now),
        that is reported once control returns to the event loop rather than
        taken as the new normal.
        """
        self._unwatch()
        self.path = None if path is None else Path(path)
        if self.path is None:
            self.baseline = FileFingerprint.missing()
            return
        if read_from.sha256 is None:
            # Not read from this path (a new article's chosen name, an import):
            # whatever is there now is the normal state.
            self.baseline = FileFingerprint.of(self.path, content_hash=True)
        else:
            self.baseline = read_from
            self._check_soon(thorough=True)
        self._rewatch()

    def stop(self) -> None:
        self._unwatch()
        self.path = None
        self._settle.stop()

    def watched_paths(self) -> list[str]:
        return sorted(self._watcher.files() + self._watcher.directories())

    def check_now(self, thorough: bool = False) -> DiskComparison | None:
        """Compare the file with the baseline now; emit when the content changed or vanished.

        Used by the watcher's events, on window focus and before saving
        (``thorough``: read the bytes even when stat data looks the same).
        """
        self._settle.stop()
        if self.path is None:
            return None
        result = compare(self.baseline, self.path, thorough=thorough)
        self._rewatch()
        if result.change is DiskChange.DELETED:
            self.baseline = result.now
            self.deletedOnDisk.emit(self.path)
        elif result.content_changed:
            self.baseline = result.now
            self.changedOnDisk.emit(self.path)
        elif result.change is not DiskChange.UNCHANGED:
            # Replaced by identical bytes: new inode, nothing to tell.
            self.baseline = result.now.with_sha256(result.now.sha256 or self.baseline.sha256)
        return result

    # ------------------------------------------------------------ internals
    def _on_event(self, _path: str) -> None:
        self._settle.start(SETTLE_MS)

    def _check_soon(self, thorough: bool) -> None:
        """Check once control returns to the event loop (listeners are connected by then)."""
        self._thorough_next = self._thorough_next or thorough
        self._settle.start(0)

    def _on_settled(self) -> None:
        thorough, self._thorough_next = self._thorough_next, False
        self.check_now(thorough=thorough)

    def _unwatch(self) -> None:
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)

    def _rewatch(self) -> None:
        """Watch the file (if it exists now) and its folder; adding twice is harmless."""
        if self.path is None:
            return
        folder = self.path.parent
        if str(folder) not in self._watcher.directories() and folder.is_dir():
            self._watcher.addPath(str(folder))
        if str(self.path) not in self._watcher.files() and self.path.exists():
            self._watcher.addPath(str(self.path))
