"""The outline: the article's headings as a tree that moves the editor and the preview.

The headings come from an ``OutlineTracker``, which rescans only around each
edit, and the tree is patched rather than rebuilt: typing in a heading
changes that item's text, typing elsewhere changes nothing, and only adding,
removing or re-levelling a heading rebuilds the part of the tree it
belongs to. The heading whose section holds the cursor is kept selected, so
the outline always says where the writer is.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QToolTip, QTreeWidget, QTreeWidgetItem, QWidget

from editor.core.outline import Heading, OutlineEntry, OutlineTracker
from editor.ui.document import ArticleDocument
from editor.ui.editing.markdown_editor import MarkdownEditor
from editor.ui.shell.startup import after_first_paint

HEADING_ROLE = Qt.ItemDataRole.UserRole
#: Pause in typing before the outline follows (its update costs well under a millisecond).
REFRESH_MS = 150


def _label(entry: OutlineEntry) -> str:
    return entry.text or "(empty heading)"


class OutlinePanel(QTreeWidget):
    """Headings nested by level; a click moves the editor cursor to the heading."""

    #: a heading was chosen: its anchor id in the rendered page
    headingActivated = Signal(str)

    def __init__(
        self, document: ArticleDocument, editor: MarkdownEditor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outlinePanel")
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIndentation(14)
        self.document = document
        self.editor = editor
        self._tracker = OutlineTracker()
        self._entries: list[OutlineEntry] = []
        self._items: list[QTreeWidgetItem] = []
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        document.bodyChanged.connect(self._refresh_timer.start)
        document.loaded.connect(self._on_loaded)
        editor.cursorPositionChanged.connect(self.follow_cursor)
        self.itemClicked.connect(lambda item, _column: self.activate(item))
        self.itemActivated.connect(lambda item, _column: self.activate(item))
        after_first_paint(self.refresh)

    @property
    def headings(self) -> list[Heading]:
        """The headings shown, with their lines in the editor now."""
        return [self.heading_at(k) for k in range(len(self._entries))]

    def heading_at(self, index: int) -> Heading:
        entry = self._entries[index]
        block = self.editor.document().findBlock(self._tracker.offsets[index])
        return Heading(entry.level, entry.text, block.blockNumber(), entry.anchor)

    def _on_loaded(self) -> None:
        # After the text is on screen (and, while the editor starts, after the
        # window's first paint): the first scan of a long article takes a while.
        self._tracker = OutlineTracker()
        after_first_paint(lambda: self._refresh_timer.start(0))

    def refresh(self) -> None:
        """Follow the text: patch the items of the headings that changed."""
        self._refresh_timer.stop()
        self._refresh_timer.setInterval(REFRESH_MS)
        body = self.document.body_text() if self.document.raw_error is None else ""
        first, removed, inserted = self._tracker.update(body)
        entries = self._tracker.entries
        old = self._entries
        # Only the reported range can differ; narrow it to what really did.
        end_old, end_new = first + removed, first + inserted
        while first < end_old and first < end_new and old[first] == entries[first]:
            first += 1
        while end_old > first and end_new > first and old[end_old - 1] == entries[end_new - 1]:
            end_old -= 1
            end_new -= 1
        if first == end_old and first == end_new:
            self._entries = list(entries)
            return
        if end_old - first == end_new - first and all(
            old[k].level == entries[k].level for k in range(first, end_old)
        ):
            for k in range(first, end_new):
                self._items[k].setText(0, _label(entries[k]))
            self._entries = list(entries)
        else:
            self._entries = list(entries)
            self._rebuild_around(first, end_old, end_new, old)
        self.follow_cursor()

    def _rebuild_around(
        self, first: int, end_old: int, end_new: int, old: list[OutlineEntry]
    ) -> None:
        """Rebuild the top-level subtrees that hold entries ``first..end``."""
        new = self._entries
        # Top-level items are the headings no earlier heading is above in level.
        old_top = self._top_levels(old)
        new_top = self._top_levels(new)
        lo_old = bisect_right(old_top, first) - 1
        lo_new = bisect_right(new_top, first) - 1
        start = min(old_top[lo_old] if lo_old >= 0 else 0, new_top[lo_new] if lo_new >= 0 else 0)
        if start != 0:
            lo_old = old_top.index(start)
            lo_new = new_top.index(start)
        else:
            lo_old = lo_new = 0
        # After the change, the first heading that is top level in both versions
        # starts an identical rest of the tree.
        shift = end_new - end_old
        old_top_set = set(old_top)
        resume_new = next(
            (k for k in new_top if k >= end_new and k - shift in old_top_set), len(new)
        )
        resume_old = resume_new - shift if resume_new < len(new) else len(old)
        hi_old = bisect_right(old_top, resume_old - 1)
        self.setUpdatesEnabled(False)
        try:
            for _ in range(hi_old - lo_old):
                self.takeTopLevelItem(lo_old)
            fresh = [self._make_item(k) for k in range(start, resume_new)]
            tops: list[QTreeWidgetItem] = []
            parents: list[tuple[int, QTreeWidgetItem]] = []
            for k, item in zip(range(start, resume_new), fresh, strict=True):
                level = new[k].level
                while parents and parents[-1][0] >= level:
                    parents.pop()
                if parents:
                    parents[-1][1].addChild(item)
                else:
                    tops.append(item)
                parents.append((level, item))
            self.insertTopLevelItems(lo_new, tops)
            for item in fresh:
                item.setExpanded(True)
            self._items[start:resume_old] = fresh
            for k in range(resume_new, len(new)) if shift else ():
                self._items[k].setData(0, HEADING_ROLE, k)
        finally:
            self.setUpdatesEnabled(True)

    @staticmethod
    def _top_levels(entries: list[OutlineEntry]) -> list[int]:
        tops: list[int] = []
        lowest = 7
        for k, entry in enumerate(entries):
            if entry.level <= lowest:
                tops.append(k)
                lowest = entry.level
        return tops

    def _make_item(self, index: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem([_label(self._entries[index])])
        item.setData(0, HEADING_ROLE, index)
        return item

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._index_of(self.itemAt(event.pos()))
            if index is not None:
                line = self.heading_at(index).line + 1
                QToolTip.showText(event.globalPos(), f"Line {line}", self)
                return True
        return super().viewportEvent(event)

    def _index_of(self, item: QTreeWidgetItem | None) -> int | None:
        index = item.data(0, HEADING_ROLE) if item is not None else None
        if not isinstance(index, int) or not 0 <= index < len(self._entries):
            return None
        return index

    def follow_cursor(self) -> None:
        """Select the heading whose section holds the cursor, without moving anything else."""
        position = self.editor.textCursor().block().position()
        index = bisect_right(self._tracker.offsets, position) - 1
        item = self._items[index] if 0 <= index < len(self._items) else None
        if item is self.currentItem():
            return
        self.blockSignals(True)
        try:
            if item is None:
                self.clearSelection()
                self.setCurrentIndex(QModelIndex())
            else:
                self.setCurrentItem(item)
                self.scrollToItem(item)
        finally:
            self.blockSignals(False)

    def activate(self, item: QTreeWidgetItem) -> None:
        index = self._index_of(item)
        if index is not None:
            self.go_to(self.heading_at(index))

    def go_to(self, heading: Heading) -> None:
        """Put the heading at the top of the editor and tell the preview to follow."""
        block = self.editor.document().findBlockByNumber(heading.line)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        # Coming from the end makes the editor scroll the heading to the top line.
        end = QTextCursor(self.editor.document())
        end.movePosition(QTextCursor.MoveOperation.End)
        self.editor.setTextCursor(end)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.headingActivated.emit(heading.anchor)
