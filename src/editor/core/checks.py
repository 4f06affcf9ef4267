"""Problems in a library of articles, each with a stable code scripts can rely on.

The codes are part of the command line's contract (``article-editor check``
prints them and pipelines filter on them), so they never change meaning:

==================== ======================================================
code                 reported when
==================== ======================================================
placeholder-title    the article's own title looks like a template leftover
placeholder-link     a prev/next link label looks like a template leftover
broken-link          a link's path does not exist, or a title-only link's
                     title matches no article (see below)
asymmetric-link      A.next leads to B but B.prev does not lead back to A,
                     or A.prev leads to B but B.next does not lead to A;
                     reported on the link that is not returned
stale-link-title     a link's label differs from the title of the article
                     its path points to
duplicate-title      another article in the library has the same title
                     (placeholder titles are reported as placeholder-title
                     only, however many articles share them)
missing-title        the article has no title
missing-summary      the article has no summary
invalid-front-matter the file is not a usable article (a YAML, TOML or
                     JSON error, a value that is not text, not UTF-8,
                     binary, far too large)
unreadable-file      the file or folder cannot be read (permissions, I/O)
symlink-loop         a symbolic link leads back into itself; not followed
duplicate-next       two or more articles name the same article as next
duplicate-prev       two or more articles name the same article as prev
link-cycle           following next (or prev) links comes back to the start
==================== ======================================================

A ``path`` is relative to the linking article (``/`` at the start: to the
library folder) and may leave out ``.md`` or name a folder with an
``index.md`` (see ``Library.link_target``).

Title-only links (a label with neither ``path`` nor ``url``) resolve by
title among the library's articles. Such a link is ``broken-link`` when no
article in the library has that title, *unless the label itself looks like a
placeholder*: then it is reported as ``placeholder-link`` only, because the
fix is to write the real title, not to find a missing file. A link with only
a ``url`` points at a web page and is never checked. Checking one file
checks it against the other articles in its folder (see commands/check.py),
so "the library" is always a folder.

Checks only read: they never write a file or change a modification time.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from editor.core.article import Link
from editor.core.library import Library, LibraryEntry, StrPath
from editor.core.placeholder import placeholder_reason

CODES: tuple[str, ...] = (
    "placeholder-title",
    "placeholder-link",
    "broken-link",
    "asymmetric-link",
    "stale-link-title",
    "duplicate-title",
    "missing-title",
    "missing-summary",
    "invalid-front-matter",
    "unreadable-file",
    "symlink-loop",
    "duplicate-next",
    "duplicate-prev",
    "link-cycle",
)

LINK_FIELDS = ("prev", "next")
_REVERSE = {"prev": "next", "next": "prev"}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem at one place: a file, the front-matter field, and its line when known.

    ``target`` is the other article involved (the one a link points at, or
    the other claimer of a title), so views can draw or offer to open it.
    """

    path: Path
    code: str
    field: str | None
    message: str
    line: int | None = None
    target: Path | None = None

    def as_json(self) -> dict[str, str | int | None]:
        return {
            "path": str(self.path),
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "line": self.line,
        }

    def sort_key(self) -> tuple[str, int, str, str]:
        return (str(self.path), self.line or 0, self.field or "", self.code)


