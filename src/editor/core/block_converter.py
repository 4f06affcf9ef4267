"""Python-Markdown, instrumented to report what one block's HTML depends on.

``IncrementalRenderer`` renders a body block by block.  A block's HTML can
depend on the rest of the document (link definitions, abbreviations, heading
ids), so ``BlockConverter`` converts a block with the document's state
preloaded and records, from inside Python-Markdown's own processors, what the
block defined and what it looked up.  It also answers, with Python-Markdown's
own HTML extractor, whether a block's raw HTML is closed (see
``editor.core.blocks``).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.md_in_html import HTMLExtractorExtra
from markdown.extensions.toc import unique
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

    @property
    def seeded(self) -> bool:
        """Some heading did not get its own slug (a repeated heading)."""
        return self.assigned != self.slugs


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
        owner.explicit_ids = [el.attrib["id"] for el in root.iter() if "id" in el.attrib]
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
        md.treeprocessors.register(_IdProbe(md, self), "incremental_id_probe", 6)
        md.treeprocessors.register(_IdUnplant(md, self), "incremental_id_unplant", 4)
        md.postprocessors.register(_Capture(md, self), "incremental_capture", -1000)
        self.captured = ""
        self.abbr_tree = md.treeprocessors["abbr"]
        self.abbr_block = md.parser.blockprocessors["abbr"]
        glossary: dict[str, str] = {}
        for ext in md.registeredExtensions:
            if isinstance(ext, AbbrExtension):
                glossary = dict(getattr(ext, "glossary", {}))
        self.initial_abbrs = glossary

    def convert(
        self,
        text: str,
        refs: dict[str, Any],
        abbrs: dict[str, str],
        abbr_version: int,
        span: Span,
        seed: tuple[str, ...] = (),
    ) -> RenderedBlock:
        """Convert one block against the document's definitions.

        ``seed`` are ids taken before this block in the document; they are
        planted in the tree so that ``toc`` numbers repeated headings on.
        """
        md = self.md
        md.reset()
        ref_view = _RefView(refs)
        md.references = ref_view
        abbr_view = _AbbrView(abbrs)
        self.abbr_tree.abbrs = abbr_view  # type: ignore[attr-defined]
        self.abbr_block.abbrs = abbr_view  # type: ignore[attr-defined]
        self.seed = seed
        self.slugs = []
        self.explicit_ids = []
        self.captured = ""
        try:
            md.convert(text)
            html = self.captured
        finally:
            self.planted = []
        explicit = tuple(self.explicit_ids)
        used = set(explicit) | set(seed)
        counters: dict[str, int] = {}
        assigned = tuple(unique(slug, used, counters) for slug in self.slugs)
        return RenderedBlock(
            text=text,
            html=html,
            newlines=text.count("\n"),
            dangling_fence=span.dangling_fence,
            has_html=span.has_html,
            ref_defs=tuple(ref_view.defined),
            ref_uses=tuple(ref_view.used.items()),
            abbr_ops=tuple(abbr_view.ops),
            abbr_version=abbr_version,
            explicit_ids=explicit,
            slugs=tuple(self.slugs),
            assigned=assigned,
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
