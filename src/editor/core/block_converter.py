"""Python-Markdown, instrumented to report what one block's HTML depends on.

``IncrementalRenderer`` renders a body block by block.  A block's HTML can
depend on the rest of the document (link definitions, abbreviations, heading
ids), so ``BlockConverter`` converts a block with the document's state
preloaded and records, from inside Python-Markdown's own processors, what the
block defined and what it looked up.  It also answers, with Python-Markdown's
own HTML extractor, whether a block's raw HTML is closed (see
``editor.core.blocks``).

Footnotes are split the same way.  A block is converted with the document's
footnote definitions preloaded (so ``[^id]`` gets its number and ``fnref``
id), and records the definitions it makes and the references it resolves.
The footnote list at the end is not produced by block conversions; each of
its items is converted on its own (``convert_footnote``) with the same
instrumented processors, and the renderer joins the items into the list.
A ``[TOC]`` marker is replaced by a table built from the document's headings,
handed to the block the same way.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.footnotes import (
    FN_BACKLINK_TEXT,
    NBSP_PLACEHOLDER,
    FootnoteExtension,
)
from markdown.extensions.md_in_html import HTMLExtractorExtra
from markdown.extensions.toc import nest_toc_tokens, unique
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from editor.core.blocks import Span, normalize_text, substitute_fences
from editor.core.render import make_converter

#: A reference id looked up but not defined.
MISSING: Any = object()
# Closes whatever the HTML extractor may be searching ahead for: an attribute's
# quotes, a tag's ``>``, a comment, a processing instruction, CDATA.
# It starts with a ``<`` that opens nothing, so that text before it ends a token.
_HTML_SENTINEL = "<\"'>-->?>]]>"
# A body that parses to nothing but is not blank (``convert`` skips blank
# text): one footnote definition, which the recording converter ignores.
_ITEM_SOURCE = "[^]: ."
_LIST_HEAD = '<div class="footnote">\n<hr />\n<ol>\n'
_LIST_TAIL = "</ol>\n</div>"
#: One heading in a table of contents, as ``toc`` lists it.
TocToken = tuple[tuple[str, Any], ...]


@dataclass(slots=True)
class RenderedBlock:
    """One block's HTML and what it depended on (cached by the block's text)."""

    text: str
    #: The block's HTML before ``Markdown.convert``'s final strip.
    html: str
    newlines: int
    #: See ``Span``.
    dangling_fence: bool
    has_html: bool
    #: Link definitions the block made, in order, and the ids it looked up
    #: with what it found (``MISSING`` when undefined).
    ref_defs: tuple[tuple[str, Any], ...]
    ref_uses: tuple[tuple[str, Any], ...]
    #: Abbreviations defined (value) or removed (None), in order.
    abbr_ops: tuple[tuple[str, str | None], ...]
    #: Which version of the document's abbreviations the HTML was made with.
    abbr_version: int
    #: Ids the block's elements had before ``toc`` ran, the slugs ``toc``
    #: made for its headings, and the ids it gave them.
    explicit_ids: tuple[str, ...]
    slugs: tuple[str, ...]
    assigned: tuple[str, ...]
    #: The ids taken before this block that were planted for ``toc``.
    seed: tuple[str, ...] = ()
    #: Footnote definitions made, in order: (id, text).
    fn_defs: tuple[tuple[str, str], ...] = ()
    #: Footnote ids looked up by ``[^id]`` and the number found (``MISSING``
    #: when the id is not defined, and the reference stays text).
    fn_uses: tuple[tuple[str, Any], ...] = ()
    #: Resolved footnote references in the order Python-Markdown's inline
    #: processor meets them: (tree depth, id, the reference's element id).
    fn_refs: tuple[tuple[int, str, str], ...] = ()
    #: Reference element ids planted as taken by other blocks.
    fn_seed: tuple[str, ...] = ()
    #: The block's headings as ``toc`` lists them (without nesting).
    toc_tokens: tuple[TocToken, ...] = ()
    #: The block contains the ``[TOC]`` marker text; which version of the
    #: document's heading list its HTML was made with (-1: none).
    toc_version: int = -1
    #: A footnote item that could not be cut out of its list.
    broken: bool = False
    #: For a footnote item: its number, its id and the references made to
    #: it elsewhere (one back-link each).
    item: tuple[int, str, int] | None = None

    @property
    def seeded(self) -> bool:
        """Some heading did not get its own slug (a repeated heading)."""
        return self.assigned != self.slugs


@dataclass(frozen=True, slots=True)
class FootnoteState:
    """The document's footnote definitions, in the order that numbers them."""

    definitions: OrderedDict[str, str]
    numbers: dict[str, int]


