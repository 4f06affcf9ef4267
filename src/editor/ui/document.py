"""The open article as Qt sees it: its text document, its one undo history, its signals.

This is the layer between the widgets and the file. Widgets edit through it
and listen to its signals; everything about the file itself (reading, the
raw-text fallback for broken front matter, saving, "changed on disk?")
belongs to its ``OpenFile`` (editor.core.session), which it only asks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument, QUndoStack
from PySide6.QtWidgets import QPlainTextDocumentLayout

from editor.core.article import Article, Link
from editor.core.errors import ArticleError
from editor.core.session import OpenFile
from editor.ui.editing.undo_commands import BodyEdit, FieldEdit
from editor.ui.text_mirror import TextMirror

FIELD_LABELS = {
    "title": "title",
    "summary": "summary",
    "prev": "previous link",
    "next": "next link",
}


class ArticleDocument(QObject):
    """One open article, shared by the editor, the panel and the preview."""

    #: a new file (or a new empty article) replaced the previous content
    loaded = Signal()
    #: a metadata field changed ("title", "summary", "prev", "next")
    fieldChanged = Signal(str)
    modifiedChanged = Signal(bool)
    pathChanged = Signal(object)
    #: the body text changed (typing, undo, replace)
    bodyChanged = Signal()
    saved = Signal(object)
    #: the front-matter error when the file is open as raw text, else None
    rawErrorChanged = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text_document = QTextDocument(self)
        self.text_document.setDocumentLayout(QPlainTextDocumentLayout(self.text_document))
        # Set before the undo signal is connected: a margin change is an undoable
        # frame-format edit and would mark a fresh article as modified.
        self.text_document.setDocumentMargin(14)
        self._text = TextMirror(self.text_document, self)
        self.undo_stack = QUndoStack(self)
        #: the file itself; this class adds only what is Qt's
        self.session = OpenFile()
        self._loading = False
        self.text_document.undoCommandAdded.connect(self._on_body_undo_added)
        self.text_document.contentsChanged.connect(self._on_contents_changed)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    # ------------------------------------------------------------- properties
    @property
    def article(self) -> Article:
        return self.session.article

    @property
    def raw_error(self) -> ArticleError | None:
        """The front-matter error while the file is open as raw text, else None."""
        return self.session.raw_error

    @property
    def path(self) -> Path | None:
        return self.session.path

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else "Untitled"

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def body_text(self) -> str:
        return self._text.text()

    # ---------------------------------------------------------------- loading
    def new(self, front_matter_format: str | None = None) -> None:
        old_path = self.path
        self.session.new(front_matter_format)
        self._show_session(old_path)

    def load(self, path: str | Path) -> None:
        """Open ``path``; raise ArticleError only when it cannot be shown even as text."""
        old_path = self.path
        self.session.load(path)
        self._show_session(old_path)

    def load_text(self, text: str, path: Path | None = None) -> None:
        """Open text that is not on disk (a recovered buffer, an import)."""
        old_path = self.path
        self.session.load_text(text, path)
        self._show_session(old_path)

    def _show_session(self, old_path: Path | None) -> None:
        """Show what the session now holds, as a fresh buffer with an empty undo history."""
        self._loading = True
        try:
            self.text_document.setPlainText(self.session.text)
        finally:
            self._loading = False
        self.text_document.setModified(False)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.rawErrorChanged.emit(self.raw_error)
        if self.path != old_path:
            self.pathChanged.emit(self.path)
        self.loaded.emit()
        self.modifiedChanged.emit(False)

    # ---------------------------------------------------------------- editing
    def _on_body_undo_added(self) -> None:
        if not self._loading:
            self.undo_stack.push(BodyEdit(self.text_document))

    def _on_contents_changed(self) -> None:
        if not self._loading:
            self.bodyChanged.emit()

    def field(self, name: str) -> Any:
        return getattr(self.article, name)

    def set_field(self, name: str, value: Any) -> None:
        """Change a metadata field as one undoable step (typing in a field merges)."""
        if self.raw_error is not None:
            return
        if isinstance(value, Link) and not (value.title or value.path or value.url):
            value = None
        old = self.field(name)
        if old == value or (not old and not value):
            return
        # Typing after a panel edit must start a new body step, not merge into
        # the step before the panel edit: the document merges only while modified.
        self.text_document.setModified(False)
        self.undo_stack.push(FieldEdit(name, old, value, self._apply_field, FIELD_LABELS[name]))

    def _apply_field(self, name: str, value: Any) -> None:
        setattr(self.article, name, value)
        self.fieldChanged.emit(name)

    # ----------------------------------------------------------------- saving
    def save(
        self, path: str | Path | None = None, *, force: bool = False, overwrite: bool = False
    ) -> Path:
        """Save atomically; ConflictError when the file changed on disk and not ``force``.

        ``overwrite``: the user confirmed replacing an existing file at ``path``.
        """
        session = self.session
        was_raw = session.is_raw
        old_path = self.path
        written = session.save(self.body_text(), path, overwrite=force, replace_existing=overwrite)
        self.undo_stack.setClean()
        if was_raw:
            if session.is_raw:
                self.rawErrorChanged.emit(session.raw_error)
            else:
                # Repaired: from now on the file is an article again.
                self._show_session(written)
        else:
            self.text_document.setModified(False)
            if written != old_path:
                self.pathChanged.emit(written)
        self.saved.emit(written)
        return written

    def reload(self) -> None:
        """Read the file again, dropping unsaved changes (the caller asked the user)."""
        if self.path is not None:
            self.load(self.path)
