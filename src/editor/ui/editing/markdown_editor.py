"""The text editor: a QPlainTextEdit that shares the article's one undo history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QUndoStack,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")


def dropped_article_paths(mime: QMimeData) -> list[Path]:
    """Local files in a drop that the editor opens as articles."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in ARTICLE_SUFFIXES or p.is_dir()]


class MimeHandler(Protocol):
    """Turns a paste or a drop (images, rich text) into markdown instead of plain text."""

    def can_insert(self, mime: QMimeData) -> bool: ...

    def insert(self, mime: QMimeData, cursor: QTextCursor) -> bool: ...


#: adds entries to the editor's context menu for the text under the click
ContextMenuProvider = Callable[[QMenu, QTextCursor], None]


class MarkdownEditor(QPlainTextEdit):
    """Soft-wrapped markdown editing; Undo and Redo go through the shared stack."""

    #: article files dropped on the editor, to be opened rather than pasted as text
    filesDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo_stack: QUndoStack | None = None
        #: asked in order before the plain-text paste or drop; the first that inserts wins
        self.mime_handlers: list[MimeHandler] = []
        #: called with the menu and a cursor at the click before the menu opens
        self.context_menu_providers: list[ContextMenuProvider] = []
        self.setObjectName("markdownEditor")
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.setCenterOnScroll(False)
        # Prose reads best in the system's text font at a comfortable size;
        # code spans and fences get a fixed-width face from the highlighter.
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.setFont(font)
        self.setPlaceholderText("Start writing your article here…")
        self.document().setDocumentMargin(14)

    def setDocument(self, document: QTextDocument) -> None:
        """Share an article's document; it takes the editor's font, which it would not by itself."""
        super().setDocument(document)
        document.setDefaultFont(self.font())

    def set_undo_stack(self, stack: QUndoStack) -> None:
        self._undo_stack = stack

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._undo_stack is not None:
            if event.matches(QKeySequence.StandardKey.Undo):
                self._undo_stack.undo()
                event.accept()
                return
            if event.matches(QKeySequence.StandardKey.Redo):
                self._undo_stack.redo()
                event.accept()
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self._undo_stack is not None:
            # The stock actions would undo the body alone and split the history.
            for action in menu.actions():
                if action.objectName() in ("edit-undo", "edit-redo"):
                    menu.removeAction(action)
            undo = self._undo_stack.createUndoAction(menu, "Undo")
            redo = self._undo_stack.createRedoAction(menu, "Redo")
            if menu.actions():
                first = menu.actions()[0]
                menu.insertAction(first, undo)
                menu.insertAction(first, redo)
                menu.insertSeparator(first)
            else:
                menu.addActions([undo, redo])
        if self.context_menu_providers:
            at_click = self.cursorForPosition(event.pos())
            for provider in self.context_menu_providers:
                provider(menu, at_click)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return any(h.can_insert(source) for h in self.mime_handlers) or (
            super().canInsertFromMimeData(source)
        )

    def insertFromMimeData(self, source: QMimeData) -> None:
        for handler in self.mime_handlers:
            if handler.can_insert(source) and handler.insert(source, self.textCursor()):
                self.ensureCursorVisible()
                return
        super().insertFromMimeData(source)

    def zoom(self, steps: int) -> None:
        font = self.font()
        size = min(48.0, max(6.0, font.pointSizeF() + steps))
        font.setPointSizeF(size)
        self.setFont(font)
        self.document().setDefaultFont(font)

    def go_to_line(self, line: int, column: int = 1) -> None:
        block = self.document().findBlockByNumber(max(0, line - 1))
        cursor = self.textCursor()
        cursor.setPosition(block.position() + max(0, min(column - 1, block.length() - 1)))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_article_paths(event.mimeData()):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_article_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
            return
        super().dropEvent(event)
