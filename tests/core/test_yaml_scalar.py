"""Values written into front matter read back as the same value, quoted only when needed."""

from __future__ import annotations

import pytest
import yaml

from editor.core.yaml_scalar import (
    double_quoted,
    format_string,
    format_value,
    is_plain_safe,
    single_quoted,
)

TRICKY = [
    "Harbour vote",
    "Café opens",
    "yes",
    "null",
    "123",
    "1e3",
    "a: b",
    "- list-like",
    "# not a comment",
    "",
    " leading space",
    "tab\there",
    "line\nbreak",
    "quote ' and \" both",
    "2026-01-02",
]


@pytest.mark.parametrize("value", TRICKY)
def test_a_string_reads_back_as_the_same_string(value: str) -> None:
    assert yaml.safe_load(f"k: {format_string(value)}")["k"] == value


def test_plain_text_stays_bare_and_words_yaml_would_change_are_quoted() -> None:
    assert format_string("Harbour vote") == "Harbour vote"
    assert is_plain_safe("Café opens")
    for word in ("yes", "null", "123", "a: b"):
        assert not is_plain_safe(word)
        assert format_string(word) == f'"{word}"'


def test_the_file_s_quoting_style_is_kept_when_it_can_hold_the_value() -> None:
    assert format_string("Harbour vote", "'") == "'Harbour vote'"
    assert format_string("Harbour vote", '"') == '"Harbour vote"'
    assert single_quoted("it's") == "'it''s'"
    assert single_quoted("line\nbreak") is None
    assert double_quoted("line\nbreak") == '"line\\nbreak"'


def test_other_values_are_written_inline() -> None:
    assert format_value(True) == "true"
    assert format_value(None) == "null"
    assert format_value(1.0) == "1.0"
    assert format_value(["a", "b: c"]) == '[a, "b: c"]'
    assert yaml.safe_load(f"k: {format_value({'t': 'x', 'n': [1, 2]})}")["k"] == {
        "t": "x",
        "n": [1, 2],
    }
