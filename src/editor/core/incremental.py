"""Re-render only the part of a long article that an edit touched.

A full render of a 2 MB body takes over a second in Python-Markdown, far too
long to repeat on every keystroke.  ``IncrementalRenderer`` cuts the body into
top-level blocks (see ``editor.core.blocks`` for where a cut is safe), keeps
each block's HTML keyed by the block's text, and after an edit re-splits only
around the edit and renders only the blocks whose text changed.  Its output is
always exactly ``render_markdown(text)``; the property tests hold it to that.

What one block renders to can depend on the rest of the document.  Each is
handled with what Python-Markdown itself registers while converting a block,
never with a second parser of our own:

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
* **footnotes** and a ``[TOC]`` marker number or list things across the whole
  document: such a document is rendered in full (rare in news writing).

``render_blocks`` also tells a preview which blocks changed, so it can patch
its document instead of replacing it (see ``BlockUpdate`` and
``editor.ui.preview.document.PreviewDocument``).  The first render of a long
article costs more than ``render_markdown`` (about 1.4x), so a window opening
one shows the full render first (``PreviewDocument.show_full``) and lets this
class catch up in the background; its first update then takes the shown
document over.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from typing import Any

from markdown.extensions.toc import IDCOUNT_RE, unique

from editor.core.block_converter import MISSING, BlockConverter, RenderedBlock
from editor.core.blocks import Span, iter_spans
from editor.core.render import render_markdown

_STX = "\x02"
_ETX = "\x03"
_HTML_OF = attrgetter("html")
_NEWLINES_OF = attrgetter("newlines")


@dataclass(frozen=True, slots=True)
class BlockUpdate:
    """The rendered body as blocks, and what changed since the previous render.

    A preview that holds ``old_htmls`` applies an update by replacing
    ``old_htmls[first:first + removed]`` with ``inserted``; afterwards its
    blocks equal ``htmls``.  When ``reset`` is true the split itself was
    redone (first render, or a document rendered whole because of footnotes
    or a ``[TOC]`` marker) and the preview should rebuild from ``htmls``; the
    range still describes the change correctly.
    """

    #: HTML of every block, in order; ``"\\n".join`` of the non-empty ones,
    #: stripped, is the full render.
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

    @property
    def changed(self) -> bool:
        """Whether applying this update changes anything at all."""
        return self.reset or self.removed > 0 or bool(self.inserted)


def _clean(text: str) -> str:
    """Line ends and reserved characters as ``NormalizeWhitespace`` would leave them."""
    if _STX in text or _ETX in text:
        text = text.replace(_STX, "").replace(_ETX, "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    lo = 0
    step = 1 << 15
    while lo + step <= n and a[lo : lo + step] == b[lo : lo + step]:
        lo += step
    hi = min(lo + step, n)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common tail of ``a`` and ``b``, at most ``limit``."""
    la, lb = len(a), len(b)
    n = min(limit, la, lb)
    lo = 0
    step = 1 << 15
    while lo + step <= n and a[la - lo - step : la - lo] == b[lb - lo - step : lb - lo]:
        lo += step
    hi = min(lo + step, n)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


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
        self._text: str | None = None
        self._full_html: str | None = None
        self._blocks: list[RenderedBlock] = []
        self._starts: list[int] = []
        self._refs: dict[str, Any] = {}
        self._abbrs: dict[str, str] = dict(self._conv.initial_abbrs)
        self._abbr_version = 0
        self._ids = _IdBook()
        self._cache: dict[str, RenderedBlock] = {}
        self._html: str | None = None
        self._htmls: tuple[str, ...] = ()
        self.full_renders = 0
        """How many calls fell back to a full render (for tests and tuning)."""

    # -- public API -------------------------------------------------------

    def render(self, text: str) -> str:
        """The full HTML of ``text``, identical to ``render_markdown(text)``."""
        self.render_blocks(text)
        return self.html

    @property
    def html(self) -> str:
        """The full HTML of the last text rendered."""
        if self._full_html is not None:
            return self._full_html
        if self._html is None:
            parts = [b.html for b in self._blocks if b.html]
            if parts:
                parts[0] = parts[0].lstrip()
                parts[-1] = parts[-1].rstrip()
            self._html = "\n".join(parts)
        return self._html

    def render_blocks(self, text: str) -> BlockUpdate:
        """Render ``text`` and report which blocks changed since the last call."""
        text = _clean(text)
        old_htmls = list(self._htmls)
        old_text = self._text
        incremental = old_text is not None and self._full_html is None
        if incremental and old_text == text:
            return self._update(old_htmls, None, reset=False)
        if old_text is not None and incremental:
            prefix = _common_prefix(old_text, text)
            suffix = _common_suffix(old_text, text, min(len(old_text), len(text)) - prefix)
            old_end = len(old_text) - suffix
            new_end = len(text) - suffix
            # The previous text had no document-wide construct, so only the
            # edited stretch can have brought one in.
            margin = len(self._conv.marker) + 2
            window = text[max(0, prefix - margin) : new_end + margin]
            if self._needs_full_render(window):
                return self._render_whole(text, old_htmls)
        elif self._needs_full_render(text):
            return self._render_whole(text, old_htmls)
        if old_text is None or not incremental or not self._blocks:
            self._reset_blocks()
            changed = self._resplit(text, 0, 0, len(text), 0)
            return self._update(old_htmls, changed, reset=True)
        index = max(0, bisect_right(self._starts, prefix) - 2)
        if self._touches_fence(old_text, text, prefix, old_end, new_end):
            for k in range(index):
                if self._blocks[k].dangling_fence:
                    index = k
                    break
        changed = self._resplit(text, index, prefix, new_end, old_end)
        return self._update(old_htmls, changed, reset=False)

    # -- splitting and rendering ------------------------------------------

    def _needs_full_render(self, text: str) -> bool:
        marker = self._conv.marker
        return "[^" in text or bool(marker and marker in text)

    def _render_whole(self, text: str, old_htmls: list[str]) -> BlockUpdate:
        self._reset_blocks()
        html = render_markdown(text)
        self.full_renders += 1
        self._text = text
        self._full_html = html
        self._htmls = (html,)
        return BlockUpdate(
            htmls=(html,),
            lines=(0,),
            first=0,
            removed=len(old_htmls),
            inserted=(html,),
            reset=True,
        )

    def _reset_blocks(self) -> None:
        self._full_html = None
        self._blocks = []
        self._starts = []
        self._refs = {}
        self._abbrs = dict(self._conv.initial_abbrs)
        self._abbr_version += 1
        self._ids = _IdBook()
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
    ) -> tuple[int, int]:
        """Re-split from block ``index`` until the split meets the old one again.

        Returns the range of new block indices whose HTML may differ; blocks
        outside it are the old ones, unchanged.
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
        early: dict[int, RenderedBlock] = {}
        if not old_blocks and len(spans) > 8:
            # A first render: blocks that may define links go first, so that
            # the blocks using those links render right the first time.
            for k, span in enumerate(spans):
                block_text = text[span.start : span.end]
                if "]:" in block_text or "] :" in block_text:
                    early[k] = self._block_for(block_text, span)
            if early:
                self._refs = _fold_refs(list(early.values()))
        inserted = [
            early[k] if k in early else self._block_for(text[s.start : s.end], s)
            for k, s in enumerate(spans)
        ]
        self._blocks = old_blocks[:index] + inserted + old_blocks[resume:]
        self._starts = (
            old_starts[:index] + [s.start for s in spans] + [s + delta for s in old_starts[resume:]]
        )
        self._text = text
        self._html = None
        changed: set[int] = set()
        for block in removed:
            self._ids.retire(block)
        for block in inserted:
            self._ids.admit(block)
        changed |= self._settle_globals(removed, inserted)
        changed |= self._settle_ids()
        self._trim_cache()
        return min([index, *changed]), max([index + len(inserted), *(k + 1 for k in changed)])

    def _block_for(self, block_text: str, span: Span) -> RenderedBlock:
        cached = self._cache.get(block_text)
        if cached is not None and self._deps_valid(cached) and not cached.seeded:
            return cached
        block = self._conv.convert(block_text, self._refs, self._abbrs, self._abbr_version, span)
        self._cache[block_text] = block
        return block

    def _deps_valid(self, block: RenderedBlock) -> bool:
        """Whether the block's HTML still matches the document's definitions."""
        if block.abbr_version != self._abbr_version:
            return False
        refs = self._refs
        return all(refs.get(key, MISSING) == value for key, value in block.ref_uses)

    def _rerender(self, k: int, seed: tuple[str, ...] = ()) -> None:
        old = self._blocks[k]
        span = Span(0, 0, old.dangling_fence, old.has_html)
        block = self._conv.convert(
            old.text, self._refs, self._abbrs, self._abbr_version, span, seed
        )
        if not seed:
            self._cache[old.text] = block
        self._ids.retire(old)
        self._ids.admit(block)
        self._blocks[k] = block

    def _settle_globals(
        self, removed: list[RenderedBlock], inserted: list[RenderedBlock]
    ) -> set[int]:
        """Bring every block up to date with the document's definitions."""
        changed: set[int] = set()
        defs_moved = [d for b in removed for d in b.ref_defs] != [
            d for b in inserted for d in b.ref_defs
        ]
        abbrs_moved = [d for b in removed for d in b.abbr_ops] != [
            d for b in inserted for d in b.abbr_ops
        ]
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
                for block in self._blocks:
                    if any(key in block.text for key in keys):
                        block.abbr_version = -1
                    else:
                        block.abbr_version = self._abbr_version
        if defs_moved:
            self._refs = _fold_refs(self._blocks)
        if defs_moved or abbrs_moved:
            for k, block in enumerate(self._blocks):
                if not self._deps_valid(block):
                    self._rerender(k)
                    changed.add(k)
        # Blocks just inserted were rendered against the definitions of the
        # previous version; they are covered by the loop above when those moved.
        return changed

    def _settle_ids(self) -> set[int]:
        """Give headings the ids ``toc`` gives them in the whole document."""
        if self._ids.trivial:
            return set()
        changed: set[int] = set()
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
            changed.add(k)
        return changed

    def _trim_cache(self) -> None:
        if len(self._cache) > 2 * len(self._blocks) + self.SPARE_CACHE:
            keep = {b.text for b in self._blocks}
            spare = [t for t in self._cache if t not in keep][-self.SPARE_CACHE :]
            self._cache = {t: self._cache[t] for t in (*keep, *spare) if t in self._cache}

    # -- reporting -------------------------------------------------------

    def _update(
        self, old_htmls: list[str], changed: tuple[int, int] | None, *, reset: bool
    ) -> BlockUpdate:
        """Describe the change; ``changed`` is the range of new blocks that may differ."""
        htmls = tuple(map(_HTML_OF, self._blocks))
        lines = tuple(accumulate(map(_NEWLINES_OF, self._blocks), initial=0))[:-1]
        self._htmls = htmls
        if reset:
            return BlockUpdate(htmls, lines, 0, len(old_htmls), htmls, True)
        if changed is None:
            return BlockUpdate(htmls, lines, len(htmls), 0, (), False)
        first, end_new = changed
        end_old = end_new - (len(htmls) - len(old_htmls))
        while first < end_new and first < end_old and htmls[first] == old_htmls[first]:
            first += 1
        while end_new > first and end_old > first and htmls[end_new - 1] == old_htmls[end_old - 1]:
            end_new -= 1
            end_old -= 1
        return BlockUpdate(htmls, lines, first, end_old - first, htmls[first:end_new], False)
