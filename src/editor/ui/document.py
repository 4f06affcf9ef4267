"""The open article: its file, its text, its metadata and its one undo history.

This is the layer between the widgets and the disk. Widgets edit through it
and listen to its signals; only this class calls ``load_article`` and
``save_article``. A file whose front matter cannot be read is opened as raw
text with the error shown, so the writer can repair it by hand; it is never
replaced by an empty article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument, QUndoStack
from PySide6.QtWidgets import QPlainTextDocumentLayout

from editor.core.article import (
    Article,
    ConflictError,
    Link,
    content_hash,
    decode_article_bytes,
    load_article,
    new_article,
    parse_article,
    read_article_bytes,
    save_article,
)
from editor.core.atomic_write import atomic_write_bytes
from editor.core.errors import ArticleError
from editor.ui.editing.undo_commands import BodyEdit, FieldEdit
from editor.ui.text_mirror import TextMirror

#: A file with broken front matter opens as raw text for hand repair only up to this size.
MAX_RAW_CHARS = 1_000_000

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
        self.article: Article = new_article()
        self.raw_error: ArticleError | None = None
        self._raw_disk_hash: str | None = None
        self._raw_path: Path | None = None
        self._loading = False
        self.text_document.undoCommandAdded.connect(self._on_body_undo_added)
        self.text_document.contentsChanged.connect(self._on_contents_changed)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    # ------------------------------------------------------------- properties
    @property
    def path(self) -> Path | None:
        return self._raw_path if self.raw_error is not None else self.article.path

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else "Untitled"

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def body_text(self) -> str:
        return self._text.text()

    def disk_hash(self) -> str | None:
        return self._raw_disk_hash if self.raw_error is not None else self.article.disk_hash

    # ---------------------------------------------------------------- loading
    def new(self) -> None:
        self._set_content(new_article(), None)

    def load(self, path: str | Path) -> None:
        """Open ``path``; raise ArticleError only when it cannot be shown even as text."""
        file_path = Path(path)
        try:
            article = load_article(file_path)
        except ArticleError as error:
            data = read_article_bytes(file_path)  # raises for folders, huge or missing files
            text = decode_article_bytes(data, file_path)  # raises for binary / non-UTF-8
            if "\x00" in text or len(text) > MAX_RAW_CHARS:
                # Nobody repairs megabytes of front matter by hand, and laying
                # them out would freeze the window: report the error instead.
                raise
            self._open_raw(file_path, text, content_hash(data), error)
            return
        self._set_content(article, None)

    def load_text(self, text: str, path: Path | None = None) -> None:
        """Open text that is not on disk (a recovered buffer, an import)."""
        try:
            article = parse_article(text, path)
        except ArticleError as error:
            self._open_raw(path, text, None, error)
            return
        self._set_content(article, None)

    def _open_raw(
        self, path: Path | None, text: str, disk_hash: str | None, error: ArticleError
    ) -> None:
        self._raw_path = path
        self._raw_disk_hash = disk_hash
        self._set_content(new_article(path), error, raw_text=text)

    def _set_content(
        self, article: Article, error: ArticleError | None, raw_text: str = ""
    ) -> None:
        old_path = self.path
        self.article = article
        self.raw_error = error
        if error is None:
            self._raw_path = None
            self._raw_disk_hash = None
        self._loading = True
        try:
            self.text_document.setPlainText(raw_text if error is not None else article.body)
        finally:
            self._loading = False
        self.text_document.setModified(False)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.rawErrorChanged.emit(error)
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
    def changed_on_disk(self) -> bool:
        """True when the file is no longer the one that was read (deleted counts)."""
        path, expected = self.path, self.disk_hash()
        if path is None or expected is None:
            return False
        try:
            return content_hash(path.read_bytes()) != expected
        except FileNotFoundError:
            return True
        except OSError:
            return False

    def save(self, path: str | Path | None = None, *, force: bool = False) -> Path:
        """Save atomically; ConflictError when the file changed on disk and not ``force``."""
        if self.raw_error is not None:
            return self._save_raw(Path(path) if path is not None else self._raw_path, force)
        self.article.body = self.body_text()
        old_path = self.article.path
        written = save_article(self.article, path, force=force)
        self.undo_stack.setClean()
        self.text_document.setModified(False)
        if written != old_path:
            self.pathChanged.emit(written)
        self.saved.emit(written)
        return written

    def _save_raw(self, path: Path | None, force: bool) -> Path:
        """Write the repaired text as it is, then try to read it as an article again."""
        if path is None:
            raise ArticleError("the article has no file yet; choose where to save it")
        if path == self._raw_path and not force and self.changed_on_disk() and path.exists():
            raise ConflictError("the file changed on disk since it was opened", path)
        text = self.body_text()
        data = text.encode("utf-8")
        atomic_write_bytes(path, data)
        self._raw_path = path
        self._raw_disk_hash = content_hash(data)
        self.undo_stack.setClean()
        try:
            article = parse_article(text, path)
        except ArticleError as error:
            self.raw_error = error.with_path(path) if error.path is None else error
            self.rawErrorChanged.emit(self.raw_error)
        else:
            article.disk_hash = self._raw_disk_hash
            self._set_content(article, None)
        self.saved.emit(path)
        return path

    def reload(self) -> None:
        """Read the file again, dropping unsaved changes (the caller asked the user)."""
        if self.path is not None:
            self.load(self.path)
