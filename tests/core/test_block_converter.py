"""One block converted alone reports what it took from, and gave to, the rest of the document."""

from __future__ import annotations

from editor.core.block_converter import MISSING, BlockConverter
from editor.core.blocks import Span

SPAN = Span(0, 1, False, False)


def test_a_link_definition_is_reported_and_renders_nothing() -> None:
    block = BlockConverter().convert("[x]: https://example.org\n", {}, {}, 0, SPAN)
    assert block.html == ""
    assert block.ref_defs == (("x", ("https://example.org", None)),)


def test_a_reference_is_resolved_from_the_document_or_reported_missing() -> None:
    converter = BlockConverter()
    missing = converter.convert("See [the plan][x].\n", {}, {}, 0, SPAN)
    assert missing.html == "<p>See [the plan][x].</p>"
    assert ("x", MISSING) in missing.ref_uses
    found = converter.convert("See [the plan][x].\n", {"x": ("https://e.org", None)}, {}, 0, SPAN)
    assert found.html == '<p>See <a href="https://e.org">the plan</a>.</p>'
    assert found.ref_uses == (("x", ("https://e.org", None)),)


def test_a_repeated_heading_is_numbered_after_the_ids_before_it() -> None:
    block = BlockConverter().convert("# Title\n", {}, {}, 0, SPAN, seed=("title",))
    assert block.slugs == ("title",)
    assert block.assigned == ("title_1",)
    assert block.seeded
    assert block.html == '<h1 id="title_1">Title</h1>'


def test_html_is_closed_only_when_nothing_is_left_open() -> None:
    converter = BlockConverter()
    assert converter.html_is_closed("<div>done</div>\n")
    assert not converter.html_is_closed("<div>\nstill open\n")
    assert not converter.html_is_closed("<!-- a comment not closed\n")
