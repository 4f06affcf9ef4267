"""Keep the preview's QTextDocument up to date by patching it, not replacing it.

``QTextBrowser.setHtml`` on a 2 MB article parses and lays out everything
again, over half a second on the main thread for each keystroke.
``PreviewDocument`` keeps the document as a row of segments (a fixed header,
one segment per body block from ``IncrementalRenderer``, a footer) and, for a
``BlockUpdate``, replaces only the segments that changed.

Qt keeps a paragraph's format in its block, and inserting HTML at a cursor
merges the first inserted paragraph into the block under the cursor (losing
its heading level, list or margins).  So each segment's HTML is parsed into a
scratch document with a lead paragraph put in front (one marker character),
and that fragment is inserted at the end of the previous segment's last
block: the lead paragraph merges into it, its marker is deleted, and every
real paragraph arrives with its own format.  Removal
takes the separator before a segment rather than after it, for the same reason.
One more thing is contextual in Qt's HTML import: the paragraph after a table.
Qt always keeps a paragraph after a table, and the next element moves into
it, so a segment that ends with a table is always inserted together with the
segment after it, as one piece of HTML.  The result has the same blocks,
formats and layout as ``setHtml`` of the whole page
(tests/ui/preview/test_preview_document.py compares them).
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QTextEdit

if TYPE_CHECKING:  # the renderer (Python-Markdown) loads after the window's first paint
    from editor.core.incremental import BlockUpdate

_LENGTH_OF = attrgetter("length")
_LEAD_MARK = "\u200b"
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
_TAG_START = re.compile(r"</?[A-Za-z]")
_WRITERS_HTML = re.compile(
    r"<(?:ul|ol|dl|table|thead|tbody|tr|blockquote)\b[^<>]*>(?!\n)"
    r"|(?<!\n)<(?:li|dt|dd|tr|td|th|thead|tbody)\b"
    r"|<div\b(?![^<>]*codehilite)"
)
_VOID_TAG_NAMES = "area base br col embed hr img input link meta param source track wbr"
_VOID_TAGS = frozenset(_VOID_TAG_NAMES.split())
# Elements that Qt's parser only expects inside one of these.
_CONTAINERS = {
    "li": ("ul", "ol"),
    "dt": ("dl",),
    "dd": ("dl",),
    "tr": ("table", "thead", "tbody", "tfoot"),
    "td": ("tr",),
    "th": ("tr",),
}
_Prepared = tuple[QTextDocumentFragment, bool, tuple[QTextBlockFormat, QTextCharFormat]]


@dataclass(slots=True)
class _Segment:
    """One piece of the page and the characters it occupies in the document."""

    html: str
    length: int = 0
    #: Characters the segment has on its own (``characterCount`` of it alone).
    chars: int = 0
    #: Its last paragraph is empty (as after a table), or it leaves an HTML
    #: element open: the next element moves into it, so the next segment must
    #: be inserted together with it.
    ends_open: bool = False
    #: Its HTML closes an element it did not open: it is parsed together
    #: with the segment before it.
    starts_open: bool = False
    #: It starts with a table, which Qt puts after an empty paragraph.
    leads_with_frame: bool = False
    #: The parsed fragment, ready to insert (kept only until it is inserted).
    prepared: _Prepared | None = None


def _leads_with_frame(doc: QTextDocument) -> bool:
    """Whether the document starts with a table (Qt keeps an empty paragraph before it).

    Qt also lists an empty frame (first position after last) for an image
    alone in a paragraph; that one takes no room.
    """
    frames = [f for f in doc.rootFrame().childFrames() if f.lastPosition() >= f.firstPosition()]
    return bool(frames) and frames[0].firstPosition() == 1


def _open_ends(html: str) -> tuple[bool, bool]:
    """Whether the writer's raw HTML in a block reaches into the block before or after it.

    Parsed whole, an unclosed ``<ul>`` takes the next block inside it, and a
    stray ``</ul>`` or an ``<li>`` outside a list changes how the block before
    it ends.  Such blocks are parsed together with their neighbour.
    """
    if "<" not in html:
        return False, False
    tags = list(_TAG.finditer(html))
    if len(tags) != len(_TAG_START.findall(html)) or _WRITERS_HTML.search(html):
        # A broken tag, or structure written by hand rather than by
        # Python-Markdown (which puts each of these tags on a line of its
        # own): Qt's parser repairs such HTML using what surrounds it.
        return True, True
    depth: dict[str, int] = {}
    before = False
    for m in tags:
        name = m.group(2).lower()
        if m.group(3) or name in _VOID_TAGS:
            continue
        if m.group(1):
            depth[name] = depth.get(name, 0) - 1
            before = before or depth[name] < 0
        else:
            depth[name] = depth.get(name, 0) + 1
            container = _CONTAINERS.get(name)
            if container is not None and not any(depth.get(c, 0) > 0 for c in container):
                return True, True
    return before, any(depth.values())


def _joined(htmls: Sequence[str]) -> str:
    """The body as ``IncrementalRenderer.html`` joins it."""
    return "\n".join(h for h in htmls if h).strip()


class PreviewDocument:
    """A QTextDocument made of a header, body blocks and a footer, patched in place.

    Segment 0 is the header, segments ``1..n`` the body blocks, segment
    ``n + 1`` the footer; each knows how many characters it occupies, so
    positions are prefix sums of their lengths.
    """

    def __init__(self, document: QTextDocument, view: QTextEdit | None = None) -> None:
        """Take over ``document`` (its current content is cleared).

        With ``view`` (the QTextBrowser showing the document), a change above
        the part the reader is looking at scrolls by the change's height, so
        what they read stays where it was.
        """
        self._doc = document
        self._view = view
        self._doc.setUndoRedoEnabled(False)
        self._scratch = QTextDocument()
        self._scratch.setUndoRedoEnabled(False)
        self._scratch_style: str | None = None
        self._segments: list[_Segment] = [_Segment(""), _Segment("")]
        self._starts: list[int] | None = None
        #: Body HTML shown by ``show_full`` whose blocks are not known yet.
        self._shown_body: str | None = None
        #: While a body is built in slices: the blocks still to insert after
        #: the ``_built`` ones already in the document.
        self._pending: list[str] | None = None
        self._built = 0
        self._doc.clear()

    # -- public API -------------------------------------------------------

    def document(self) -> QTextDocument:
        """The document this object keeps up to date (show it in a QTextBrowser)."""
        return self._doc

    @property
    def block_count(self) -> int:
        """How many body blocks the document holds."""
        return len(self._segments) - 2

    @property
    def building(self) -> bool:
        """Whether a body given to ``build`` is still being inserted slice by slice."""
        return self._pending is not None

    def build(self, htmls: Sequence[str]) -> None:
        """Show a new body by inserting its blocks a slice at a time (see ``build_step``).

        Parsing a long article's HTML in one go holds the window for a second
        or more; in slices it stays responsive, and the top of the article
        appears first. Updates applied meanwhile go to the part already shown
        or to the blocks still waiting.
        """
        header, footer = self._segments[0].html, self._segments[-1].html
        self._shown_body = None
        self._doc.clear()
        self._segments = [_Segment(""), _Segment("")]
        self._starts = None
        self._replace(0, 2, [header, footer])
        self._pending = list(htmls)
        self._built = 0
        if not self._pending:
            self._pending = None

    def build_step(self, budget_s: float = 0.008) -> bool:
        """Insert the next blocks of a ``build`` for about ``budget_s``; True when done."""
        if self._pending is None:
            return True
        deadline = time.perf_counter() + budget_s
        chunk = 4
        while self._pending:
            started = time.perf_counter()
            batch = self._pending[:chunk]
            del self._pending[:chunk]
            self._replace(1 + self._built, 0, batch)
            self._built += len(batch)
            now = time.perf_counter()
            if now >= deadline:
                break
            per_block = (now - started) / len(batch)
            chunk = max(1, min(32, int((deadline - now) / max(per_block, 1e-6))))
        if not self._pending:
            self._pending = None
            return True
        return False

    def _apply_while_building(self, update: BlockUpdate) -> None:
        """Bring a body that is still being built in line with ``update``."""
        assert self._pending is not None
        htmls = update.htmls
        built = self._built
        if update.reset:
            first = 0
            shown = [seg.html for seg in self._segments[1:-1]]
            limit = min(built, len(htmls))
            while first < limit and shown[first] == htmls[first]:
                first += 1
            removed = built - first
            inserted: Sequence[str] = ()
        else:
            first, removed, inserted = update.first, update.removed, update.inserted
        if first >= built:
            pass
        elif first + removed <= built:
            self._replace(1 + first, removed, list(inserted))
            self._built = built + len(inserted) - removed
        else:
            self._replace(1 + first, built - first, [])
            self._built = first
        self._pending = list(htmls[self._built :])

    def html(self) -> str:
        """The whole page as one HTML string: what ``setHtml`` would have been given."""
        if self._pending is not None:
            shown = [seg.html for seg in self._segments]
            page = [*shown[:-1], *self._pending, shown[-1]]
            return "\n".join(h for h in page if h)
        if self._shown_body is not None:
            parts = (self._segments[0].html, self._shown_body, self._segments[-1].html)
            return "\n".join(h for h in parts if h)
        return "\n".join(seg.html for seg in self._segments if seg.html)

    def set_header(self, html: str) -> None:
        """Replace the part above the body (title and summary box)."""
        if html == self._segments[0].html:
            return
        if self._shown_body is not None and self._pending is None:
            self._segments[0] = _Segment(html)
            self.show_full(self._shown_body)
        else:
            self._replace(0, 1, [html])

    def set_footer(self, html: str) -> None:
        """Replace the part below the body (previous and next links)."""
        if html == self._segments[-1].html:
            return
        if self._shown_body is not None and self._pending is None:
            self._segments[-1] = _Segment(html)
            self.show_full(self._shown_body)
        else:
            self._replace(len(self._segments) - 1, 1, [html])

    def show_full(self, body_html: str) -> None:
        """Show a whole body at once with one ``setHtml``: the fast way to open an article.

        Rendering an article block by block costs more than rendering it
        whole, so on opening the window shows ``render_markdown(text)`` here
        first.  The next ``apply`` of ``IncrementalRenderer.render_blocks``
        for the same text then takes the document over without parsing it
        again; from there on edits are patched.
        """
        header, footer = self._segments[0].html, self._segments[-1].html
        self._segments = [_Segment(header), _Segment(footer)]
        self._starts = None
        self._pending = None
        self._shown_body = body_html
        self._doc.setHtml("\n".join(h for h in (header, body_html, footer) if h))

    def set_blocks(self, htmls: Sequence[str]) -> None:
        """Replace the whole body with these block HTMLs."""
        if self._pending is not None:
            self._pending = None
            self._rebuild(list(htmls))
            return
        if self._shown_body is not None:
            shown, self._shown_body = self._shown_body, None
            if _joined(htmls) == shown and self._adopt(list(htmls)):
                return
            self._rebuild(list(htmls))
            return
        # Replace only what differs: a re-split often leaves most blocks as they were.
        old = [seg.html for seg in self._segments[1:-1]]
        new = list(htmls)
        first = 0
        limit = min(len(old), len(new))
        while first < limit and old[first] == new[first]:
            first += 1
        tail = 0
        while tail < limit - first and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        if first < len(old) - tail or first < len(new) - tail:
            self._replace(1 + first, len(old) - tail - first, new[first : len(new) - tail])

    def apply(self, update: BlockUpdate) -> None:
        """Bring the body in line with ``update`` by replacing only what changed."""
        if self._pending is not None:
            self._apply_while_building(update)
        elif update.reset or self._shown_body is not None:
            self.set_blocks(update.htmls)
        elif update.removed or update.inserted:
            self._replace(update.first + 1, update.removed, list(update.inserted))

    def position_of_block(self, index: int) -> int:
        """Document position where body block ``index`` starts (clamped to the body)."""
        starts = self._segment_starts()
        index = min(max(index, 0), self.block_count)
        return starts[index + 1]

    def block_at_position(self, position: int) -> int:
        """Index of the body block shown at document ``position``.

        Positions in the header map to block 0 and positions in the footer to
        the last block; -1 when the body is empty.  Blocks that render to
        nothing (a line of link definitions) are never returned.
        """
        if not self.block_count:
            return -1
        starts = self._segment_starts()
        # Empty segments share their start with the next one; bisect_right
        # lands on the last of them, the one actually shown there.
        segment = bisect_right(starts, position) - 1
        return min(max(segment - 1, 0), self.block_count - 1)

    # -- patching ---------------------------------------------------------

    def _rebuild(self, htmls: list[str]) -> None:
        """Fill the document again from nothing."""
        header, footer = self._segments[0].html, self._segments[-1].html
        self._doc.clear()
        self._segments = [_Segment(""), _Segment("")]
        self._starts = None
        self._replace(0, 2, [header, *htmls, footer])

    def _adopt(self, htmls: list[str]) -> bool:
        """Take over a document filled by ``show_full`` as segments; False if it does not fit.

        Each segment's length is what it has parsed alone, less the last
        (empty) paragraph of a segment that ends open, which the next one
        shares.  The lengths must add up to the document's.
        """
        segments = [
            self._describe(html, prepare=False)
            for html in (self._segments[0].html, *htmls, self._segments[-1].html)
        ]
        at_top = True
        for group in self._groups(segments):
            shown = [seg for seg in group if seg.html]
            if not shown:
                continue
            if len(shown) == 1:
                whole = shown[0].chars
            else:
                whole = self._parse("\n".join(seg.html for seg in shown)).characterCount()
            if shown[0].leads_with_frame and not at_top:
                # The empty paragraph before a leading table merges into the one above.
                whole -= 1
            at_top = False
            offset = 0
            for seg in shown[:-1]:
                seg.length = seg.chars - 1
                offset += seg.length
            shown[-1].length = whole - offset
        total = sum(map(_LENGTH_OF, segments))
        if total != (self._doc.characterCount() if total else 0):
            return False
        self._segments = segments
        self._starts = None
        return True

    def _segment_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = list(accumulate(map(_LENGTH_OF, self._segments), initial=0))
        return self._starts

    def _replace(self, index: int, count: int, htmls: list[str]) -> None:
        """Replace segments ``index .. index + count`` by segments made from ``htmls``."""
        old = self._segments
        new = [self._describe(html) for html in htmls]
        segments = old[:index] + new + old[index + count :]
        # Widen until neither the old nor the new row splits a table from the
        # segment after it; both rows share what lies outside ``lo:hi``.
        lo, hi, old_hi = index, index + len(new), index + count
        while True:
            new_lo, new_hi = self._widen(segments, lo, hi)
            old_lo, wide_old_hi = self._widen(old, lo, old_hi)
            tail = min(len(segments) - new_hi, len(old) - wide_old_hi)
            widened = (min(new_lo, old_lo), len(segments) - tail, len(old) - tail)
            if widened == (lo, hi, old_hi):
                break
            lo, hi, old_hi = widened
        starts = self._segment_starts()
        anchor = self._anchor(starts, starts[lo])
        cursor = QTextCursor(self._doc)
        cursor.beginEditBlock()
        try:
            self._remove(cursor, starts[lo], starts[old_hi], starts[-1])
            position = starts[lo]
            for group in self._groups(segments[lo:hi]):
                position += self._insert_group(cursor, position, group)
        finally:
            cursor.endEditBlock()
        self._segments = segments
        self._starts = None
        if anchor is not None and anchor[0] >= old_hi:
            segment, offset, delta = anchor
            self._restore_anchor(segment + len(segments) - len(old), offset, delta)

    def _anchor(self, starts: list[int], change: int) -> tuple[int, int, float] | None:
        """Segment, offset in it, and pixel offset of what shows at the top of the view.

        None when nothing above the top of the view changes (the usual case:
        the writer types where the preview shows), which spares a hit test
        that walks the laid-out document.
        """
        view = self._view
        if view is None:
            return None
        value = view.verticalScrollBar().value()
        if value <= 0:
            return None
        layout = self._doc.documentLayout()
        changed = self._doc.findBlock(change)
        if changed.isValid() and layout.blockBoundingRect(changed).y() >= value:
            return None
        position = layout.hitTest(QPointF(0, value), Qt.HitTestAccuracy.FuzzyHit)
        if position < 0:
            return None
        segment = bisect_right(starts, position) - 1
        if segment >= len(self._segments):
            return None
        block = self._doc.findBlock(position)
        top = layout.blockBoundingRect(block).y()
        return segment, block.position() - starts[segment], value - top

    def _restore_anchor(self, segment: int, offset: int, delta: float) -> None:
        assert self._view is not None
        starts = self._segment_starts()
        block = self._doc.findBlock(starts[segment] + offset)
        top = self._doc.documentLayout().blockBoundingRect(block).y()
        self._view.verticalScrollBar().setValue(round(top + delta))

    @staticmethod
    def _widen(segments: list[_Segment], lo: int, hi: int) -> tuple[int, int]:
        """Grow ``lo:hi`` so that no segment is split from a neighbour it is parsed with."""
        while True:
            first = next((k for k in range(lo, hi) if segments[k].html), None)
            k = lo - 1
            while k >= 0 and not segments[k].html:
                k -= 1
            if k >= 0 and (
                segments[k].ends_open or (first is not None and segments[first].starts_open)
            ):
                lo = k
                continue
            last = next((k for k in range(hi - 1, lo - 1, -1) if segments[k].html), None)
            k = hi
            while k < len(segments) and not segments[k].html:
                k += 1
            at_top = not any(segments[j].html for j in range(lo))
            if k < len(segments) and (
                segments[k].starts_open
                or (last is not None and segments[last].ends_open)
                # A table at the top keeps an empty paragraph above it, one
                # further down merges it away: its length depends on what is
                # above, so it moves with a change at the top.
                or (at_top and segments[k].leads_with_frame)
            ):
                hi = k + 1
                continue
            return lo, hi

    @staticmethod
    def _groups(segments: list[_Segment]) -> list[list[_Segment]]:
        """Consecutive segments that must be inserted as one piece of HTML."""
        groups: list[list[_Segment]] = []
        chained = False
        for seg in segments:
            if chained or (groups and seg.starts_open):
                groups[-1].append(seg)
            else:
                groups.append([seg])
            if seg.html:
                chained = seg.ends_open
        return groups

    def _remove(self, cursor: QTextCursor, start: int, end: int, total: int) -> None:
        if end <= start:
            return
        if start > 0:
            # Take the separator before the segments and keep the one after,
            # so the paragraphs on both sides keep their own formats.
            cursor.setPosition(start - 1)
            kept = cursor.block()
            formats = (kept.blockFormat(), kept.charFormat())
            cursor.setPosition(end - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            if kept.length() == 1:
                # Qt hands an emptied paragraph the format of the one removed after it.
                cursor.setBlockFormat(formats[0])
                cursor.setBlockCharFormat(formats[1])
        elif end < total:
            cursor.setPosition(0)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        else:
            self._doc.clear()

    def _insert_group(self, cursor: QTextCursor, position: int, group: list[_Segment]) -> int:
        """Insert a group of segments at ``position``; sets their lengths, returns the total."""
        shown = [seg for seg in group if seg.html]
        for seg in group:
            seg.length = 0
        if not shown:
            return 0
        if len(shown) == 1 and shown[0].prepared is not None:
            prepared = shown[0].prepared
        else:
            prepared = self._prepare(self._parse("\n".join(seg.html for seg in shown)))
        for seg in shown:
            seg.prepared = None
        total = self._insert(cursor, position, prepared)
        # A member that ends open shares its last (empty) paragraph with the
        # next member, which takes it over.
        offset = 0
        for seg in shown[:-1]:
            seg.length = seg.chars - 1
            offset += seg.length
        shown[-1].length = total - offset
        return total

    def _insert(self, cursor: QTextCursor, position: int, prepared: _Prepared) -> int:
        """Insert a fragment as whole paragraphs starting at ``position``; returns its length."""
        fragment, leads_with_frame, lead_formats = prepared
        before = self._doc.characterCount()
        at_top = position == 0
        empty_doc = before == 1
        if at_top and not empty_doc:
            # Open an empty paragraph above the current first one to insert into.
            cursor.setPosition(0)
            cursor.insertBlock()
        cursor.setPosition(0 if at_top else position - 1)
        target = cursor.block()
        # Qt gives an empty paragraph the format of the first one pasted into it.
        keep = (
            (target.blockFormat(), target.charFormat())
            if not at_top and target.length() == 1
            else None
        )
        cursor.insertFragment(fragment)
        if not leads_with_frame:
            # The lead paragraph's marker character merged into the paragraph above.
            cursor.setPosition(0 if at_top else position - 1)
            cursor.deleteChar()
        if keep is not None:
            cursor.setPosition(position - 1)
            cursor.setBlockFormat(keep[0])
            cursor.setBlockCharFormat(keep[1])
        if at_top:
            cursor.setPosition(0)
            if leads_with_frame:
                # Qt's model keeps an empty paragraph before a leading table.
                cursor.setBlockFormat(lead_formats[0])
                cursor.setBlockCharFormat(lead_formats[1])
            else:
                # The empty paragraph the fragment went into is not part of the page.
                cursor.deleteChar()
        after = self._doc.characterCount()
        if empty_doc:
            # The document's last paragraph now ends this segment.
            return after
        return after - before

    def _parse(self, html: str) -> QTextDocument:
        scratch = self._scratch
        style = self._doc.defaultStyleSheet()
        if style != self._scratch_style:
            scratch.setDefaultStyleSheet(style)
            self._scratch_style = style
        scratch.setDefaultFont(self._doc.defaultFont())
        scratch.setHtml(html)
        return scratch

    def _describe(self, html: str, prepare: bool = True) -> _Segment:
        seg = _Segment(html)
        if html:
            scratch = self._parse(html)
            seg.chars = scratch.characterCount()
            seg.starts_open, tags_open = _open_ends(html)
            seg.ends_open = scratch.lastBlock().length() == 1 or tags_open
            seg.leads_with_frame = _leads_with_frame(scratch)
            if prepare:
                seg.prepared = self._prepare(scratch)
        return seg

    @staticmethod
    def _prepare(scratch: QTextDocument) -> _Prepared:
        """The parsed HTML as a fragment led by an empty paragraph.

        Also whether a table leads it, and the formats of its first paragraph.
        """
        leads_with_frame = _leads_with_frame(scratch)
        first = scratch.firstBlock()
        formats = (first.blockFormat(), first.charFormat())
        if not leads_with_frame:
            # A table already comes after an empty paragraph in Qt's model.
            # The lead paragraph holds one character: Qt drops an empty lead
            # paragraph when the next one holds only an image.
            # It must be a plain paragraph: a list item is pasted as a block
            # of its own instead of merging into the paragraph above.
            lead = QTextCursor(scratch)
            lead.insertBlock()
            lead.setPosition(0)
            lead.setBlockFormat(QTextBlockFormat())
            text_list = lead.block().textList()
            if text_list is not None:
                text_list.remove(lead.block())
            lead.insertText(_LEAD_MARK)
        return QTextDocumentFragment(scratch), leads_with_frame, formats
