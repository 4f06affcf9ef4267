"""Link resolution: which article a ``prev`` or ``next`` link leads to.

A link leads by its ``path`` when it has one (relative to the linking
article, or to the library folder when it starts with ``/``), else by its
title; a link with only a ``url`` points at a web page.
"""

from __future__ import annotations

import os
import stat

from editor.core.article import Link
from editor.core.library.entry import LibraryEntry
from editor.core.library.index import index_file
from editor.core.library.paths import ARTICLE_SUFFIXES, StrPath, abs_path, parent_of
from editor.core.library.state import LibraryState

#: The article a link to a folder means, as site generators read it.
FOLDER_ARTICLES = ("index.md", "_index.md", "README.md")


class LinkResolution(LibraryState):
    """The link queries of a ``Library``."""

    def by_title(self, title: str) -> list[LibraryEntry]:
        """Member articles whose title is exactly ``title`` (surrounding spaces ignored)."""
        if self._by_title is None:
            index: dict[str, list[LibraryEntry]] = {}
            for file in sorted(self.entries):
                entry = self.entries[file]
                key = entry.title.strip()
                if key:
                    index.setdefault(key, []).append(entry)
            self._by_title = index
        return self._by_title.get(title.strip(), [])

    def link_target(self, source: StrPath, link: Link) -> str | None:
        """Where a link's ``path`` points (absolute); None for links without a path.

        A relative path is relative to the linking article's folder, like a
        markdown link; a path starting with ``/`` is relative to the library
        folder, as site generators read it. A ``#fragment`` or ``?query`` is
        ignored. A path without the ``.md`` ending or naming a folder (the
        way Hugo and Jekyll write pretty links) leads to ``NAME.md`` or the
        folder's ``index.md`` / ``_index.md`` when that article exists.
        """
        if not link.path:
            return None
        target = link.path.split("#", 1)[0].split("?", 1)[0]
        if not target:
            return None
        base = self._root if target.startswith("/") else parent_of(abs_path(source))
        file = os.path.normpath(os.path.join(base, target.lstrip("/")))
        if file in self.entries:
            return file
        stem = file.rstrip(os.sep)
        candidates = [stem + suffix for suffix in ARTICLE_SUFFIXES]
        candidates += [os.path.join(stem, name) for name in FOLDER_ARTICLES]
        for candidate in candidates:
            if candidate in self.entries:
                return candidate
        if os.path.isfile(file):
            return file
        for candidate in candidates:
            if os.path.isfile(candidate):
                return candidate
        return file

    def resolve(self, source: LibraryEntry | StrPath, link: Link | None) -> LibraryEntry | None:
        """The article a link points to: by ``path`` when it has one, else by title.

        A link with only a ``url`` points at a web page and resolves to
        nothing. A title that several articles share resolves to the first by
        path (the checks report the duplicate).
        """
        if link is None:
            return None
        source_file = source.file if isinstance(source, LibraryEntry) else abs_path(source)
        target = self.link_target(source_file, link)
        if target is not None:
            return self.entry_at(target)
        if link.url:
            return None
        matches = self.by_title(link.title)
        return matches[0] if matches else None

    def entry_at(self, path: StrPath) -> LibraryEntry | None:
        """The entry for a path: a member, or an article outside the folder indexed on demand."""
        file = abs_path(path)
        entry = self.entries.get(file)
        if entry is not None:
            return entry
        if file in self.outside:
            return self.outside[file]
        found: LibraryEntry | None = None
        try:
            st = os.stat(file)
            if stat.S_ISREG(st.st_mode):
                found = index_file(file, st.st_size, st.st_mtime_ns)
        except OSError:
            found = None
        self.outside[file] = found
        return found

    def link_path_between(self, source: StrPath, target: StrPath) -> str:
        """The ``path`` value a link from ``source`` to ``target`` carries (relative, ``/``)."""
        rel = os.path.relpath(abs_path(target), parent_of(abs_path(source)))
        return rel.replace(os.sep, "/")

    def neighbour(self, path: StrPath, field: str) -> LibraryEntry | None:
        """The article the ``prev`` or ``next`` link of ``path`` leads to (Go > Previous/Next)."""
        entry = self.entries.get(abs_path(path))
        if entry is None:
            return None
        return self.resolve(entry, entry.link(field))
