"""The editor's text as a Python string, kept up to date edit by edit.

Reading a 2 MB QTextDocument back into Python (``toRawText``) takes about
9 ms, and the preview, the outline and the counts each want the text after
every keystroke. ``TextMirror`` applies each change Qt reports to a string it
keeps, reading only the characters the change added.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor, QTextDocument

#: A change larger than this is read back whole the next time the text is asked for.
WHOLE_READ_CHARS = 1 << 16
#: Changes kept to apply at the next read before reading the document whole instead.
MAX_PENDING = 64


def document_text(document: QTextDocument) -> str:
    """The text exactly as typed: toPlainText() would turn no-break spaces into spaces."""
    return document.toRawText().replace("\u2029", "\n")


class TextMirror(QObject):
    """The plain text of ``document``, updated from its ``contentsChange`` signal."""

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._text: str | None = None
        #: (position, characters removed, text added) not yet applied to ``_text``
        self._pending: list[tuple[int, int, str]] = []
        document.contentsChange.connect(self._on_change)

    def text(self) -> str:
        """The document's text now, as ``document_text`` would read it."""
        if self._text is None or self._pending:
            self._flush()
        assert self._text is not None
        return self._text

    def invalidate(self) -> None:
        """Read the document whole next time (after a change made with signals blocked)."""
        self._text = None
        self._pending.clear()

    def _flush(self) -> None:
        text = self._text
        if text is not None:
            for position, removed, added in self._pending:
                text = text[:position] + added + text[position + removed :]
        self._pending.clear()
        if text is None or len(text) != self._doc.characterCount() - 1:
            text = document_text(self._doc)
        self._text = text

    def _on_change(self, position: int, removed: int, added: int) -> None:
        if self._text is None:
            return
        length = self._doc.characterCount() - 1
        excess = position + added - length
        if excess > 0:
            # Qt counts the document's final paragraph separator in some changes.
            added -= excess
            removed -= excess
        if (
            removed < 0
            or added < 0
            or max(removed, added) > WHOLE_READ_CHARS
            or len(self._pending) >= MAX_PENDING
        ):
            self.invalidate()
            return
        cursor = QTextCursor(self._doc)
        cursor.setPosition(position)
        cursor.setPosition(position + added, QTextCursor.MoveMode.KeepAnchor)
        inserted = cursor.selectedText().replace("\u2029", "\n")
        if removed == added:
            # Highlighting reports formats it changed as a change of the same length.
            self._flush()
            if self._text is not None and self._text[position : position + removed] == inserted:
                return
        self._pending.append((position, removed, inserted))
