"""The open library behind the sidebar, chain view and problems view.

Widgets only show what this controller publishes; it owns the ``Library``,
runs the first scan and every re-check in a worker thread so a folder of
10,000 articles never freezes the window, re-indexes files that change on
disk (QFileSystemWatcher), and applies and undoes fixes. It never touches
the article open in the editor: it tells the window which files a fix
rewrote, and the window decides (reload, or keep the writer's unsaved text).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QFileSystemWatcher,
    QObject,
    QStandardPaths,
    QTimer,
    Signal,
)

from editor.core.article import Link
from editor.core.checks import Problem, check_library
from editor.core.errors import ArticleError
from editor.core.fixes import FixPlan, FixUndo, UndoResult
from editor.core.fixes import make_links_symmetric as plan_symmetric
from editor.core.fixes import rename_title as plan_rename
from editor.core.fixes import sync_link_labels as plan_sync
from editor.core.library import UNREADABLE, Library, LibraryEntry
from editor.core.long_lived import building_long_lived

if TYPE_CHECKING:
    import concurrent.futures

    from editor.ui.thread_inbox import ThreadInbox

from editor.ui.library.rows import (
    ArticleRow,
    Badges,
    article_rows,
    badges_by_file,
    group_by_file,
)

#: Above this many articles the watcher watches folders only (inotify watches are limited);
#: saves that replace a file (as this editor's and most editors' do) still show up.
MAX_WATCHED_FILES = 2000
#: Changes arriving within this many milliseconds are re-indexed together.
REFRESH_DELAY_MS = 300
CACHE_SAVE_DELAY_MS = 3000
#: how often a running scan reports how many articles it has read
PROGRESS_MS = 250


def default_cache_dir() -> Path:
    """Where index caches live: the platform's cache folder, never the library itself."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(location or Path.home() / ".cache" / "article-editor") / "library-index"


@dataclass(frozen=True)
class _Scanned:
    library: Library
    rows: list[ArticleRow]
    #: listed from the index cache: no file was looked at yet
    from_cache: bool = False


@dataclass(frozen=True)
class _Checked:
    problems: list[Problem]
    by_file: dict[str, list[Problem]]
    badges: dict[str, Badges]
    rows: list[ArticleRow]


def _open(library: Library) -> _Scanned:
    """Worker thread: the library as its index cache lists it, else as a full scan finds it.

    A cached library is shown at once and checked against the disk after
    (``_scan`` of a copy): a reopened folder of 10,000 articles lists in a
    fraction of the time one ``stat`` per file takes.
    """
    root = library.root
    if not os.path.isdir(root):
        raise ArticleError(f"the folder {root} is not there (moved, deleted or unmounted)")
    with building_long_lived():
        if library.load_cache():
            rows = article_rows(library.articles(), library.root)
            return _Scanned(library, rows, from_cache=True)
    return _scan(library)


def _scan(library: Library) -> _Scanned:
    """Worker thread: the library and its sidebar rows, so the window only swaps them in.

    ``library`` is made by the window thread, which reads how many entries it
    has so far to show the scan's progress (a dict's length is safe to read).
    """
    # The entries and rows live as long as the library is open (long_lived.py).
    with building_long_lived():
        _scan_entries(library)
        return _Scanned(library, article_rows(library.articles(), library.root))


def _scan_entries(library: Library) -> None:
    """Worker thread: scan ``library`` and write its cache; ArticleError when the folder is gone."""
    root = library.root
    if not os.path.isdir(root):
        raise ArticleError(f"the folder {root} is not there (moved, deleted or unmounted)")
    library.scan()
    if library.cache_stale:
        library.save_cache()
    if not os.path.isdir(root):
        raise ArticleError(
            f"the folder {root} went away while it was being read (moved, deleted or unmounted)"
        )


@dataclass(frozen=True)
class _Verified:
    library: Library
    #: None when every entry was still what the cache said: the listed rows stand
    rows: list[ArticleRow] | None


