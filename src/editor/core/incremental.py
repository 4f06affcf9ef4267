"""Re-render only the part of a long article that an edit touched.

A full render of a 2 MB body takes over a second in Python-Markdown, far too
long to repeat on every keystroke.  ``IncrementalRenderer`` cuts the body into
top-level blocks (see ``editor.core.blocks`` for where a cut is safe), keeps
each block's HTML keyed by the block's text, and after an edit re-splits only
around the edit and renders only the blocks whose text changed.  Its output is
always exactly ``render_markdown(text)``; the property tests hold it to that.

What one block renders to can depend on the rest of the document.  Each is
handled with what Python-Markdown itself registers while converting a block,
never with a second parser of our own; only the document-wide state itself is
kept whole, and a block is converted again only when what it looked up in
that state changed:

* **reference links**: a block is converted with the document's definitions
  preloaded into ``md.references``; what it defines and what it looks up are
  recorded.  When the document's definitions change, exactly the blocks whose
  lookups now resolve differently are converted again.
* **abbreviations**: the same, with the abbreviation table; a change to it
  re-renders the blocks whose text contains a changed abbreviation.
* **heading ids** (``toc`` makes repeated ids unique with ``_1``, ``_2``...):
  the slugs each block asks for and the ids it already carries are recorded.
  While no id repeats anywhere, every block gets its ids alone; otherwise the
  ids are assigned document-wide exactly as ``toc`` does, and a block whose ids
  differ is converted again with the ids taken before it planted in its tree.
* **footnotes**: the definitions (their order numbers the footnotes) are
  folded from what each block defined; a block is converted with them
  preloaded and records the number each ``[^id]`` found (or that it found
  none: then it stays text, as in a full render, and a ``[^a-z]`` in prose
  costs nothing).  Repeated references to one footnote get ``fnref2:``,
  ``fnref3:``... in the order Python-Markdown's inline processor meets them;
  when a footnote is referred to from more than one block, each block is
  given the reference ids the others hold.  The footnote list is one more
  block at the end, made of one item per footnote, each converted on its own
  and kept until its text, number, back-links or lookups change.
* **table of contents**: each block records its headings as ``toc`` lists
  them; a block containing the ``[TOC]`` marker is converted with the
  document's list and again whenever that list changes.

What remains rendered whole is counted in ``full_renders``: a footnote-list
place marker (``///Footnotes Go Here///``), footnotes whose own text
defines links, abbreviations or footnotes, or holds headings, ``[TOC]``,
fenced code or a raw HTML block,
and a block whose HTML shows one of Python-Markdown's internal placeholders
(malformed links can leave one in an attribute; its number counts the whole
document's).

``render_blocks`` also tells a preview which blocks changed, so it can patch
its document instead of replacing it (see ``BlockUpdate`` and
``editor.ui.preview.document.PreviewDocument``).  The first render of a long
article costs more than ``render_markdown`` (about 1.4x), so a window opening
one shows the full render first (``PreviewDocument.show_full``) and lets this
class catch up in the background; its first update then takes the shown
document over.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace
from itertools import accumulate
from operator import attrgetter
from typing import Any

from markdown.extensions.footnotes import RE_REF_ID
from markdown.extensions.toc import IDCOUNT_RE, unique

from editor.core.block_converter import (
    MISSING,
    BlockConverter,
    FootnoteState,
    RenderedBlock,
    TocToken,
)
from editor.core.blocks import Span, cut_looks_past, iter_spans, starts_with_definition
from editor.core.edit_span import edit_span
from editor.core.render import render_markdown

_STX = "\x02"
_ETX = "\x03"
_HTML_OF = attrgetter("html")
_NEWLINES_OF = attrgetter("newlines")
_LIST_HEAD = '<div class="footnote">\n<hr />\n<ol>\n'
_LIST_TAIL = "</ol>\n</div>"
# Python-Markdown's placeholder text (``util.STX + "klzzwxh:%s" + util.ETX``
# without the reserved characters, which the output loses).
_PLACEHOLDER = "klzzwxh:"
#: A character reference written out whole; any other ``&#`` derails Python-Markdown's raw
#: HTML reader (html.parser) for the rest of the document, which blocks cannot reproduce.
_WHOLE_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+);")
#: One replacement in a block list: (first, removed, inserted).
Patch = tuple[int, int, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class BlockUpdate:
    """The rendered body as blocks, and what changed since the previous render.

    A preview that holds ``old_htmls`` applies an update by replacing
    ``old_htmls[first:first + removed]`` with ``inserted``; afterwards its
    blocks equal ``htmls``.  That range covers every change; ``patches``
    lists the same change as separate, smaller replacements (an edit in the
    middle that also renumbers the footnote list at the end, or retitles the
    table of contents at the top), in ascending order of ``first`` and in old
    block indices: applied from the last to the first, they give ``htmls``
    too.  When ``reset`` is true the split itself was redone (first render,
    or a document rendered whole) and the preview should rebuild from
    ``htmls``; the range still describes the change correctly.
    """

    #: HTML of every block, in order; ``"\\n".join`` of the non-empty ones,
    #: stripped, is the full render.  With footnotes, the last block is the
    #: footnote list.
    htmls: tuple[str, ...]
    #: 0-based source line where each block starts (for scroll sync).
    lines: tuple[int, ...]
    #: First block index that changed.
    first: int
    #: How many blocks of the previous render were replaced, from ``first``.
    removed: int
    #: Their replacements.
    inserted: tuple[str, ...]
    #: The block structure was rebuilt rather than patched.
    reset: bool
    #: The change as disjoint replacements (see above); empty when nothing changed.
    patches: tuple[Patch, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether applying this update changes anything at all."""
        return self.reset or self.removed > 0 or bool(self.inserted)

    @property
    def changed_blocks(self) -> tuple[int, ...]:
        """Indices in ``htmls`` of the blocks that are new or changed."""
        out: list[int] = []
        shift = 0
        for first, removed, inserted in self.patches:
            start = first + shift
            out.extend(range(start, start + len(inserted)))
            shift += len(inserted) - removed
        return tuple(out)


