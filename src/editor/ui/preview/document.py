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

Opening a long article inserts its body in runs of many blocks, each parsed
in one go (a few tens of kilobytes of HTML, sized to take about one slice of
the main thread): one parse per block cost more than the parsing itself.
Runs are cut only where both sides stand alone (nothing open across the cut,
no table right after it).  A run knows only its total length; its members'
lengths, and which of them reach into their neighbours, are worked out the
first time something needs a position inside it (an edit, scroll sync),
by parsing each member alone as ``_adopt`` does.  If those lengths do not add
up to the run's, the run is kept whole: an edit in it re-inserts all of it.
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
    # Python-Markdown's own divs: code blocks, the table of contents, the footnote list.
    r'|<div\b(?![^<>]*codehilite)(?! class="(?:toc|footnote)">\n)'
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
#: HTML in the first run of a build: the top of the page shows at once.
FIRST_RUN_CHARS = 8_000
#: Bounds on the HTML in one run of a build (the rest follows the time it takes).
MIN_RUN_CHARS = 2_000
MAX_RUN_CHARS = 200_000


@dataclass(slots=True, eq=False)
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
    #: The run it was inserted with, until its own length and flags are known.
    run: _Run | None = None


@dataclass(slots=True, eq=False)
class _Run:
    """Body blocks inserted with one parse; the last member holds their total length."""

    members: list[_Segment]
    total: int
    #: Inserted at the very top of the page.
    at_top: bool
    #: Its members' lengths did not add up to ``total``: it is replaced only whole.
    opaque: bool = False


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


