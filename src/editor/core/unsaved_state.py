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


def _linking_candidates(library: Library, file: str, titles: set[str]) -> set[str]:
    """Articles whose links might lead to ``file``: by its title or a path naming it.

    A string test over every entry, without resolving paths, so that a
    library of 10,000 articles is scanned in milliseconds; ``touched_files``
    resolves only what it finds.
    """
    stem = os.path.splitext(os.path.basename(file))[0]
    found: set[str] = set()
    for other in library.entries.values():
        if other.error is not None:
            continue
        for link in (other.prev, other.next):
            if link is None:
                continue
            if link.title.strip() in titles or (link.path is not None and stem in link.path):
                found.add(other.file)
    return found


def touched_files(library: Library, path: StrPath) -> set[str]:
    """``path``, the articles its links lead to, and the articles whose links lead to it."""
    file = os.path.abspath(path)
    files = {file}
    entry = library.entries.get(file)
    if entry is None:
        return files
    for link in (entry.prev, entry.next):
        target = library.resolve(entry, link)
        if target is not None:
            files.add(target.file)
    titles = {entry.title.strip()} - {""}
    for candidate in _linking_candidates(library, file, titles):
        other = library.entries[candidate]
        if candidate != file and any(
            (target := library.resolve(other, link)) is not None and target.file == file
            for link in (other.prev, other.next)
        ):
            files.add(candidate)
    return files


def _neighbourhood(library: Library, files: set[str]) -> Library:
    """A library of ``files`` and what their checks look at: the articles that link to
    them or share their titles, and every article those link to."""
    needed = set(files)
    for file in files:
        entry = library.entries.get(file)
        if entry is None or entry.error is not None:
            continue
        title = entry.title.strip()
        needed |= _linking_candidates(library, file, {title} - {""})
        needed |= {other.file for other in library.by_title(title)} if title else set()
    for file in list(needed):
        entry = library.entries[file]
        if entry.error is None:
            for link in (entry.prev, entry.next):
                target = library.resolve(entry, link)
                if target is not None and target.file in library.entries:
                    needed.add(target.file)
    part = library.snapshot()
    part.entries = {file: library.entries[file] for file in needed if file in library.entries}
    return part


def unsaved_problems(
    library: Library,
    problems_by_file: dict[str, list[Problem]],
    path: StrPath,
    fields: UnsavedFields,
    placeholder_patterns: Sequence[str] = (),
) -> tuple[Library, dict[str, list[Problem]]] | None:
    """(the library showing the unsaved article, problems by file to go with it).

    Only the touched articles are checked again, within their neighbourhood
    (``_neighbourhood``), so a pause in typing costs milliseconds however
    large the library; the rest keep the problems found on disk.
    """
    shown = with_unsaved_article(library, path, fields)
    if shown is None:
        return None
    files = touched_files(library, path) | touched_files(shown, path)
    problems = {f: list(p) for f, p in problems_by_file.items() if f not in files}
    part = _neighbourhood(shown, files)
    for problem in check_library(part, placeholder_patterns, paths=files):
        problems.setdefault(str(problem.path), []).append(problem)
    return shown, problems
