"""Scanning a folder tree into entries, reusing the index cache for unchanged files.

A scan never raises for a single bad file: unreadable files, invalid front
matter, symbolic-link loops and files that vanish while the scan runs become
entries (or notices) that the checks report, so one broken file cannot hide
the other 9,999.
"""

from __future__ import annotations

import errno
import os
import stat

from editor.core.library.cache import load_index, save_index
from editor.core.library.entry import (
    SYMLINK_LOOP,
    UNREADABLE,
    ScanNotice,
    error_entry,
    special_entry,
)
from editor.core.library.index import index_file
from editor.core.library.paths import ARTICLE_SUFFIXES
from editor.core.library.state import LibraryState
from editor.core.long_lived import building_long_lived

FolderId = tuple[int, int]


class Scanning(LibraryState):
    """The scan and the index cache of a ``Library``."""

    def load_cache(self) -> bool:
        """Fill the library from its index cache, reading and stat'ing no article.

        What the last scan found, at once: the window lists it while a
        ``scan`` checks every file's size and modification time and reads
        the ones that changed. False (and nothing changed) when there is no
        usable cache.
        """
        self._cache_loaded = True
        cached = load_index(self.root, self.cache_dir)
        if cached is None:
            return False
        self.entries = cached.entries
        self.folders = cached.folders
        self.notices = cached.notices
        self.other_files = cached.other_files
        self.outside = {}
        self._by_title = None
        self._cached_extras = self._extras()
        return True

    def scan(self) -> None:
        """Index every article under ``root`` again, reusing entries whose file did not change.

        The entries the library already holds (from ``load_cache`` or an
        earlier scan) are the known ones; a fresh library loads the cache first.
        """
        if not self.entries and not self._cache_loaded:
            self.load_cache()
        self._known = known = self.entries
        self.entries = {}
        self.notices = []
        self.folders = set()
        self.outside = {}
        self.indexed_count = 0
        self._others = 0
        with building_long_lived():
            self._scan_folder(self._root, frozenset())
        self.other_files = self._others
        self.cache_stale = self.cache_dir is not None and (
            self.indexed_count > 0
            or len(known) != len(self.entries)
            or self._cached_extras != self._extras()
        )
        self._known = {}
        self._by_title = None

    def _extras(self) -> tuple[frozenset[str], tuple[ScanNotice, ...], int]:
        """What the cache file keeps besides the entries."""
        return frozenset(self.folders), tuple(self.notices), self.other_files

    def _scan_folder(
        self,
        folder: str,
        ancestors: frozenset[FolderId],
        known: set[str] | None = None,
        seen: set[str] | None = None,
    ) -> None:
        """List one folder and recurse; every failure becomes an entry or a notice.

        Subfolders in ``known`` are not entered again (a refresh of one folder
        leaves its indexed subfolders alone); those found are added to ``seen``.
        """
        listed = self._list_folder(folder, ancestors)
        if listed is None:
            return
        identity, listing = listed
        self.folders.add(folder)
        inner = ancestors | {identity}
        for item in listing:
            name = item.name
            if name.startswith("."):
                continue  # hidden files and folders, and our own temporary files
            try:
                is_dir = item.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if known is not None and item.path in known:
                    if seen is not None:
                        seen.add(item.path)
                elif self.recursive:
                    self._scan_folder(item.path, inner)
                continue
            if name.lower().endswith(ARTICLE_SUFFIXES):
                # (hidden names, our temporary files among them, are skipped above)
                self._scan_file(item)
            else:
                self._others += 1

    def _list_folder(
        self, folder: str, ancestors: frozenset[FolderId]
    ) -> tuple[FolderId, list[os.DirEntry[str]]] | None:
        """The folder's identity and listing; None (after a notice) when it cannot be entered."""
        try:
            st = os.stat(folder)
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._notice_for(folder, exc)
            return None
        identity = (st.st_dev, st.st_ino)
        if identity in ancestors:
            message = "this folder link leads back to a folder that contains it; not followed"
            self.notices.append(ScanNotice(folder, SYMLINK_LOOP, message))
            return None
        try:
            with os.scandir(folder) as it:
                return identity, list(it)
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._notice_for(folder, exc)
            return None

    def _scan_file(self, item: os.DirEntry[str]) -> None:
        """Enter one listed article: from the cache when unchanged, else read from disk."""
        file = item.path
        entries = self.entries
        try:
            st = item.stat()
        except FileNotFoundError:
            if item.is_symlink():
                message = "the symbolic link points to a file that does not exist"
                entries[file] = error_entry(file, UNREADABLE, message)
            return  # otherwise it vanished between listing and stat
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                entries[file] = error_entry(file, SYMLINK_LOOP, "the symbolic link loops")
            else:
                message = f"cannot read the file: {exc.strerror or exc}"
                entries[file] = error_entry(file, UNREADABLE, message)
            return
        if not stat.S_ISREG(st.st_mode):
            entries[file] = special_entry(file, st.st_mode)
            return
        old = self._known.get(file)
        if old is not None and old.size == st.st_size and old.mtime_ns == st.st_mtime_ns:
            entries[file] = old  # unchanged since it was read
            return
        try:
            entries[file] = index_file(file, st.st_size, st.st_mtime_ns, st.st_mode)
        except FileNotFoundError:
            return  # vanished between stat and read
        self.indexed_count += 1

    def _notice_for(self, folder: str, exc: OSError) -> None:
        if exc.errno == errno.ELOOP:
            self.notices.append(ScanNotice(folder, SYMLINK_LOOP, "the folder link loops"))
            return
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        message = f"cannot list the folder: {reason or exc}"
        self.notices.append(ScanNotice(folder, UNREADABLE, message))

    def save_cache(self) -> None:
        """Write the index cache; failing to write it only costs speed next time."""
        if self.cache_dir is None:
            return
        saved = save_index(
            self.root,
            self.cache_dir,
            self.entries.values(),
            self.folders,
            self.notices,
            self.other_files,
        )
        if saved:
            self.cache_stale = False
            self._cached_extras = self._extras()
