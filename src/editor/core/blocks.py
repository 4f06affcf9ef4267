"""Where a markdown body can be cut into blocks that render on their own.

The incremental preview renders each top-level block alone and joins the
results, so a cut is only allowed where Python-Markdown itself could not carry
anything across it.  The rules below were read off Python-Markdown's own
processors rather than CommonMark, because its output is the reference:

* blocks are separated by blank lines, as ``BlockParser`` splits on ``"\\n\\n"``;
* a fenced code block is paired exactly like ``FencedBlockPreprocessor`` pairs
  it (its own regular expression, run on whitespace-normalised lines), so a
  fence never straddles a cut, even when it contains blank lines;
* the block after a cut must not start with anything that looks back at the
  previous block: list items and indented text join an earlier list or code
  block, ``>`` lines join an earlier quote, ``: `` lines join an earlier
  definition list, and a leading definition (``[id]: url``, ``*[abbr]: ...``)
  renders to nothing and lets the next line look back instead.  A footnote
  definition ``[^id]:`` takes the rest of its chunk as its text, so it looks
  back at nothing itself, but what follows it can look back through it: a cut
  before one is made only when the chunk after it (past any further
  definitions) is a safe start or the end of the text.  Cuts are made
  conservatively: a paragraph that merely starts with ``*`` or ``[`` stays with
  the block before it, which costs a little speed and never correctness;
* a definition-list line (``: ``) that opens a chunk looks back two steps:
  ``DefListProcessor`` takes the paragraph before it as its terms, removes
  it, and then joins the ``<dl>`` before that paragraph.  Definitions render
  to nothing, so the line can reach the paragraph through them.  A cut is
  therefore not made before a chunk when the next chunk, past any
  definitions (and a footnote's indented continuation), opens with such a
  line or is a definition that leaves one behind;
* raw HTML is decided by Python-Markdown's own HTML extractor, given through
  ``html_is_closed``: a block that contains ``<`` only ends where the extractor
  has nothing open (an unclosed ``<div>`` swallows the rest of the document).

A cut that is unsafe for any other reason simply is not made: one block to the
end of the document is always a correct split.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor

#: Python-Markdown's tab width; ``NormalizeWhitespace`` expands tabs with it.
TAB_LENGTH = 4

FENCE_RE: re.Pattern[str] = FencedBlockPreprocessor.FENCED_BLOCK_RE
_SPACE_LINES = re.compile(r"(?<=\n) +\n")
# Lines that make a block join the one before it: block quotes and definitions.
_LOOKBACK_LINE = re.compile(r" {0,3}(?:>|:[ ])")
_ORDERED_ITEM = re.compile(r"\d+[.)]")
# A footnote definition, as ``FootnoteBlockProcessor`` finds one.  It takes
# the rest of its chunk as its text and leaves nothing to look back with.
_FOOTNOTE_DEFINITION = re.compile(r" {0,3}\[\^[^\]]*\]:")
# A chunk that may render to nothing: a footnote, link or abbreviation definition.
_MAYBE_DEFINITION = re.compile(r" {0,3}\[|\*\[")
# A definition-list item line (``DefListProcessor.RE`` allows up to three spaces).
_DEFINITION_ITEM = re.compile(r" {0,3}:[ ]")
# What may start the chunk after a cut for it to take the terms before it:
# a quick look at the raw text before scanning (tabs not yet expanded).
_TERMS_TAKER_START = re.compile(r"[ \t]*[:\[*]")
# First characters after which a block may look back (lists, rules made of
# ``*``/``-``, indented code, quotes, definition lists and link definitions).
_UNSAFE_FIRST = frozenset(" \t-+*>:[")
# Past this size a block with unclosed HTML is left to run to the end of the
# document instead of being re-checked at every blank line.
_HTML_CHECK_LIMIT = 256 * 1024
# What ``FencedBlockPreprocessor`` puts in place of a fence: the extractor sees
# the same shape of text without the code in it.
_FENCE_STANDIN = "\x02wzxhzdk:0\x03"


@dataclass(frozen=True, slots=True)
class Span:
    """One block: ``text[start:end]``, blank lines after it included."""

    start: int
    end: int
    #: An opening fence in the block found no closing fence anywhere after it;
    #: a closing fence typed later in the document would pair with it.
    dangling_fence: bool
    #: The block contains ``<`` outside fenced code (raw HTML is possible).
    has_html: bool


def normalize_line(line: str) -> str:
    """A source line as ``NormalizeWhitespace`` leaves it (not for line 0)."""
    if "\t" in line:
        line = line.expandtabs(TAB_LENGTH)
    if line and not line.strip(" "):
        return ""
    return line


def normalize_text(text: str) -> str:
    """A whole block as ``NormalizeWhitespace`` leaves it (no trailing blank lines added)."""
    if "\t" in text:
        text = text.expandtabs(TAB_LENGTH)
    return _SPACE_LINES.sub("\n", text)


def substitute_fences(normalized: str) -> str:
    """Replace fenced code the way ``FencedBlockPreprocessor`` does, without highlighting.

    The HTML extractor runs after the fences are gone, so ``<`` inside code
    must not reach it.
    """
    index = 0
    while True:
        m = FENCE_RE.search(normalized, index)
        if m is None:
            return normalized
        if m.group("attrs"):
            _, remainder = get_attrs_and_remainder(m.group("attrs"))
            if remainder:
                index = m.end("attrs")
                continue
        normalized = f"{normalized[: m.start()]}\n{_FENCE_STANDIN}\n{normalized[m.end() :]}"
        index = m.start() + 1 + len(_FENCE_STANDIN)


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def fence_end(text: str, pos: int) -> int | None:
    """End of the closing fence line if a fenced block opens at ``pos``, else None.

    ``pos`` is the start of a line that begins with three backticks or tildes.
    The search widens until it finds the closing fence or the end of the text,
    as Python-Markdown's non-greedy match would.
    """
    window = 64
    length = len(text)
    while True:
        starts: list[int] = []
        lines: list[str] = []
        p = pos
        at_eof = False
        while len(lines) < window:
            end = _line_end(text, p)
            starts.append(p)
            lines.append(normalize_line(text[p:end]))
            if end >= length:
                at_eof = True
                break
            p = end + 1
        joined = "\n".join(lines) + ("\n\n" if at_eof else "")
        m = FENCE_RE.match(joined)
        if m is not None:
            if m.group("attrs"):
                _, remainder = get_attrs_and_remainder(m.group("attrs"))
                if remainder:
                    return None
            closing = joined.count("\n", 0, m.end())
            return _line_end(text, starts[closing])
        if at_eof:
            return None
        window *= 4


@dataclass(slots=True)
class _Chunk:
    start: int
    end: int
    safe_start: bool
    dangling_fence: bool
    has_html: bool
    #: Starts with a footnote definition and has no line that looks back.
    definition: bool = False
    #: Starts with a line indented by a tab stop or more.
    indented: bool = False
    #: Blank lines at its end.
    blanks: int = 0
    #: Its first line is a definition-list item (it looks back two steps).
    item_first: bool = False
    #: It may be a definition, which renders to nothing.
    maybe_definition: bool = False
    #: Some line of it is a definition-list item.
    has_item: bool = False


def _scan_chunk(text: str, pos: int) -> _Chunk:
    """The run of lines from ``pos`` to the next non-blank line after a blank one."""
    length = len(text)
    first = normalize_line(text[pos : _line_end(text, pos)])
    if pos == 0:
        # The first line of a document is never blanked by ``NormalizeWhitespace``.
        first = text[: _line_end(text, 0)].expandtabs(TAB_LENGTH)
    safe = bool(first) and first[0] not in _UNSAFE_FIRST and not _ORDERED_ITEM.match(first)
    definition = bool(first) and bool(_FOOTNOTE_DEFINITION.match(first))
    indented = first.startswith(" " * TAB_LENGTH)
    item_first = bool(_DEFINITION_ITEM.match(first))
    maybe_definition = bool(_MAYBE_DEFINITION.match(first))
    has_item = item_first
    dangling = False
    has_html = False
    blanks = 0
    p = pos
    while p < length:
        end = _line_end(text, p)
        line = normalize_line(text[p:end]) if p else first
        if not line:
            blanks += 1
        else:
            if blanks:
                return _Chunk(
                    pos,
                    p,
                    safe,
                    dangling,
                    has_html,
                    definition,
                    indented,
                    blanks,
                    item_first,
                    maybe_definition,
                    has_item,
                )
            if line.startswith(("```", "~~~")):
                closing = fence_end(text, p)
                if closing is not None:
                    p = closing + 1
                    continue
                dangling = True
            if _LOOKBACK_LINE.match(line):
                safe = definition = False
                has_item = has_item or bool(_DEFINITION_ITEM.match(line))
            if "<" in line:
                has_html = True
        p = end + 1
    return _Chunk(
        pos,
        length,
        safe,
        dangling,
        has_html,
        definition,
        indented,
        blanks,
        item_first,
        maybe_definition,
        has_item,
    )


def _gives_terms(text: str, chunk: _Chunk) -> bool:
    """Whether a definition-list item after ``chunk`` may take it as its terms.

    ``DefListProcessor`` then also joins the list before ``chunk``, so no cut
    may be made before it.  The walk skips what renders to nothing (link,
    abbreviation and footnote definitions, a footnote's indented
    continuation); a definition whose remaining lines hold an item counts as
    the item itself.
    """
    length = len(text)
    pos = chunk.end
    after_definition = False
    while pos < length:
        if not after_definition and not _TERMS_TAKER_START.match(text, pos):
            return False
        nxt = _scan_chunk(text, pos)
        if nxt.item_first:
            return True
        if nxt.maybe_definition:
            if nxt.has_item:
                return True
            after_definition = True
        elif not (after_definition and nxt.indented):
            return False
        pos = nxt.end
    return False


# In a run of footnote definitions (each one blank line from the next, or
# from its indented continuation): the first chunk that is neither.
_DEFINITION_RUN_END = re.compile(r"\n\n(?! {0,3}\[\^[^\]\n]*\]:| {4})")
# What the quick look over a run of definitions does not decide: two blank
# lines in a row, tabs, lines of spaces, quotes, definition lists and fences.
_DEFINITION_RUN_DOUBT = re.compile(
    r"\n[ \t]*\n[ \t]*\n|\t|\n +\n|^ {0,3}(?:>|:[ ]|```|~~~)", re.MULTILINE
)


def _after_definitions_quickly(text: str, start: int) -> bool | None:
    """Whether a cut may be made before the definition at ``start``; None when unsure.

    A regular expression finds where the run of definitions ends; the walk
    chunk by chunk in ``iter_spans`` decides the runs this one cannot.
    """
    m = _DEFINITION_RUN_END.search(text, start)
    end = len(text) if m is None else m.start()
    if _DEFINITION_RUN_DOUBT.search(text, start, min(len(text), end + 2)):
        return None
    if m is None:
        return True
    after = _scan_chunk(text, m.end())
    return after.safe_start and not _gives_terms(text, after)


# A blank line followed by a line that neither is blank nor may start a
# definition or its continuation: a chunk that ends ``_gives_terms``'s walk.
_WALK_STOP = re.compile(r"\n[ \t]*\n[ \t\n]*[^ \t\n\[*]")


def cut_looks_past(block_text: str) -> bool:
    """Whether the cut before a block may depend on text after the block.

    The cut before a chunk looks ahead past definitions for a
    definition-list item (``_gives_terms``); when the block holds nothing
    after its first chunk but definitions, that look reaches the next block.
    Fenced code can hold blank lines inside the first chunk: then assume so.
    """
    if "```" in block_text or "~~~" in block_text:
        return True
    return _WALK_STOP.search(block_text) is None


def starts_with_definition(block_text: str) -> bool:
    """Whether a block begins with a footnote definition (the cut before it looked ahead)."""
    return bool(_FOOTNOTE_DEFINITION.match(block_text))


class _DefinitionRuns:
    """Whether a cut may be made before a chunk, remembering runs of footnote definitions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.after_definitions: dict[int, bool] = {}

    def cut_before(self, following: _Chunk) -> bool:
        if following.safe_start:
            return not _gives_terms(self.text, following)
        if not following.definition:
            return False
        quick = _after_definitions_quickly(self.text, following.start)
        if quick is not None:
            return quick
        return self._walk(following)

    def _walk(self, following: _Chunk) -> bool:
        """A definition renders to nothing, so the first chunk after it that is
        neither its continuation nor another definition can look back through
        it: the cut waits for that chunk to be a safe start."""
        text, length, memo = self.text, len(self.text), self.after_definitions
        run = [following.start]
        nxt = following
        while True:
            # Indented chunks one blank line apart continue the footnote
            # (``FootnoteBlockProcessor.detectTabbed``).
            while nxt.blanks == 1 and nxt.end < length:
                continued = _scan_chunk(text, nxt.end)
                if not continued.indented:
                    break
                nxt = continued
            if nxt.end >= length:
                ok = True
                break
            after = _scan_chunk(text, nxt.end)
            if not after.definition:
                ok = after.safe_start and not _gives_terms(text, after)
                break
            if after.start in memo:
                ok = memo[after.start]
                break
            run.append(after.start)
            nxt = after
        for pos in run:
            memo[pos] = ok
        return ok


