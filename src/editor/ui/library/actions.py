"""The library in the main window: docks, menu actions and title propagation.

The window creates one ``LibraryActions`` and adds its actions to its menus;
everything else (opening a folder, following prev/next, the three library
views, fixes with preview and undo, offering to update labels after a title
change is saved) is here, so the window stays a thin shell. Files are only
written through the controller's fixes, and never while the open article has
unsaved changes the fix would overwrite.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QWidget,
)

from editor.core.article_folder import library_folder_for
from editor.core.chains import build_chains
from editor.core.checks import Problem
from editor.core.fixes import FixPlan
from editor.core.library import Library
from editor.core.unsaved_state import UnsavedFields, unsaved_problems
from editor.ui.document import ArticleDocument
from editor.ui.library import fix_dialog
from editor.ui.library.controller import LibraryController
from editor.ui.library.link_picker import LibraryLinkPicker
from editor.ui.library.problems_view import ProblemsView
from editor.ui.library.rows import badges_by_file
from editor.ui.library.sidebar import LibrarySidebar
from editor.ui.shell.feature_places import (
    CHAIN_DOCK,
    GO_MENU,
    LIBRARY_DOCK,
    LIBRARY_MENU,
    PROBLEMS_DOCK,
    find_dock,
    find_menu,
)
from editor.ui.shell.startup import after_first_paint, first_paint_done

if TYPE_CHECKING:
    from editor.ui.library.chain_view import ChainView

#: how long typing in a title or link pauses before the library views show it
UNSAVED_REDRAW_MS = 300


class LibraryHost(Protocol):
    """What the library needs from the main window (MainWindow has all of it)."""

    document: ArticleDocument

    def maybe_save(self) -> bool: ...

    def open_path_prompting(self, path: Path) -> bool: ...


# ------------------------------------------------------------ questions (replaced in tests)


def choose_library_folder(parent: QWidget | None, start: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, "Open Folder", str(start))
    return Path(name) if name else None


def ask_new_title(parent: QWidget | None, current: str) -> str | None:
    dialog = fix_dialog.RenameTitleDialog(current, parent)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.title() if accepted and dialog.title() else None
    finally:
        dialog.deleteLater()


def offer_label_update(parent: QWidget | None, count: int, old: str, new: str) -> bool:
    """After a title change is saved: update the labels that still show the old title?"""
    answer = QMessageBox.question(
        parent,
        "Update links to this article?",
        f"{count} previous/next link label(s) in the library still show “{old}”.\n\n"
        f"Change them to “{new}”? You will see each file before anything is written.",
    )
    return answer == QMessageBox.StandardButton.Yes


def report_partial_undo(
    parent: QWidget | None, restored: list[str], kept: list[tuple[str, str]]
) -> None:
    """Undo Fix left some files alone (edited since): say which, and that their edits are safe."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Fix only partly undone")
    done = f"{len(restored)} file(s) were put back as they were before the fix." if restored else ""
    box.setText(
        f"{len(kept)} file(s) changed after the fix, so Undo Fix left them as they are now. " + done
    )
    box.setInformativeText(
        "Your later edits are kept. Change these by hand if the fix should go:\n"
        + "\n".join(f"• {name}: {reason}" for name, reason in kept[:20])
    )
    box.exec()


