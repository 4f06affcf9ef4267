"""The counts in the status bar: words as a writer counts them, reading time, and a
counter that recounts only what each edit touched."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.edit_span import edit_span
from editor.core.text_stats import (
    CHUNK_CHARS,
    WORDS_PER_MINUTE,
    WordCounter,
    count_words,
    text_stats,
)


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


PIECES = ["harbour", "ferry-crew", "o'clock", "snake_case", " ", "\n", "\n\n", "--", "Ωmega"]
pieces = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
edits = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), pieces), max_size=25)


@settings(max_examples=60, deadline=None)
@given(start=st.lists(st.sampled_from(PIECES), max_size=4000).map("".join), steps=edits)
def test_counter_equals_a_full_count_after_any_edits(
    start: str, steps: list[tuple[float, int, str]]
) -> None:
    counter = WordCounter()
    text = start
    assert counter.stats(text).words == count_words(text)
    for where, removed, inserted in steps:
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + removed :]
        stats = counter.stats(text)
        assert (stats.words, stats.characters) == (count_words(text), len(text))


def test_a_long_text_is_recounted_in_chunks_near_the_edit() -> None:
    text = "The council met at the harbour. " * (CHUNK_CHARS // 4)
    counter = WordCounter()
    counter.stats(text)
    edited = text[:100] + "tram " + text[100:]
    assert counter.stats(edited).words == count_words(text) + 1
    assert counter.stats(edited[:-40]).words == count_words(edited[:-40])


def test_edit_span_finds_the_changed_stretch() -> None:
    span = edit_span("the harbour works", "the new harbour works")
    assert (span.start, span.old_end, span.new_end, span.delta) == (4, 4, 8, 4)
    same = edit_span("same", "same")
    assert (same.start, same.old_end, same.new_end) == (4, 4, 4)
    whole = edit_span("abc", "xyz")
    assert (whole.start, whole.old_end, whole.new_end) == (0, 3, 3)