class _Placeholders:
    """Memoised placeholder rule: libraries repeat the same labels thousands of times."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._patterns = tuple(patterns)
        self._seen: dict[str, str | None] = {}

    def reason(self, text: str) -> str | None:
        try:
            return self._seen[text]
        except KeyError:
            result = placeholder_reason(text, self._patterns)
            self._seen[text] = result
            return result


def _show(library: Library, entry: LibraryEntry) -> str:
    """How messages name another article: its title, or its path when it has none."""
    if entry.title.strip():
        return f"'{entry.title.strip()}'"
    return library.relative(entry.file)


def check_library(
    library: Library,
    placeholder_patterns: Sequence[str] = (),
    paths: Collection[StrPath] | None = None,
) -> list[Problem]:
    """Every problem in the library, sorted by file and line.

    ``paths`` limits the report to those files; the rest of the library is
    still used to resolve links.
    """
    problems = _LibraryCheck(library, placeholder_patterns).run()
    if paths is not None:
        wanted = {Path(os.path.abspath(p)) for p in paths}
        problems = [p for p in problems if p.path in wanted]
    problems.sort(key=Problem.sort_key)
    return problems


class _LibraryCheck:
    """One pass over a library: each article's own fields and links, then the whole series.

    Per-article checks record who claims each article as its ``prev`` or
    ``next``; the duplicate and cycle checks read those records at the end.
    """

    def __init__(self, library: Library, placeholder_patterns: Sequence[str]) -> None:
        self.library = library
        self.placeholders = _Placeholders(placeholder_patterns)
        self.problems: list[Problem] = []
        self.add = self.problems.append
        self.claims: dict[str, dict[str, list[LibraryEntry]]] = {"prev": {}, "next": {}}
        self.successors: dict[str, dict[str, str]] = {"prev": {}, "next": {}}

    def run(self) -> list[Problem]:
        for notice in self.library.notices:
            self.add(Problem(Path(notice.file), notice.code, None, notice.message))
        for entry in self.library.articles():
            self._check_entry(entry)
        for field in LINK_FIELDS:
            self._check_claims(field)
            self._check_cycles(field)
        return self.problems

    def _check_entry(self, entry: LibraryEntry) -> None:
        path = entry.path
        if entry.error is not None:
            self.add(
                Problem(
                    path, entry.error_code or "invalid-front-matter", None, entry.error,
                    entry.error_line,
                )
            )  # fmt: skip
            return
        self._check_title(entry, path)
        if not entry.summary.strip():
            self.add(
                Problem(path, "missing-summary", "summary", "the article has no summary", None)
            )
        for field in LINK_FIELDS:
            self._check_link(entry, path, field)

    def _check_title(self, entry: LibraryEntry, path: Path) -> None:
        library = self.library
        title = entry.title.strip()
        if not title:
            self.add(Problem(path, "missing-title", "title", "the article has no title", None))
            return
        reason = self.placeholders.reason(title)
        if reason is not None:
            self.add(
                Problem(
                    path,
                    "placeholder-title",
                    "title",
                    f"the title '{title}' looks like a placeholder ({reason})",
                    entry.title_line,
                )
            )
            return
        same = [e for e in library.by_title(title) if e.file != entry.file]
        if same:
            others = ", ".join(library.relative(e.file) for e in same[:3])
            more = f" and {len(same) - 3} more" if len(same) > 3 else ""
            self.add(
                Problem(
                    path,
                    "duplicate-title",
                    "title",
                    f"the title is also used by {others}{more}",
                    entry.title_line,
                    same[0].path,
                )
            )

    def _check_link(self, entry: LibraryEntry, path: Path, field: str) -> None:
        library = self.library
        link = entry.link(field)
        if link is None:
            return
        line = entry.line_of(field)
        label = link.title.strip()
        label_reason = self.placeholders.reason(label) if label else None
        if label_reason is not None:
            self.add(
                Problem(
                    path,
                    "placeholder-link",
                    field,
                    f"the {field} link's label '{label}' looks like a placeholder ({label_reason})",
                    line,
                )
            )
        target_path = library.link_target(entry.file, link)
        target = self._link_target(path, field, line, link, target_path, label_reason is not None)
        if target is None or target.error is not None:
            return  # reported already, or a web link; a target's own problem is reported on it
        if target_path is not None and target.title.strip() and label != target.title.strip():
            self.add(
                Problem(
                    path,
                    "stale-link-title",
                    field,
                    f"the {field} link's label '{label}' differs from the title "
                    f"{_show(library, target)} of {library.relative(target.file)}",
                    line,
                    target.path,
                )
            )
        if target.file in library.entries:
            self.claims[field].setdefault(target.file, []).append(entry)
            self.successors[field][entry.file] = target.file
        self._check_way_back(entry, path, field, line, target)

    def _link_target(
        self,
        path: Path,
        field: str,
        line: int | None,
        link: Link,
        target_path: str | None,
        placeholder_label: bool,
    ) -> LibraryEntry | None:
        """The article a link leads to; None (after reporting a broken link) when there is none.

        A web link (``url`` only) leads to no article and is not a problem.
        """
        label = link.title.strip()
        if target_path is not None:
            target = self.library.entry_at(target_path)
            if target is None:
                self.add(
                    Problem(
                        path,
                        "broken-link",
                        field,
                        f"the {field} link's path '{link.path}' does not lead to an article",
                        line,
                        Path(target_path),
                    )
                )
            return target
        if link.url:
            return None
        if not label:
            self.add(Problem(path, "broken-link", field, f"the {field} link is empty", line))
            return None
        matches = self.library.by_title(label)
        if matches:
            return matches[0]
        if not placeholder_label:
            self.add(
                Problem(
                    path,
                    "broken-link",
                    field,
                    f"no article in the library has the title '{label}' "
                    f"that the {field} link names",
                    line,
                )
            )
        return None

    def _check_way_back(
        self, entry: LibraryEntry, path: Path, field: str, line: int | None, target: LibraryEntry
    ) -> None:
        """The article a link leads to should link back the other way."""
        library, file = self.library, entry.file
        reverse = _REVERSE[field]
        back = library.resolve(target, target.link(reverse))
        if back is not None and back.file == file:
            return
        if target.file == file:
            return  # a link to itself is a cycle, reported with the cycles
        if target.link(reverse) is None:
            why = f"has no {reverse} link"
        elif back is None:
            why = f"has a {reverse} link that leads nowhere"
        else:
            why = f"has {reverse} {_show(library, back)}"
        self.add(
            Problem(
                path,
                "asymmetric-link",
                field,
                f"the {field} link leads to {_show(library, target)}, which {why}",
                line,
                target.path,
            )
        )

    def _check_claims(self, field: str) -> None:
        library = self.library
        for target_path, claimers in self.claims[field].items():
            if len(claimers) < 2:
                continue
            for claimer in claimers:
                rivals = [c for c in claimers if c.file != claimer.file]
                names = ", ".join(library.relative(c.file) for c in rivals[:3])
                self.add(
                    Problem(
                        claimer.path,
                        f"duplicate-{field}",
                        field,
                        f"{_show(library, library.entries[target_path])} is also the {field} "
                        f"article of {names}",
                        claimer.line_of(field),
                        Path(target_path),
                    )
                )

    def _check_cycles(self, field: str) -> None:
        library = self.library
        for cycle in find_cycles(self.successors[field]):
            start = cycle[0]
            steps = " → ".join(library.relative(p) for p in [*cycle, start])
            self.add(
                Problem(
                    Path(start),
                    "link-cycle",
                    field,
                    f"following the {field} links goes round in a circle: {steps}",
                    library.entries[start].line_of(field),
                    Path(cycle[1] if len(cycle) > 1 else start),
                )
            )


def find_cycles(successor: dict[str, str]) -> list[list[str]]:
    """Each cycle once, starting at its smallest path; linear in the number of articles.

    Every article has at most one next (or prev), so walking from each
    unvisited article until reaching a visited one finds every cycle without
    recursion, however long the chains.
    """
    state: dict[str, int] = {}  # walk number that visited the node
    cycles: list[list[str]] = []
    for walk, start in enumerate(sorted(successor), start=1):
        if start in state:
            continue
        node: str | None = start
        order: list[str] = []
        while node is not None and node not in state:
            state[node] = walk
            order.append(node)
            node = successor.get(node)
        if node is not None and state[node] == walk:
            cycle = order[order.index(node) :]
            first = cycle.index(min(cycle))
            cycles.append(cycle[first:] + cycle[:first])
    return cycles


def problems_by_path(problems: Sequence[Problem]) -> dict[Path, list[Problem]]:
    """Problems grouped per file, for badges in the library list."""
    grouped: dict[Path, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.path, []).append(problem)
    return grouped
