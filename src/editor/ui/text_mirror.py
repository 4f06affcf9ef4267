"""The editor's text as a Python string, kept up to date edit by edit.

Reading a 2 MB QTextDocument back into Python (``toRawText``) takes about
9 ms, and the preview, the outline and the counts each want the text after
every keystroke. ``TextMirror`` applies each change Qt reports to a string it
keeps, reading only the characters the change added.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor, QTextDocument

#: A change larger than this is read back whole the next time the text is asked for.
WHOLE_READ_CHARS = 1 << 16
#: Changes kept to apply at the next read before reading the document whole instead.
MAX_PENDING = 64
#: Characters Qt stores as two UTF-16 units (emoji and the like): Qt's positions
#: count units, Python's indexes count characters.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


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
        #: indexes in ``_text`` of the characters Qt counts twice, in order
        self._astral: list[int] = []
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
        self._astral = []

    def _apply_pending(self) -> None:
        text = self._text
        if text is not None:
            for position, removed, added in self._pending:
                text = text[:position] + added + text[position + removed :]
        self._pending.clear()
        self._text = text

    def _flush(self) -> None:
        """Apply what is pending; read the document whole if the result does not fit."""
        self._apply_pending()
        text = self._text
        if text is None or len(text) + len(self._astral) != self._doc.characterCount() - 1:
            text = document_text(self._doc)
            self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._text = text

    def _index(self, unit: int) -> int:
        """The index in ``_text`` of Qt's position ``unit``."""
        astral = self._astral
        # The j-th astral character ends at unit astral[j] + j + 2.
        lo, hi = 0, len(astral)
        while lo < hi:
            mid = (lo + hi) // 2
            if astral[mid] + mid + 2 <= unit:
                lo = mid + 1
            else:
                hi = mid
        return unit - lo

    def _splice_astral(self, position: int, removed: int, inserted: str) -> None:
        """Apply a change at once to a text holding characters Qt counts twice."""
        self._apply_pending()
        text = self._text
        assert text is not None
        start = self._index(position)
        end = self._index(position + removed)
        self._text = text[:start] + inserted + text[end:]
        shift = len(inserted) - (end - start)
        astral = self._astral
        first, last = bisect_left(astral, start), bisect_left(astral, end)
        astral[first:] = [start + m.start() for m in _ASTRAL.finditer(inserted)] + [
            k + shift for k in astral[last:]
        ]

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
        if self._astral or _ASTRAL.search(inserted):
            self._splice_astral(position, removed, inserted)
            return
        if removed == added:
            # Highlighting reports formats it changed as a change of the same length.
            self._flush()
            if self._text is not None and self._text[position : position + removed] == inserted:
                return
        self._pending.append((position, removed, inserted))
