"""Placeholder titles are found; real titles that merely mention such words are not."""

from __future__ import annotations

import pytest

from editor.core.placeholder import looks_like_placeholder, pattern_errors, placeholder_reason

PLACEHOLDERS = [
    "rewrite_title_placeholder",
    "title_placeholder",
    "PLACEHOLDER_TITLE",
    "placeholder",
    "Placeholder title",
    "Untitled",
    "untitled-3",
    "Untitled 12",
    "New article",
    "New post 2",
    "TODO",
    "TODO: headline",
    "todo - write the title",
    "TBD",
    "TK",
    "FIXME: better title",
    "XXX",
    "Title",
    "Headline goes here",
    "Your title here",
    "Insert title here",
    "{{ title }}",
    "{{page.title}}",
    "{% title %}",
    "${title}",
    "%TITLE%",
    "<<title>>",
    "[Insert title]",
    "[headline]",
    "Lorem ipsum dolor sit amet",
    "lorem ipsum",
    "...",
    "?",
    "-",
    "n/a",
    "insertTitleHere",
    "headline-goes-here",
    "generated_title",
    "article_title_tmp",
    '"Title"',
    "Title TBD",
    "Headline: TBD",
    "Title (TBC)",
    "Untitled (1)",
    "Post title here",
    "Rewrite headline",
    "Placeholder: title",
]

REAL_TITLES = [
    "Untitled portraits go on show at the city gallery",
    "The placeholder that became a monument",
    "Why the draft budget leaves the harbour short",
    "Title race goes to the final day",
    "Headline inflation eases for the third month",
    "To-do lists that actually work",
    "Todo el mundo: a Spanish film week at the arts centre",
    "New article of the constitution debated in parliament",
    "Test match abandoned after rain",
    "Lorem and the lost manuscripts",
    "TK Maxx opens a second store in the centre",
    "Draft day: the club signs three juniors",
    "XXX Olympiad remembered by its volunteers",
    "Working title: how film names are chosen",
    "The Untitled Goose Game studio moves to the harbour",
    "State-of-the-art tram depot opens",
    "COVID-19 cases fall in the region",
    "Top-10 cafés for a rainy afternoon",
    "Re-opening of the night ferry",
    "self-driving-buses",
    "Q&A: the mayor on the new library hours",
    "2026 in pictures",
    "N/A: a play about paperwork",
    "Mid-term report card",
    "e-bike sharing comes to the islands",
    "Café society returns to the old quarter",
    "Über den Hafen: ein neuer Rundgang",
    "Placeholder: a history of stand-ins",
    "Cup final venue TBD",
    "Super Bowl XXX",
    "The headline",
    "TODO list apps compared",
]


@pytest.mark.parametrize("title", PLACEHOLDERS)
def test_placeholders_are_found(title: str) -> None:
    assert looks_like_placeholder(title), title
    assert placeholder_reason(title)


@pytest.mark.parametrize("title", REAL_TITLES)
def test_real_titles_are_left_alone(title: str) -> None:
    assert not looks_like_placeholder(title), placeholder_reason(title)


def test_empty_is_missing_not_placeholder() -> None:
    assert not looks_like_placeholder("")
    assert not looks_like_placeholder("   ")


def test_user_patterns_match_the_whole_title_in_any_case() -> None:
    assert looks_like_placeholder("Story 17 (auto)", [r"story \d+ \(auto\)"])
    assert not looks_like_placeholder("A story 17 (auto) follow-up", [r"story \d+ \(auto\)"])
    reason = placeholder_reason("Story 17 (auto)", [r"story \d+ \(auto\)"])
    assert reason is not None and "your pattern" in reason


def test_invalid_user_patterns_are_reported_not_raised() -> None:
    assert looks_like_placeholder("TODO", ["[unclosed"])
    assert not looks_like_placeholder("A fine title", ["[unclosed"])
    assert pattern_errors(["[unclosed", "ok.*"]) and len(pattern_errors(["[unclosed"])) == 1