def _flat_tokens(tokens: list[dict[str, Any]]) -> tuple[TocToken, ...]:
    """``toc``'s nested heading list back in document order, without nesting."""
    out: list[TocToken] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for token in items:
            out.append(tuple((k, v) for k, v in token.items() if k != "children"))
            walk(token.get("children", []))

    walk(tokens)
    return tuple(out)


class _RefView(dict[str, Any]):
    """``md.references`` for one block: the document's definitions, frozen.

    In a full render every definition is registered before any link is
    resolved, so a block's own definitions must not shadow the document's
    final ones while it renders; they are only recorded.
    """

    def __init__(self, base: dict[str, Any]) -> None:
        super().__init__(base)
        self.defined: list[tuple[str, Any]] = []
        self.used: dict[str, Any] = {}

    def __setitem__(self, key: str, value: Any) -> None:
        self.defined.append((key, value))

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        found = dict.get(self, key, MISSING)
        self.used[key] = found
        return found is not MISSING

    def __getitem__(self, key: str) -> Any:
        value = dict.__getitem__(self, key)
        self.used[key] = value
        return value

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        found = dict.get(self, key, MISSING)
        self.used[key] = found
        return default if found is MISSING else found


class _AbbrView(dict[str, str]):
    """The abbreviation table for one block: the document's, with writes recorded."""

    def __init__(self, base: dict[str, str]) -> None:
        super().__init__(base)
        self.ops: list[tuple[str, str | None]] = []

    def __setitem__(self, key: str, value: str) -> None:
        self.ops.append((key, value))

    def pop(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.ops.append((key, None))
        return default


class _IdProbe(Treeprocessor):
    """Runs just before ``toc``: notes the ids a block already has, plants seeds."""

    def __init__(self, md: markdown.Markdown, owner: BlockConverter) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        owner = self.owner
        # Footnote ids (``fnref:1``) cannot meet a slug, which never has a colon.
        owner.explicit_ids = [
            el.attrib["id"] for el in root.iter() if ":" not in el.attrib.get("id", ":")
        ]
        owner.planted = [etree.SubElement(root, "div", {"id": seed}) for seed in owner.seed]


class _IdUnplant(Treeprocessor):
    """Runs just after ``toc``: removes the planted seed elements again."""

    def __init__(self, md: markdown.Markdown, owner: BlockConverter) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        for el in self.owner.planted:
            root.remove(el)
        self.owner.planted = []


class _Capture(Postprocessor):
    """Runs after every other postprocessor: keeps the output before the final strip.

    ``Markdown.convert`` strips its result; inside a document only the ends
    are stripped, so a block ending in raw HTML with a trailing newline keeps
    that newline in the full render.
    """

    def __init__(self, md: markdown.Markdown, owner: BlockConverter) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, text: str) -> str:
        self.owner.captured = text
        return text


