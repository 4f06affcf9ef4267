"""Has the open file changed on disk, and how? The facts the window's watcher acts on.

A file watcher only says "something happened"; what to do depends on what:
an edit in place (reload or ask), a deletion (offer to recreate), or another
program writing a new file and renaming it over ours, as vim, git checkout
and sync tools do. After such a rename the watched inode is gone, so the
watcher must watch the path again, and the content may or may not differ.
Stat data decides cheaply; the content hash settles the cases stat cannot
(same size within one timestamp tick, or a rename of identical bytes).
"""

from __future__ import annotations

import enum
import hashlib
import os
import stat
import time
from dataclasses import dataclass, replace
from pathlib import Path

#: A change this recent may share its timestamp with the fingerprint's, so
#: equal stat data proves nothing and the content is compared (git's "racy
#: clean" problem; some filesystems keep only 1 s or 2 s timestamps).
RACY_NS = 3_000_000_000


class DiskChange(enum.Enum):
    UNCHANGED = "unchanged"  # same file, same bytes
    MODIFIED = "modified"  # same file (inode) written in place with other bytes
    REPLACED = "replaced"  # another file renamed over the path; see content_changed
    DELETED = "deleted"  # nothing at the path any more
    CREATED = "created"  # a file appeared where there was none


@dataclass(frozen=True)
class FileFingerprint:
    """What a path held at one moment: stat identity and, when known, the bytes' sha256."""

    exists: bool
    size: int = 0
    mtime_ns: int = 0
    inode: int = 0
    device: int = 0
    sha256: str | None = None
    #: when the fingerprint was taken (time.time_ns), for the racy check
    taken_ns: int = 0

    @classmethod
    def missing(cls) -> FileFingerprint:
        return cls(False, taken_ns=time.time_ns())

    @classmethod
    def of_hash(cls, sha256: str) -> FileFingerprint:
        """Bytes known only by their hash (e.g. Article.disk_hash); stat data unknown."""
        return cls(True, sha256=sha256, taken_ns=time.time_ns())

    @classmethod
    def of(cls, path: str | Path, *, content_hash: bool = False) -> FileFingerprint:
        """The path's state now (through symlinks, as saves write through them).

        With ``content_hash`` the bytes are hashed too, and stat is taken
        before and after reading so a write during the read is not missed.
        Anything that is not a readable regular file counts as missing.
        """
        taken = time.time_ns()
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return cls(False, taken_ns=taken)
        if not stat.S_ISREG(info.st_mode):
            return cls(False, taken_ns=taken)
        digest = None
        if content_hash:
            for _ in range(3):
                try:
                    digest = sha256_of(path)
                    after = os.stat(path)
                except OSError:
                    return cls(False, taken_ns=taken)
                if _same_stat(info, after):
                    break
                info = after
        return cls(
            True,
            info.st_size,
            info.st_mtime_ns,
            info.st_ino,
            info.st_dev,
            digest,
            taken,
        )

    def with_sha256(self, digest: str | None) -> FileFingerprint:
        """The same fingerprint knowing its content hash (e.g. Article.disk_hash after a load)."""
        return replace(self, sha256=digest)

    def same_identity(self, other: FileFingerprint) -> bool:
        return (self.inode, self.device) == (other.inode, other.device)


@dataclass(frozen=True)
class DiskComparison:
    change: DiskChange
    #: True when the bytes differ from the fingerprint's (or cannot be shown equal)
    content_changed: bool
    #: the path's state now; becomes the new baseline once the window has acted
    now: FileFingerprint

    @property
    def needs_rewatch(self) -> bool:
        """The watched inode is gone or new; a QFileSystemWatcher must add the path again."""
        return self.change in (DiskChange.REPLACED, DiskChange.DELETED, DiskChange.CREATED)


def compare(old: FileFingerprint, path: str | Path, *, thorough: bool = False) -> DiskComparison:
    """How ``path`` differs from ``old``.

    Equal stat data counts as unchanged without reading the file, unless the
    change could hide in one timestamp tick or ``thorough`` is asked for (a
    check before saving); then, and whenever the inode changed, the content
    is hashed and compared with ``old.sha256`` when that is known.
    """
    now = FileFingerprint.of(path)
    if not now.exists:
        change = DiskChange.DELETED if old.exists else DiskChange.UNCHANGED
        return DiskComparison(change, old.exists, now)
    if not old.exists:
        return DiskComparison(DiskChange.CREATED, True, FileFingerprint.of(path, content_hash=True))
    identity_changed = not old.same_identity(now)
    stat_equal = (now.size, now.mtime_ns) == (old.size, old.mtime_ns)
    racy = old.mtime_ns + RACY_NS >= old.taken_ns or now.mtime_ns + RACY_NS >= now.taken_ns
    if stat_equal and not identity_changed and not thorough and not racy:
        return DiskComparison(DiskChange.UNCHANGED, False, now.with_sha256(old.sha256))
    hashed = FileFingerprint.of(path, content_hash=True)
    if not hashed.exists:
        return DiskComparison(DiskChange.DELETED, True, hashed)
    if old.sha256 is None:
        content_changed = not stat_equal or hashed.size != old.size
    else:
        content_changed = hashed.sha256 != old.sha256
    if not old.same_identity(hashed):
        return DiskComparison(DiskChange.REPLACED, content_changed, hashed)
    change = DiskChange.MODIFIED if content_changed else DiskChange.UNCHANGED
    return DiskComparison(change, content_changed, hashed)


def change_since(read_from: FileFingerprint, path: str | Path) -> DiskChange:
    """Has ``path`` changed since the bytes ``read_from`` names were read or written?

    The editor's one answer to "has the file changed on disk?", asked before
    every save. The content is always compared (stat data alone cannot prove
    a file unchanged), so ``read_from`` may know only the hash. UNCHANGED
    when the bytes are the same, even in a new file renamed over the path;
    MODIFIED or REPLACED when they differ; DELETED when nothing readable is
    there. A save refuses only MODIFIED and REPLACED: a deleted file is
    simply written again.
    """
    result = compare(read_from, path, thorough=True)
    if result.change is DiskChange.DELETED or result.content_changed:
        return result.change
    return DiskChange.UNCHANGED


def sha256_of(path: str | Path) -> str:
    """The hash Article.disk_hash holds for the same bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _same_stat(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_size, a.st_mtime_ns, a.st_ino, a.st_dev) == (
        b.st_size,
        b.st_mtime_ns,
        b.st_ino,
        b.st_dev,
    )
