"""How a save decides what changed, and how new lines follow the file's endings."""

from __future__ import annotations

import math

from editor.core.codecs.base_values import deeper_than, is_link_like, same_value, with_newline


def test_same_value_tells_true_from_one_and_nan_from_nothing() -> None:
    assert same_value({"a": [1, 2.5, "x"]}, {"a": [1, 2.5, "x"]})
    assert not same_value(1, True)
    assert not same_value([1], [True])
    assert not same_value({"a": 1}, {"a": 1, "b": 2})
    assert same_value(math.nan, math.nan)
    assert not same_value(math.nan, 1.0)


def test_links_are_flat_mappings() -> None:
    assert is_link_like({"title": "T", "path": "p.md"})
    assert not is_link_like({})
    assert not is_link_like({"title": "T", "tags": ["a"]})
    assert not is_link_like("T")


def test_new_lines_follow_a_crlf_file() -> None:
    original = "a = 1\r\nb = 2\r\n"
    assert with_newline("a = 1\r\nb = 2\r\nc = 3\n", original, "\r\n") == (
        "a = 1\r\nb = 2\r\nc = 3\r\n"
    )
    # A file that already mixes endings keeps every one of them.
    mixed = "a = 1\r\nb = '''x\ny'''\r\n"
    assert with_newline(mixed + "c = 3\n", mixed, "\r\n") == mixed + "c = 3\n"
    assert with_newline("a\nb\n", "a\n", "\n") == "a\nb\n"


def test_nesting_depth() -> None:
    assert not deeper_than({"a": [[1]]}, 3)
    assert deeper_than({"a": [[[[1]]]]}, 3)
    assert not deeper_than("text", 0)
