"""Spell checking looks at prose only, suggests fixes, and remembers the writer's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.spelling import (
    LANGUAGES,
    SpellChecker,
    available_languages,
    edit_distance,
    line_words,
    prose_words,
)

ARTICLE = """# The harbuor at dawn

Fishermen unload the catch while the ferry waits. A `cofee_maker()` hums
in the cabin and the log says `strnage value` here.

Read the [tide tabels](https://example.org/tidez/tabels.html "Tidez") online,
or see www.harbourwatch.example/liveblog and <https://example.org/foobarz>.
Mail questions to portmastr@example.org. <span class="wharfy">Quaysde</span>

```python
def unlaod(bote):
    return bote
```

    indentd code stays unchecked

[tidez]: https://example.org/tidez "Tidez tabel"

- a list itme with a mistake
1. numberd item
> quoted lettter
"""


def words(text: str) -> list[str]:
    return [w.text for w in prose_words(text)]


@pytest.fixture(scope="module")
def english() -> SpellChecker:
    return SpellChecker("en")


def test_prose_words_skip_code_links_urls_and_tags() -> None:
    found = words(ARTICLE)
    for prose in (
        "harbuor",
        "Fishermen",
        "tide",
        "tabels",
        "Quaysde",
        "itme",
        "numberd",
        "lettter",
    ):
        assert prose in found
    for not_prose in (
        "cofee_maker", "strnage", "tidez", "Tidez", "harbourwatch", "foobarz", "portmastr",
        "wharfy", "unlaod", "bote", "indentd", "tabel", "python", "html",
    ):  # fmt: skip
        assert not_prose not in found, not_prose


def test_offsets_point_at_the_words() -> None:
    for word in prose_words(ARTICLE):
        assert ARTICLE[word.start : word.end] == word.text


def test_identifiers_numbers_and_acronyms_are_not_checked() -> None:
    assert [w.text for w in line_words("The NASA API uses camelCase, snake_case, 3rd mp4 teh")] == [
        "The",
        "uses",
        "teh",
    ]


def test_misspelled_words_in_prose_only(english: SpellChecker) -> None:
    flagged = {w.text for line in ARTICLE.split("\n") for w in english.misspelled(line)}
    # Fenced code is the caller's job (the highlighter knows the fence state);
    # prose_words handles whole texts.
    flagged_in_prose = {w.text for w in prose_words(ARTICLE) if not english.is_correct(w.text)}
    assert flagged_in_prose == {"harbuor", "tabels", "Quaysde", "itme", "numberd", "lettter"}
    assert {"harbuor", "tabels"} <= flagged
    assert english.misspelled_ranges("A harbuor") == [(2, 7)]


def test_apostrophes_and_possessives(english: SpellChecker) -> None:
    assert english.misspelled("don’t won't writer's Lisbon's") == []
    assert [w.text for w in english.misspelled("Zorblat's")] == ["Zorblat's"]


def test_suggestions_keep_the_words_case(english: SpellChecker) -> None:
    assert english.suggestions("teh")[0] == "the"
    assert english.suggestions("Recieve")[0] == "Receive"
    assert "harbour" in english.suggestions("harbuor") or "harbor" in english.suggestions("harbuor")


def test_user_dictionary_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "spelling" / "words.txt"
    first = SpellChecker("en", path)
    assert not first.is_correct("Quaysde")
    first.add_to_dictionary("Quaysde")
    assert first.is_correct("Quaysde") and first.is_correct("quaysde")
    assert path.read_text(encoding="utf-8") == "quaysde\n"

    again = SpellChecker("en", path)
    assert again.is_correct("Quaysde")
    assert again.user_words == {"quaysde"}


def test_ignore_lasts_for_the_session_only(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    checker = SpellChecker("en", path)
    checker.ignore("Zorblat")
    assert checker.is_correct("Zorblat")
    assert not path.exists()
    assert not SpellChecker("en", path).is_correct("Zorblat")


def test_language_choice() -> None:
    checker = SpellChecker("es")
    assert checker.is_correct("puerto") and not checker.is_correct("harbour")
    checker.set_language("de")
    assert checker.is_correct("Hafen")
    with pytest.raises(ValueError):
        checker.set_language("xx")
    assert SpellChecker("xx").language == "en"  # an old setting never stops the editor
    assert (
        {"en", "es", "fr", "de", "pt", "it", "ru"} <= set(available_languages()) <= set(LANGUAGES)
    )


def test_unreadable_dictionary_is_no_obstacle(tmp_path: Path) -> None:
    folder = tmp_path / "words.txt"
    folder.mkdir()
    assert SpellChecker("en", folder).user_words == frozenset()


def test_edit_distance_counts_a_swap_once() -> None:
    assert edit_distance("teh", "the") == 1
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3


def test_long_words_two_typos_away_get_suggestions_quickly(english: SpellChecker) -> None:
    # Building every string two edits from a 20-letter word took seconds; the
    # first-letter index finds the word without it (speed: tests/benchmarks).
    assert english.suggestions("internationalsiation")[0] == "internationalization"
    assert english.suggestions("acommodatoin") == ["accommodation"]


def test_bounded_edit_distance_stops_early() -> None:
    assert edit_distance("harbour", "lighthouse", 2) == 3
    assert edit_distance("teh", "the", 2) == 1


def test_british_spellings_are_accepted_in_english() -> None:
    checker = SpellChecker()
    for word in ("harbour", "metres", "programme", "organised", "colour", "travelled", "centre"):
        assert checker.is_correct(word), word
    assert not checker.is_correct("harbourr")
    assert not checker.is_correct("teh")


@pytest.mark.parametrize("word", ["kerb", "Kerbs", "searchable", "smartphone", "manoeuvre"])
def test_common_words_missing_from_the_english_list_are_accepted(
    english: SpellChecker, word: str
) -> None:
    assert english.misspelled(f"The {word} was new.") == []


def test_extra_words_are_only_added_to_english() -> None:
    from editor.core.extra_words import extra_words

    assert "kerb" in extra_words("en")
    assert extra_words("fr") == frozenset()