class _FootnoteItem(Treeprocessor):
    """Takes the place of ``FootnoteTreeprocessor``: the list holds one item, or none.

    Block conversions make no footnote list; a footnote item is built exactly
    as ``FootnoteExtension.makeFootnotesDiv`` builds each of its items.
    """

    def __init__(self, md: markdown.Markdown, owner: BlockConverter) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        owner = self.owner
        item = owner.item
        if item is None:
            return
        number, key, text = item
        fn = owner.fn
        owner.fn_defs = []
        div = etree.SubElement(root, "div")
        div.set("class", "footnote")
        etree.SubElement(div, "hr")
        ol = etree.SubElement(div, "ol")
        li = etree.SubElement(ol, "li")
        li.set("id", fn.makeFootnoteId(key))
        surrogate_parent = etree.Element("div")
        fn.parser.parseChunk(surrogate_parent, text)
        for el in list(surrogate_parent):
            li.append(el)
            surrogate_parent.remove(el)
        backlink = etree.Element("a")
        backlink.set("href", "#" + fn.makeFootnoteRefId(key))
        backlink.set("class", "footnote-backref")
        backlink.set("title", fn.getConfig("BACKLINK_TITLE").format(number))
        backlink.text = FN_BACKLINK_TEXT
        if len(li):
            node = li[-1]
            if node.tag == "p":
                node.text = node.text + NBSP_PLACEHOLDER  # type: ignore[operator]
                node.append(backlink)
            else:
                p = etree.SubElement(li, "p")
                p.append(backlink)


class _TokenTracker(HTMLExtractorExtra):
    """Python-Markdown's HTML extractor, noting where each token it read ended."""

    def reset(self) -> None:
        self.token_ends: set[int] = set()
        super().reset()

    def updatepos(self, i: int, j: int) -> int:
        self.token_ends.add(j)
        return super().updatepos(i, j)