def _verify_scan(library: Library) -> _Verified:
    """Worker thread: scan a copy of a cached library; new rows only when something changed."""
    known = len(library.entries)
    with building_long_lived():
        _scan_entries(library)
        unchanged = library.indexed_count == 0 and len(library.entries) == known
        rows = None if unchanged else article_rows(library.articles(), library.root)
    return _Verified(library, rows)


def _check(snapshot: Library, patterns: Sequence[str]) -> _Checked:
    """Worker thread: problems, grouped and counted, and rows carrying the new badges."""
    with building_long_lived():
        problems = check_library(snapshot, patterns)
        by_file = group_by_file(problems)
        badges = badges_by_file(by_file)
        return _Checked(
            problems, by_file, badges, article_rows(snapshot.articles(), snapshot.root, badges)
        )


class LibraryController(QObject):
    """One library folder: scanning, checking, watching, fixing, undoing."""

    #: a scan of this folder started (the window can show "Reading the library…")
    scanStarted = Signal(object)
    #: the entries changed (a scan finished or files changed on disk)
    libraryChanged = Signal()
    #: a scan ended without a library (the folder vanished or cannot be read): what happened
    scanFailed = Signal(str)
    #: a scan is still running: (folder, articles read so far)
    scanProgress = Signal(object, int)
    #: the problem list changed
    problemsChanged = Signal()
    #: a fix or its undo rewrote these files (list[Path]); reload them if open and unmodified
    filesRewritten = Signal(object)
    #: something the window should tell the user
    message = Signal(str)
    #: the undo stack of fixes changed (for the enabled state and text of Undo Fix)
    undoChanged = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        cache_dir: Path | None = None,
        placeholder_patterns: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.library: Library | None = None
        self.problems: list[Problem] = []
        self.problems_by_file: dict[str, list[Problem]] = {}
        #: what the sidebar lists, built in the worker with the scan or the last check
        self.rows: list[ArticleRow] = []
        #: each file's badges from the last check
        self.badges: dict[str, Badges] = {}
        self.placeholder_patterns: tuple[str, ...] = tuple(placeholder_patterns)
        self._cache_dir = cache_dir
        #: the worker threads, started with the first scan; their results come back
        #: through the inbox, never through a signal (see editor.ui.thread_inbox)
        self._pool: concurrent.futures.ThreadPoolExecutor | None = None
        self._running: set[concurrent.futures.Future[None]] = set()
        self._inbox: ThreadInbox | None = None
        self._shut_down = False
        self._generation = 0
        #: kind of work ("scan", "check") -> (latest generation, what to do with its result)
        self._latest: dict[str, tuple[int, Callable[[object], None]]] = {}
        self._scanning = False
        #: a library listed from its cache is being checked against the disk; the
        #: paths re-indexed meanwhile, to re-index again in what the check finds
        self._verifying = False
        self._refreshed_while_verifying: set[str] = set()
        self._undo: list[FixUndo] = []
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._on_path_changed)
        self.watcher.fileChanged.connect(self._on_path_changed)
        self._pending: set[str] = set()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_pending)
        #: the library a running scan fills, and the timer that reports how far it got
        self._in_progress: Library | None = None
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(PROGRESS_MS)
        self._progress_timer.timeout.connect(self._report_progress)
        # Writing the index of a big library takes a moment: once after a burst of changes.
        self._cache_timer = QTimer(self)
        self._cache_timer.setSingleShot(True)
        self._cache_timer.setInterval(CACHE_SAVE_DELAY_MS)
        self._cache_timer.timeout.connect(self.save_cache)

    # ------------------------------------------------------------ state
    @property
    def root(self) -> Path | None:
        return None if self.library is None else self.library.root

    def is_scanning(self) -> bool:
        return self._scanning

    def entries(self) -> list[LibraryEntry]:
        return [] if self.library is None else self.library.articles()

    def problems_for(self, path: str | os.PathLike[str]) -> list[Problem]:
        return self.problems_by_file.get(os.path.abspath(path), [])

    # ------------------------------------------------------------ background work
    def _submit(
        self, kind: str, work: Callable[[], object], then: Callable[[object], None]
    ) -> None:
        """Run ``work`` in the pool; ``then`` gets its result unless newer work of its kind came."""
        self._generation += 1
        self._latest[kind] = (self._generation, then)
        if self._shut_down:
            return
        if self._pool is None or self._inbox is None:
            import concurrent.futures

            from editor.ui.thread_inbox import ThreadInbox

            self._inbox = ThreadInbox(self)
            self._pool = concurrent.futures.ThreadPoolExecutor(
                max_workers=2, thread_name_prefix="library"
            )
        future = self._pool.submit(self._run_task, self._inbox, self._generation, work)
        self._running.add(future)
        future.add_done_callback(self._running.discard)

    def _run_task(self, inbox: ThreadInbox, generation: int, work: Callable[[], object]) -> None:
        """In a worker thread: ``work``, its result or its error posted to the inbox."""
        try:
            result = work()
        except Exception as exc:  # a bug must reach the window, not kill the thread
            result = exc
        inbox.post(self._on_done, (generation, result))

    def run_in_background(
        self, kind: str, work: Callable[[], object], then: Callable[[object], None]
    ) -> None:
        """Run ``work`` in the worker pool; ``then`` gets its result unless newer work came."""
        self._submit(kind, work, then)

    def _on_done(self, outcome: tuple[int, object]) -> None:
        generation, result = outcome
        then, kind = None, ""
        for name, (latest, callback) in list(self._latest.items()):
            if latest == generation:
                then, kind = callback, name
                del self._latest[name]
        if then is None:
            return  # superseded by a newer scan or check
        if isinstance(result, Exception):
            self._scanning = False
            reason = result.message if isinstance(result, ArticleError) else str(result)
            text = f"The library could not be read: {reason}"
            if kind == "scan":
                self.scanFailed.emit(text)
            self.message.emit(text)
            return
        then(result)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until background work is done (for tests and for quitting).

        Its results are delivered once control returns to the event loop.
        """
        if not self._running:
            return True
        import concurrent.futures

        _done, not_done = concurrent.futures.wait(set(self._running), timeout=msecs / 1000)
        return not not_done

    def shutdown(self) -> None:
        """The window closes: results still to come are dropped, the threads end after them."""
        self._shut_down = True
        if self._inbox is not None:
            self._inbox.close()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    # ------------------------------------------------------------ opening
    def open_folder(self, folder: str | os.PathLike[str]) -> None:
        """Scan ``folder`` in the background; libraryChanged follows when it is listed."""
        root = Path(os.path.abspath(folder))
        cache_dir = self._cache_dir or default_cache_dir()
        self._scanning = True
        self._undo.clear()
        self.undoChanged.emit()
        self._latest.clear()  # results of an earlier folder's scan or checks are dropped
        self._verifying = False
        self.scanStarted.emit(root)

        scanning = Library(root, cache_dir)
        self._in_progress = scanning
        self._progress_timer.start()
        self._submit("scan", lambda: _open(scanning), self._on_scanned)

    def _report_progress(self) -> None:
        scanning = self._in_progress
        if scanning is None or not self._scanning:
            self._progress_timer.stop()
            return
        self.scanProgress.emit(scanning.root, len(scanning.entries))

    def _on_scanned(self, result: object) -> None:
        """List the library at once; its problems follow from a background check.

        A library listed from its cache is then checked against the disk in
        the background (``_on_verified``), and checked for problems after that.
        """
        assert isinstance(result, _Scanned)
        self._in_progress = None
        self.save_cache()  # the previous folder's pending changes
        self.library = result.library
        self.rows = result.rows
        self.problems, self.problems_by_file, self.badges = [], {}, {}
        self._scanning = False
        self._watch()
        self.libraryChanged.emit()
        if result.from_cache:
            self._verify(result.library)
        else:
            self.recheck()

    def _verify(self, library: Library) -> None:
        """Scan a copy of the cached library: one ``stat`` per file, reading what changed."""
        self._verifying = True
        self._refreshed_while_verifying = set()
        copy = Library(library.root, library.cache_dir)
        copy.entries = dict(library.entries)  # the known entries, kept when unchanged
        self._submit("scan", lambda: _verify_scan(copy), self._on_verified)

    def _on_verified(self, result: object) -> None:
        """Take what the disk holds now into the listed library, then check it."""
        assert isinstance(result, _Verified)
        self._verifying = False
        library = self.library
        if library is None or library.root != result.library.root:
            return
        before = (library.entries, library.folders, library.notices)
        library.adopt(result.library)
        if result.rows is not None:
            self.rows = result.rows
        again, self._refreshed_while_verifying = self._refreshed_while_verifying, set()
        if again:
            library.refresh(again)  # changes seen while the copy was scanned
        if library.folders != before[1]:
            self._watch()
        if again or library.entries != before[0] or library.notices != before[2]:
            self.libraryChanged.emit()
        self.recheck()

    def save_cache(self) -> None:
        """Write the index cache now if it changed (also done a little after every change)."""
        self._cache_timer.stop()
        if self.library is not None and self.library.cache_stale:
            self.library.save_cache()

    def close_folder(self) -> None:
        self.save_cache()
        self._latest.clear()
        self.library = None
        self.rows = []
        self._scanning = False
        self._verifying = False
        self._undo.clear()
        self._unwatch()
        self.libraryChanged.emit()
        self._set_problems([])
        self.undoChanged.emit()

    def set_placeholder_patterns(self, patterns: Sequence[str]) -> None:
        """The user's own placeholder patterns changed (preferences): check again."""
        self.placeholder_patterns = tuple(patterns)
        self.recheck()

    def recheck(self) -> None:
        if self.library is None or self._scanning or self._verifying:
            return  # a scan in progress checks its own result
        snapshot = self.library.snapshot()
        patterns = self.placeholder_patterns
        self._submit("check", lambda: _check(snapshot, patterns), self._on_checked)

    def _on_checked(self, result: object) -> None:
        assert isinstance(result, _Checked)
        self.rows = result.rows
        self.problems, self.problems_by_file = result.problems, result.by_file
        self.badges = result.badges
        self.problemsChanged.emit()

    def _set_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.problems_by_file = group_by_file(problems)
        self.badges = badges_by_file(self.problems_by_file)
        self.problemsChanged.emit()

    # ------------------------------------------------------------ watching
    def _watch(self) -> None:
        self._unwatch()
        if self.library is None:
            return
        paths = sorted(self.library.folders)
        if len(self.library.entries) <= MAX_WATCHED_FILES:
            paths += self._watchable_files()
        if paths:
            self.watcher.addPaths(paths)

    def _watchable_files(self) -> list[str]:
        """Readable files that exist: looping, dangling or unreadable ones cannot be watched."""
        if self.library is None:
            return []
        entries = self.library.entries.items()
        return sorted(f for f, e in entries if e.size >= 0 and e.error_code != UNREADABLE)

    def _unwatch(self) -> None:
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)

    def _on_path_changed(self, path: str) -> None:
        self._pending.add(path)
        self._refresh_timer.start()

    def _refresh_pending(self) -> None:
        paths, self._pending = self._pending, set()
        root = self.root
        if root is not None and not os.path.isdir(root):
            # Keep listing what it held: the writer may still have one of its articles open.
            self._unwatch()
            self.scanFailed.emit(
                f"The folder {root.name} is no longer there (moved, deleted or unmounted); "
                "the list shows what it held."
            )
            return
        self.refresh(paths)

    def refresh(self, paths: Sequence[str | os.PathLike[str]] | set[str]) -> None:
        """Re-index changed paths now and re-check in the background."""
        if self.library is None:
            return
        self._note_refreshed(paths)
        changed = self.library.refresh(paths)
        if not changed:
            return
        # A replaced file is a new inode: watch the current set again.
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [f for f in sorted(self.library.folders) if f not in watched]
        if len(self.library.entries) <= MAX_WATCHED_FILES:
            missing += [f for f in self._watchable_files() if f not in watched]
        if missing:
            self.watcher.addPaths(missing)
        self._cache_timer.start()
        self.libraryChanged.emit()
        self.recheck()

    def _note_refreshed(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        """While a cached library is checked against the disk, remember what was re-read."""
        if self._verifying:
            self._refreshed_while_verifying.update(os.fspath(p) for p in paths)

    def file_saved(self, path: str | os.PathLike[str]) -> None:
        """The editor saved an article: update its entry without waiting for the watcher."""
        self.refresh([path])

    # ------------------------------------------------------------ navigation
    def neighbour(self, path: str | os.PathLike[str], field: str) -> Path | None:
        """The file the article's prev or next link leads to (Go > Previous/Next Article)."""
        if self.library is None:
            return None
        entry = self.library.neighbour(path, field)
        return None if entry is None or entry.error is not None else entry.path

    def link_choices(self, from_path: str | os.PathLike[str] | None) -> list[Link]:
        """Links to every article, labelled by title, with paths relative to ``from_path``."""
        if self.library is None:
            return []
        source = from_path if from_path is not None else self.library.root / "_"
        choices = []
        for entry in self.library.articles():
            if entry.error is not None or os.fspath(source) == entry.file:
                continue
            path = self.library.link_path_between(source, entry.file)
            choices.append(Link(entry.title.strip() or entry.path.name, path))
        return choices

    def link_targets(self, from_path: str | os.PathLike[str] | None) -> list[tuple[str, str]]:
        """(title, file) of every article a link from ``from_path`` may lead to (not itself)."""
        if self.library is None:
            return []
        own = os.fspath(from_path) if from_path is not None else None
        return [
            (entry.title.strip() or entry.path.name, entry.file)
            for entry in self.library.entries.values()
            if entry.error is None and entry.file != own
        ]

    def link_path(self, from_path: str | os.PathLike[str] | None, file: str) -> str:
        """The path a link from ``from_path`` to ``file`` is written with."""
        if self.library is None:
            return file
        source = from_path if from_path is not None else self.library.root / "_"
        return self.library.link_path_between(source, file)

    # ------------------------------------------------------------ fixes
    def plan_rename(self, path: str | os.PathLike[str], new_title: str) -> FixPlan | None:
        if self.library is None or self.library.get(path) is None:
            return None
        return plan_rename(self.library, path, new_title)

    def plan_label_update(
        self, path: str | os.PathLike[str], new_title: str, old_title: str
    ) -> FixPlan | None:
        """The labels to change after the editor saved a new title for ``path``."""
        if self.library is None or self.library.get(path) is None:
            return None
        return plan_rename(self.library, path, new_title, old_title=old_title)

    def plan_sync_labels(self) -> FixPlan | None:
        return None if self.library is None else plan_sync(self.library, self.placeholder_patterns)

    def plan_symmetric_links(self) -> FixPlan | None:
        return None if self.library is None else plan_symmetric(self.library)

    def apply(self, plan: FixPlan) -> FixUndo | None:
        """Write a fix as one step; None (and a message) when it could not be applied."""
        try:
            undo = plan.apply()
        except ArticleError as error:
            self.message.emit(f"The fix was not applied: {error}")
            return None
        self._note_refreshed(undo.paths)
        self._undo.append(undo)
        self.undoChanged.emit()
        self.filesRewritten.emit(undo.paths)
        self.libraryChanged.emit()
        self.recheck()
        return undo

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_text(self) -> str:
        return self._undo[-1].description if self._undo else ""

    def undo_last_fix(self) -> UndoResult | None:
        """Take back the last fix; files edited since keep their edits and are named."""
        if not self._undo:
            return None
        undo = self._undo.pop()
        result = undo.undo()
        self._note_refreshed(result.restored)
        self.undoChanged.emit()
        if result.conflicts:
            names = ", ".join(p.name for p, _ in result.conflicts)
            self.message.emit(f"Not undone in {names}: changed after the fix.")
        self.filesRewritten.emit(result.restored)
        self.libraryChanged.emit()
        self.recheck()
        return result
