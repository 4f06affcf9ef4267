"""Word counts stay right while the counter recounts only what each edit touched."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.edit_span import edit_span
from editor.core.text_stats import CHUNK_CHARS, WordCounter, count_words, text_stats

PIECES = ["harbour", "ferry-crew", "o'clock", "snake_case", " ", "\n", "\n\n", "--", "Ωmega"]
pieces = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
edits = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), pieces), max_size=25)


def test_counts_words_characters_and_minutes() -> None:
    stats = text_stats("The ferry crew's 9 o'clock run — on time.")
    assert (stats.words, stats.characters, stats.reading_minutes) == (8, 41, 1)


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
