"""The offline summary suggestion: extractive, short, deterministic, never imposed."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from editor.core.article import load_article, new_article, parse_article
from editor.core.summary import (
    SUMMARY_LIMIT,
    SummaryExistsError,
    apply_summary,
    lead_sentence,
    plain_text,
    sentences_of,
    split_sentences,
    suggest,
    suggest_summary,
)

SUMMARIES = Path(__file__).resolve().parents[1] / "fixtures" / "summaries"
ARTICLES = sorted(SUMMARIES.glob("*.md"))


def test_there_are_enough_hand_summarised_articles() -> None:
    assert len(ARTICLES) >= 10
    for path in ARTICLES:
        article = load_article(path)
        assert 0 < len(article.summary) <= SUMMARY_LIMIT, path.name
        assert len(article.body.split()) >= 250, path.name


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_suggestion_fits_and_comes_from_the_body(path: Path) -> None:
    article = load_article(path)
    result = suggest(article.body)
    assert result is not None
    assert 0 < len(result.text) <= SUMMARY_LIMIT
    assert 1 <= len(result.sentences) <= 2
    sentences = sentences_of(article.body)
    # Every word of the suggestion is taken from the chosen sentences, in order.
    source = " ".join(sentences[i] for i in result.sentences).casefold()
    position = 0
    for word in re.findall(r"\w+", result.text.casefold()):
        position = source.find(word, position)
        assert position >= 0, (word, result.text)
    assert suggest_summary(article.body) == result.text


def test_suggestion_is_deterministic() -> None:
    body = load_article(ARTICLES[0]).body
    assert len({suggest_summary(body) for _ in range(5)}) == 1


def test_short_sentences_are_taken_whole_and_two_may_be_combined() -> None:
    body = (
        "The council approved the new bridge design on Monday evening.\n\n"
        "The bridge design includes a wide cycle lane and new lighting.\n\n"
        "Lunch was served.\n"
    )
    result = suggest(body)
    assert result is not None and not result.shortened
    assert result.text.startswith("The council approved the new bridge design on Monday evening.")
    assert len(result.text) <= SUMMARY_LIMIT


def test_long_lead_loses_its_attribution_before_being_cut() -> None:
    body = (
        "The regional ferry company will add a second evening crossing to the islands from May "
        "and lower the fare for residents, the company's director told reporters on Friday.\n\n"
        "Other things happened too.\n"
    )
    text = suggest_summary(body)
    assert text == (
        "The regional ferry company will add a second evening crossing to the islands from May "
        "and lower the fare for residents."
    )


def test_a_sentence_that_cannot_fit_is_cut_with_an_ellipsis() -> None:
    body = "word " * 80 + "end.\n"
    result = suggest(body)
    assert result is not None and result.shortened
    assert result.text.endswith("…") and len(result.text) <= SUMMARY_LIMIT


@pytest.mark.parametrize("body", ["", "\n\n", "```\ncode only\n```\n", "# Just a heading\n"])
def test_no_prose_no_suggestion(body: str) -> None:
    assert suggest(body) is None
    assert suggest_summary(body) == ""
    assert lead_sentence(body) == ""


def test_markup_is_not_quoted() -> None:
    body = (
        "## Background\n\n"
        "The **harbour** plan ([details](plan.html)) was *approved*.\n\n"
        "![A map](map.png)\n\n"
        "```python\nprint('not prose')\n```\n\n"
        "- First item of a list\n- Second item\n\n"
        "> A quoted sentence here.\n"
    )
    assert plain_text(body) == [
        "The harbour plan (details) was approved.",
        "First item of a list",
        "Second item",
        "A quoted sentence here.",
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Dr. Ana Ruiz opened the clinic. Patients queued all day.", 2),
        ("Prices rose 3.5 percent. Wages did not.", 2),
        ("J. R. Tolkien's map was shown. Visitors came.", 2),
        ("“It works,” she said. The test passed!", 2),
        ("Is it ready? Nobody knows… Maybe tomorrow.", 3),
        ("one sentence without an end", 1),
    ],
)
def test_sentence_splitting(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count


def test_works_with_the_network_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the summary must not use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert suggest_summary(load_article(ARTICLES[1]).body)


# --------------------------------------------------------- never overwriting


def test_apply_fills_an_empty_summary() -> None:
    article = new_article()
    article.body = "Body.\n"
    assert apply_summary(article, "A suggestion.") is True
    assert article.summary == "A suggestion."


def test_apply_refuses_to_replace_an_existing_summary_without_acceptance() -> None:
    article = parse_article("---\ntitle: T\nsummary: Mine, written by hand.\n---\nBody.\n")
    with pytest.raises(SummaryExistsError, match="already has a summary"):
        apply_summary(article, "A suggestion.")
    assert article.summary == "Mine, written by hand."
    assert not article.is_modified()


def test_apply_replaces_only_when_accepted() -> None:
    article = parse_article("---\ntitle: T\nsummary: Mine.\n---\nBody.\n")
    assert apply_summary(article, "A suggestion.", replace=True) is True
    assert article.to_text() == "---\ntitle: T\nsummary: A suggestion.\n---\nBody.\n"


def test_apply_same_text_is_no_change() -> None:
    article = parse_article("---\nsummary: Same.\n---\nBody.\n")
    assert apply_summary(article, "Same.") is False
    assert not article.is_modified()


def test_a_list_item_is_not_offered_as_a_sentence_of_the_summary() -> None:
    body = (
        "The ferry company will again run a late crossing to the islands on weekends.\n\n"
        "- Departs the mainland quay at 23:40.\n"
        "- Calls at the two northern islands.\n"
    )
    suggestion = suggest_summary(body)
    assert suggestion == (
        "The ferry company will again run a late crossing to the islands on weekends."
    )


def test_only_a_bounded_prefix_is_read() -> None:
    from editor.core import summary as summary_module

    head = (
        "The harbour council approved the dredging plan after a long debate on Tuesday.\n\n"
        "Work starts in spring and should take two years, officials said.\n\n"
    )
    filler = "Unrelated later paragraph about something else entirely and at length.\n\n"
    body = head + filler * (summary_module.SOURCE_CHARS // len(filler) + 10)
    tail = "Zebra quokka narwhal axolotl pangolin wombat platypus capybara.\n\n" * 50_000
    assert summary_module.suggest(body) == summary_module.suggest(body + tail)
    source = summary_module.source_text(body + tail)
    assert len(source) <= summary_module.SOURCE_CHARS and source.endswith(".")


def test_the_centroid_norm_is_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring is linear: one norm per sentence plus one for the centroid, not one per pair."""
    from editor.core import summary as summary_module

    calls = {"n": 0}
    real_norm = summary_module._norm

    def counting(vector: dict[str, float]) -> float:
        calls["n"] += 1
        return real_norm(vector)

    monkeypatch.setattr(summary_module, "_norm", counting)
    sentences = [f"Sentence number {i} mentions harbour item{i} and dredging." for i in range(300)]
    summary_module.score_sentences(sentences)
    assert calls["n"] == len(sentences) + 1


def test_script_and_style_content_is_not_prose() -> None:
    from editor.core.summary import suggest_summary

    body = (
        "The harbour council approved the dredging plan after a long debate.\n\n"
        "<script>fetch('http://127.0.0.1:9/x')</script>\n\n"
        "<style>\nbody { color: red }\n</style>\n\n"
        "<script>\nvar note = 'Hidden words inside a script block here.';\n</script>\n"
    )
    text = suggest_summary(body)
    assert "fetch" not in text and "Hidden" not in text and "color" not in text
    assert text.startswith("The harbour council")


def test_a_link_whose_address_holds_parentheses_leaves_no_stray_bracket() -> None:
    body = (
        "The council cited [the report](https://en.wikipedia.org/wiki/Dredging_(harbour)) "
        "before voting on the eastern basin plan.\n\n"
        "A second paragraph explains the costs of the work in detail for readers.\n"
    )
    text = " ".join(plain_text(body))
    assert "the report before voting" in text
    assert ")" not in text