def _same_whole_run(left: _Segment, right: _Segment) -> bool:
    """Whether two neighbours belong to one run that is replaced only whole."""
    return left.run is not None and left.run is right.run and left.run.opaque


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
        #: While a body is built: the footer, which goes in after the body. (The
        #: footer's links reach into the block before them, so each run would
        #: have had to be inserted again together with it.)
        self._later_footer: str | None = None
        #: Main-thread seconds one character of HTML took to insert, last run.
        self._run_rate: float | None = None
        #: Whether a block's HTML reaches into its neighbours, for cutting runs.
        self._cuts: dict[str, tuple[bool, bool]] = {}
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
        header, footer = self._segments[0].html, self._footer()
        self._shown_body = None
        self._doc.clear()
        self._segments = [_Segment(""), _Segment("")]
        self._starts = None
        self._replace(0, 2, [header, ""])
        self._later_footer = footer
        self._pending = list(htmls)
        self._built = 0
        self._run_rate = None
        self._cuts.clear()
        if not self._pending:
            self._finish_build()

    def _footer(self) -> str:
        return self._segments[-1].html if self._later_footer is None else self._later_footer

    def _finish_build(self) -> None:
        self._pending = None
        self._cuts.clear()
        footer, self._later_footer = self._later_footer, None
        if footer:
            self._replace(len(self._segments) - 1, 1, [footer])

    def build_step(self, budget_s: float = 0.016) -> bool:
        """Insert the next runs of a ``build`` for about ``budget_s``; True when done.

        Each run is sized from how long the last one took, so that one run
        takes about ``budget_s``; the first is small, so the top shows at once.
        """
        if self._pending is None:
            return True
        started = time.perf_counter()
        deadline = started + budget_s
        while self._pending:
            if self._run_rate is None:
                target = FIRST_RUN_CHARS
            else:
                target = int((deadline - started) / max(self._run_rate, 1e-9))
            count = self._run_length(min(max(target, MIN_RUN_CHARS), MAX_RUN_CHARS))
            batch = self._pending[:count]
            del self._pending[:count]
            chars = self._insert_run(1 + self._built, batch)
            self._built += len(batch)
            now = time.perf_counter()
            if chars:
                self._run_rate = (now - started) / chars
            started = now
            if deadline - now < budget_s / 4:
                break
        if not self._pending:
            self._finish_build()
            return True
        return False

    def _run_length(self, target_chars: int) -> int:
        """How many pending blocks make the next run: about ``target_chars`` of HTML.

        The run ends where its last shown block leaves no element open (and
        is not a table, after which Qt keeps a paragraph the next block moves
        into) and the next one closes nothing it did not open; else it takes
        more blocks.  ``_insert_run`` checks the rest on the run's own parse.
        """
        pending = self._pending
        assert pending
        size = 0
        count = 0
        last_shown: str | None = None
        while count < len(pending):
            html = pending[count]
            count += 1
            if html:
                size += len(html)
                last_shown = html
            if size < target_chars or last_shown is None:
                continue
            after = next((h for h in pending[count : count + 64] if h), None)
            if after is None and any(pending[count + 64 :]):
                continue  # a long stretch of empty blocks: decide further on
            if after is None or (
                not self._reach(last_shown)[1]
                and not last_shown.rstrip().endswith("</table>")
                and not self._reach(after)[0]
            ):
                return count
        return count

    def _reach(self, html: str) -> tuple[bool, bool]:
        """``_open_ends`` of a block's HTML, remembered for the rest of the build."""
        reach = self._cuts.get(html)
        if reach is None:
            reach = self._cuts[html] = _open_ends(html)
        return reach

    def _insert_run(self, index: int, htmls: list[str]) -> int:
        """Insert ``htmls`` as segments ``index...`` with one parse; returns the HTML's size.

        Falls back to ``_replace`` (one parse per block) when the run cannot
        stand apart from the shown block before it or from what follows: it
        closes what it did not open, or its parse ends with an empty
        paragraph (as after a table) that the next block would move into.
        """
        shown = [html for html in htmls if html]
        # Blocks inserted one by one know their flags; a run's last shown
        # block was given them when it went in. What follows is the next
        # pending block (checked by ``_run_length``) or the footer.
        k = index - 1
        while k >= 0 and not self._segments[k].html:
            k -= 1
        footer = next((seg for seg in self._segments[index:] if seg.html), None)
        more = any(self._pending or ())
        followed = more or footer is not None
        apart = not (k >= 0 and self._segments[k].ends_open)
        if not more and footer is not None and footer.starts_open:
            apart = False
        segments = [_Segment(html) for html in htmls]
        if not shown:
            self._segments[index:index] = segments
            self._starts = None
            return 0
        scratch = None
        ends_open = False
        if apart and not self._reach(shown[0])[0]:
            scratch = self._parse("\n".join(shown))
            ends_open = self._reach(shown[-1])[1] or scratch.lastBlock().length() == 1
            if followed and ends_open:
                scratch = None
        if scratch is None:
            self._replace(index, 0, htmls)
            return sum(map(len, shown))
        starts = self._segment_starts()
        position = starts[index]
        anchor = self._anchor(starts, position)
        prepared = self._prepare(scratch)
        cursor = QTextCursor(self._doc)
        cursor.beginEditBlock()
        try:
            total = self._insert(cursor, position, prepared)
        finally:
            cursor.endEditBlock()
        run = _Run(segments, total, at_top=position == 0)
        for seg in segments:
            seg.run = run
        segments[-1].length = total
        next(seg for seg in reversed(segments) if seg.html).ends_open = ends_open
        self._segments[index:index] = segments
        self._starts = None
        if anchor is not None and anchor[0] >= index:
            segment, offset, delta = anchor
            self._restore_anchor(segment + len(segments), offset, delta)
        return sum(map(len, shown))

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
            shown = [seg.html for seg in self._segments[:-1]]
            page = [*shown, *self._pending, self._footer()]
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
        if html == self._footer():
            return
        if self._later_footer is not None:
            self._later_footer = html
            return
        if self._shown_body is not None and self._pending is None:
            self._segments[-1] = _Segment(html)
            self.show_full(self._shown_body)
        else:
            self._replace(len(self._segments) - 1, 1, [html])

    def show_full(self, body_html: str, footer: bool = True) -> None:
        """Show a whole body at once with one ``setHtml``.

        The next ``apply`` of ``IncrementalRenderer.render_blocks`` for the
        same text takes the document over without parsing it again; from
        there on edits are patched.  A window opening a long article shows
        the top of it here (without the footer, which does not follow it)
        until the build of the whole (``build``) replaces it.
        """
        header, footer_html = self._segments[0].html, self._footer()
        self._later_footer = None
        self._segments = [_Segment(header), _Segment(footer_html)]
        self._starts = None
        self._pending = None
        self._shown_body = body_html
        page = (header, body_html, footer_html if footer else "")
        self._doc.setHtml("\n".join(h for h in page if h))

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
        index = min(max(index, 0), self.block_count)
        self._ensure(self._segments[index + 1])
        return self._segment_starts()[index + 1]

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
        run = self._segments[min(segment, len(self._segments) - 1)].run
        if run is not None and not run.opaque:
            self._resolve(run)
            segment = bisect_right(self._segment_starts(), position) - 1
        return min(max(segment - 1, 0), self.block_count - 1)

    # -- patching ---------------------------------------------------------

    def _rebuild(self, htmls: list[str]) -> None:
        """Fill the document again from nothing."""
        header, footer = self._segments[0].html, self._footer()
        self._later_footer = None
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
        total = self._lengths_side_by_side(segments, at_top=True)
        if total != (self._doc.characterCount() if total else 0):
            return False
        self._segments = segments
        self._starts = None
        return True

    def _lengths_side_by_side(self, segments: list[_Segment], at_top: bool) -> int:
        """Give described segments the lengths they take parsed as one page; their total.

        Each segment's length is what it has parsed alone, less the last
        (empty) paragraph of a segment that ends open, which the next one
        shares.
        """
        total = 0
        for group in self._groups(segments):
            shown = [seg for seg in group if seg.html]
            for seg in group:
                seg.length = 0
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
            total += whole
        return total

    def _ensure(self, seg: _Segment) -> None:
        """Know ``seg``'s own length and flags (work out the run it came with)."""
        if seg.run is not None and not seg.run.opaque:
            self._resolve(seg.run)

    def _resolve(self, run: _Run) -> None:
        """Work out the lengths and flags of a run's members, parsing each alone."""
        members = run.members
        for seg in members:
            if seg.html:
                described = self._describe(seg.html, prepare=False)
                seg.chars = described.chars
                seg.starts_open = described.starts_open
                seg.ends_open = described.ends_open
                seg.leads_with_frame = described.leads_with_frame
        self._starts = None
        if self._lengths_side_by_side(members, run.at_top) == run.total:
            for seg in members:
                seg.run = None
            return
        # Qt parsed the run differently from its members alone: keep it whole.
        run.opaque = True
        for seg in members:
            seg.length = 0
        members[-1].length = run.total

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
            if widened != (lo, hi, old_hi):
                lo, hi, old_hi = widened
                continue
            # Where the change starts and ends must be exact positions, and what
            # is inserted again must know its flags: work out the runs there.
            edges = (*old[max(lo - 1, 0) : lo + 1], *old[max(old_hi - 1, 0) : old_hi + 1])
            stale = [
                seg
                for seg in (*edges, *segments[lo:hi])
                if seg.run is not None and not seg.run.opaque
            ]
            if not stale:
                break
            for seg in stale:
                self._ensure(seg)
        starts = self._segment_starts()
        anchor = self._anchor(starts, starts[lo])
        starts = self._segment_starts()
        for seg in segments[lo:hi]:
            seg.run = None  # inserted again, one group at a time
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

    def _widen(self, segments: list[_Segment], lo: int, hi: int) -> tuple[int, int]:
        """Grow ``lo:hi`` so that no segment is split from a neighbour it is parsed with.

        A run kept whole (see ``_resolve``) is never split either.
        """
        while True:
            while 0 < lo < len(segments) and _same_whole_run(segments[lo - 1], segments[lo]):
                lo -= 1
            while 0 < hi < len(segments) and _same_whole_run(segments[hi - 1], segments[hi]):
                hi += 1
            first = next((k for k in range(lo, hi) if segments[k].html), None)
            k = lo - 1
            while k >= 0 and not segments[k].html:
                k -= 1
            if first is not None:
                self._ensure(segments[first])
            if k >= 0:
                self._ensure(segments[k])
            if k >= 0 and (
                segments[k].ends_open or (first is not None and segments[first].starts_open)
            ):
                lo = k
                continue
            last = next((k for k in range(hi - 1, lo - 1, -1) if segments[k].html), None)
            k = hi
            while k < len(segments) and not segments[k].html:
                k += 1
            if last is not None:
                self._ensure(segments[last])
            if k < len(segments):
                self._ensure(segments[k])
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
