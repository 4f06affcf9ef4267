"""The main window: editor, live preview and metadata panel around one article.

The window wires widgets to the ``ArticleDocument`` and owns the menus; it
holds no article logic of its own and never touches files directly.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.article import ConflictError
from editor.core.codecs import DEFAULT_FORMAT
from editor.core.errors import ArticleError
from editor.core.text_stats import TextStats, text_stats
from editor.ui.document import ArticleDocument
from editor.ui.editing.find_replace import FindReplaceBar
from editor.ui.editing.highlighter import MarkdownHighlighter
from editor.ui.editing.markdown_editor import MarkdownEditor, dropped_article_paths
from editor.ui.editing.metadata_panel import MetadataPanel
from editor.ui.preview.controller import PreviewController
from editor.ui.preview.view import PreviewPane
from editor.ui.shell import prompts
from editor.ui.shell.feature_places import LIBRARY_DOCK, find_dock, reserve_places
from editor.ui.shell.focus_return import FocusReturn
from editor.ui.shell.message_bar import MessageBar
from editor.ui.shell.settings import (
    FRONT_MATTER_FORMAT_KEY,
    PANEL_VISIBLE_KEY,
    PREVIEW_VISIBLE_KEY,
    SCROLL_SYNC_KEY,
    THEME_KEY,
    WINDOW_GEOMETRY_KEY,
    WINDOW_SPLITTER_KEY,
    WINDOW_STATE_KEY,
    ZOOM_KEY,
    AppSettings,
)
from editor.ui.shell.startup import after_first_paint
from editor.ui.shell.theme import ThemeChoice, apply_colour_scheme, is_dark

if TYPE_CHECKING:
    # Event types only annotate; dialogs are imported where they open: each Qt
    # class a module names is built when first named, before the first paint.
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from editor.ui.editing.writing_tools import WritingTools
    from editor.ui.library.actions import LibraryActions
    from editor.ui.safety.safety_net import SafetyNet

APP_NAME = "Article Editor"
FILE_FILTER = "Markdown articles (*.md *.markdown *.mdown *.mkd);;Text files (*.txt);;All files (*)"


class MainWindow(QMainWindow):
    """One article at a time: the markdown editor, its live preview and the metadata panel."""

    #: the preview finished showing the text of this body generation
    previewUpdated = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.document = ArticleDocument(self)
        self.setWindowIcon(QIcon.fromTheme("accessories-text-editor"))
        self.setAcceptDrops(True)
        self.resize(1360, 860)

        # --- editor column: message bar, editor, find bar
        self.editor = MarkdownEditor()
        self.editor.setDocument(self.document.text_document)
        self.editor.set_undo_stack(self.document.undo_stack)
        self.highlighter = MarkdownHighlighter(self.document.text_document)
        self.highlighter.follow_view(self.editor)
        self.message_bar = MessageBar()
        self.find_bar = FindReplaceBar(self.editor)
        editor_column = QWidget()
        column = QVBoxLayout(editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.message_bar)
        column.addWidget(self.editor, 1)
        column.addWidget(self.find_bar)

        # --- preview
        self.preview = PreviewPane()
        self.preview_controller = PreviewController(self.document, self.preview, self.editor, self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("editorPreviewSplitter")
        self.splitter.addWidget(editor_column)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([640, 560])
        self.setCentralWidget(self.splitter)

        # --- metadata panel
        self.panel = MetadataPanel(self.document)
        self.panel_dock = QDockWidget("Article", self)
        self.panel_dock.setObjectName("metadataDock")
        self.panel_dock.setWidget(self.panel)
        self.panel_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.panel_dock.setMinimumWidth(280)
        # The article's metadata stands beside the preview, like an inspector.
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel_dock)
        self.resizeDocks([self.panel_dock], [300], Qt.Orientation.Horizontal)

        # --- status bar
        self.stats_label = QLabel()
        self.position_label = QLabel()
        self.statusBar().addPermanentWidget(self.stats_label)
        self.statusBar().addPermanentWidget(self.position_label)

        self.theme_choice = ThemeChoice.SYSTEM
        #: zoom steps away from the default size, for both editor and preview
        self.zoom_steps = 0
        self._create_actions()
        self._create_menus()
        # The docks and menus the features fill, made before the layout is restored
        # so it comes back whole even though the features arrive later.
        reserve_places(self, self.view_menu, self.help_menu)
        self._connect()
        self._restore_settings()
        self._apply_theme()
        self._on_loaded()
        self._install_features()

    def _install_features(self) -> None:
        """The features that add themselves to the wired window, in this order.

        Each gets the window (for docks, menus, actions) and a narrow host
        Protocol naming what it uses of this class (``LibraryHost``,
        ``SafetyHost``, ``WritingHost``). The library comes first (the writing
        tools share its side of the window), then the safety net, so the
        writing tools' preferences can set its journal interval.

        None of them is on the first screen: while the editor starts they
        install after its first paint, a turn of the event loop each
        (``startup.py``); a window made any other way gets them at once.
        """
        #: the folder sidebar, chain view, problems and fixes
        self.library_ui: LibraryActions | None = None
        #: recovery journal, external-change watch and banner
        self.safety: SafetyNet | None = None
        #: spelling, outline, focus mode, images, writing helpers, preferences
        self.writing_tools: WritingTools | None = None
        after_first_paint(self._install_library)
        after_first_paint(self._install_safety_net)
        after_first_paint(self._install_writing_tools)

    def _install_library(self) -> None:
        from editor.ui.library.actions import LibraryActions

        self.library_ui = LibraryActions(self, self)
        self.library_ui.install_menus(self.file_menu, self.view_menu, self.help_menu)
        self.library_ui.attach_panel(self.panel)
        self.library_ui.controller.scanStarted.connect(self._set_preview_root)

    def _install_safety_net(self) -> None:
        from editor.ui.safety.safety_net import install_safety_net

        self.safety = install_safety_net(self, self)

    def _install_writing_tools(self) -> None:
        from editor.ui.editing.writing_tools import install_writing_tools

        self.writing_tools = install_writing_tools(self, self)
        #: the window takes the keyboard back when one of its dialogs closes
        self.focus_return = FocusReturn(self)

    def open_folder(self, folder: Path, open_first: bool = False) -> None:
        """Open ``folder`` as the library; its sidebar's place shows at once."""
        dock = find_dock(self, LIBRARY_DOCK)
        if dock is not None and self.library_ui is None:
            dock.show()
            dock.raise_()
        after_first_paint(lambda: self._open_folder_now(folder, open_first))

    def offer_recovery(self) -> None:
        """Offer what an earlier session left unsaved (at start, once the journal is in)."""
        if self.safety is not None:
            self.safety.offer_recovery()

    def _open_folder_now(self, folder: Path, open_first: bool) -> None:
        if self.library_ui is not None:
            self.library_ui.open_folder(folder, open_first=open_first)

    # ================================================================ actions
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence.StandardKey | str | None = None,
        checkable: bool = False,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if tip:
            action.setStatusTip(tip)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New", self.new_article, keys.New)
        self.open_action = self._action("&Open…", self.open_dialog, keys.Open)
        self.save_action = self._action("&Save", self.save, keys.Save)
        self.save_as_action = self._action("Save &As…", self.save_as, keys.SaveAs)
        self.close_action = self._action("&Close", self.close_article, keys.Close)
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(keys.Undo))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(keys.Redo))
        # The editor and panel fields handle the keys themselves (routed to the
        # same stack); the menu items must not fight them for the shortcut.
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.find_action = self._action("&Find…", self.find_bar.open_find, keys.Find)
        self.replace_action = self._action("&Replace…", self.find_bar.open_replace, keys.Replace)
        if self.replace_action.shortcut().isEmpty():
            self.replace_action.setShortcut(QKeySequence("Ctrl+H"))
        self.find_next_action = self._action("Find &Next", self.find_bar.find_next, keys.FindNext)
        self.find_prev_action = self._action(
            "Find Pre&vious", self.find_bar.find_previous, keys.FindPrevious
        )
        self.goto_action = self._action("&Go to Line…", self.go_to_line_dialog, "Ctrl+L")
        self.preview_action = self._action(
            "Show &Preview", self.preview.setVisible, "Ctrl+Shift+P", checkable=True
        )
        self.sync_scroll_action = self._action(
            "S&ynchronize Scrolling",
            self._set_sync_scrolling,
            checkable=True,
            tip="Keep the editor and the preview showing the same part of the article",
        )
        self.panel_action = self.panel_dock.toggleViewAction()
        self.panel_action.setText("Show &Metadata Panel")
        self.panel_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.zoom_in_action = self._action("Zoom &In", lambda: self.zoom(1), keys.ZoomIn)
        self.zoom_out_action = self._action("Zoom &Out", lambda: self.zoom(-1), keys.ZoomOut)
        self.zoom_reset_action = self._action("&Reset Zoom", self.reset_zoom, "Ctrl+0")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[ThemeChoice, QAction] = {}
        for choice, label in (
            (ThemeChoice.SYSTEM, "Follow &System"),
            (ThemeChoice.LIGHT, "&Light"),
            (ThemeChoice.DARK, "&Dark"),
        ):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _checked=False, c=choice: self.set_theme(c))
            self.theme_group.addAction(action)
            self.theme_actions[choice] = action
        self.about_action = self._action("&About Article Editor", self.show_about)
        self.import_text_action = self._action(
            "&Import Text…",
            self.import_text,
            "Ctrl+Shift+I",
            tip="Turn scraped news pages into new articles",
        )
        self.paste_article_action = self._action(
            "Paste as New &Article",
            self.paste_as_new_article,
            "Ctrl+Alt+V",
            tip="Turn the scraped page on the clipboard into a new article",
        )
        self.export_html_action = self._action(
            "&Export as HTML…",
            self.export_html,
            "Ctrl+Shift+E",
            tip="Write this article as a standalone web page",
        )
        self.export_site_action = self._action(
            "Export Folder as &Site…",
            self.export_site,
            tip="Write every article in this folder as a static site",
        )
        self.suggest_summary_action = self._action(
            "Suggest &Summary…",
            self.suggest_summary,
            tip="Propose a summary from the article's own sentences (offline)",
        )

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_text_action)
        file_menu.addAction(self.paste_article_action)
        file_menu.addAction(self.export_html_action)
        file_menu.addAction(self.export_site_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for text, slot, key in (
            ("Cu&t", self.editor.cut, QKeySequence.StandardKey.Cut),
            ("&Copy", self.editor.copy, QKeySequence.StandardKey.Copy),
            ("&Paste", self.editor.paste, QKeySequence.StandardKey.Paste),
            ("Select &All", self.editor.selectAll, QKeySequence.StandardKey.SelectAll),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the focused widget acts
            action.triggered.connect(slot)
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.replace_action)
        edit_menu.addAction(self.find_next_action)
        edit_menu.addAction(self.find_prev_action)
        edit_menu.addAction(self.goto_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.suggest_summary_action)
        self.edit_menu = edit_menu

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.preview_action)
        view_menu.addAction(self.sync_scroll_action)
        view_menu.addAction(self.panel_action)
        view_menu.addSeparator()
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_reset_action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        self.view_menu = view_menu

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu

    def _connect(self) -> None:
        doc = self.document
        doc.loaded.connect(self._on_loaded)
        self.panel.suggestRequested.connect(self.suggest_summary)
        doc.bodyChanged.connect(self._on_body_changed)
        doc.fieldChanged.connect(self._on_field_changed)
        doc.modifiedChanged.connect(self.setWindowModified)
        doc.pathChanged.connect(lambda _p: self._update_title())
        doc.rawErrorChanged.connect(self._on_raw_error)
        self.preview_controller.updated.connect(self.previewUpdated)
        self.preview_controller.statsReady.connect(self._show_stats)
        self.preview_controller.scheduler.failed.connect(
            lambda text: self.statusBar().showMessage(text, 8000)
        )
        self.editor.cursorPositionChanged.connect(self._update_position)
        self.editor.filesDropped.connect(self._open_dropped)
        self.preview.articleLinkActivated.connect(self.open_path_prompting)
        self.preview.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.find_bar.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(lambda _scheme: self._apply_theme())

    # ============================================================= documents
    def new_article(self) -> None:
        if self.maybe_save():
            self.document.new(self.new_article_format())

    def new_article_format(self) -> str:
        """The front matter a new article gets: the Preferences choice, else the library's."""
        chosen = self._preferred_format()
        if chosen:
            return chosen
        library = None if self.library_ui is None else self.library_ui.controller.library
        return DEFAULT_FORMAT if library is None else library.front_matter_format()

    def _preferred_format(self) -> str | None:
        """Preferences' front matter for new articles; None follows the library.

        Read from the stored settings while the writing tools are still loading.
        """
        if self.writing_tools is not None:
            return self.writing_tools.prefs.front_matter_format or None
        return self.settings.str_value(FRONT_MATTER_FORMAT_KEY, "") or None

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.document.path.parent) if self.document.path else str(Path.home())
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getOpenFileName(self, "Open Article", start, FILE_FILTER)
        if chosen:
            self.open_path(Path(chosen))

    def open_path_prompting(self, path: Path) -> bool:
        """Open ``path`` after asking about unsaved changes."""
        if not self.maybe_save():
            return False
        return self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open ``path`` without asking; a file that can't be shown leaves the current one open."""
        try:
            self.document.load(path)
        except ArticleError as error:
            self.message_bar.show_message(f"Could not open {path.name}: {error.message}")
            return False
        self.settings.add_recent_file(path.resolve())
        return True

    def close_article(self) -> None:
        if self.maybe_save():
            self.document.new()

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        start = self.document.path or Path.home() / self._suggested_file_name()
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save Article As", str(start), FILE_FILTER
        )
        if not chosen:
            return False
        target = Path(chosen)
        if not target.suffix:
            target = target.with_suffix(".md")
        # The file dialog asked before replacing the name it was given; a
        # name completed with .md was never shown, so it is asked about here.
        confirmed = target == Path(chosen) or not os.path.lexists(target)
        if not confirmed and not prompts.confirm_replace_file(self, target.name):
            return False
        return self._save_to(target, overwrite=True)

    def _suggested_file_name(self) -> str:
        import re

        slug = re.sub(r"[^a-z0-9]+", "-", self.document.article.title.lower()).strip("-")
        return f"{slug or 'untitled'}.md"

    def _save_to(self, path: Path | None, force: bool = False, overwrite: bool = False) -> bool:
        try:
            written = self.document.save(path, force=force, overwrite=overwrite)
        except ConflictError:
            name = self.document.display_name
            if prompts.confirm_overwrite_changed_file(self, name):
                return self._save_to(path, force=True, overwrite=overwrite)
            self.message_bar.show_message(
                f"{name} was changed by another program; your version is not saved yet.",
                "warning",
                [
                    ("Overwrite", lambda: self._save_to(path, force=True, overwrite=overwrite)),
                    ("Save As…", self.save_as),
                ],
            )
            return False
        except ArticleError as error:
            self.message_bar.show_message(
                f"Could not save: {error.message}. Your text is still here.",
                "error",
                [("Save As…", self.save_as)],
            )
            return False
        if self.message_bar.kind in ("error", "warning") and self.document.raw_error is None:
            self.message_bar.dismiss()
        self.settings.add_recent_file(written.resolve())
        self.statusBar().showMessage(f"Saved {written}", 4000)
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current buffer (saved, discarded, or unchanged)."""
        if not self.document.is_modified():
            return True
        choice = prompts.ask_unsaved_changes(self, self.document.display_name)
        if choice is prompts.UnsavedChoice.SAVE:
            return self.save()
        return choice is prompts.UnsavedChoice.DISCARD

    def _open_dropped(self, paths: list[Path]) -> None:
        files = [p for p in paths if p.is_file()]
        if files:
            self.open_path_prompting(files[0])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for index, text in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{index % 10} {text}")
            action.triggered.connect(
                lambda _checked=False, p=text: self.open_path_prompting(Path(p))
            )
        if not recent:
            empty = self.recent_menu.addAction("No recent articles")
            empty.setEnabled(False)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear Menu", self.settings.clear_recent_files)

    # ================================================================ events
    def _on_loaded(self) -> None:
        self._update_title()
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        if self.document.raw_error is None and self.message_bar.kind == "error":
            self.message_bar.dismiss()
        if self.document.raw_error is not None:
            self._show_stats(text_stats(self.document.body_text()))
        self._update_position()

    def _on_raw_error(self, error: object) -> None:
        if isinstance(error, ArticleError):
            line = f" (line {error.line})" if error.line else ""
            self.message_bar.show_message(
                f"The front matter could not be read{line}: {error.message}. "
                "The file is open as plain text; fix it and save.",
                "error",
                [("Go to Line", lambda: self._go_to_error(error))] if error.line else None,
            )
        elif self.message_bar.kind == "error":
            self.message_bar.dismiss()

    def _go_to_error(self, error: ArticleError) -> None:
        if error.line:
            self.editor.go_to_line(error.line, error.column or 1)

    def _on_body_changed(self) -> None:
        # Articles are counted in the render worker; raw text (at most 1 MB) here.
        if self.document.raw_error is not None:
            self._show_stats(text_stats(self.document.body_text()))

    def _on_field_changed(self, _name: str) -> None:
        self._update_title()

    def _update_title(self) -> None:
        title = self.document.article.title.strip() if self.document.raw_error is None else ""
        name = self.document.display_name
        self.setWindowTitle(
            f"{name}[*] — {title} — {APP_NAME}" if title else f"{name}[*] — {APP_NAME}"
        )
        self.setWindowModified(self.document.is_modified())

    def _show_stats(self, stats: object) -> None:
        if not isinstance(stats, TextStats):
            return
        minutes = stats.reading_minutes
        self.stats_label.setText(
            f"{stats.words:,} words · {stats.characters:,} characters · {minutes} min read"
        )

    def _update_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position_label.setText(
            f"Ln {cursor.blockNumber() + 1}, Col {cursor.positionInBlock() + 1}"
        )

    # ================================================================== view
    def go_to_line_dialog(self) -> None:
        count = self.document.text_document.blockCount()
        current = self.editor.textCursor().blockNumber() + 1
        from PySide6.QtWidgets import QInputDialog

        line, ok = QInputDialog.getInt(self, "Go to Line", f"Line (1–{count}):", current, 1, count)
        if ok:
            self.editor.go_to_line(line)

    def _set_sync_scrolling(self, enabled: bool) -> None:
        self.preview_controller.sync_scrolling = enabled

    def zoom(self, steps: int) -> None:
        self.editor.zoom(steps)
        if steps > 0:
            self.preview.zoomIn(steps)
        else:
            self.preview.zoomOut(-steps)
        self.zoom_steps += steps

    def reset_zoom(self) -> None:
        self.zoom(-self.zoom_steps)

    def set_theme(self, choice: ThemeChoice) -> None:
        self.theme_choice = choice
        self.theme_actions[choice].setChecked(True)
        self._apply_theme()

    def _apply_theme(self) -> None:
        apply_colour_scheme(self.theme_choice)
        dark = is_dark(self.theme_choice)
        self.highlighter.set_dark(dark)
        if self.preview.set_dark(dark):
            self.preview_controller.restyle()

    def _set_preview_root(self, root: Path) -> None:
        """Images in the preview may come from anywhere in the open library, as in its export."""
        self.preview.library_root = root

    # ------------------------------------------- what the features ask of the window
    def side_dock(self) -> QDockWidget | None:
        """The dock on the left that others share by tabs: the library's sidebar."""
        return find_dock(self, LIBRARY_DOCK)

    def set_placeholder_patterns(self, patterns: list[str]) -> None:
        self.panel.set_placeholder_patterns(list(patterns))
        if self.library_ui is not None:
            self.library_ui.controller.set_placeholder_patterns(patterns)

    def stop_rendering(self) -> None:
        self.preview_controller.shutdown()

    def set_recovery_interval(self, seconds: int) -> None:
        if self.safety is not None:
            self.safety.recovery.set_interval(seconds)

    def set_library_follows_files(self, enabled: bool) -> None:
        if self.library_ui is not None:
            self.library_ui.open_file_folders = enabled

    # ------------------------------------------------ import, export, summary
    # The import, export and summary code (and the renderer it uses) loads on first use.
    def _working_folder(self) -> Path:
        """Where imports land and exports start: the open article's folder."""
        path = self.document.path
        return path.parent if path is not None else Path.home()

    def import_text(self) -> None:
        from editor.ui.transfer import import_actions

        chosen = self._preferred_format()
        batch = import_actions.import_files_into(
            self, self._working_folder(), None, chosen, report_success=False
        )
        if batch is None or not batch.created:
            return
        first = batch.created[0]
        opened = self.open_path_prompting(first.path)
        names = ", ".join(r.path.name for r in batch.created)
        notes = [w for r in batch.created for w in r.warnings]
        text = f"Imported {len(batch.created)} article(s): {names}."
        if not opened:
            text += f" {first.path.name} is not open: the current article was kept."
        if notes:
            text += " To check: " + "; ".join(notes) + "."
        if not batch.rejected:
            self.message_bar.show_message(text, "info")
        self.statusBar().showMessage(text, 8000)

    def paste_as_new_article(self) -> None:
        from editor.ui.transfer import import_actions

        chosen = self._preferred_format()
        result = import_actions.paste_as_new_article(self, self._working_folder(), None, chosen)
        if result is not None:
            self.open_path_prompting(result.path)

    def export_html(self) -> None:
        from editor.ui.transfer import export_actions

        # Inside an open library, its folder is where the page's files may come from.
        root = self.library_ui.controller.root if self.library_ui is not None else None
        path = self.document.path
        inside = root is not None and path is not None and path.is_relative_to(root)
        export_actions.export_document_html(self, self.document, root=root if inside else None)

    def export_site(self) -> None:
        from editor.ui.transfer import export_actions

        export_actions.export_folder_as_site(self, self._working_folder())

    def suggest_summary(self) -> None:
        from editor.ui.transfer import summary_actions

        summary_actions.suggest_summary_for(self, self.document)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from editor import __version__

        QMessageBox.about(
            self,
            "About Article Editor",
            f"<h3>Article Editor {__version__}</h3>"
            "<p>Write and edit markdown articles with YAML, TOML or JSON front matter, offline.</p>"
            "<p>Files stay compatible with Hugo, Jekyll and Eleventy.</p>",
        )

    # ============================================================== settings
    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.bytes_value(WINDOW_GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = s.bytes_value(WINDOW_STATE_KEY)
        if state is not None:
            self.restoreState(state)
        splitter = s.bytes_value(WINDOW_SPLITTER_KEY)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self.preview_action.setChecked(s.bool_value(PREVIEW_VISIBLE_KEY, True))
        self.preview.setVisible(self.preview_action.isChecked())
        self.panel_dock.setVisible(s.bool_value(PANEL_VISIBLE_KEY, True))
        self.sync_scroll_action.setChecked(s.bool_value(SCROLL_SYNC_KEY, True))
        zoom = s.int_value(ZOOM_KEY, 0)
        if zoom:
            self.zoom(zoom)
        try:
            self.theme_choice = ThemeChoice(s.str_value(THEME_KEY, ThemeChoice.SYSTEM.value))
        except ValueError:
            self.theme_choice = ThemeChoice.SYSTEM
        self.theme_actions[self.theme_choice].setChecked(True)

    def save_settings(self) -> None:
        s = self.settings
        s.set_bytes(WINDOW_GEOMETRY_KEY, self.saveGeometry())
        s.set_bytes(WINDOW_STATE_KEY, self.saveState())
        s.set_bytes(WINDOW_SPLITTER_KEY, self.splitter.saveState())
        s.set_bool(PREVIEW_VISIBLE_KEY, self.preview_action.isChecked(), True)
        s.set_bool(PANEL_VISIBLE_KEY, self.panel_dock.isVisible(), True)
        s.set_bool(SCROLL_SYNC_KEY, self.sync_scroll_action.isChecked(), True)
        s.set_int(ZOOM_KEY, self.zoom_steps, 0)
        s.set_str(THEME_KEY, self.theme_choice.value, ThemeChoice.SYSTEM.value)
        s.sync()

    # ================================================================ window
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.save_settings()
        if self.library_ui is not None:
            self.library_ui.shutdown()
        self.preview_controller.shutdown()
        if self.safety is not None:
            self.safety.window_closed()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_article_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_article_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self._open_dropped(paths)
