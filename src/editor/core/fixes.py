"""Fix a library's problems everywhere in one step: plan, preview, apply, undo.

A fix touches many files (renaming a title changes every label that shows
it), so it is built as a plan first: the user sees each file, field and old
-> new value before anything is written. Applying checks every file still
holds what the plan was made from, writes each with the minimal-diff atomic
save, and returns an undo record with the exact previous bytes. Undo restores
a file only if it still has the bytes the fix wrote, so it never throws away
an edit made after the fix.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.article import (
    Article,
    Link,
    content_hash,
    decode_article_bytes,
    parse_article,
    read_article_bytes,
    save_article,
)
from editor.core.atomic_write import atomic_write_bytes
from editor.core.errors import ArticleError
from editor.core.library import Library, LibraryEntry, StrPath
from editor.core.placeholder import placeholder_reason

#: what a Change does to its field
SET_TITLE = "title"  # the article's own title
SET_LABEL = "label"  # the label of an existing prev/next link
ADD_LINK = "link"  # a prev/next link where there was none


class FixConflict(ArticleError):
    """A file no longer holds what the fix was planned from; nothing was written."""


@dataclass(frozen=True)
class Change:
    """One value in one file: ``field`` is ``title``, ``prev`` or ``next``."""

    path: Path
    field: str
    kind: str
    old: str
    new: str
    link: Link | None = None  # the whole new link, for ADD_LINK

    def describe(self, root: Path | None = None) -> str:
        where = _display(self.path, root)
        name = self.field if self.kind != SET_LABEL else f"{self.field} label"
        old = f"'{self.old}'" if self.kind != ADD_LINK else "(none)"
        new = f"'{self.new}'"
        if self.link is not None and self.link.path:
            new += f" ({self.link.path})"
        return f"{where}: {name}: {old} → {new}"

    def check(self, article: Article) -> str | None:
        """Why this change no longer fits the file, or None when it does."""
        if self.kind == SET_TITLE:
            if article.title.strip() != self.old.strip():
                return f"its title is now '{article.title}'"
            return None
        link = article.prev if self.field == "prev" else article.next
        if self.kind == SET_LABEL:
            if link is None or link.title.strip() != self.old.strip():
                return f"its {self.field} link changed"
            return None
        if link is not None:
            return f"it has a {self.field} link now"
        return None

    def apply_to(self, article: Article) -> None:
        if self.kind == SET_TITLE:
            article.title = self.new
            return
        current = article.prev if self.field == "prev" else article.next
        if self.kind == SET_LABEL and current is not None:
            new_link = Link(self.new, current.path, current.url)
        else:
            new_link = self.link or Link(self.new)
        if self.field == "prev":
            article.prev = new_link
        else:
            article.next = new_link


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        with contextlib.suppress(ValueError):
            return path.relative_to(root).as_posix()
    return str(path)


@dataclass
class FileUndo:
    path: Path
    before: bytes
    after: bytes


@dataclass
class UndoResult:
    restored: list[Path] = field(default_factory=list)
    #: files left alone because they changed after the fix, with the reason
    conflicts: list[tuple[Path, str]] = field(default_factory=list)


@dataclass
class FixUndo:
    """What a fix wrote, so it can be taken back as one step."""

    description: str
    files: list[FileUndo]
    library: Library | None = None
    undone: bool = False

    @property
    def paths(self) -> list[Path]:
        return [f.path for f in self.files]

    def undo(self) -> UndoResult:
        """Put back the previous bytes of every file the fix wrote and nobody changed since."""
        result = UndoResult()
        if self.undone:
            return result
        for item in self.files:
            try:
                current = read_article_bytes(item.path)
            except ArticleError as exc:
                result.conflicts.append((item.path, f"cannot read it: {exc.message}"))
                continue
            if current != item.after:
                result.conflicts.append((item.path, "it changed after the fix; left as it is"))
                continue
            try:
                atomic_write_bytes(item.path, item.before)
            except ArticleError as exc:
                result.conflicts.append((item.path, exc.message))
                continue
            result.restored.append(item.path)
        self.undone = True
        if self.library is not None:
            self.library.refresh(result.restored)
        return result


@dataclass
class FixPlan:
    """The changes a fix would make, grouped by file, ready to preview and apply."""

    description: str
    changes: list[Change] = field(default_factory=list)
    #: things the fix leaves alone and why (ambiguous or conflicting links)
    skipped: list[str] = field(default_factory=list)
    library: Library | None = None

    def __bool__(self) -> bool:
        return bool(self.changes)

    def files(self) -> list[Path]:
        """Every file the fix writes, in the order it writes them."""
        seen: dict[Path, None] = {}
        for change in self.changes:
            seen.setdefault(change.path, None)
        return list(seen)

    def by_file(self) -> Iterator[tuple[Path, list[Change]]]:
        for path in self.files():
            yield path, [c for c in self.changes if c.path == path]

    def preview(self) -> list[str]:
        """One line per change, ``file: field: 'old' → 'new'``, then what is skipped."""
        root = None if self.library is None else self.library.root
        lines = [c.describe(root) for c in self.changes]
        lines += [f"skipped: {reason}" for reason in self.skipped]
        return lines

    def apply(self) -> FixUndo:
        """Write every file or none: conflicts are found before the first write.

        Raises FixConflict when a file no longer holds what the plan expects,
        ArticleError when a file cannot be read or written; if a write fails
        midway, the files already written are put back.
        """
        staged: list[tuple[Article, bytes, list[Change]]] = []
        for path, changes in self.by_file():
            data = read_article_bytes(path)
            article = parse_article(decode_article_bytes(data, path), path)
            article.disk_hash = content_hash(data)
            for change in changes:
                reason = change.check(article)
                if reason is not None:
                    raise FixConflict(f"the file changed since the fix was planned: {reason}", path)
                change.apply_to(article)
            staged.append((article, data, changes))
        undo = FixUndo(self.description, [], self.library)
        try:
            for article, before, _ in staged:
                written = save_article(article)
                undo.files.append(FileUndo(written, before, article.to_bytes()))
        except ArticleError:
            undo.undo()
            raise
        if self.library is not None:
            self.library.refresh(undo.paths)
        return undo


# ------------------------------------------------------------------ planners


def _resolves_to(library: Library, source: LibraryEntry, link: Link, target: str) -> bool:
    found = library.resolve(source, link)
    return found is not None and found.file == target


def rename_title(
    library: Library, article_path: StrPath, new_title: str, *, old_title: str | None = None
) -> FixPlan:
    """Change an article's title and every prev/next label across the library that shows it.

    A label is updated when its link points at the article by ``path``, or
    when it is a title-only link naming the old title (only if no other
    article has that title: otherwise it is ambiguous and listed as skipped).
    ``old_title`` is for a title the editor has already saved: the article
    itself is left alone and only the labels that show ``old_title`` change.
    """
    entry = library.get(article_path)
    if entry is None:
        raise ArticleError("the article is not part of the library", Path(article_path))
    new_title = new_title.strip()
    already_saved = old_title is not None
    old_title = (entry.title if old_title is None else old_title).strip()
    plan = FixPlan(f"Rename '{old_title}' to '{new_title}'", library=library)
    if not new_title:
        raise ArticleError("the new title is empty", entry.path)
    if new_title != entry.title and not already_saved:
        plan.changes.append(Change(entry.path, "title", SET_TITLE, entry.title, new_title))
    unique_old = len(library.by_title(old_title)) <= 1 if old_title else False
    for other in library.articles():
        if other.error is not None:
            continue
        for name in ("prev", "next"):
            link = other.link(name)
            if link is None or link.title.strip() == new_title:
                continue
            if link.path:
                if not _resolves_to(library, other, link, entry.file):
                    continue
            elif link.url or not old_title or link.title.strip() != old_title:
                continue
            elif not unique_old:
                plan.skipped.append(
                    f"{library.relative(other.file)}: {name} label '{link.title}' names a "
                    "title several articles share; not changed"
                )
                continue
            plan.changes.append(Change(other.path, name, SET_LABEL, link.title, new_title))
    return plan


def sync_link_labels(library: Library, placeholder_patterns: Sequence[str] = ()) -> FixPlan:
    """Set every path link's label to the current title of the article it points at.

    A target whose own title is still a placeholder is left out (and listed
    as skipped): copying it would turn a real label into a placeholder that
    readers would see. Fix that article's title first.
    """
    plan = FixPlan("Sync link labels", library=library)
    for entry in library.articles():
        if entry.error is not None:
            continue
        for name in ("prev", "next"):
            link = entry.link(name)
            if link is None or not link.path:
                continue
            target = library.resolve(entry, link)
            if target is None or target.error is not None or not target.title.strip():
                continue
            if link.title.strip() == target.title.strip():
                continue
            reason = placeholder_reason(target.title, placeholder_patterns)
            if reason is not None:
                plan.skipped.append(
                    f"{library.relative(entry.file)}: {name} label kept as '{link.title}': "
                    f"the title of {library.relative(target.file)} is a placeholder ({reason})"
                )
                continue
            plan.changes.append(
                Change(entry.path, name, SET_LABEL, link.title, target.title.strip())
            )
    return plan


_REVERSE = {"prev": "next", "next": "prev"}


def make_links_symmetric(library: Library) -> FixPlan:
    """Add the missing reverse link for every one-way link (A.next = B gives B.prev = A).

    Only missing links are added. A reverse link that exists but points
    elsewhere, or that several articles would claim, is listed as skipped:
    choosing between them is the editor's decision.
    """
    plan = FixPlan("Make links symmetric", library=library)
    proposals: dict[tuple[str, str], list[LibraryEntry]] = {}
    for entry in library.articles():
        if entry.error is not None:
            continue
        for name in ("prev", "next"):
            target = library.resolve(entry, entry.link(name))
            if target is None or target.error is not None or target.file == entry.file:
                continue
            if target.file not in library.entries:
                continue  # outside the folder: not ours to change
            reverse = _REVERSE[name]
            back_link = target.link(reverse)
            back = library.resolve(target, back_link)
            if back is not None and back.file == entry.file:
                continue
            if back_link is not None:
                shown = back_link.title or back_link.path or back_link.url
                plan.skipped.append(
                    f"{library.relative(target.file)}: {reverse} already points to '{shown}', "
                    f"not to {library.relative(entry.file)}"
                )
                continue
            proposals.setdefault((target.file, reverse), []).append(entry)
    for (target_file, reverse), sources in sorted(proposals.items()):
        if len(sources) > 1:
            names = ", ".join(library.relative(s.file) for s in sources)
            plan.skipped.append(
                f"{library.relative(target_file)}: {names} all lead here; choose its {reverse} "
                "yourself"
            )
            continue
        source = sources[0]
        link = Link(source.title.strip(), library.link_path_between(target_file, source.file))
        plan.changes.append(
            Change(Path(target_file), reverse, ADD_LINK, "", link.title or link.path or "", link)
        )
    return plan


def combine(description: str, plans: Sequence[FixPlan]) -> FixPlan:
    """Several plans as one undoable step."""
    combined = FixPlan(description, library=plans[0].library if plans else None)
    for plan in plans:
        combined.changes.extend(plan.changes)
        combined.skipped.extend(plan.skipped)
    return combined
