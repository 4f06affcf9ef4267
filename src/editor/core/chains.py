"""The library's previous/next chains as rows: the series an editor reads in order.

A graph walk over the library's links with no drawing in it, so the chain
picture and anything else that wants the series (a check, an export) share
one answer, and it is tested without Qt.
"""

from __future__ import annotations

from editor.core.library import SPECIAL_FILE, SYMLINK_LOOP, Library

#: files the library lists only to report them
NOT_ARTICLES = frozenset({SPECIAL_FILE, SYMLINK_LOOP})


def build_chains(library: Library) -> tuple[list[list[str]], list[str]]:
    """(series as rows of files in reading order, articles with no links at all).

    Rows follow ``next`` links; an article reached only through a ``prev``
    link still joins its row, so a one-way series is drawn as a series.
    Cycles become rows too. Linear in the number of articles.
    """
    entries = library.entries
    succ, linked = _successors(library)
    has_pred = set(succ.values())
    rows: list[list[str]] = []
    visited: set[str] = set()

    def walk(start: str) -> list[str]:
        row = []
        node: str | None = start
        while node is not None and node not in visited:
            visited.add(node)
            row.append(node)
            node = succ.get(node)
        return row

    for file in sorted(entries):
        if file in linked and file not in has_pred:
            rows.append(walk(file))
    for file in sorted(entries):  # what is left is on a cycle
        if file in linked and file not in visited:
            rows.append(walk(file))
    # A device, pipe or looping link named like an article is no article: the
    # Problems list names it, the map of series leaves it out.
    loose = sorted(
        f for f in entries if f not in linked and entries[f].error_code not in NOT_ARTICLES
    )
    return rows, loose


def _successors(library: Library) -> tuple[dict[str, str], set[str]]:
    """(the article after each, by ``next`` or else by a ``prev`` pointing back; linked files)."""
    entries = library.entries
    succ: dict[str, str] = {}
    linked: set[str] = set()
    for file, entry in entries.items():
        if entry.error is not None:
            continue
        if entry.prev is not None or entry.next is not None:
            linked.add(file)
        target = library.resolve(entry, entry.next)
        if target is not None and target.file in entries and target.file != file:
            succ[file] = target.file
            linked.add(target.file)
    has_pred = set(succ.values())
    for file, entry in entries.items():
        if entry.error is not None or file in has_pred:
            continue
        before = library.resolve(entry, entry.prev)
        if (
            before is not None
            and before.file in entries
            and before.file != file
            and before.file not in succ
        ):
            succ[before.file] = file
            has_pred.add(file)
            linked.add(before.file)
    return succ, linked
