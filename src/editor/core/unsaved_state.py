"""The library as it would be if the open article were saved now.

The sidebar's badges and the chain are computed from the files on disk. While
a writer fixes a placeholder link in the editor, the sidebar would go on
saying "placeholder link" until the save, which reads as if the fix did not
take. These functions make a snapshot of the library whose entry for the
open article holds the editor's values, and re-check only the articles that
entry touches (itself and the articles it links to or that link to it).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence

from editor.core.article import Link
from editor.core.checks import Problem, check_library
from editor.core.library import Library, StrPath


@dataclasses.dataclass(frozen=True)
class UnsavedFields:
    """The front-matter values the library shows, as the editor holds them."""

    title: str
    summary: str
    prev: Link | None
    next: Link | None


def with_unsaved_article(library: Library, path: StrPath, fields: UnsavedFields) -> Library | None:
    """A snapshot of ``library`` showing ``fields`` for ``path`` (None: not a readable member)."""
    file = os.path.abspath(path)
    entry = library.entries.get(file)
    if entry is None or entry.error is not None:
        return None
    copy = library.snapshot()
    copy.entries[file] = dataclasses.replace(
        entry, title=fields.title, summary=fields.summary, prev=fields.prev, next=fields.next
    )
    return copy


def touched_files(library: Library, path: StrPath) -> set[str]:
    """``path``, the articles its links lead to, and the articles whose links lead to it."""
    file = os.path.abspath(path)
    files = {file}
    entry = library.entries.get(file)
    if entry is not None:
        for link in (entry.prev, entry.next):
            target = library.resolve(entry, link)
            if target is not None:
                files.add(target.file)
    for other in library.entries.values():
        if other.error is not None or other.file == file:
            continue
        for link in (other.prev, other.next):
            target = library.resolve(other, link)
            if target is not None and target.file == file:
                files.add(other.file)
    return files


def unsaved_problems(
    library: Library,
    problems_by_file: dict[str, list[Problem]],
    path: StrPath,
    fields: UnsavedFields,
    placeholder_patterns: Sequence[str] = (),
) -> tuple[Library, dict[str, list[Problem]]] | None:
    """(the library showing the unsaved article, problems by file to go with it)."""
    shown = with_unsaved_article(library, path, fields)
    if shown is None:
        return None
    files = touched_files(library, path) | touched_files(shown, path)
    problems = {f: list(p) for f, p in problems_by_file.items() if f not in files}
    for problem in check_library(shown, placeholder_patterns, paths=files):
        problems.setdefault(str(problem.path), []).append(problem)
    return shown, problems
