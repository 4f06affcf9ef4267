"""The outline: the article's headings as a tree that moves the editor and the preview.

The tree is rebuilt a moment after typing stops (a heading list of a long
article takes a few milliseconds), and the heading whose section holds the
cursor is kept selected, so the outline always says where the writer is.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from editor.core.outline import Heading, headings
from editor.ui.document import ArticleDocument
from editor.ui.editing.markdown_editor import MarkdownEditor
from editor.ui.shell.startup import after_first_paint

HEADING_ROLE = Qt.ItemDataRole.UserRole


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
        self.headings: list[Heading] = []
        self._lines: list[int] = []
        self._items: list[QTreeWidgetItem] = []
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(300)
        self._refresh_timer.timeout.connect(self._on_loaded)
        document.bodyChanged.connect(self._refresh_timer.start)
        document.loaded.connect(self._on_loaded)
        editor.cursorPositionChanged.connect(self.follow_cursor)
        self.itemClicked.connect(lambda item, _column: self.activate(item))
        self.itemActivated.connect(lambda item, _column: self.activate(item))
        after_first_paint(self.refresh)

    def _on_loaded(self) -> None:
        # Not before the window's first paint: the article's text comes first.
        after_first_paint(self.refresh)

    def refresh(self) -> None:
        self._refresh_timer.stop()
        found = headings(self.document.body_text()) if self.document.raw_error is None else []
        if found == self.headings:
            return
        self.headings = found
        self._lines = [h.line for h in found]
        self.clear()
        self._items = []
        parents: list[tuple[int, QTreeWidgetItem]] = []
        for index, heading in enumerate(found):
            while parents and parents[-1][0] >= heading.level:
                parents.pop()
            item = QTreeWidgetItem([heading.text or "(empty heading)"])
            item.setData(0, HEADING_ROLE, index)
            item.setToolTip(0, f"Line {heading.line + 1}")
            if parents:
                parents[-1][1].addChild(item)
            else:
                self.addTopLevelItem(item)
            parents.append((heading.level, item))
            self._items.append(item)
        self.expandAll()
        self.follow_cursor()

    def follow_cursor(self) -> None:
        """Select the heading whose section holds the cursor, without moving anything else."""
        line = self.editor.textCursor().blockNumber()
        index = bisect_right(self._lines, line) - 1
        item = self._items[index] if index >= 0 else None
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
        index = item.data(0, HEADING_ROLE)
        if not isinstance(index, int) or not 0 <= index < len(self.headings):
            return
        self.go_to(self.headings[index])

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