def iter_spans(text: str, start: int, html_is_closed: Callable[[str], bool]) -> Iterator[Span]:
    """Blocks of ``text`` from ``start``, which must itself be a block start.

    ``html_is_closed(block_text)`` tells whether Python-Markdown's HTML
    extractor, fed that block alone, ends with nothing open.
    """
    length = len(text)
    if start >= length:
        return
    chunk = _scan_chunk(text, start)
    cut_before = _DefinitionRuns(text).cut_before
    block_start = start
    dangling = chunk.dangling_fence
    has_html = chunk.has_html
    while chunk.end < length:
        if has_html and chunk.end - block_start > _HTML_CHECK_LIMIT:
            yield Span(block_start, length, True, True)
            return
        following = _scan_chunk(text, chunk.end)
        # ``Markdown.convert`` returns nothing for a blank text, but a first
        # line of spaces in a longer document is an (empty) indented code block.
        cut = (
            cut_before(following)
            and (block_start > 0 or bool(text[: chunk.end].strip()))
            and (not has_html or html_is_closed(text[block_start : chunk.end]))
        )
        if cut:
            yield Span(block_start, chunk.end, dangling, has_html)
            block_start = chunk.end
            dangling = False
            has_html = False
        dangling = dangling or following.dangling_fence
        has_html = has_html or following.has_html
        chunk = following
    yield Span(block_start, length, dangling, has_html)
