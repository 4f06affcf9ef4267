"""The ``Library``: the articles under one folder, as one object the checks and windows use."""

from __future__ import annotations

import os
from collections.abc import Iterator

from editor.core.codecs import majority_format
from editor.core.library.entry import LibraryEntry
from editor.core.library.links import LinkResolution
from editor.core.library.paths import StrPath, abs_path
from editor.core.library.refresh import Refreshing


class Library(Refreshing, LinkResolution):
    """The articles under one folder, their index, and link resolution between them.

    Keys are absolute paths (as text) under ``root`` as found by the scan;
    symbolic links are not resolved, so the paths are the ones the user sees.
    Articles outside the folder that a ``path`` link reaches are indexed on
    demand into ``outside`` so links to them can be checked, but they are not
    members and are never reported on. Each job lives in its own module:
    ``scan`` (with the index cache), ``refresh`` and ``links``.
    """

    @classmethod
    def open(cls, root: StrPath, cache_dir: StrPath | None = None) -> Library:
        """Scan ``root``, using and updating the index cache when ``cache_dir`` is given."""
        library = cls(root, cache_dir)
        library.scan()
        if library.cache_stale:
            library.save_cache()
        return library

    def snapshot(self) -> Library:
        """A copy whose entries later refreshes do not change, for checking in another thread."""
        copy = Library.__new__(Library)
        copy.__dict__.update(self.__dict__)
        copy.entries = dict(self.entries)
        copy.outside = {}
        copy.notices = list(self.notices)
        copy.folders = set(self.folders)
        copy._by_title = None
        copy._known = {}
        return copy

    def adopt(self, scanned: Library) -> None:
        """Take what a scan of a copy of this library found (the window scans in a worker).

        This library object stays the one fixes, undos and views hold; only
        what it holds is replaced.
        """
        self.entries = scanned.entries
        self.folders = scanned.folders
        self.notices = scanned.notices
        self.other_files = scanned.other_files
        self.indexed_count = scanned.indexed_count
        self.cache_stale = scanned.cache_stale
        self._cached_extras = scanned._cached_extras
        self.outside = {}
        self._by_title = None

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[LibraryEntry]:
        return iter(self.articles())

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str | os.PathLike) and abs_path(path) in self.entries

    def articles(self) -> list[LibraryEntry]:
        """Every member entry, in path order."""
        return [self.entries[f] for f in sorted(self.entries)]

    def get(self, path: StrPath) -> LibraryEntry | None:
        return self.entries.get(abs_path(path))

    def relative(self, path: StrPath) -> str:
        """``path`` relative to the library folder with ``/`` (how messages name files)."""
        rel = os.path.relpath(abs_path(path), self._root)
        return rel.replace(os.sep, "/")

    def front_matter_format(self) -> str:
        """The format most of the library's articles use: what a new article here should use.

        YAML when no article has front matter yet (see ``majority_format``).
        """
        return majority_format(entry.front_matter_format for entry in self.entries.values())
