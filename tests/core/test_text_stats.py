"""The counts in the status bar: words as a writer counts them, and reading time."""

from __future__ import annotations

from editor.core.text_stats import WORDS_PER_MINUTE, count_words, text_stats


def test_words_keep_apostrophes_and_hyphens_and_skip_punctuation() -> None:
    assert count_words("It's a well-known fact — 3 ferries, not 2!") == 8
    assert count_words("  \n— … ") == 0


def test_characters_count_everything_typed() -> None:
    assert text_stats("Harbour vote\n").characters == len("Harbour vote\n")


def test_reading_time_is_whole_minutes_and_never_zero_for_text() -> None:
    assert text_stats("").reading_minutes == 0
    assert text_stats("One word").reading_minutes == 1
    assert text_stats("word " * WORDS_PER_MINUTE).reading_minutes == 1
    assert text_stats("word " * (WORDS_PER_MINUTE + 1)).reading_minutes == 2
