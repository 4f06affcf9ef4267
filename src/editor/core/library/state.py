"""What a library holds: the one set of attributes its scan, refresh and links share."""

from __future__ import annotations

from pathlib import Path

from editor.core.library.entry import LibraryEntry, ScanNotice
from editor.core.library.paths import StrPath, abs_path


class LibraryState:
    """The entries of one folder and the bookkeeping around them.

    Keys are absolute paths (as text) under ``root`` as found by the scan;
    symbolic links are not resolved, so the paths are the ones the user sees.
    """

    def __init__(
        self, root: StrPath, cache_dir: StrPath | None = None, *, recursive: bool = True
    ) -> None:
        self.root = Path(abs_path(root))
        #: False: only the folder's own files (checking single files against their neighbours)
        self.recursive = recursive
        self._root = str(self.root)
        self.cache_dir = None if cache_dir is None else Path(cache_dir)
        self.entries: dict[str, LibraryEntry] = {}
        self.outside: dict[str, LibraryEntry | None] = {}
        self.notices: list[ScanNotice] = []
        #: folders the scan listed: what a file-system watcher should watch
        self.folders: set[str] = set()
        self._by_title: dict[str, list[LibraryEntry]] | None = None
        #: entries a scan may keep for files whose size and modification time
        #: did not change (from the index cache, or from the scan before)
        self._known: dict[str, LibraryEntry] = {}
        self._cache_loaded = False
        #: the folders, notices and other files the cache file holds, to know when it is stale
        self._cached_extras: tuple[frozenset[str], tuple[ScanNotice, ...], int] | None = None
        #: files indexed from disk (not taken from the cache) by the last scan
        self.indexed_count = 0
        #: files the last scan listed that are not articles (pictures, notes, data)
        self.other_files = 0
        self._others = 0
        #: True when the entries differ from what the cache file holds
        self.cache_stale = False
