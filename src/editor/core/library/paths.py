"""Paths as the library keys them: absolute, normalised text, symbolic links kept."""

from __future__ import annotations

import os

from editor.core.atomic_write import is_temporary_file

StrPath = str | os.PathLike[str]

#: File name endings that make a file an article (compared case-insensitively).
ARTICLE_SUFFIXES = (".md", ".markdown")


def abs_path(path: StrPath) -> str:
    return os.path.abspath(os.fspath(path))


def is_under(path: str, folder: str) -> bool:
    """True for ``folder`` itself and anything inside it (both absolute, normalised)."""
    if path == folder:
        return True
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return path.startswith(prefix)


def parent_of(path: str) -> str:
    return os.path.dirname(path)


def is_article_name(name: str) -> bool:
    """Articles are visible ``*.md`` / ``*.markdown`` files, never our own temp files."""
    if name.startswith(".") or is_temporary_file(name):
        return False
    return name.lower().endswith(ARTICLE_SUFFIXES)