class LibraryActions(QObject):
    """Owns the library controller, its three views and the library menu actions."""

    def __init__(self, window: QMainWindow, host: LibraryHost) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.controller = LibraryController(self)
        self.sidebar = LibrarySidebar()
        #: made the first time the chain dock is shown (drawing 10,000 boxes is no small job)
        self.chain: ChainView | None = None
        self._drawing: Iterator[None] | None = None
        self._draw_timer = QTimer(self)
        self._draw_timer.setInterval(0)
        self._draw_timer.timeout.connect(self._draw_step)
        self.problems = ProblemsView()
        self._place_docks()
        self._chain_stale = False
        self._open_first = False
        self._raise_sidebar = False
        #: redraws the views with the open article's unsaved values, after a pause in typing
        self._unsaved_timer = QTimer(self)
        self._unsaved_timer.setSingleShot(True)
        self._unsaved_timer.setInterval(UNSAVED_REDRAW_MS)
        self._unsaved_timer.timeout.connect(self._show_unsaved_state)
        #: the sidebar shows the open article's unsaved state (not the files') now
        self._showing_unsaved = False
        #: an opened article among other articles opens their folder (Preferences)
        self.open_file_folders = True
        #: size the chain panel to its picture at the next drawing (after a folder opens)
        self._size_chain = False
        window.installEventFilter(self)
        self.pickers: list[LibraryLinkPicker] = []
        self._create_actions()
        self._connect()

    def _place_docks(self) -> None:
        """Fill the docks the window reserved (``feature_places``), or make them here."""
        window = self.window
        docks = [find_dock(window, name) for name in (LIBRARY_DOCK, CHAIN_DOCK, PROBLEMS_DOCK)]
        reserved = all(dock is not None for dock in docks)
        if not reserved:
            docks = [
                self._dock("Library", LIBRARY_DOCK, Qt.DockWidgetArea.LeftDockWidgetArea),
                self._dock("Chain", CHAIN_DOCK, Qt.DockWidgetArea.BottomDockWidgetArea),
                self._dock("Problems", PROBLEMS_DOCK, Qt.DockWidgetArea.BottomDockWidgetArea),
            ]
        self.sidebar_dock, self.chain_dock, self.problems_dock = (d for d in docks if d)
        for dock, widget in (
            (self.sidebar_dock, self.sidebar),
            (self.problems_dock, self.problems),
        ):
            _fill(dock, widget)
        if not reserved:
            window.tabifyDockWidget(self.chain_dock, self.problems_dock)
            for dock in (self.sidebar_dock, self.chain_dock, self.problems_dock):
                dock.hide()  # shown when a folder is opened

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(QWidget())
        self.window.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _create_actions(self) -> None:
        self.open_folder_action = self._action(
            "Open &Folder…", self.open_folder_dialog, "Ctrl+Alt+O"
        )
        self.prev_action = self._action("&Previous Article", self.go_previous, "Alt+Left")
        self.next_action = self._action("&Next Article", self.go_next, "Alt+Right")
        self.show_library_action = self.sidebar_dock.toggleViewAction()
        self.show_library_action.setText("&Library")
        self.show_chain_action = self.chain_dock.toggleViewAction()
        self.show_chain_action.setText("&Chain View")
        self.show_problems_action = self.problems_dock.toggleViewAction()
        self.show_problems_action.setText("P&roblems")
        self.rename_action = self._action("&Rename Title Everywhere…", self.rename_everywhere)
        self.sync_action = self._action("&Sync Link Labels…", self.sync_link_labels)
        self.symmetric_action = self._action("Make Links &Symmetric…", self.make_links_symmetric)
        self.undo_fix_action = self._action("&Undo Fix", self.undo_fix)
        self.recheck_action = self._action("Check &Again", self.controller.recheck, "F5")
        self._update_enabled()

    def library_actions(self) -> list[QAction | None]:
        """The Library menu, in order (None is a separator)."""
        return [
            self.rename_action,
            self.sync_action,
            self.symmetric_action,
            None,
            self.undo_fix_action,
            None,
            self.recheck_action,
        ]

    def install_menus(
        self, file_menu: QMenu, view_menu: QMenu, before_menu: QMenu | None = None
    ) -> None:
        """File > Open Folder (after File > Open), View > Library/Chain/Problems, Go, Library.

        The Go and Library menus go before ``before_menu`` (the Help menu) when given.
        """
        actions = file_menu.actions()
        if len(actions) > 2:  # after New and Open
            file_menu.insertAction(actions[2], self.open_folder_action)
        else:
            file_menu.addAction(self.open_folder_action)
        view_menu.addSeparator()
        view_menu.addAction(self.show_library_action)
        view_menu.addAction(self.show_chain_action)
        view_menu.addAction(self.show_problems_action)
        bar = self.window.menuBar()
        reserved = find_menu(self.window, GO_MENU), find_menu(self.window, LIBRARY_MENU)
        self.go_menu = reserved[0] or QMenu(GO_MENU, self.window)
        self.go_menu.addAction(self.prev_action)
        self.go_menu.addAction(self.next_action)
        self.library_menu = reserved[1] or QMenu(LIBRARY_MENU, self.window)
        for action in self.library_actions():
            if action is None:
                self.library_menu.addSeparator()
            else:
                self.library_menu.addAction(action)
        anchor = before_menu.menuAction() if before_menu is not None else None
        for menu, made_here in (
            (self.go_menu, reserved[0] is None),
            (self.library_menu, reserved[1] is None),
        ):
            if not made_here:
                continue  # already in its place
            if anchor is None:
                bar.addMenu(menu)
            else:
                bar.insertMenu(anchor, menu)

    def _connect(self) -> None:
        c = self.controller
        c.scanStarted.connect(self._on_scan_started)
        c.scanFailed.connect(self.sidebar.show_problem)
        c.scanProgress.connect(self.sidebar.set_scanning)
        c.libraryChanged.connect(self._on_library_changed)
        c.problemsChanged.connect(self._on_problems_changed)
        c.filesRewritten.connect(self._on_files_rewritten)
        c.undoChanged.connect(self._update_enabled)
        c.message.connect(self._show_message)
        self.sidebar.articleActivated.connect(self.open_article)
        self.problems.problemActivated.connect(self.open_problem)
        self.chain_dock.visibilityChanged.connect(lambda _visible: self._draw_chain())
        doc = self.host.document
        doc.loaded.connect(self._on_document_loaded)
        doc.saved.connect(self._on_document_saved)
        doc.fieldChanged.connect(lambda _name: self._on_unsaved_edit())
        doc.modifiedChanged.connect(lambda _modified: self._on_unsaved_edit())

    def attach_panel(self, panel: object) -> None:
        """Let the panel's previous/next link editors choose from the library by title."""
        for name in ("prev_editor", "next_editor"):
            fields = getattr(panel, name, None)
            if fields is not None:
                self.pickers.append(LibraryLinkPicker(fields, self))
        self._update_pickers()

    def _update_pickers(self) -> None:
        if not self.pickers:
            return
        source = self.host.document.path
        c = self.controller
        for picker in self.pickers:
            picker.set_source(
                lambda: c.link_targets(source), lambda file: c.link_path(source, file)
            )

    def shutdown(self) -> None:
        """When the window closes: let a running scan finish and write the index cache."""
        self.controller.wait(5000)
        self.controller.save_cache()
        self.controller.shutdown()

    # ------------------------------------------------------------ opening
    def open_folder_dialog(self) -> None:
        start = self.controller.root or (
            self.host.document.path.parent if self.host.document.path else Path.home()
        )
        folder = choose_library_folder(self.window, start)
        if folder is not None:
            self.open_folder(folder)

    def open_folder(self, folder: Path, open_first: bool = False) -> None:
        """Scan ``folder`` in the background and show the library views.

        ``open_first`` (``article-editor DIR``): once listed, open the first
        article by file name unless the writer has opened or typed something.
        """
        self.sidebar_dock.show()
        self.sidebar_dock.raise_()
        # Before the window is first shown the dock's tab does not exist yet;
        # raise it again when the scan has listed the articles.
        self._raise_sidebar = True
        self._size_chain = True
        self.chain_dock.show()
        self._open_first = open_first
        self.sidebar.set_scanning(folder)
        # `article-editor DIR`: the window paints before the scan competes with it.
        after_first_paint(lambda: self.controller.open_folder(folder))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show:
            # A library listed before the window was on screen could not switch
            # tabs yet (there were none): do it once the window shows.
            QTimer.singleShot(0, self._after_show)
        return False

    def _after_show(self) -> None:
        if self._raise_sidebar and self.controller.library is not None:
            self._raise_sidebar = False
            bring_to_front(self.window, self.sidebar_dock)
        if self.controller.library is not None:
            self._fit_chain_dock()
            # The window's layout may still settle after the first show; once more.
            QTimer.singleShot(150, self._fit_chain_dock)

    def _fit_chain_dock(self) -> None:
        """Make the chain panel as tall as its picture (at most a third of the window)."""
        widget = self.chain_dock.widget()
        if not self.chain_dock.isVisible() or not self.window.isVisible():
            return
        if self.chain is None or widget is not self.chain or not self.chain.boxes:
            return  # sized when it is drawn
        self._size_chain = False
        title = self.chain_dock.height() - widget.height()
        wanted = self.chain.sizeHint().height() + max(0, title)
        limit = max(120, self.window.height() // 3)
        self.window.resizeDocks([self.chain_dock], [min(wanted, limit)], Qt.Orientation.Vertical)

    def open_article(self, path: Path) -> None:
        if self.host.document.path is not None and _same(self.host.document.path, path):
            return
        self.host.open_path_prompting(path)

    def open_problem(self, path: Path, line: int) -> None:
        self.open_article(path)
        editor = getattr(self.window, "editor", None)
        if line and editor is not None and _same(self.host.document.path, path):
            # The body starts after the front matter; the editor shows the body only.
            go = getattr(editor, "go_to_line", None)
            if callable(go) and self.host.document.raw_error is not None:
                go(line)

    def go_previous(self) -> None:
        self._follow("prev")

    def go_next(self) -> None:
        self._follow("next")

    def _follow(self, field: str) -> None:
        current = self.host.document.path
        if current is None:
            return
        if self.controller.library is not None:
            target = self.controller.neighbour(current, field)
        else:  # no folder open: follow the link's own path
            link = getattr(self.host.document.article, field, None)
            target = None
            if link is not None and link.path:
                candidate = (current.parent / link.path.split("#", 1)[0]).resolve()
                target = candidate if candidate.is_file() else None
        if target is None:
            word = "previous" if field == "prev" else "next"
            self._show_message(f"This article has no {word} article to go to.")
            return
        self.host.open_path_prompting(target)

    # ------------------------------------------------------------ fixes
    def rename_everywhere(self) -> None:
        path = self.host.document.path
        if path is None or self.controller.library is None:
            return
        new_title = ask_new_title(self.window, self.host.document.article.title)
        if not new_title:
            return
        plan = self.controller.plan_rename(path, new_title)
        if plan is None:
            self._show_message("The open article is not part of the library.")
            return
        self.run_plan(plan)

    def sync_link_labels(self) -> None:
        plan = self.controller.plan_sync_labels()
        if plan is not None:
            self.run_plan(plan)

    def make_links_symmetric(self) -> None:
        plan = self.controller.plan_symmetric_links()
        if plan is not None:
            self.run_plan(plan)

    def run_plan(self, plan: FixPlan) -> bool:
        """Preview, then apply; the open article must be saved first if the fix touches it."""
        if not plan.changes:
            reasons = " ".join(plan.skipped[:3])
            self._show_message(f"{plan.description}: nothing to change. {reasons}".strip())
            return False
        open_path = self.host.document.path
        touches_open = open_path is not None and any(_same(open_path, p) for p in plan.files())
        if touches_open and self.host.document.is_modified() and not self.host.maybe_save():
            return False
        if not fix_dialog.confirm_fix(self.window, plan):
            return False
        return self.controller.apply(plan) is not None

    def undo_fix(self) -> None:
        if self.controller.can_undo():
            doc = self.host.document
            if doc.path is not None and doc.is_modified() and not self.host.maybe_save():
                return
            result = self.controller.undo_last_fix()
            library = self.controller.library
            if result is not None and result.conflicts:

                def name(path: Path) -> str:
                    return path.name if library is None else library.relative(path)

                report_partial_undo(
                    self.window,
                    [name(p) for p in result.restored],
                    [(name(p), reason) for p, reason in result.conflicts],
                )

    def _on_files_rewritten(self, paths: object) -> None:
        doc = self.host.document
        if doc.path is None or not isinstance(paths, list):
            return
        if any(_same(doc.path, p) for p in paths) and not doc.is_modified():
            doc.reload()

    def _on_document_saved(self, path: object) -> None:
        """After a save: offer to carry a changed title into every label that shows the old one."""
        library = self.controller.library
        if library is None or not isinstance(path, Path):
            return
        entry = library.get(path)
        old_title = "" if entry is None or entry.error is not None else entry.title.strip()
        new_title = self.host.document.article.title.strip()
        plan = None
        if old_title and new_title and old_title != new_title:
            plan = self.controller.plan_label_update(path, new_title, old_title)
        self.controller.file_saved(path)
        if plan is None or not plan.changes:
            return
        if offer_label_update(self.window, len(plan.changes), old_title, new_title):
            self.run_plan(plan)

    # ------------------------------------------------------------ views
    def _on_scan_started(self, folder: object) -> None:
        if isinstance(folder, Path):
            self.sidebar.set_scanning(folder)

    def _on_library_changed(self) -> None:
        c = self.controller
        if self._raise_sidebar and self.window.isVisible():
            self._raise_sidebar = False
            bring_to_front(self.window, self.sidebar_dock)
        if self._open_first and c.library is not None:
            self._open_first = False
            doc = self.host.document
            first = next((e for e in c.entries() if e.error is None), None)
            if first is not None and doc.path is None and not doc.is_modified():
                self.host.open_path_prompting(first.path)
        self.sidebar.other_files = 0 if c.library is None else c.library.other_files
        self.sidebar.set_rows(c.rows, c.root, c.problems_for)
        self._show_unsaved_badges()
        self._select_current()
        self._update_enabled()
        self._update_pickers()

    def _on_problems_changed(self) -> None:
        c = self.controller
        self.sidebar.set_rows(c.rows, c.root, c.problems_for)
        self._show_unsaved_badges()
        self.problems.set_problems(c.problems, c.root)
        # Drawing 10,000 boxes takes a moment: only while the chain view is shown.
        self._chain_stale = True
        self._draw_chain()
        self._select_current()

    def _shown_state(self) -> tuple[Library | None, dict[str, list[Problem]], Path | None]:
        """(library, problems by file, unsaved article) as the views should show them.

        While the open article has unsaved changes to its title, summary or
        links, the views show the library as it would be after saving, and the
        article is marked "unsaved", so a fix in progress shows at once.
        """
        c = self.controller
        doc = self.host.document
        path = doc.path
        if c.library is None or path is None or doc.raw_error is not None or not doc.is_modified():
            return c.library, c.problems_by_file, None
        article = doc.article
        fields = UnsavedFields(article.title, article.summary, article.prev, article.next)
        entry = c.library.get(path)
        if entry is None or (
            entry.error is None
            and (entry.title, entry.summary, entry.prev, entry.next)
            == (fields.title, fields.summary, fields.prev, fields.next)
        ):
            return c.library, c.problems_by_file, None
        shown = unsaved_problems(
            c.library, c.problems_by_file, path, fields, c.placeholder_patterns
        )
        if shown is None:
            return c.library, c.problems_by_file, None
        return shown[0], shown[1], path

    def _show_unsaved_badges(self) -> None:
        """The sidebar's badges for the unsaved state of the open article, or the saved ones.

        The rows stay the ones built off the window's thread from the files; only
        the badges (and the tooltips' problems) change, in place.
        """
        c = self.controller
        _library, problems, unsaved = self._shown_state()
        model = self.sidebar.model
        model.set_unsaved(unsaved)
        if unsaved is not None:
            model.problems_for = lambda file: problems.get(file, ())
            self.sidebar.set_badges(badges_by_file(problems))
        elif self._showing_unsaved:
            model.problems_for = c.problems_for
            self.sidebar.set_badges(badges_by_file(c.problems_by_file))
        self._showing_unsaved = unsaved is not None

    def _on_unsaved_edit(self) -> None:
        """The open article's fields changed in the editor: show it (after a short pause)."""
        if self.controller.library is not None:
            self._unsaved_timer.start()

    def _show_unsaved_state(self) -> None:
        if self.controller.library is None:
            return
        self._show_unsaved_badges()
        self._chain_stale = True
        self._draw_chain()
        self._select_current()

    def _draw_chain(self) -> None:
        """Draw the chain view if it is shown and out of date: off-thread, then in steps."""
        if not (self._chain_stale and self.chain_dock.isVisible()):
            return
        if not first_paint_done():
            after_first_paint(self._draw_chain)  # the chain view is not on the first screen
            return
        self._chain_stale = False
        chain = self._chain_view()
        c = self.controller
        if c.library is None:
            self._draw_timer.stop()
            chain.set_library(None, {})
            return
        shown, problems, unsaved = self._shown_state()
        snapshot = c.library.snapshot() if shown is c.library or shown is None else shown

        def draw(chains: object) -> None:
            assert isinstance(chains, tuple)
            self._drawing = chain.drawing_steps(snapshot, problems, chains, unsaved)
            self._draw_timer.start()

        c.run_in_background("chains", lambda: build_chains(snapshot), draw)

    def _draw_step(self) -> None:
        if self._drawing is None or next(self._drawing, StopIteration) is StopIteration:
            self._draw_timer.stop()
            self._drawing = None
            path = self.host.document.path
            if self.chain is not None and path is not None:
                self.chain.show_article(path)
            if self._size_chain:
                self._fit_chain_dock()

    def _chain_view(self) -> ChainView:
        if self.chain is None:
            from editor.ui.library.chain_view import ChainView

            self.chain = ChainView()
            self.chain.articleActivated.connect(self.open_article)
            _fill(self.chain_dock, self.chain)
        return self.chain

    def _on_document_loaded(self) -> None:
        self._open_folder_of_document()
        self._select_current()
        self._update_enabled()
        self._update_pickers()

    def _open_folder_of_document(self) -> None:
        """An article opened from outside the library brings its own folder along."""
        path = self.host.document.path
        if not self.open_file_folders or path is None:
            return
        root = self.controller.root
        if root is not None and _inside(path, root):
            return
        folder = library_folder_for(path)
        if folder is not None and (root is None or folder != root.resolve()):
            self.open_folder(folder)

    def _select_current(self) -> None:
        path = self.host.document.path
        if path is not None:
            self.sidebar.select(path)
            if self.chain is not None and self._drawing is None:
                self.chain.show_article(path)

    def _update_enabled(self) -> None:
        has_library = self.controller.library is not None
        for action in (
            self.rename_action,
            self.sync_action,
            self.symmetric_action,
            self.recheck_action,
        ):
            action.setEnabled(has_library)
        self.undo_fix_action.setEnabled(self.controller.can_undo())
        text = self.controller.undo_text()
        self.undo_fix_action.setText(f"&Undo Fix: {text}" if text else "&Undo Fix")

    def _show_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)


def _fill(dock: QDockWidget, widget: QWidget) -> None:
    """Put ``widget`` in ``dock``, dropping the empty place the window kept there."""
    place = dock.widget()
    dock.setWidget(widget)
    if place is not None and place is not widget:
        place.deleteLater()


def _same(a: Path | None, b: Path) -> bool:
    if a is None:
        return False
    try:
        return a.resolve() == Path(b).resolve()
    except OSError:
        return a == b


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (OSError, ValueError):
        return False
    return True


def bring_to_front(window: QWidget, dock: QDockWidget) -> None:
    """Make ``dock`` the current tab of its tab group.

    ``raise_()`` alone did not switch tabs for a dock that was hidden when it
    was tabified, so the tab is also selected the way a click would.
    """
    dock.raise_()
    for bar in window.findChildren(QTabBar):
        for index in range(bar.count()):
            if bar.tabText(index) == dock.windowTitle():
                bar.setCurrentIndex(index)
