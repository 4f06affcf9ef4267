"""Undo commands that put body edits and metadata edits in one history.

QTextDocument keeps its own undo stack for the body. Each time it adds a
command we push a ``BodyEdit`` that calls the document's undo/redo, and each
metadata change is a ``FieldEdit``; so Ctrl+Z walks back through typing and
panel edits in the order the writer made them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QTextDocument, QUndoCommand

FIELD_IDS = {"title": 1001, "summary": 1002, "prev": 1003, "next": 1004}


class BodyEdit(QUndoCommand):
    """A step of the body's own undo stack, replayed through it."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__("Typing")
        self._document = document
        self._first_redo = True

    def undo(self) -> None:
        self._document.undo()

    def redo(self) -> None:
        if self._first_redo:  # the edit has already happened when it is pushed
            self._first_redo = False
            return
        self._document.redo()


class FieldEdit(QUndoCommand):
    """A change of one metadata field; consecutive keystrokes in a field merge."""

    def __init__(
        self, field: str, old: Any, new: Any, apply: Callable[[str, Any], None], label: str
    ) -> None:
        super().__init__(f"Edit {label}")
        self.field = field
        self.old = old
        self.new = new
        self._apply = apply

    def id(self) -> int:
        return FIELD_IDS.get(self.field, -1)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEdit) or other.field != self.field:
            return False
        self.new = other.new
        return True

    def undo(self) -> None:
        self._apply(self.field, self.old)

    def redo(self) -> None:
        self._apply(self.field, self.new)
