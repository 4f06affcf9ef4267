"""Puts the writing tools into a main window: menus, actions, the outline dock, hooks.

Spell check, outline, focus mode, images, formatting helpers, preferences,
selection counts and the shortcut list each live in their own module; this
one only connects them to the window. It sees the window through two
narrow doors: the ``QMainWindow`` it adds docks, menus and actions to, and a
``WritingHost`` naming the few parts of the editor window it uses, so a
reader sees at a glance what the feature depends on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QMenu, QWidget

from editor.core.spelling import SpellChecker, available_languages
from editor.ui.document import ArticleDocument
from editor.ui.editing import writing_helpers as helpers
from editor.ui.editing.focus_mode import FocusMode
from editor.ui.editing.highlighter import MarkdownHighlighter
from editor.ui.editing.images import ImageInserter
from editor.ui.editing.markdown_editor import MarkdownEditor
from editor.ui.editing.outline import OutlinePanel
from editor.ui.editing.selection_stats import SelectionStats
from editor.ui.editing.spell_highlight import SpellHighlight
from editor.ui.preview.view import PreviewPane
from editor.ui.safety.autosave import Autosave
from editor.ui.shell.feature_places import (
    FORMAT_MENU,
    OUTLINE_DOCK,
    TOOLS_MENU,
    find_dock,
    find_menu,
)
from editor.ui.shell.message_bar import MessageBar
from editor.ui.shell.preferences import (
    Preferences,
    PreferencesDialog,
    load_preferences,
    save_preferences,
)
from editor.ui.shell.settings import WINDOW_STATE_KEY, AppSettings
from editor.ui.shell.shortcuts import ShortcutsDialog
from editor.ui.shell.theme import ThemeChoice

DICTIONARY_FILE = "dictionary.txt"
Keys = QKeySequence.StandardKey


def user_dictionary_path() -> Path:
    """The writer's own words, in the per-user data folder (tests point it elsewhere)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / DICTIONARY_FILE


def _key(standard: QKeySequence.StandardKey, fallback: str) -> QKeySequence:
    """The platform's key for ``standard``, or ``fallback`` where the platform has none."""
    sequence = QKeySequence(standard)
    return sequence if not sequence.isEmpty() else QKeySequence(fallback)


class WritingHost(Protocol):
    """What the writing tools need from the editor window (MainWindow has all of it)."""

    document: ArticleDocument
    editor: MarkdownEditor
    highlighter: MarkdownHighlighter
    preview: PreviewPane
    message_bar: MessageBar
    settings: AppSettings
    edit_menu: QMenu
    view_menu: QMenu
    help_menu: QMenu
    theme_choice: ThemeChoice
    zoom_steps: int

    @property
    def find_bar(self) -> QWidget:
        """Hidden with the preview in focus mode."""
        ...

    def set_theme(self, choice: ThemeChoice) -> None: ...

    def save_as(self) -> bool: ...

    def side_dock(self) -> QDockWidget | None:
        """The dock the outline shares the left side with (the library's), if any."""
        ...

    def set_placeholder_patterns(self, patterns: list[str]) -> None:
        """Titles matching these count as placeholders, in the panel and the folder checks."""
        ...

    def set_recovery_interval(self, seconds: int) -> None:
        """How often the unsaved buffer is journaled (Preferences' autosave delay)."""
        ...

    def set_library_follows_files(self, enabled: bool) -> None:
        """Whether an opened article among other articles opens their folder as the library."""
        ...