def _clean(text: str) -> str:
    """Line ends and reserved characters as ``NormalizeWhitespace`` would leave them."""
    if _STX in text or _ETX in text:
        text = text.replace(_STX, "").replace(_ETX, "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _fold_refs(blocks: list[RenderedBlock]) -> dict[str, Any]:
    refs: dict[str, Any] = {}
    for block in blocks:
        for key, value in block.ref_defs:
            refs[key] = value
    return refs


def _fold_abbrs(initial: dict[str, str], blocks: list[RenderedBlock]) -> dict[str, str]:
    abbrs = dict(initial)
    for block in blocks:
        for key, value in block.abbr_ops:
            if value is None:
                abbrs.pop(key, None)
            else:
                abbrs[key] = value
    return abbrs


def _may_be_tried(candidate: str, slug: str) -> bool:
    """Whether ``toc.unique`` could test ``candidate`` while placing ``slug``."""
    if candidate == slug:
        return True
    m = IDCOUNT_RE.match(slug)
    base = m.group(1) if m else slug
    rest = candidate[len(base) + 1 :]
    return candidate.startswith(base + "_") and rest.isdigit()


@dataclass(slots=True)
class _IdBook:
    """Counts of slugs and explicit ids over the current blocks.

    While nothing repeats and no slug is empty, ``toc`` gives every heading its
    own slug, which is also what each block gets when rendered alone.
    """

    counts: Counter[str] = field(default_factory=Counter)
    repeated: int = 0
    empty: int = 0
    seeded: int = 0

    def _add(self, key: str, step: int) -> None:
        before = self.counts[key]
        after = before + step
        if after:
            self.counts[key] = after
        else:
            del self.counts[key]
        if before < 2 <= after:
            self.repeated += 1
        elif after < 2 <= before:
            self.repeated -= 1

    def admit(self, block: RenderedBlock, step: int = 1) -> None:
        for key in block.explicit_ids:
            self._add(key, step)
        for slug in block.slugs:
            if slug:
                self._add(slug, step)
            else:
                self.empty += step
        if block.seeded:
            self.seeded += step

    def retire(self, block: RenderedBlock) -> None:
        self.admit(block, -1)

    @property
    def trivial(self) -> bool:
        return not self.repeated and not self.empty and not self.seeded


def _cancels(moves: list[tuple[Any, ...]]) -> bool:
    """Whether what was counted out equals, in order, what was counted in."""
    out = [m[1:] for m in moves if m[0] < 0]
    into = [m[1:] for m in moves if m[0] > 0]
    return out == into


def _fold_footnotes(blocks: list[RenderedBlock]) -> FootnoteState:
    """The definitions as ``FootnoteExtension.setFootnote`` leaves them: first place, last text."""
    definitions: OrderedDict[str, str] = OrderedDict()
    for block in blocks:
        for key, text in block.fn_defs:
            definitions[key] = text
    return FootnoteState(definitions, {key: n for n, key in enumerate(definitions, 1)})


def _reference_ids(base: str, count: int, separator: str) -> list[str]:
    """The ids ``FootnoteExtension.unique_ref`` gives ``count`` references to one footnote."""
    used: set[str] = set()
    out: list[str] = []
    for _ in range(count):
        reference = base
        while reference in used:
            ref, rest = reference.split(separator, 1)
            m = RE_REF_ID.match(ref)
            if m:
                reference = f"{m.group(1)}{int(m.group(2)) + 1}{separator}{rest}"
            else:
                reference = f"{ref}2{separator}{rest}"
        used.add(reference)
        out.append(reference)
    return out


@dataclass(slots=True)
class _FootnoteBook:
    """Footnote references and markers over the current blocks (not the footnote items)."""

    #: References to each footnote, and how many blocks make them.
    refs: Counter[str] = field(default_factory=Counter)
    owners: Counter[str] = field(default_factory=Counter)
    #: Footnotes referred to from more than one block.
    shared: set[str] = field(default_factory=set)
    #: Blocks converted with reference ids planted.
    seeded: int = 0
    #: Blocks containing the ``[TOC]`` marker, or the footnote-list place marker.
    toc_blocks: int = 0
    placed: int = 0
    #: Blocks whose HTML shows one of Python-Markdown's placeholders (inside
    #: an attribute, for example): its number counts the whole document's.
    leaks: int = 0
    #: Some block's headings changed since the table of contents was last built.
    toc_dirty: bool = True
    #: Headings and footnote references of the blocks counted out (-1) and
    #: in (+1) by this update: when the two match in order, the ids that
    #: depend on the order of everything stay as they are.
    heading_moves: list[tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=list
    )
    ref_moves: list[tuple[int, tuple[tuple[int, str, str], ...]]] = field(default_factory=list)
    toc_moves: list[tuple[int, tuple[TocToken, ...]]] = field(default_factory=list)
    #: The footnote items' references, as last settled.
    item_refs: tuple[tuple[tuple[int, str, str], ...], ...] = ()


class IncrementalRenderer:
    """Renders successive versions of one body, re-rendering only what changed.

    ``render(text)`` returns exactly ``render_markdown(text)`` for any text,
    after any sequence of calls.  One instance follows one document: feed it
    every version the writer produces, and it works out the edit itself by
    comparing with the previous version.  Not thread-safe; use one instance
    per thread.
    """

    #: Cached block renders kept beyond the ones in use (for undo and moves).
    SPARE_CACHE = 512

    def __init__(self) -> None:
        self._conv = BlockConverter()
        self._marker = self._conv.marker
        self._place_marker = self._conv.place_marker
        self._text: str | None = None
        self._whole: str | None = None
        self._blocks: list[RenderedBlock] = []
        self._starts: list[int] = []
        self._refs: dict[str, Any] = {}
        self._abbrs: dict[str, str] = dict(self._conv.initial_abbrs)
        self._abbr_version = 0
        self._ids = _IdBook()
        self._fn_book = _FootnoteBook()
        self._footnotes = FootnoteState(OrderedDict(), {})
        self._items: list[RenderedBlock] = []
        self._items_html = ""
        self._items_whole = False
        self._toc: tuple[TocToken, ...] = ()
        self._toc_version = 0
        self._cache: dict[str, RenderedBlock] = {}
        self._item_cache: dict[tuple[int, str, str, int], RenderedBlock] = {}
        self._dirty: set[int] = set()
        self._reuse: dict[str, RenderedBlock] = {}
        #: The last update was a whole render (or a failed one): the next
        #: block update rebuilds the preview.
        self._last_whole = False
        self._html: str | None = None
        self._htmls: tuple[str, ...] = ()
        self._has_list = False
        self.full_renders = 0
        """How many calls fell back to a full render (for tests and benchmarks)."""

    # -- public API -------------------------------------------------------

    def render(self, text: str) -> str:
        """The full HTML of ``text``, identical to ``render_markdown(text)``."""
        self.render_blocks(text)
        return self.html

    @property
    def html(self) -> str:
        """The full HTML of the last text rendered."""
        if self._whole is not None:
            return self._whole
        if self._html is None:
            parts = [b.html for b in self._blocks if b.html]
            if self._items:
                parts.append(_LIST_HEAD + self._items_html + _LIST_TAIL)
            if parts:
                parts[0] = parts[0].lstrip()
                parts[-1] = parts[-1].rstrip()
            self._html = "\n".join(parts)
        return self._html

    def render_blocks(self, text: str) -> BlockUpdate:
        """Render ``text`` and report which blocks changed since the last call."""
        text = _clean(text)
        old_htmls = self._htmls
        old_text = self._text
        if old_text == text:
            if self._whole is not None:
                return BlockUpdate(old_htmls, (0,), len(old_htmls), 0, (), False)
            if self._needs_whole:
                # The last whole render failed (Python-Markdown raised): again.
                return self._render_whole(text, old_htmls)
            return self._update(old_htmls, None, reset=False)
        self._dirty = set()
        self._fn_book.heading_moves.clear()
        self._fn_book.ref_moves.clear()
        self._fn_book.toc_moves.clear()
        removed: list[RenderedBlock]
        if old_text is None or not self._blocks:
            self._reset_blocks()
            struct, removed, inserted = self._resplit(text, 0, 0, len(text), 0)
            reset = True
        else:
            span = edit_span(old_text, text)
            prefix, old_end, new_end = span.start, span.old_end, span.new_end
            index = max(0, bisect_right(self._starts, prefix) - 2)
            # A cut before a footnote definition depends on the first chunk
            # after the run of definitions it starts: the edit may be there.
            while index > 0 and starts_with_definition(self._blocks[index].text):
                index -= 1
            # So does the cut before a paragraph that a definition-list item
            # (``: ``) after it, past definitions, would take as its terms.
            if index > 0 and cut_looks_past(self._blocks[index].text):
                index -= 1
                while index > 0 and starts_with_definition(self._blocks[index].text):
                    index -= 1
            if self._touches_fence(old_text, text, prefix, old_end, new_end):
                for k in range(index):
                    if self._blocks[k].dangling_fence:
                        index = k
                        break
            struct, removed, inserted = self._resplit(text, index, prefix, new_end, old_end)
            reset = False
        self._settle(removed, inserted, first_render=reset)
        self._trim_cache()
        self._whole = None
        if self._needs_whole or has_broken_charref(text):
            return self._render_whole(text, old_htmls)
        if self._last_whole:
            reset = True
        self._last_whole = False
        return self._update(old_htmls, struct, reset=reset)

    @property
    def _needs_whole(self) -> bool:
        book = self._fn_book
        return bool(book.placed or book.leaks or self._items_whole)

    # -- splitting and rendering ------------------------------------------

    def _render_whole(self, text: str, old_htmls: tuple[str, ...]) -> BlockUpdate:
        """Python-Markdown on the whole text, for what blocks cannot reproduce."""
        self.full_renders += 1
        self._last_whole = True
        html = render_markdown(text)
        self._whole = html
        self._htmls = (html,)
        return BlockUpdate(
            htmls=(html,),
            lines=(0,),
            first=0,
            removed=len(old_htmls),
            inserted=(html,),
            reset=True,
            patches=((0, len(old_htmls), (html,)),),
        )

    def _reset_blocks(self) -> None:
        self._whole = None
        self._blocks = []
        self._starts = []
        self._refs = {}
        self._abbrs = dict(self._conv.initial_abbrs)
        self._abbr_version += 1
        self._ids = _IdBook()
        self._fn_book = _FootnoteBook()
        self._footnotes = FootnoteState(OrderedDict(), {})
        self._items = []
        self._items_html = ""
        self._items_whole = False
        self._toc = ()
        self._toc_version += 1
        self._html = None

    def _touches_fence(
        self, old_text: str, text: str, prefix: int, old_end: int, new_end: int
    ) -> bool:
        line_start = text.rfind("\n", 0, prefix) + 1
        new_line_end = text.find("\n", new_end)
        old_line_end = old_text.find("\n", old_end)
        new_part = text[line_start : len(text) if new_line_end < 0 else new_line_end]
        old_part = old_text[line_start : len(old_text) if old_line_end < 0 else old_line_end]
        return any(c in part for part in (new_part, old_part) for c in "`~")

    def _resplit(
        self, text: str, index: int, prefix: int, new_end: int, old_end: int
    ) -> tuple[tuple[int, int, int], list[RenderedBlock], list[RenderedBlock]]:
        """Re-split from block ``index`` until the split meets the old one again.

        Returns ``(index, removed, inserted)``: new blocks ``index`` to
        ``index + inserted`` replace as many old ones as ``removed`` says;
        the other blocks are the old ones (their HTML may still change when
        the document's definitions settle).
        """
        old_blocks = self._blocks
        old_starts = self._starts
        delta = new_end - old_end
        start = old_starts[index] if index < len(old_starts) else 0
        spans: list[Span] = []
        resume = len(old_blocks)
        for span in iter_spans(text, start, self._conv.html_is_closed):
            spans.append(span)
            if span.end >= new_end and span.end < len(text):
                old_pos = span.end - delta
                j = bisect_right(old_starts, old_pos) - 1
                if j > index and old_starts[j] == old_pos:
                    resume = j
                    break
        removed = old_blocks[index:resume]
        # A block re-cut with the same text keeps its conversion, including
        # the ids planted in it for its place in the document.
        self._reuse = {block.text: block for block in removed}
        early: dict[int, RenderedBlock] = {}
        if not old_blocks and len(spans) > 8:
            # A first render: blocks that may define links or footnotes go
            # first, so that the blocks using them render right the first time.
            for k, span in enumerate(spans):
                block_text = text[span.start : span.end]
                if "]:" in block_text or "] :" in block_text:
                    early[k] = self._block_for(block_text, span)
            if early:
                self._refs = _fold_refs(list(early.values()))
                self._footnotes = _fold_footnotes(list(early.values()))
        inserted = [
            early[k] if k in early else self._block_for(text[s.start : s.end], s)
            for k, s in enumerate(spans)
        ]
        self._reuse = {}
        self._blocks = old_blocks[:index] + inserted + old_blocks[resume:]
        self._starts = (
            old_starts[:index] + [s.start for s in spans] + [s + delta for s in old_starts[resume:]]
        )
        self._text = text
        self._html = None
        for block in removed:
            self._admit(block, -1)
        for block in inserted:
            self._admit(block, 1)
        return (index, len(removed), len(inserted)), removed, inserted

    def _admit(self, block: RenderedBlock, step: int) -> None:
        """Count a block in (or, with ``step=-1``, out of) the document-wide books."""
        self._ids.admit(block, step)
        book = self._fn_book
        if block.slugs or block.explicit_ids:
            book.heading_moves.append((step, block.slugs, block.explicit_ids, block.assigned))
        if block.fn_refs or block.fn_seed:
            book.ref_moves.append((step, block.fn_refs))
        if block.fn_refs:
            for _, key, _ in block.fn_refs:
                book.refs[key] += step
            for key in {ref[1] for ref in block.fn_refs}:
                owners = book.owners[key] + step
                if owners:
                    book.owners[key] = owners
                else:
                    del book.owners[key]
                if owners >= 2:
                    book.shared.add(key)
                else:
                    book.shared.discard(key)
        if block.fn_seed:
            book.seeded += step
        if block.toc_tokens:
            book.toc_moves.append((step, block.toc_tokens))
        text = block.text
        if self._marker and self._marker in text:
            book.toc_blocks += step
        if self._place_marker and self._place_marker in text:
            book.placed += step
        if _PLACEHOLDER in block.html:
            book.leaks += step

    def _toc_for(self, text: str) -> tuple[int, tuple[TocToken, ...]] | None:
        if self._marker and self._marker in text:
            return self._toc_version, self._toc
        return None

    def _block_for(self, block_text: str, span: Span) -> RenderedBlock:
        kept = self._reuse.pop(block_text, None)
        if (
            kept is not None
            and self._deps_valid(kept)
            and (kept.toc_version < 0 or kept.toc_version == self._toc_version)
        ):
            if (kept.dangling_fence, kept.has_html) != (span.dangling_fence, span.has_html):
                kept = replace(kept, dangling_fence=span.dangling_fence, has_html=span.has_html)
            return kept
        cached = self._cache.get(block_text)
        if (
            cached is not None
            and self._deps_valid(cached)
            and not cached.seeded
            and not cached.fn_seed
            and (cached.toc_version < 0 or cached.toc_version == self._toc_version)
        ):
            return cached
        block = self._conv.convert(
            block_text,
            self._refs,
            self._abbrs,
            self._abbr_version,
            span,
            footnotes=self._footnotes,
            toc=self._toc_for(block_text),
        )
        self._cache[block_text] = block
        return block

    def _deps_valid(self, block: RenderedBlock) -> bool:
        """Whether the block's HTML still matches the document's definitions."""
        if block.abbr_version != self._abbr_version:
            return False
        refs = self._refs
        if not all(refs.get(key, MISSING) == value for key, value in block.ref_uses):
            return False
        numbers = self._footnotes.numbers
        return all(numbers.get(key, MISSING) == value for key, value in block.fn_uses)

    def _rerender(
        self,
        k: int,
        seed: tuple[str, ...] | None = None,
        fn_seed: tuple[str, ...] | None = None,
    ) -> None:
        old = self._blocks[k]
        span = Span(0, 0, old.dangling_fence, old.has_html)
        block = self._conv.convert(
            old.text,
            self._refs,
            self._abbrs,
            self._abbr_version,
            span,
            old.seed if seed is None else seed,
            self._footnotes,
            old.fn_seed if fn_seed is None else fn_seed,
            self._toc_for(old.text),
        )
        if not block.seed and not block.fn_seed:
            self._cache[old.text] = block
        self._admit(old, -1)
        self._admit(block, 1)
        self._blocks[k] = block
        self._dirty.add(k)

    # -- the document-wide state ------------------------------------------

    def _settle(
        self, removed: list[RenderedBlock], inserted: list[RenderedBlock], first_render: bool
    ) -> None:
        """Bring every block up to date with the document-wide state.

        Definitions first (they change what blocks and footnotes resolve to),
        then the footnote items, then the ids that depend on the order of
        everything: footnote reference ids, heading ids, the table of contents.
        """
        lists_changed = self._settle_globals(removed, inserted, first_render)
        self._settle_items(lists_changed or first_render)
        self._settle_reference_ids()
        self._settle_ids()
        self._settle_toc()

    def _settle_globals(
        self, removed: list[RenderedBlock], inserted: list[RenderedBlock], first_render: bool
    ) -> bool:
        """Definitions: links, abbreviations, footnotes.  True if footnote items may differ."""
        defs_moved = [d for b in removed for d in b.ref_defs] != [
            d for b in inserted for d in b.ref_defs
        ]
        abbrs_moved = [d for b in removed for d in b.abbr_ops] != [
            d for b in inserted for d in b.abbr_ops
        ]
        notes_moved = [d for b in removed for d in b.fn_defs] != [
            d for b in inserted for d in b.fn_defs
        ]
        items_stale = False
        if abbrs_moved:
            abbrs = _fold_abbrs(self._conv.initial_abbrs, self._blocks)
            if abbrs != self._abbrs:
                keys = {
                    k
                    for k in abbrs.keys() | self._abbrs.keys()
                    if abbrs.get(k) != self._abbrs.get(k)
                }
                self._abbrs = abbrs
                self._abbr_version += 1
                for block in (*self._blocks, *self._items):
                    if any(key in block.text for key in keys):
                        block.abbr_version = -1
                    else:
                        block.abbr_version = self._abbr_version
                items_stale = True
        if defs_moved:
            refs = _fold_refs(self._blocks)
            items_stale = items_stale or refs != self._refs
            self._refs = refs
        renumbered = False
        if notes_moved:
            footnotes = _fold_footnotes(self._blocks)
            renumbered = footnotes.numbers != self._footnotes.numbers
            items_stale = items_stale or footnotes.definitions != self._footnotes.definitions
            self._footnotes = footnotes
        # A first render converted the blocks that define things before
        # knowing all definitions: check every block.
        if defs_moved or abbrs_moved or renumbered or first_render:
            for k, block in enumerate(self._blocks):
                if not self._deps_valid(block):
                    self._rerender(k)
        # Blocks just inserted were rendered against the definitions of the
        # previous version; they are covered by the loop above when those moved.
        return items_stale or renumbered

    def _settle_items(self, stale: bool) -> None:
        """The footnote list: one item per definition, converted again only when it differs."""
        definitions = self._footnotes.definitions
        if not stale and len(self._items) == len(definitions):
            # Only the number of references to a footnote can have changed.
            if _cancels(self._fn_book.ref_moves) or not self._fix_item_backlinks():
                return
        else:
            by_key = {item.item[1]: item for item in self._items if item.item is not None}
            items: list[RenderedBlock] = []
            for number, (key, text) in enumerate(definitions.items(), 1):
                old = by_key.get(key)
                others = old.item[2] if old is not None and old.item is not None else 0
                seed = old.fn_seed if old is not None else ()
                items.append(self._item_for(number, key, text, others, seed))
            self._items = items
            self._fix_item_backlinks()
        self._items_html = "".join(item.html for item in self._items)
        self._items_whole = any(self._item_needs_whole(item) for item in self._items)
        self._html = None

    def _item_needs_whole(self, item: RenderedBlock) -> bool:
        """A footnote whose text reaches beyond its item (rare): render the document whole."""
        return bool(
            item.broken
            or item.slugs
            or item.explicit_ids
            or item.ref_defs
            or item.abbr_ops
            or item.fn_defs
            or (self._marker and self._marker in item.text)
            # Raw HTML or fenced code in the note: its text holds a placeholder
            # for what the defining block stashed (the item cannot see it).
            or _STX in item.text
            or _PLACEHOLDER in item.html
        )

    def _fix_item_backlinks(self) -> bool:
        """Give every item a back-link per reference to it; True if any item changed."""
        changed = False
        for _ in range(8):
            counts = Counter(ref[1] for item in self._items for ref in item.fn_refs)
            redo = False
            for i, item in enumerate(self._items):
                assert item.item is not None
                number, key, others = item.item
                own = sum(1 for ref in item.fn_refs if ref[1] == key)
                wanted = self._fn_book.refs[key] + counts[key] - own
                if wanted != others or not self._deps_valid(item):
                    self._items[i] = self._item_for(number, key, item.text, wanted, item.fn_seed)
                    redo = changed = True
            if not redo:
                return changed
        self._items_whole = True  # pragma: no cover - references that never settle
        return changed

    def _item_for(
        self, number: int, key: str, text: str, others: int, fn_seed: tuple[str, ...]
    ) -> RenderedBlock:
        cache_key = (number, key, text, others)
        cached = self._item_cache.get(cache_key)
        if cached is not None and cached.fn_seed == fn_seed and self._deps_valid(cached):
            return cached
        item = self._conv.convert_footnote(
            number,
            key,
            text,
            self._refs,
            self._abbrs,
            self._abbr_version,
            self._footnotes,
            fn_seed,
            others,
        )
        item.item = (number, key, others)
        self._item_cache[cache_key] = item
        return item

    def _settle_reference_ids(self) -> None:
        """``fnref2:id``... for footnotes referred to from more than one place."""
        book = self._fn_book
        item_refs = tuple(item.fn_refs for item in self._items)
        moved = item_refs != book.item_refs or not _cancels(book.ref_moves)
        book.item_refs = item_refs
        if not moved:
            return
        item_owners = Counter(key for item in self._items for key in {r[1] for r in item.fn_refs})
        shared = set(book.shared)
        shared.update(k for k, n in item_owners.items() if n + book.owners[k] >= 2)
        if not shared and not book.seeded and not any(item.fn_seed for item in self._items):
            return
        owners = [*self._blocks, *self._items]
        order: dict[str, list[tuple[int, int, int]]] = {}
        for at, owner in enumerate(owners):
            for local, (depth, key, _) in enumerate(owner.fn_refs):
                if key in shared:
                    order.setdefault(key, []).append((depth, at, local))
        held: dict[int, dict[str, list[str]]] = {}
        names: dict[str, list[str]] = {}
        fn = self._conv.fn
        for key, refs in order.items():
            refs.sort()
            ids = _reference_ids(fn.makeFootnoteRefId(key), len(refs), fn.get_separator())
            names[key] = ids
            for (_, at, _), ref_id in zip(refs, ids, strict=True):
                held.setdefault(at, {}).setdefault(key, []).append(ref_id)
        for at, owner in enumerate(owners):
            if not owner.fn_refs and not owner.fn_seed:
                continue
            mine = held.get(at, {})
            wanted = tuple(
                sorted(n for key, own in mine.items() for n in names[key] if n not in own)
            )
            if wanted == owner.fn_seed:
                continue
            if at < len(self._blocks):
                self._rerender(at, fn_seed=wanted)
            else:
                i = at - len(self._blocks)
                assert owner.item is not None
                number, key, others = owner.item
                self._items[i] = self._item_for(number, key, owner.text, others, wanted)
                self._items_html = "".join(item.html for item in self._items)
                self._items_whole = any(self._item_needs_whole(item) for item in self._items)
                self._html = None

    def _settle_ids(self) -> None:
        """Give headings the ids ``toc`` gives them in the whole document."""
        if self._ids.trivial or _cancels(self._fn_book.heading_moves):
            return
        used: set[str] = set()
        for block in self._blocks:
            used.update(block.explicit_ids)
        counters: dict[str, int] = {}
        for k, block in enumerate(self._blocks):
            if not block.slugs:
                continue
            wanted = tuple(unique(slug, used, counters) for slug in block.slugs)
            if wanted == block.assigned:
                continue
            before = used.difference(wanted)
            seed = tuple(
                sorted(
                    c
                    for c in before
                    if c not in block.explicit_ids
                    and any(_may_be_tried(c, slug) for slug in block.slugs)
                )
            )
            self._rerender(k, seed)

    def _settle_toc(self) -> None:
        """Blocks with the ``[TOC]`` marker get the document's headings."""
        book = self._fn_book
        if not book.toc_blocks:
            book.toc_dirty = True
            return
        if not book.toc_dirty and _cancels(book.toc_moves):
            return
        book.toc_dirty = False
        toc = tuple(token for block in self._blocks for token in block.toc_tokens)
        if toc == self._toc:
            return
        self._toc = toc
        self._toc_version += 1
        for k, block in enumerate(self._blocks):
            if 0 <= block.toc_version != self._toc_version:
                self._rerender(k)
        # Those conversions leave the headings as they were.
        book.toc_dirty = False

    def _trim_cache(self) -> None:
        if len(self._cache) > 2 * len(self._blocks) + self.SPARE_CACHE:
            keep = {b.text for b in self._blocks}
            spare = [t for t in self._cache if t not in keep][-self.SPARE_CACHE :]
            self._cache = {t: self._cache[t] for t in (*keep, *spare) if t in self._cache}
        if len(self._item_cache) > 2 * len(self._items) + self.SPARE_CACHE:
            live = {
                (item.item[0], item.item[1], item.text, item.item[2])
                for item in self._items
                if item.item is not None
            }
            spare_keys = [k for k in self._item_cache if k not in live][-self.SPARE_CACHE :]
            self._item_cache = {
                k: self._item_cache[k] for k in (*live, *spare_keys) if k in self._item_cache
            }

    # -- reporting -------------------------------------------------------

    def _update(
        self,
        old_htmls: tuple[str, ...],
        struct: tuple[int, int, int] | None,
        *,
        reset: bool,
    ) -> BlockUpdate:
        """Describe the change; ``struct`` is the range the split replaced."""
        htmls = tuple(map(_HTML_OF, self._blocks))
        lines = tuple(accumulate(map(_NEWLINES_OF, self._blocks), initial=0))
        had_list = self._has_list
        self._has_list = bool(self._items)
        if self._has_list:
            htmls += (_LIST_HEAD + self._items_html + _LIST_TAIL,)
        else:
            lines = lines[:-1]
        self._htmls = htmls
        if reset:
            return BlockUpdate(
                htmls, lines, 0, len(old_htmls), htmls, True, ((0, len(old_htmls), htmls),)
            )
        if struct is None:
            return BlockUpdate(htmls, lines, len(htmls), 0, (), False)
        index, removed, inserted = struct
        old_blocks = len(old_htmls) - had_list
        patches: list[Patch] = []
        for k in sorted(self._dirty):
            if k < index and htmls[k] != old_htmls[k]:
                patches.append((k, 1, (htmls[k],)))
        lo, old_hi, new_hi = index, index + removed, index + inserted
        while lo < old_hi and lo < new_hi and htmls[lo] == old_htmls[lo]:
            lo += 1
        while old_hi > lo and new_hi > lo and htmls[new_hi - 1] == old_htmls[old_hi - 1]:
            old_hi -= 1
            new_hi -= 1
        if old_hi > lo or new_hi > lo:
            patches.append((lo, old_hi - lo, htmls[lo:new_hi]))
        shift = inserted - removed
        for k in sorted(self._dirty):
            if index + inserted <= k < len(self._blocks) and htmls[k] != old_htmls[k - shift]:
                patches.append((k - shift, 1, (htmls[k],)))
        new_list = htmls[-1] if self._has_list else None
        old_list = old_htmls[-1] if had_list else None
        if new_list != old_list:
            patches.append((old_blocks, int(had_list), () if new_list is None else (new_list,)))
        merged: list[Patch] = []
        for patch in patches:
            if merged and merged[-1][0] + merged[-1][1] == patch[0]:
                first, gone, new = merged.pop()
                merged.append((first, gone + patch[1], new + patch[2]))
            else:
                merged.append(patch)
        if not merged:
            return BlockUpdate(htmls, lines, len(htmls), 0, (), False)
        first = merged[0][0]
        end_old = merged[-1][0] + merged[-1][1]
        end_new = end_old + len(htmls) - len(old_htmls)
        return BlockUpdate(
            htmls, lines, first, end_old - first, htmls[first:end_new], False, tuple(merged)
        )


def has_broken_charref(text: str) -> bool:
    """True when ``text`` holds an ``&#`` that is not a whole character reference.

    Rare in articles (a literal "&#" in prose or code about HTML), and such a
    document renders whole: after one, Python-Markdown reads later raw HTML
    blocks differently depending on everything before them.
    """
    start = text.find("&#")
    while start != -1:
        if _WHOLE_CHARREF.match(text, start) is None:
            return True
        start = text.find("&#", start + 2)
    return False
