"""Markdown typing helpers: wrap and unwrap the selection, lists that continue, tables, rich paste.

Every helper changes the text through one QTextCursor edit block, so each is
one step in the article's undo history. Toggling is symmetric: the same
shortcut on already bold text makes it plain again, as in word processors.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QTextBlock, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from editor.core.html_to_markdown import html_to_markdown
from editor.ui.editing.highlighter import FENCE_STATE

#: the highlighter's block state bit for lines inside fenced code (no list continuation there)
IN_FENCE_STATE = 1
_ITEM = re.compile(r"^(\s*)(?:([-*+])|(\d{1,9})([.)]))(\s+)(\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^(\s*(?:>\s?)+)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_NUMBER = re.compile(r"^(\s*)\d{1,9}[.)]\s+")
_URL = re.compile(r"^(?:https?://|www\.|mailto:)\S+$")
_RICH_TAGS = re.compile(
    r"<(?:h[1-6]|b|strong|em|i|a|ul|ol|li|blockquote|pre|code|img|table|p)[\s>/]", re.I
)


# ================================================================ wrapping
def _run(text: str, index: int, step: int, char: str) -> int:
    """How many ``char`` stand in a row from ``index`` going ``step`` (+1 or -1)."""
    count = 0
    while 0 <= index < len(text) and text[index] == char:
        count += 1
        index += step
    return count


def _has(run: int, marker: str) -> bool:
    """Whether a run of ``*`` holds this marker: 1 or 3 for italic, 2 or 3 for bold."""
    if marker[0] != "*":
        return run == len(marker)
    return run in ((1, 3) if len(marker) == 1 else (2, 3))


def toggle_wrap(editor: QPlainTextEdit, marker: str) -> None:
    """Wrap the selection (or the word at the cursor) in ``marker``, or unwrap it."""
    cursor = editor.textCursor()
    if not cursor.hasSelection():
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
    if not cursor.hasSelection() or not cursor.selectedText().strip():
        cursor = editor.textCursor()
        cursor.insertText(marker * 2)
        cursor.movePosition(QTextCursor.MoveOperation.Left, n=len(marker))
        editor.setTextCursor(cursor)
        return
    block_text = cursor.block().text()
    offset = cursor.block().position()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    document_text = editor.document()
    selected = cursor.selectedText()
    # Leading and trailing spaces stay outside the markers: "** bold**" is not bold.
    start += len(selected) - len(selected.lstrip())
    end -= len(selected) - len(selected.rstrip())
    selected = selected.strip()
    char, n = marker[0], len(marker)
    same_block = document_text.findBlock(end).position() == offset
    before = _run(block_text, start - offset - 1, -1, char) if same_block else 0
    after = _run(block_text, end - offset, 1, char) if same_block else 0
    inside_before, inside_after = (
        _run(selected, 0, 1, char),
        _run(selected, len(selected) - 1, -1, char),
    )
    edit = QTextCursor(editor.document())
    edit.beginEditBlock()
    if _has(min(before, after), marker):  # markers just outside the selection
        edit.setPosition(end)
        edit.setPosition(end + n, QTextCursor.MoveMode.KeepAnchor)
        edit.removeSelectedText()
        edit.setPosition(start - n)
        edit.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        edit.removeSelectedText()
        start, end = start - n, end - n
    elif len(selected) > 2 * n and _has(min(inside_before, inside_after), marker):
        edit.setPosition(end - n)
        edit.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        edit.removeSelectedText()
        edit.setPosition(start)
        edit.setPosition(start + n, QTextCursor.MoveMode.KeepAnchor)
        edit.removeSelectedText()
        end -= 2 * n
    else:
        edit.setPosition(end)
        edit.insertText(marker)
        edit.setPosition(start)
        edit.insertText(marker)
        start, end = start + n, end + n
    edit.endEditBlock()
    _select(editor, start, end)


def _select(editor: QPlainTextEdit, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def insert_link(editor: QPlainTextEdit) -> None:
    """``[selection](url)``, the url selected to type over; a selected URL becomes the target."""
    cursor = editor.textCursor()
    selected = cursor.selectedText().strip()
    start = cursor.selectionStart()
    cursor.beginEditBlock()
    if selected and _URL.match(selected):
        cursor.insertText(f"[]({selected})")
        cursor.endEditBlock()
        _select(editor, start + 1, start + 1)
        return
    text = selected or "link text"
    cursor.insertText(f"[{text}](https://)")
    cursor.endEditBlock()
    url_start = start + len(text) + 3
    _select(editor, url_start, url_start + len("https://"))


# ============================================================ line prefixes
def _selected_blocks(editor: QPlainTextEdit) -> list[QTextBlock]:
    cursor = editor.textCursor()
    document = editor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    if cursor.hasSelection() and cursor.selectionEnd() == last.position() and last != first:
        last = last.previous()  # a selection ending at a line start leaves that line alone
    blocks = [first]
    while blocks[-1] != last and blocks[-1].next().isValid():
        blocks.append(blocks[-1].next())
    return blocks


def _rewrite_lines(editor: QPlainTextEdit, change: Callable[[list[str]], list[str]]) -> None:
    blocks = _selected_blocks(editor)
    old = [b.text() for b in blocks]
    new = change(old)
    if new == old:
        return
    start = blocks[0].position()
    cursor = QTextCursor(editor.document())
    cursor.setPosition(start)
    last = blocks[-1]
    cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.beginEditBlock()
    cursor.insertText("\n".join(new))
    cursor.endEditBlock()
    end = cursor.position()
    if len(blocks) > 1:
        _select(editor, start, end)  # the old blocks are gone: positions, not blocks
    else:
        _select(editor, end, end)


def toggle_heading(editor: QPlainTextEdit, level: int) -> None:
    """Make the line a heading of ``level``; the same level again makes it a paragraph."""

    def change(lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            match = _HEADING.match(line)
            text = line[match.end() :] if match else line.lstrip()
            if match and len(match.group(1)) == level:
                out.append(text)
            else:
                out.append(f"{'#' * level} {text}")
        return out

    _rewrite_lines(editor, change)


def toggle_list(editor: QPlainTextEdit, ordered: bool) -> None:
    """Bullet or number the selected lines, or take the markers off when all have them."""
    pattern = _NUMBER if ordered else _BULLET

    def change(lines: list[str]) -> list[str]:
        filled = [line for line in lines if line.strip()]
        if filled and all(pattern.match(line) for line in filled):
            return [pattern.sub(r"\1", line, count=1) for line in lines]
        out, number = [], 1
        for line in lines:
            if not line.strip():
                out.append(line)
                continue
            indent = line[: len(line) - len(line.lstrip())]
            text = _NUMBER.sub("", _BULLET.sub("", line, count=1), count=1).lstrip()
            out.append(f"{indent}{number}. {text}" if ordered else f"{indent}- {text}")
            number += 1
        return out

    _rewrite_lines(editor, change)


def toggle_quote(editor: QPlainTextEdit) -> None:
    def change(lines: list[str]) -> list[str]:
        if all(line.startswith(">") for line in lines if line.strip()):
            return [re.sub(r"^>\s?", "", line) for line in lines]
        return [f"> {line}" if line.strip() else ">" for line in lines]

    _rewrite_lines(editor, change)


# ================================================================== tables
def table_markdown(rows: int, columns: int) -> str:
    """An empty table: a header row, the separator, and ``rows`` body rows."""
    header = [f"Column {i}" for i in range(1, columns + 1)]
    widths = [len(h) for h in header]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(" " * w for w in widths) + " |" for _ in range(rows)]
    return "\n".join(lines)


def insert_table(editor: QPlainTextEdit, rows: int, columns: int) -> None:
    """The table as its own paragraph, with the first header cell selected to type over."""
    cursor = editor.textCursor()
    cursor.beginEditBlock()
    cursor.removeSelectedText()
    before = "" if cursor.atBlockStart() and not cursor.block().previous().text().strip() else "\n"
    if not cursor.atBlockStart():
        before = "\n\n"
    start = cursor.position() + len(before) + 2
    cursor.insertText(before + table_markdown(rows, columns) + "\n")
    if cursor.block().text().strip():
        cursor.insertText("\n")
    cursor.endEditBlock()
    _select(editor, start, start + len("Column 1"))


class TableDialog(QDialog):
    """How many rows and columns the new table gets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Insert Table")
        self.rows = QSpinBox()
        self.rows.setRange(1, 100)
        self.rows.setValue(3)
        self.columns = QSpinBox()
        self.columns.setRange(1, 20)
        self.columns.setValue(3)
        self.header_note = QCheckBox("First row is the header (markdown tables always have one)")
        self.header_note.setChecked(True)
        self.header_note.setEnabled(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Body &rows", self.rows)
        form.addRow("&Columns", self.columns)
        form.addRow(self.header_note)
        form.addRow(buttons)


# ======================================================== list continuation
class ListContinuation(QObject):
    """Enter in a list item starts the next item; Enter on an empty item ends the list."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self.enabled = True
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.enabled
            and watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            return self.continue_list()
        return False

    def continue_list(self) -> bool:
        """Handle Enter at the cursor; False when it is not in a list item or quote."""
        cursor = self.editor.textCursor()
        block = cursor.block()
        if cursor.hasSelection() or max(block.userState(), 0) & IN_FENCE_STATE:
            return False
        line = block.text()
        item = _ITEM.match(line)
        quote = None if item else _QUOTE.match(line)
        marker = item or quote
        if marker is None or cursor.positionInBlock() < marker.end():
            return False
        if not line[marker.end() :].strip():
            # An empty item ends the list: the marker goes, a blank line separates
            # the list from the paragraph typed next (else markdown continues the item).
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.insertText("\n")
            cursor.endEditBlock()
            self.editor.setTextCursor(cursor)
            return True
        if item is not None:
            indent, bullet, number, delimiter, space, box = item.groups()
            following = bullet if bullet else f"{int(number) + 1}{delimiter}"
            prefix = f"{indent}{following}{space}{'[ ] ' if box else ''}"
        else:
            prefix = marker.group(1)
        cursor.insertText("\n" + prefix)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        return True


# =============================================================== rich paste
def is_rich_html(html: str) -> bool:
    """HTML worth converting: formatting from another program, not the editor's own copy."""
    if 'name="qrichtext"' in html:
        return False  # copied from a Qt text widget (this editor): the plain text is the markdown
    return bool(_RICH_TAGS.search(html))


class RichTextPaste:
    """A MarkdownEditor mime handler: HTML on the clipboard arrives as markdown."""

    def __init__(self) -> None:
        self.enabled = True

    def can_insert(self, mime: QMimeData) -> bool:
        return self.enabled and mime.hasHtml() and is_rich_html(mime.html())

    def insert(self, mime: QMimeData, cursor: QTextCursor) -> bool:
        if in_code_fence(cursor):
            return False  # inside ``` the clipboard's plain text is what belongs there
        markdown = html_to_markdown(mime.html()).strip("\n")
        if not markdown:
            return False
        cursor.insertText(markdown)
        return True


def in_code_fence(cursor: QTextCursor) -> bool:
    """True inside a fenced code block, as the markdown highlighter marked it."""
    previous = cursor.block().previous()
    return previous.isValid() and bool(max(previous.userState(), 0) & FENCE_STATE)


def paste_plain_text(editor: QPlainTextEdit) -> None:
    """Paste the clipboard's text exactly, ignoring any formatting or images."""
    text = QGuiApplication.clipboard().text()
    if text:
        editor.textCursor().insertText(text)
        editor.ensureCursorVisible()
