"""One open file's life cycle, without Qt: read it, keep what it was, write it back.

The window edits one file at a time; this is everything about that file
that is not a widget. It holds the article (or, when the front matter
cannot be read, the raw text and the error, so the writer can repair it by
hand), the path, and the fingerprint of the bytes the buffer was read from.
That fingerprint is what "has the file changed on disk?" is answered
against, before a save and for the window's watcher alike.

The interface's ``ArticleDocument`` owns one ``OpenFile`` and adds only what
is Qt's (the text document, the undo history, signals); because the policy
lives here, it is tested without a display.
"""

from __future__ import annotations

from pathlib import Path

from editor.core.article import (
    Article,
    ConflictError,
    content_hash,
    decode_article_bytes,
    load_article,
    new_article,
    parse_article,
    read_article_bytes,
    save_article,
)
from editor.core.atomic_write import atomic_write_bytes
from editor.core.disk_state import DiskChange, FileFingerprint, change_since
from editor.core.errors import ArticleError

#: A file with broken front matter opens as raw text for hand repair only up to this size.
MAX_RAW_CHARS = 1_000_000


def read_disk_text(path: str | Path) -> str:
    """A file's text as it is on disk now (for a side-by-side view); ArticleError if unreadable."""
    return decode_article_bytes(read_article_bytes(path), path)


class OpenFile:
    """The file the window has open: an article, or raw text with the error that made it raw."""

    def __init__(self) -> None:
        #: the article; while the file is open as raw text, an empty placeholder
        self.article: Article = new_article()
        #: why the front matter could not be read, while the file is open as raw text
        self.raw_error: ArticleError | None = None
        #: the text the buffer starts from while the file is open as raw text
        self.raw_text = ""
        self._raw_path: Path | None = None
        #: what the path held when the buffer was read or last written
        self.fingerprint = FileFingerprint.missing()

    # ------------------------------------------------------------- state
    @property
    def path(self) -> Path | None:
        return self._raw_path if self.raw_error is not None else self.article.path

    @property
    def is_raw(self) -> bool:
        return self.raw_error is not None

    @property
    def text(self) -> str:
        """What the editor shows: the raw text, or the article's body."""
        return self.raw_text if self.raw_error is not None else self.article.body

    @property
    def disk_hash(self) -> str | None:
        """sha256 of the bytes the buffer was read from or last wrote; None when not from disk."""
        return self.fingerprint.sha256

    def assume_read_from(self, disk_hash: str) -> None:
        """The buffer's text came from bytes with this hash (a journaled buffer brought back).

        Saving over a file that changed since then asks first, as for a buffer read from it.
        """
        self.fingerprint = FileFingerprint.of_hash(disk_hash)
        if self.raw_error is None:
            self.article.disk_hash = disk_hash

    # ----------------------------------------------------------- reading
    def new(self, front_matter_format: str | None = None) -> None:
        """An empty article whose front matter, once a field is set, uses this format."""
        self._set_article(new_article(None, front_matter_format))

    def load(self, path: str | Path) -> None:
        """Open ``path``; ArticleError only when it cannot be shown even as raw text."""
        file_path = Path(path)
        # Stat before reading: a write between the two then shows as a change.
        before = FileFingerprint.of(file_path)
        try:
            article = load_article(file_path)
        except ArticleError as error:
            self.load_raw(file_path, error)
            return
        self._set_article(article, before.with_sha256(article.disk_hash))

    def load_raw(self, path: str | Path, error: ArticleError) -> None:
        """Open ``path`` as raw text for hand repair, showing ``error`` (why it is not an article).

        Raises ArticleError for a folder, a missing, binary or non-UTF-8 file,
        and re-raises ``error`` for a file too large to repair by hand: nobody
        fixes megabytes of front matter by hand, and laying them out would
        freeze the window.
        """
        file_path = Path(path)
        before = FileFingerprint.of(file_path)
        data = read_article_bytes(file_path)
        text = decode_article_bytes(data, file_path)
        if "\x00" in text or len(text) > MAX_RAW_CHARS:
            raise error
        self._set_raw(file_path, text, error, before.with_sha256(content_hash(data)))

    def load_text(self, text: str, path: Path | None = None) -> None:
        """Open text that is not on disk (a recovered buffer, an import)."""
        try:
            article = parse_article(text, path)
        except ArticleError as error:
            self._set_raw(path, text, error, FileFingerprint.missing())
            return
        self._set_article(article)

    def _set_article(self, article: Article, read_from: FileFingerprint | None = None) -> None:
        self.article = article
        self.raw_error = None
        self.raw_text = ""
        self._raw_path = None
        self.fingerprint = read_from if read_from is not None else FileFingerprint.missing()

    def _set_raw(
        self, path: Path | None, text: str, error: ArticleError, read_from: FileFingerprint
    ) -> None:
        self.article = new_article(path)
        self.raw_error = error
        self.raw_text = text
        self._raw_path = path
        self.fingerprint = read_from

    # ------------------------------------------------------------ on disk
    def changed_on_disk(self) -> bool:
        """True when the file is no longer the one the buffer was read from (deleted counts)."""
        path = self.path
        if path is None or self.disk_hash is None:
            return False
        return change_since(self.fingerprint, path) is not DiskChange.UNCHANGED

    def disk_text(self) -> str:
        """The open file's text as it is on disk now; ArticleError when it cannot be read."""
        if self.path is None:
            raise ArticleError("the article has no file yet")
        return read_disk_text(self.path)

    # ------------------------------------------------------------- saving
    def save(self, body: str, path: str | Path | None = None, *, overwrite: bool = False) -> Path:
        """Write ``body`` (the editor's text) atomically; returns the path written.

        ConflictError when the file changed on disk since it was read and
        ``overwrite`` is not set (a deleted file is simply written again).
        Raw text is written as it is, then read again as an article: if the
        front matter is repaired now, the file stops being raw.
        """
        target = Path(path) if path is not None else self.path
        if self.raw_error is not None:
            return self._save_raw(body, target, overwrite)
        self.article.body = body
        written = save_article(self.article, target, force=overwrite)
        self.fingerprint = FileFingerprint.of(written).with_sha256(self.article.disk_hash)
        return written

    def _save_raw(self, text: str, path: Path | None, overwrite: bool) -> Path:
        if path is None:
            raise ArticleError("the article has no file yet; choose where to save it")
        if (
            path == self._raw_path
            and not overwrite
            and self.disk_hash is not None
            and change_since(self.fingerprint, path) in (DiskChange.MODIFIED, DiskChange.REPLACED)
        ):
            raise ConflictError("the file changed on disk since it was opened", path)
        data = text.encode("utf-8")
        atomic_write_bytes(path, data)
        written = FileFingerprint.of(path).with_sha256(content_hash(data))
        try:
            article = parse_article(text, path)
        except ArticleError as error:
            self._set_raw(
                path, text, error.with_path(path) if error.path is None else error, written
            )
        else:
            article.disk_hash = written.sha256
            self._set_article(article, written)
        return path
