"""Where the incremental preview may cut a body into blocks that render alone."""

from __future__ import annotations

from editor.core.blocks import Span, iter_spans, normalize_text


def blocks(text: str) -> list[str]:
    return [text[s.start : s.end] for s in iter_spans(text, 0, lambda _block: True)]


def test_paragraphs_are_cut_at_blank_lines_keeping_the_blank_line() -> None:
    assert blocks("Para one.\n\nPara two.\n") == ["Para one.\n\n", "Para two.\n"]


def test_a_fence_with_blank_lines_inside_is_one_block() -> None:
    text = "```\ncode\n\nmore\n```\n\nAfter.\n"
    assert blocks(text) == ["```\ncode\n\nmore\n```\n\n", "After.\n"]


def test_a_list_item_after_a_blank_line_stays_with_its_list() -> None:
    assert blocks("- a\n\n- b\n\nText.\n") == ["- a\n\n- b\n\n", "Text.\n"]


def test_an_unclosed_fence_is_marked_dangling() -> None:
    text = "```\nnever closed\n\nText\n"
    spans = list(iter_spans(text, 0, lambda _block: True))
    assert spans[0] == Span(0, len("```\nnever closed\n\n"), True, False)


def test_html_is_only_cut_where_the_html_reader_says_it_is_closed() -> None:
    text = "<div>\n\ninside\n\n</div>\n\nAfter\n"
    never_closed = [text[s.start : s.end] for s in iter_spans(text, 0, lambda _block: False)]
    assert never_closed == [text]
    spans = list(iter_spans(text, 0, lambda block: block.count("<div>") == block.count("</div>")))
    assert [text[s.start : s.end] for s in spans] == ["<div>\n\ninside\n\n</div>\n\n", "After\n"]
    assert spans[0].has_html and not spans[1].has_html


def test_the_blocks_cover_the_text_from_the_start_given() -> None:
    text = "One.\n\nTwo.\n\nThree.\n"
    start = len("One.\n\n")
    assert [text[s.start : s.end] for s in iter_spans(text, start, lambda _b: True)] == [
        "Two.\n\n",
        "Three.\n",
    ]
    assert list(iter_spans(text, len(text), lambda _b: True)) == []


def test_tabs_are_normalised_the_way_python_markdown_reads_them() -> None:
    assert normalize_text("a\tb\n") == "a   b\n"