class BlockConverter:
    """A reference-configured converter instrumented to report dependencies."""

    def __init__(self) -> None:
        md = make_converter()
        self.md = md
        self.seed: tuple[str, ...] = ()
        self.planted: list[etree.Element] = []
        self.explicit_ids: list[str] = []
        self.slugs: list[str] = []
        toc = md.treeprocessors["toc"]
        self.marker: str = getattr(toc, "marker", "[TOC]") or ""
        original_slugify = toc.slugify  # type: ignore[attr-defined]

        def recording_slugify(value: str, separator: str) -> str:
            slug: str = original_slugify(value, separator)
            self.slugs.append(slug)
            return slug

        toc.slugify = recording_slugify  # type: ignore[attr-defined]
        #: The document's headings, handed to a block with the ``[TOC]`` marker.
        self.toc_tokens: tuple[TocToken, ...] | None = None
        original_build = toc.build_toc_div  # type: ignore[attr-defined]

        self.toc_div: etree.Element | None = None

        def document_toc(toc_list: list[Any]) -> etree.Element:
            if self.toc_tokens is not None:
                toc_list = nest_toc_tokens([dict(token) for token in self.toc_tokens])  # type: ignore[misc]
            div: etree.Element = original_build(toc_list)
            self.toc_div = div
            return div

        toc.build_toc_div = document_toc  # type: ignore[attr-defined]
        original_run = toc.run
        serializer = md.serializer

        def skip_toc_text(element: etree.Element) -> str:
            # ``toc`` also serializes the table for ``md.toc``, which the
            # preview never reads: for a long table that doubles the cost.
            return "" if element is self.toc_div else serializer(element)

        def toc_run(doc: etree.Element) -> None:
            if self.toc_tokens is None:
                original_run(doc)
                return
            md.serializer = skip_toc_text
            try:
                original_run(doc)
            finally:
                md.serializer = serializer
                self.toc_div = None

        toc.run = toc_run  # type: ignore[assignment, method-assign]
        md.treeprocessors.register(_IdProbe(md, self), "incremental_id_probe", 6)
        md.treeprocessors.register(_IdUnplant(md, self), "incremental_id_unplant", 4)
        md.postprocessors.register(_Capture(md, self), "incremental_capture", -1000)
        self.captured = ""
        self.abbr_tree = md.treeprocessors["abbr"]
        self.abbr_block = md.parser.blockprocessors["abbr"]
        glossary: dict[str, str] = {}
        fn: FootnoteExtension | None = None
        for ext in md.registeredExtensions:
            if isinstance(ext, AbbrExtension):
                glossary = dict(getattr(ext, "glossary", {}))
            if isinstance(ext, FootnoteExtension):
                fn = ext
        self.initial_abbrs = glossary
        assert fn is not None, "the reference render uses the footnotes extension"
        self.fn = fn
        #: Text that makes Python-Markdown put the footnote list in its place.
        self.place_marker: str = fn.getConfig("PLACE_MARKER")
        self.item: tuple[int, str, str] | None = None
        self.fn_numbers: dict[str, int] = {}
        self.fn_defs: list[tuple[str, str]] = []
        self.fn_uses: dict[str, Any] = {}
        self.fn_refs: list[tuple[int, str, str]] = []
        md.treeprocessors.deregister("footnote")
        md.treeprocessors.register(_FootnoteItem(md, self), "footnote", 50)

        def record_definition(key: str, text: str) -> None:
            # Every definition in the document is preloaded; a block's own
            # are only noted, as ``_RefView`` notes link definitions.
            self.fn_defs.append((key, text))

        fn.setFootnote = record_definition  # type: ignore[assignment, method-assign]
        inline = md.treeprocessors["inline"]
        pattern: Any = md.inlinePatterns["footnote"]
        original_match = pattern.handleMatch

        def recording_match(m: Any, data: str) -> Any:
            found = original_match(m, data)
            key = m.group(1)
            element = found[0]
            if element is None:
                self.fn_uses[key] = MISSING
            else:
                self.fn_uses[key] = self.fn_numbers[key]
                depth = len(getattr(inline, "ancestors", ()))
                self.fn_refs.append((depth, key, element.get("id", "")))
            return found

        pattern.handleMatch = recording_match

    def convert(
        self,
        text: str,
        refs: dict[str, Any],
        abbrs: dict[str, str],
        abbr_version: int,
        span: Span,
        seed: tuple[str, ...] = (),
        footnotes: FootnoteState | None = None,
        fn_seed: tuple[str, ...] = (),
        toc: tuple[int, tuple[TocToken, ...]] | None = None,
    ) -> RenderedBlock:
        """Convert one block against the document's definitions.

        ``seed`` are ids taken before this block in the document; they are
        planted in the tree so that ``toc`` numbers repeated headings on.
        ``fn_seed`` are footnote reference ids other blocks hold, ``toc`` the
        version and list of the document's headings for a ``[TOC]`` marker.
        """
        return self._convert(
            text, refs, abbrs, abbr_version, span, seed, footnotes, fn_seed, toc, None, 0
        )

    def convert_footnote(
        self,
        number: int,
        key: str,
        text: str,
        refs: dict[str, Any],
        abbrs: dict[str, str],
        abbr_version: int,
        footnotes: FootnoteState,
        fn_seed: tuple[str, ...],
        others: int,
    ) -> RenderedBlock:
        """One item of the footnote list; ``html`` is its ``<li>`` with the line end after it.

        ``others`` is how many references to this footnote the rest of the
        document makes: each gets a back-link.  The text of a returned block
        is ``""`` when the item could not be cut out of the list (the caller
        renders the document whole then).
        """
        return self._convert(
            _ITEM_SOURCE,
            refs,
            abbrs,
            abbr_version,
            Span(0, 0, False, False),
            (),
            footnotes,
            fn_seed,
            None,
            (number, key, text),
            others,
        )

    def _convert(
        self,
        text: str,
        refs: dict[str, Any],
        abbrs: dict[str, str],
        abbr_version: int,
        span: Span,
        seed: tuple[str, ...],
        footnotes: FootnoteState | None,
        fn_seed: tuple[str, ...],
        toc: tuple[int, tuple[TocToken, ...]] | None,
        item: tuple[int, str, str] | None,
        others: int,
    ) -> RenderedBlock:
        md = self.md
        md.reset()
        ref_view = _RefView(refs)
        md.references = ref_view
        abbr_view = _AbbrView(abbrs)
        self.abbr_tree.abbrs = abbr_view  # type: ignore[attr-defined]
        self.abbr_block.abbrs = abbr_view  # type: ignore[attr-defined]
        fn = self.fn
        if footnotes is not None:
            fn.footnotes = footnotes.definitions
            self.fn_numbers = footnotes.numbers
        else:
            self.fn_numbers = {}
        fn.used_refs = set(fn_seed)
        if item is not None:
            fn.found_refs = {fn.makeFootnoteRefId(item[1]): others}
        self.item = item
        self.fn_defs = []
        self.fn_uses = {}
        self.fn_refs = []
        self.toc_tokens = toc[1] if toc is not None else None
        self.seed = seed
        self.slugs = []
        self.explicit_ids = []
        self.captured = ""
        try:
            md.convert(text)
            html = self.captured
        finally:
            self.planted = []
            self.item = None
            self.toc_tokens = None
            fn.footnotes = OrderedDict()
        explicit = tuple(self.explicit_ids)
        used = set(explicit) | set(seed)
        counters: dict[str, int] = {}
        assigned = tuple(unique(slug, used, counters) for slug in self.slugs)
        broken = False
        if item is not None:
            text = item[2]
            if html.startswith(_LIST_HEAD) and html.endswith(_LIST_TAIL):
                html = html[len(_LIST_HEAD) : -len(_LIST_TAIL)]
            else:  # pragma: no cover - the list always has this shape
                broken = True
        return RenderedBlock(
            text=text,
            html=html,
            newlines=0 if item is not None else text.count("\n"),
            dangling_fence=span.dangling_fence,
            has_html=span.has_html,
            ref_defs=tuple(ref_view.defined),
            ref_uses=tuple(ref_view.used.items()),
            abbr_ops=tuple(abbr_view.ops),
            abbr_version=abbr_version,
            explicit_ids=explicit,
            slugs=tuple(self.slugs),
            assigned=assigned,
            seed=seed,
            fn_defs=tuple(self.fn_defs),
            fn_uses=tuple(self.fn_uses.items()),
            fn_refs=tuple(self.fn_refs),
            fn_seed=fn_seed,
            toc_tokens=_flat_tokens(getattr(md, "toc_tokens", [])),
            toc_version=toc[0] if toc is not None else -1,
            broken=broken,
        )

    def html_is_closed(self, block_text: str) -> bool:
        """Whether the HTML extractor reads this block the same whatever follows it.

        The extractor is fed the block as ``FencedBlockPreprocessor`` would
        leave it and must end with nothing open.  Then it is fed the block
        followed by text that closes every construct it might still be
        searching ahead for (a comment's ``-->``, a tag's ``>``, a quote): if
        one of its tokens now runs past the end of the block, the block's
        reading depends on what follows (a ``<!--`` here would pair with a
        ``-->`` three paragraphs later), so it cannot end here.
        """
        source = substitute_fences(normalize_text(block_text))
        if "<" not in source:
            return True
        md = self.md
        try:
            alone: Any = _TokenTracker(md)
            alone.feed(source)
            if not (
                not alone.inraw
                and not alone.intail
                and not alone.stack
                and not alone._cache
                and not alone.inline_stack
                and not alone.mdstack
                and alone.cdata_elem is None
                and not alone.rawdata
            ):
                return False
            md.reset()
            followed = _TokenTracker(md)
            followed.feed(source + _HTML_SENTINEL)
            return len(source) in followed.token_ends
        finally:
            md.reset()
