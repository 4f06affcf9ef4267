"""Body typing and field edits share one history; keystrokes in one field merge into one step."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QTextCursor, QTextDocument, QUndoStack
from pytestqt.qtbot import QtBot

from editor.ui.editing.undo_commands import BodyEdit, FieldEdit


def test_field_edits_merge_per_field_and_undo_to_the_first_value(qtbot: QtBot) -> None:
    fields: dict[str, Any] = {"title": "Old", "summary": "S"}

    def apply(field: str, value: Any) -> None:
        fields[field] = value

    stack = QUndoStack()
    previous = "Old"
    for typed in ("N", "Ne", "New"):
        apply("title", typed)
        stack.push(FieldEdit("title", previous, typed, apply, "title"))
        previous = typed
    apply("summary", "S2")
    stack.push(FieldEdit("summary", "S", "S2", apply, "summary"))
    assert stack.count() == 2  # three keystrokes in the title are one step
    assert stack.undoText() == "Edit summary"
    stack.undo()
    assert fields == {"title": "New", "summary": "S"}
    stack.undo()
    assert fields == {"title": "Old", "summary": "S"}
    stack.redo()
    assert fields["title"] == "New"


def test_body_edits_replay_through_the_document_s_own_undo(qtbot: QtBot) -> None:
    document = QTextDocument()
    stack = QUndoStack()
    document.undoCommandAdded.connect(lambda: stack.push(BodyEdit(document)))
    QTextCursor(document).insertText("Harbour")
    assert stack.count() == 1 and document.toPlainText() == "Harbour"  # pushing did not redo
    stack.undo()
    assert document.toPlainText() == ""
    stack.redo()
    assert document.toPlainText() == "Harbour"
