"""Misspelled words underlined as you type, checked only where the writer looks.

Underlining every block of a long article when it opens would make opening
it several times slower, so the highlighter's spell callable answers only for
blocks in and near the visible part of the editor; blocks scrolled into view
later are checked then. Typing re-highlights the edited block, which is
visible, so typing is checked at once at the cost of one line.

The word list takes a few tenths of a second to load; while the editor is
starting it loads in a worker thread after the first paint, and the visible
lines are underlined when it is in.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSignalBlocker, QTimer, Signal
from PySide6.QtGui import QAction, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu

from editor.core.spelling import SpellChecker, Word
from editor.ui.editing.highlighter import MarkdownHighlighter
from editor.ui.editing.markdown_editor import MarkdownEditor
from editor.ui.shell.startup import after_first_paint, startup_in_progress

if TYPE_CHECKING:
    from editor.ui.thread_inbox import ThreadInbox

#: blocks checked beyond the visible ones, so a short scroll shows underlines at once
MARGIN_BLOCKS = 40
MAX_SUGGESTIONS = 7
#: main-thread time one pass of checking newly visible lines may take
SLICE_S = 0.008


class SpellHighlight(QObject):
    """Connects a SpellChecker to the editor's highlighter and context menu."""

    #: the user added a word or ignored one (the status bar may say so)
    message = Signal(str)

    def __init__(
        self,
        editor: MarkdownEditor,
        highlighter: MarkdownHighlighter,
        checker: SpellChecker,
        active: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else editor)
        self.editor = editor
        self.highlighter = highlighter
        self.checker = checker
        self._active = active
        self._enabled = False
        #: a worker thread is loading the word list; underlines wait for it
        self._loading = False
        #: where the loading thread says it is done (made with the thread, after the paint)
        self._inbox: ThreadInbox | None = None
        #: block numbers whose words are underlined (or known to be right) now
        self._checked: set[int] = set()
        self._block_count = editor.document().blockCount()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(40)
        self._refresh_timer.timeout.connect(self.check_visible)
        self._continue_timer = QTimer(self)
        self._continue_timer.setSingleShot(True)
        self._continue_timer.setInterval(0)
        self._continue_timer.timeout.connect(self.check_visible)
        #: the visible block range, kept while nothing scrolls or resizes (one highlight
        #: pass of a whole article asks for it once per block)
        self._range: tuple[int, int] | None = None
        editor.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        editor.updateRequest.connect(self._on_update_request)
        editor.document().contentsChange.connect(self._on_contents_change)
        #: (block, column) of a misspelled word left without underline while typed
        self._held: tuple[int, int] | None = None
        editor.cursorPositionChanged.connect(self._on_cursor_moved)
        editor.context_menu_providers.append(self.add_menu_entries)

    # ------------------------------------------------------------- switching
    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        if enabled == self._enabled:
            return
        self._enabled = enabled
        if enabled and self._wait_for_word_list():
            return
        self._rehighlight_all(self._check_block if enabled else None)

    def set_language(self, language: str) -> None:
        if language != self.checker.language:
            self.checker.set_language(language)
            self.recheck()

    def recheck(self) -> None:
        """Underline again from scratch (a word was added, the language changed)."""
        if self._enabled and not self._wait_for_word_list():
            self._rehighlight_all(self._check_block)

    def _wait_for_word_list(self) -> bool:
        """True when the word list is loading in the background (the editor is starting)."""
        if self._loading:
            return True
        if self.checker.ready or not startup_in_progress():
            return False
        self._loading = True
        after_first_paint(self._load_in_background)
        return True

    def _load_in_background(self) -> None:
        from editor.ui.thread_inbox import ThreadInbox

        language = self.checker.language
        if self._inbox is None:
            self._inbox = ThreadInbox(self)
        inbox = self._inbox

        def load() -> None:
            try:
                self.checker.load()
            finally:
                inbox.post(self._on_word_list_loaded, language)

        threading.Thread(target=load, name="spelling", daemon=True).start()

    def _on_word_list_loaded(self, language: str) -> None:
        self._loading = False
        if language != self.checker.language:
            self.recheck()  # switched meanwhile: that list loads now
        elif self._enabled:
            self._rehighlight_all(self._check_block)

    def _rehighlight_all(self, spell_check: Callable[[str], list[tuple[int, int]]] | None) -> None:
        self._checked.clear()
        # Re-highlighting changes formats, not text: the article must not look edited.
        blocker = QSignalBlocker(self.editor.document())
        try:
            self.highlighter.set_spell_check(spell_check)
        finally:
            blocker.unblock()
        self.editor.viewport().update()

    # ------------------------------------------------------------- checking
    def _on_scrolled(self, _value: int) -> None:
        self._range = None
        self._refresh_timer.start()

    def _on_update_request(self, _rect: object, dy: int) -> None:
        self._range = None  # a resize or a font change may show more lines
        if dy:
            self._refresh_timer.start()

    def _visible_range(self) -> tuple[int, int]:
        if self._range is None:
            first = self.editor.firstVisibleBlock().blockNumber()
            spacing = max(1, self.editor.fontMetrics().lineSpacing())
            lines = self.editor.viewport().height() // spacing
            self._range = (first - MARGIN_BLOCKS, first + lines + MARGIN_BLOCKS)
        return self._range

    def _check_block(self, text: str) -> list[tuple[int, int]]:
        number = self.highlighter.currentBlock().blockNumber()
        low, high = self._range or self._visible_range()
        if not (low <= number <= high) or not self._active():
            self._checked.discard(number)
            return []
        self._checked.add(number)
        ranges = self.checker.misspelled_ranges(text)
        if ranges and self.editor.hasFocus():
            ranges = self._hold_word_being_typed(number, ranges)
        return ranges

    def _hold_word_being_typed(
        self, number: int, ranges: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Leave the word that ends at the cursor alone: "harb" is not a typo yet."""
        cursor = self.editor.textCursor()
        if cursor.hasSelection() or cursor.blockNumber() != number:
            return ranges
        column = cursor.positionInBlock()
        kept = [(start, length) for start, length in ranges if start + length != column]
        if len(kept) != len(ranges):
            self._held = (number, column)
        return kept

    def _on_cursor_moved(self) -> None:
        """The cursor left a word it was typing: underline it now if it is wrong."""
        held = self._held
        if held is None:
            return
        cursor = self.editor.textCursor()
        if (cursor.blockNumber(), cursor.positionInBlock()) == held:
            return
        self._held = None
        block = self.editor.document().findBlockByNumber(held[0])
        if block.isValid() and self._enabled:
            blocker = QSignalBlocker(self.editor.document())
            try:
                self.highlighter.rehighlightBlock(block)
            finally:
                blocker.unblock()

    def check_visible(self) -> None:
        """Check the blocks that scrolled into view since they were last highlighted."""
        if not self._enabled or not self._active():
            return
        document = self.editor.document()
        low, high = self._visible_range()
        todo = [n for n in range(max(0, low), high + 1) if n not in self._checked]
        if not todo:
            return
        # A few lines per turn of the event loop: checking a whole screen of a
        # freshly opened article at once held the window for 100 ms and more.
        deadline = time.perf_counter() + SLICE_S
        blocker = QSignalBlocker(document)
        try:
            for number in todo:
                block = document.findBlockByNumber(number)
                if not block.isValid():
                    break
                self.highlighter.rehighlightBlock(block)
                if time.perf_counter() > deadline:
                    self._continue_timer.start()
                    break
        finally:
            blocker.unblock()
        self.editor.viewport().update()

    def _on_contents_change(self, position: int, _removed: int, _added: int) -> None:
        count = self.editor.document().blockCount()
        if count != self._block_count:
            # Blocks after the edit moved: forget them (at worst re-checked once).
            self._block_count = count
            edited = self.editor.document().findBlock(position).blockNumber()
            self._checked = {n for n in self._checked if n <= edited}
            self._refresh_timer.start()

    # ---------------------------------------------------------- context menu
    def misspelled_at(self, cursor: QTextCursor) -> Word | None:
        """The underlined word under ``cursor``, if any."""
        if not self._enabled:
            return None
        block = cursor.block()
        column = cursor.positionInBlock()
        underlined = any(
            r.start <= column <= r.start + r.length
            and r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
            for r in block.layout().formats()
        )
        if not underlined:
            return None
        for word in self.checker.misspelled(block.text()):
            if word.start <= column <= word.end:
                return Word(block.position() + word.start, block.position() + word.end, word.text)
        return None

    def add_menu_entries(self, menu: QMenu, cursor: QTextCursor) -> None:
        word = self.misspelled_at(cursor)
        if word is None:
            return
        first = menu.actions()[0] if menu.actions() else None
        entries: list[QAction] = []
        suggestions = self.checker.suggestions(word.text, MAX_SUGGESTIONS)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(lambda _checked=False, s=suggestion: self.replace(word, s))
            entries.append(action)
        if not suggestions:
            none = QAction("No suggestions", menu)
            none.setEnabled(False)
            entries.append(none)
        add = QAction(f"Add “{word.text}” to Dictionary", menu)
        add.triggered.connect(lambda: self.add_to_dictionary(word.text))
        ignore = QAction(f"Ignore “{word.text}”", menu)
        ignore.triggered.connect(lambda: self.ignore(word.text))
        entries += [add, ignore]
        if first is None:
            menu.addActions(entries)
        else:
            menu.insertActions(first, entries)
            menu.insertSeparator(first)

    def replace(self, word: Word, replacement: str) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(word.start)
        cursor.setPosition(word.end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() == word.text:
            cursor.insertText(replacement)
            self.editor.setTextCursor(cursor)

    def add_to_dictionary(self, word: str) -> None:
        self.checker.add_to_dictionary(word)
        self.recheck()
        self.message.emit(f"Added “{word}” to your dictionary")

    def ignore(self, word: str) -> None:
        self.checker.ignore(word)
        self.recheck()
        self.message.emit(f"Ignoring “{word}” until the editor closes")