class WritingTools:
    """Everything ``install_writing_tools`` added, for tests and for later calls."""

    def __init__(self, window: QMainWindow, host: WritingHost) -> None:
        self.window = window
        self.host = host
        editor = host.editor
        self.prefs = load_preferences(host.settings)
        # The font the writer sees is the shared document's (MarkdownEditor's own
        # font was set before the document was): that one is the default.
        self.default_font = QFont(host.document.text_document.defaultFont())

        # --- spelling
        self.checker = SpellChecker(self.prefs.spell_language, user_dictionary_path())
        self.spelling = SpellHighlight(
            editor,
            host.highlighter,
            self.checker,
            active=lambda: host.document.raw_error is None,
        )
        self.spelling.message.connect(lambda text: window.statusBar().showMessage(text, 4000))

        # --- outline
        self.outline = OutlinePanel(host.document, editor)
        self.outline.headingActivated.connect(host.preview.scrollToAnchor)
        reserved = find_dock(window, OUTLINE_DOCK)  # the window keeps its place (feature_places)
        self.outline_dock = reserved or self._new_outline_dock()
        place = self.outline_dock.widget()
        self.outline_dock.setWidget(self.outline)
        if place is not None and place is not self.outline:
            place.deleteLater()  # the empty place the window kept

        # --- focus mode, images, helpers, counts
        self.focus = FocusMode(window, editor, [host.preview, host.find_bar])
        self.images = ImageInserter(
            lambda: host.document.path,
            folder=lambda: self.prefs.images_folder,
            notify=lambda text: window.statusBar().showMessage(text, 5000),
            ask_to_save=self._ask_to_save_for_images,
        )
        self.rich_paste = helpers.RichTextPaste()
        editor.mime_handlers.extend([self.images, self.rich_paste])
        self.lists = helpers.ListContinuation(editor)
        self.selection_stats = SelectionStats(editor, window.statusBar())
        self.autosave = Autosave(
            host.document, lambda text: window.statusBar().showMessage(text, 8000), window
        )

        self._create_actions()
        self._create_menus()
        self.apply(self.prefs, initial=True)
        state = host.settings.bytes_value(WINDOW_STATE_KEY)
        if state is not None and reserved is None:
            # The window restored its layout before this dock existed: place it now.
            window.restoreState(state)

    def _new_outline_dock(self) -> QDockWidget:
        """The outline's dock, in a window that did not keep a place for it."""
        window = self.window
        dock = QDockWidget("Outline", window)
        dock.setObjectName(OUTLINE_DOCK)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        side_dock = self.host.side_dock()
        if side_dock is not None:
            # One sidebar on the left: the outline, and the library once a folder is open.
            window.tabifyDockWidget(dock, side_dock)
        window.resizeDocks([dock], [220], Qt.Orientation.Horizontal)
        dock.show()  # needed when installed into a window already on screen
        dock.raise_()
        return dock

    # ============================================================= actions
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        key: QKeySequence | None = None,
        *,
        editor_only: bool = False,
    ) -> QAction:
        action = QAction(text, self.window)
        if key is not None and not key.isEmpty():
            action.setShortcut(key)
        action.triggered.connect(lambda _checked=False: slot())
        if editor_only:
            # Ctrl+B in the title field must not bold the body: only when typing the body.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.host.editor.addAction(action)
        else:
            self.window.addAction(action)
        return action

    def _create_actions(self) -> None:
        editor = self.host.editor
        self.bold_action = self._action(
            "&Bold",
            lambda: helpers.toggle_wrap(editor, "**"),
            QKeySequence(Keys.Bold),
            editor_only=True,
        )
        self.italic_action = self._action(
            "&Italic",
            lambda: helpers.toggle_wrap(editor, "*"),
            QKeySequence(Keys.Italic),
            editor_only=True,
        )
        self.code_action = self._action(
            "Inline &Code",
            lambda: helpers.toggle_wrap(editor, "`"),
            QKeySequence("Ctrl+Shift+C"),
            editor_only=True,
        )
        self.link_action = self._action(
            "&Link…", lambda: helpers.insert_link(editor), QKeySequence("Ctrl+K"), editor_only=True
        )
        self.heading_actions = [
            self._action(
                f"Heading &{level}",
                partial(helpers.toggle_heading, editor, level),
                QKeySequence(f"Ctrl+{level}"),
                editor_only=True,
            )
            for level in range(1, 7)
        ]
        self.bullet_action = self._action(
            "&Bulleted List",
            lambda: helpers.toggle_list(editor, False),
            QKeySequence("Ctrl+Shift+8"),
            editor_only=True,
        )
        self.number_action = self._action(
            "&Numbered List",
            lambda: helpers.toggle_list(editor, True),
            QKeySequence("Ctrl+Shift+7"),
            editor_only=True,
        )
        self.quote_action = self._action(
            "&Quote",
            lambda: helpers.toggle_quote(editor),
            QKeySequence("Ctrl+Shift+9"),
            editor_only=True,
        )
        self.table_action = self._action(
            "Insert &Table…", self.insert_table_dialog, QKeySequence("Ctrl+Alt+T"), editor_only=True
        )
        self.paste_plain_action = self._action(
            "Paste as &Plain Text",
            lambda: helpers.paste_plain_text(editor),
            QKeySequence("Ctrl+Shift+V"),
            editor_only=True,
        )
        self.outline_action = self.outline_dock.toggleViewAction()
        self.outline_action.setText("Show &Outline")
        self.outline_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.window.addAction(self.outline_action)
        self.focus_action = self._action(
            "&Focus Mode", lambda: self.focus.toggle(True), _key(Keys.FullScreen, "F11")
        )
        self.focus_action.setCheckable(True)
        self.distraction_free_action = self._action(
            "&Distraction-Free Writing", lambda: self.focus.toggle(False), QKeySequence("Shift+F11")
        )
        self.distraction_free_action.setCheckable(True)
        self.leave_focus_action = self._action(
            "Leave Focus Mode", self.focus.leave, QKeySequence(Qt.Key.Key_Escape)
        )
        # Esc belongs to the find bar and dialogs outside focus mode.
        self.leave_focus_action.setEnabled(False)
        self.focus.changed.connect(self._on_focus_changed)
        self.preferences_action = self._action(
            "Pr&eferences…", self.preferences_dialog, _key(Keys.Preferences, "Ctrl+,")
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.spell_action = self._action(
            "Check &Spelling While Typing", lambda: None, QKeySequence("F7")
        )
        self.spell_action.setCheckable(True)
        self.spell_action.toggled.connect(self._on_spell_toggled)
        self.language_group = QActionGroup(self.window)
        self.language_actions: dict[str, QAction] = {}
        for code, name in sorted(available_languages().items(), key=lambda item: item[1]):
            action = QAction(name, self.window, checkable=True)
            action.triggered.connect(lambda _checked=False, c=code: self.set_spell_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.shortcuts_action = self._action(
            "&Keyboard Shortcuts", self.shortcuts_dialog, QKeySequence("Ctrl+/")
        )

    def _create_menus(self) -> None:
        window = self.window
        bar = window.menuBar()
        reserved = find_menu(window, FORMAT_MENU)
        self.format_menu = reserved or QMenu(FORMAT_MENU, window)
        if reserved is None:
            bar.insertMenu(self.host.view_menu.menuAction(), self.format_menu)
        for action in (self.bold_action, self.italic_action, self.code_action, self.link_action):
            self.format_menu.addAction(action)
        self.format_menu.addSeparator()
        headings = self.format_menu.addMenu("&Heading")
        for action in self.heading_actions:
            headings.addAction(action)
        for action in (self.bullet_action, self.number_action, self.quote_action):
            self.format_menu.addAction(action)
        self.format_menu.addSeparator()
        self.format_menu.addAction(self.table_action)

        edit = self.host.edit_menu
        texts = [a.text() for a in edit.actions()]
        after_paste = texts.index("&Paste") + 1 if "&Paste" in texts else len(texts)
        _insert(edit, after_paste, [self.paste_plain_action])
        edit.addSeparator()
        edit.addAction(self.preferences_action)

        view = self.host.view_menu
        separators = [i for i, a in enumerate(view.actions()) if a.isSeparator()]
        _insert(view, separators[0] if separators else 0, [self.outline_action])
        view.addSeparator()
        view.addAction(self.focus_action)
        view.addAction(self.distraction_free_action)
        view.addAction(self.leave_focus_action)

        self.tools_menu = self._tools_menu()
        spelling = self.tools_menu.addMenu("&Spelling")
        spelling.addAction(self.spell_action)
        languages = spelling.addMenu("&Language")
        for action in self.language_actions.values():
            languages.addAction(action)

        _insert(self.host.help_menu, 0, [self.shortcuts_action])

    def _tools_menu(self) -> QMenu:
        """The Tools menu the window or another feature made, or a new one."""
        return find_menu(self.window, TOOLS_MENU) or self._new_tools_menu()

    def _new_tools_menu(self) -> QMenu:
        """Tools right after View: Go, Library and Help keep their places at the end."""
        menu = QMenu("&Tools", self.window)
        bar = self.window.menuBar()
        tops = bar.actions()
        view_index = tops.index(self.host.view_menu.menuAction())
        if view_index + 1 < len(tops):
            bar.insertMenu(tops[view_index + 1], menu)
        else:
            bar.addMenu(menu)
        return menu

    # =========================================================== behaviour
    def apply(self, prefs: Preferences, initial: bool = False) -> None:
        """Make the window follow ``prefs`` (at start and after the dialog's OK)."""
        host = self.host
        self.prefs = prefs
        font = QFont(self.default_font)
        if prefs.font_family:
            font.setFamily(prefs.font_family)
        if prefs.font_size:
            font.setPointSizeF(float(prefs.font_size))
        # Editor and document get the same font, so zooming keeps the family.
        host.editor.setFont(font)
        host.document.text_document.setDefaultFont(font)
        zoom = host.zoom_steps
        if zoom:
            host.editor.zoom(zoom)
        if not initial or host.theme_choice is not prefs.theme:
            host.set_theme(prefs.theme)
        self.autosave.configure(prefs.autosave_enabled, prefs.autosave_seconds)
        host.set_recovery_interval(prefs.autosave_seconds)
        host.set_placeholder_patterns(list(prefs.placeholder_patterns))
        host.set_library_follows_files(prefs.open_file_folder)
        self.set_spell_language(prefs.spell_language)
        self.spell_action.setChecked(prefs.spell_enabled)
        self._on_spell_toggled(prefs.spell_enabled)

    def set_spell_language(self, code: str) -> None:
        if code not in self.language_actions:
            return  # a list this installation does not ship: stay with the current one
        self.language_actions[code].setChecked(True)
        self.spelling.set_language(code)
        if self.prefs.spell_language != code:
            self.prefs.spell_language = code
            save_preferences(self.host.settings, self.prefs)

    def _on_spell_toggled(self, enabled: bool) -> None:
        self.spelling.set_enabled(enabled)
        if self.prefs.spell_enabled != enabled:
            self.prefs.spell_enabled = enabled
            save_preferences(self.host.settings, self.prefs)

    def _on_focus_changed(self, active: bool) -> None:
        self.leave_focus_action.setEnabled(active)
        self.focus_action.setChecked(active and self.focus.full_screen)
        self.distraction_free_action.setChecked(active and not self.focus.full_screen)

    def _ask_to_save_for_images(self) -> None:
        self.host.message_bar.show_message(
            "Save the article first: images are copied into a folder beside it.",
            "info",
            [("Save As…", self.host.save_as)],
        )

    # ============================================================= dialogs
    def insert_table_dialog(self) -> None:
        dialog = helpers.TableDialog(self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            helpers.insert_table(self.host.editor, dialog.rows.value(), dialog.columns.value())

    def make_preferences_dialog(self) -> PreferencesDialog:
        # The View menu may have changed the theme since the preferences were read.
        current = replace(self.prefs, theme=self.host.theme_choice)
        return PreferencesDialog(current, self.default_font, self.window)

    def preferences_dialog(self) -> None:
        dialog = self.make_preferences_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.accept_preferences(dialog.preferences())

    def accept_preferences(self, prefs: Preferences) -> None:
        save_preferences(self.host.settings, prefs)
        self.apply(prefs)

    def shortcuts_dialog(self) -> None:
        ShortcutsDialog(self.window).exec()


def _insert(menu: QMenu, index: int, actions: list[QAction]) -> None:
    existing = menu.actions()
    if index < len(existing):
        menu.insertActions(existing[index], actions)
    else:
        menu.addActions(actions)


def install_writing_tools(window: QMainWindow, host: WritingHost) -> WritingTools:
    """Add spell check, outline, focus mode, images, formatting and preferences to ``window``."""
    return WritingTools(window, host)
