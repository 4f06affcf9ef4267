"""Keeping a scanned library current after changes on disk, without scanning it all again."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable

from editor.core.library.entry import (
    SYMLINK_LOOP,
    UNREADABLE,
    LibraryEntry,
    error_entry,
    special_entry,
)
from editor.core.library.index import index_file
from editor.core.library.paths import StrPath, abs_path, is_article_name, is_under, parent_of
from editor.core.library.scan import Scanning
from editor.core.reading import os_error_message


class Refreshing(Scanning):
    """Refresh, include and update of a ``Library``: re-reading only what changed."""

    def refresh(self, paths: Iterable[StrPath]) -> set[str]:
        """Re-index files or folders after a change on disk; return the files whose entry changed.

        The window's file-system watcher calls this with the paths it reports:
        a changed file is read again, a changed folder is listed again (finding
        new and deleted articles), a deleted path drops its entries. Paths
        outside the library are ignored.
        """
        changed: set[str] = set()
        for raw in paths:
            path = abs_path(raw)
            if not is_under(path, self._root):
                continue
            try:
                st: os.stat_result | None = os.stat(path)
            except OSError:
                st = None
            if st is not None and stat.S_ISDIR(st.st_mode):
                changed |= self._refresh_folder(path)
            elif st is not None and _special_article(path, st):
                self.entries[path] = special_entry(path, st.st_mode)
                changed.add(path)
            elif (
                st is not None
                and stat.S_ISREG(st.st_mode)
                and is_article_name(os.path.basename(path))
            ):
                old = self.entries.get(path)
                if old is not None and old.size == st.st_size and old.mtime_ns == st.st_mtime_ns:
                    continue
                try:
                    self.entries[path] = index_file(path, st.st_size, st.st_mtime_ns)
                except FileNotFoundError:
                    self.entries.pop(path, None)
                changed.add(path)
            else:
                changed |= self._drop_under(path)
        if changed:
            self.cache_stale = self.cache_dir is not None
            self._by_title = None
            self.outside = {}
        return changed

    def _drop_under(self, path: str) -> set[str]:
        gone = {f for f in self.entries if is_under(f, path)}
        for f in gone:
            del self.entries[f]
        self.folders = {f for f in self.folders if not is_under(f, path)}
        return gone

    def _refresh_folder(self, folder: str) -> set[str]:
        """List one folder again: its own files, new subfolders (scanned) and vanished ones.

        Subfolders already indexed are left alone: a watcher reports their own
        changes, and re-reading a whole 10,000-article tree because one file
        was added at the top would be wasted work.
        """
        if folder in self.folders:
            known = {d for d in self.folders if parent_of(d) == folder}
            before = {f: e for f, e in self.entries.items() if parent_of(f) == folder}
            self.notices = [n for n in self.notices if parent_of(n.file) != folder]
        else:
            known = set()
            before = {f: e for f, e in self.entries.items() if is_under(f, folder)}
            self.notices = [n for n in self.notices if not is_under(n.file, folder)]
            self.folders = {f for f in self.folders if not is_under(f, folder)}
        for f in before:
            del self.entries[f]
        self._known = before
        ancestors: set[tuple[int, int]] = set()
        parent = parent_of(folder)
        while is_under(parent, self._root):
            with contextlib.suppress(OSError):
                st = os.stat(parent)
                ancestors.add((st.st_dev, st.st_ino))
            if parent == self._root:
                break
            parent = parent_of(parent)
        seen: set[str] = set()
        kept = set(self.entries)
        self._scan_folder(folder, frozenset(ancestors), known, seen)
        self._known = {}
        changed = {f for f in self.entries if f not in kept and before.get(f) != self.entries[f]}
        changed |= {f for f in before if f not in self.entries}
        for gone in known - seen:
            changed |= self._drop_under(gone)
        return changed

    def include(self, path: StrPath) -> LibraryEntry | None:
        """Make one file a member whatever its name (a file named on the command line)."""
        file = abs_path(path)
        try:
            st = os.stat(file)
            if stat.S_ISDIR(st.st_mode):
                return None
            if stat.S_ISREG(st.st_mode):
                entry = index_file(file, st.st_size, st.st_mtime_ns)
            else:
                entry = special_entry(file, st.st_mode)
        except FileNotFoundError:
            return None
        except OSError as exc:
            code = SYMLINK_LOOP if exc.errno == errno.ELOOP else UNREADABLE
            entry = error_entry(file, code, os_error_message(exc))
        self.entries[file] = entry
        self._by_title = None
        self.outside.pop(file, None)
        return entry

    def update_entry(self, path: StrPath) -> LibraryEntry | None:
        """Re-index one file now (after the editor saved it) and return its entry."""
        self.refresh([path])
        return self.entries.get(abs_path(path))


def _special_article(path: str, st: os.stat_result) -> bool:
    """A device, pipe or socket with an article's name (reported, never read)."""
    return not stat.S_ISREG(st.st_mode) and is_article_name(os.path.basename(path))
