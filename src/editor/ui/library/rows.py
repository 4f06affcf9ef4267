"""What the sidebar shows of each article: a compact row, built off the window's thread.

A library of 10,000 articles must list at once and take its badges without
freezing the window, so everything the sidebar needs is worked out in the
worker thread that scanned or checked the library: the shown title, a
lower-case search key, the badge counts, the order. The window thread only
swaps the finished list into the model. Rows keep no article and no problem
list; a tooltip asks for the problems of its one file when it is shown.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from editor.core.checks import CODES, Problem
from editor.core.library import LibraryEntry

#: (problem code, how many) in the order of CODES
Badges = tuple[tuple[str, int], ...]

_ORDER = {code: i for i, code in enumerate(CODES)}


@dataclass(slots=True)
class ArticleRow:
    """One article in the sidebar."""

    file: str
    #: the title, or the file name of an article without one
    shown: str
    titled: bool
    #: title and path relative to the library, case-folded, for the text filter
    search: str
    badges: Badges = ()


def relative_to(file: str, root: Path | None) -> str:
    """``file`` relative to the library folder, with forward slashes."""
    prefix = "" if root is None else str(root).rstrip(os.sep) + os.sep
    relative = file[len(prefix) :] if prefix and file.startswith(prefix) else file
    return relative.replace(os.sep, "/")


def article_rows(
    entries: Iterable[LibraryEntry],
    root: Path | None,
    badges: Mapping[str, Badges] | None = None,
) -> list[ArticleRow]:
    """Rows sorted as the sidebar lists them: titled articles by title, then the rest."""
    known = badges or {}
    prefix = "" if root is None else str(root).rstrip(os.sep) + os.sep
    cut = len(prefix)
    slash = os.sep != "/"
    keyed = []
    for entry in entries:
        file = entry.file
        title = entry.title.strip()
        shown = title or os.path.basename(file)
        relative = file[cut:] if cut and file.startswith(prefix) else file
        if slash:
            relative = relative.replace(os.sep, "/")
        folded = shown.casefold()
        row = ArticleRow(file, shown, bool(title), f"{folded}\n{relative.casefold()}")
        row.badges = known.get(file, ())
        keyed.append(((not title, folded, file), row))
    keyed.sort(key=_first)
    return [row for _key, row in keyed]


def _first(pair: tuple[tuple[bool, str, str], ArticleRow]) -> tuple[bool, str, str]:
    return pair[0]


def badges_by_file(problems_by_file: Mapping[str, list[Problem]]) -> dict[str, Badges]:
    """Each file's problem codes with their counts, in the order of CODES."""
    last = len(_ORDER)
    return {
        file: tuple(
            sorted(Counter(p.code for p in problems).items(), key=lambda c: _ORDER.get(c[0], last))
        )
        for file, problems in problems_by_file.items()
        if problems
    }


def group_by_file(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(str(problem.path), []).append(problem)
    return grouped
