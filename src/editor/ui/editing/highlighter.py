"""Markdown highlighting that stays cheap on long articles.

Qt highlights every block of a newly opened document in one pass, so the
per-line work decides how fast a 2 MB article opens. Once the highlighter
follows an editor (``follow_view``), blocks far from the visible part only
carry the fence state on to the next line and are marked unformatted; they
are formatted when they scroll into view. Most lines are plain prose and
leave after a single character test.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from editor.ui.shell.theme import EditorColours, editor_colours

_NORMAL, _IN_FENCE = 0, 1
#: the block state bit of lines inside a fenced code block (and of its opening line)
FENCE_STATE = _IN_FENCE
#: the block state bit of a line not formatted yet (far from the visible part)
UNFORMATTED = 2
#: lines formatted beyond the visible ones, so a short scroll shows formats at once
MARGIN_BLOCKS = 60
#: main-thread time one pass of formatting newly visible lines may take
FORMAT_SLICE_S = 0.008
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")
_QUOTE = re.compile(r"^ {0,3}>")
_INLINE_SPECIAL = re.compile(r"[`*_\[!<]")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![*\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*\w])")
# A label holds no "[": each "[" then scans only to the next one, so a line of
# 20,000 brackets is highlighted in linear time instead of seconds.
_LINK = re.compile(r"!?\[[^\[\]\n]*\]\s?(?:\([^)\n]*\)|\[[^\[\]\n]*\])")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>")

#: (start, length) of each misspelled word in a block's text
SpellCheck = Callable[[str], list[tuple[int, int]]]


class MarkdownHighlighter(QSyntaxHighlighter):
    """Headings, emphasis, links, code spans and fences, lists and quotes."""

    def __init__(
        self, document: QTextDocument, dark: bool = False, spell_check: SpellCheck | None = None
    ) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self._spell_check = spell_check
        self._misspelled_colour = editor_colours(dark).flag
        self._editor: QPlainTextEdit | None = None
        self._range: tuple[int, int] | None = None
        self._format_timer: QTimer | None = None
        self.set_dark(dark, rehighlight=False)

    def follow_view(self, editor: QPlainTextEdit) -> None:
        """Format only the lines in and near ``editor``'s view; the rest when they show."""
        self._editor = editor
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(self.format_visible)
        self._format_timer = timer

        def moved(*_args: object) -> None:
            self._range = None
            timer.start()

        editor.verticalScrollBar().valueChanged.connect(moved)
        editor.updateRequest.connect(lambda _rect, dy: moved() if dy else None)
        editor.document().contentsChange.connect(moved)

    def _near_view(self) -> tuple[int, int]:
        if self._range is None:
            editor = self._editor
            assert editor is not None
            first = editor.firstVisibleBlock().blockNumber()
            spacing = max(1, editor.fontMetrics().lineSpacing())
            lines = editor.viewport().height() // spacing
            self._range = (first - MARGIN_BLOCKS, first + lines + MARGIN_BLOCKS)
        return self._range

    def format_visible(self) -> None:
        """Format the lines near the view that were passed over while far from it."""
        editor = self._editor
        if editor is None:
            return
        self._range = None
        low, high = self._near_view()
        document = editor.document()
        block = document.findBlockByNumber(max(0, low))
        number = block.blockNumber()
        deadline = time.perf_counter() + FORMAT_SLICE_S
        while block.isValid() and number <= high:
            if block.userState() > 0 and block.userState() & UNFORMATTED:
                self.rehighlightBlock(block)
                if time.perf_counter() > deadline and self._format_timer is not None:
                    self._format_timer.start()  # the rest on the next turn
                    return
            block = block.next()
            number += 1

    def set_spell_check(self, spell_check: SpellCheck | None) -> None:
        """Underline what ``spell_check`` reports (None: no spell check at all)."""
        self._spell_check = spell_check
        self.rehighlight()

    def set_dark(self, dark: bool, rehighlight: bool = True) -> None:
        self._build_formats(editor_colours(dark))
        if rehighlight:
            self.rehighlight()

    def _build_formats(self, colours: EditorColours) -> None:
        def fmt(colour: object, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
            f = QTextCharFormat()
            f.setForeground(colour)  # type: ignore[arg-type]
            if bold:
                f.setFontWeight(QFont.Weight.Bold)
            if italic:
                f.setFontItalic(True)
            return f

        code = fmt(colours.code)
        code.setFontFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace"])
        code.setBackground(colours.code_background)
        self._misspelled_colour = colours.flag
        self._formats = {
            "heading": fmt(colours.heading, bold=True),
            "strong": fmt(colours.emphasis, bold=True),
            "emphasis": fmt(colours.emphasis, italic=True),
            "link": fmt(colours.link),
            "code": code,
            "quote": fmt(colours.quote, italic=True),
            "marker": fmt(colours.list_marker, bold=True),
            "muted": fmt(colours.muted),
        }

    def highlightBlock(self, text: str) -> None:
        if self._editor is not None:
            low, high = self._near_view()
            if not low <= self.currentBlock().blockNumber() <= high:
                previous = max(self.previousBlockState(), 0) & _IN_FENCE
                opens = text.lstrip()[:1] in ("`", "~") and _FENCE.match(text)
                self.setCurrentBlockState(UNFORMATTED | (previous ^ bool(opens)))
                return
        self._highlight_markdown(text)
        if (
            self._spell_check is not None
            and text
            and not (max(self.previousBlockState(), 0) | self.currentBlockState()) & _IN_FENCE
        ):
            self._underline(self._spell_check(text))

    def _underline(self, ranges: list[tuple[int, int]]) -> None:
        """Add a wavy underline on top of whatever markdown format a character has."""
        for start, length in ranges:
            for position in range(start, start + length):
                merged = self.format(position)
                merged.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                merged.setUnderlineColor(self._misspelled_colour)
                self.setFormat(position, 1, merged)

    def _highlight_markdown(self, text: str) -> None:
        previous = self.previousBlockState()
        if previous > 0 and previous & _IN_FENCE:
            if _FENCE.match(text):
                self.setFormat(0, len(text), self._formats["muted"])
                self.setCurrentBlockState(_NORMAL)
            else:
                self.setFormat(0, len(text), self._formats["code"])
                self.setCurrentBlockState(_IN_FENCE)
            return
        self.setCurrentBlockState(_NORMAL)
        if not text:
            return
        first = text.lstrip()[:1]
        if first in "`~" and _FENCE.match(text):
            self.setFormat(0, len(text), self._formats["muted"])
            self.setCurrentBlockState(_IN_FENCE)
            return
        if first == "#" and _HEADING.match(text):
            self.setFormat(0, len(text), self._formats["heading"])
            return
        if first in "=-" and _SETEXT.match(text):
            self.setFormat(0, len(text), self._formats["heading"])
            return
        if text.startswith(("    ", "\t")) and not _LIST.match(text):
            self.setFormat(0, len(text), self._formats["code"])
            return
        if first == ">" and _QUOTE.match(text):
            self.setFormat(0, len(text), self._formats["quote"])
        elif first == "[" and _REF_DEF.match(text):
            self.setFormat(0, len(text), self._formats["link"])
            return
        else:
            marker = _LIST.match(text)
            if marker:
                self.setFormat(0, marker.end(), self._formats["marker"])
        if not _INLINE_SPECIAL.search(text):
            return
        self._inline(text)

    def _inline(self, text: str) -> None:
        for pattern, name in (
            (_EMPHASIS, "emphasis"),
            (_STRONG, "strong"),  # after emphasis: **a** must not end up italic
            (_LINK, "link"),
            (_AUTOLINK, "link"),
            (_CODE_SPAN, "code"),  # last: code spans win over emphasis inside them
        ):
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), self._formats[name])
