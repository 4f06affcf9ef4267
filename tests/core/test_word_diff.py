"""Word diffs of titles: the words that changed, and the rest given back as it was."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.core.word_diff import ADDED, REMOVED, SAME, Piece, changed_words, word_diff


def test_a_changed_last_word_is_the_only_marked_one() -> None:
    old, new = word_diff(
        "Council approves dredging of the eastern basin",
        "Council approves dredging of the north basin",
    )
    assert changed_words(old) == ["eastern"] and changed_words(new) == ["north"]
    assert old[-1] == Piece(SAME, " basin")


def test_added_words_and_adjacent_changes_are_one_run() -> None:
    old, new = word_diff("Night ferry returns", "Night ferry to the islands returns")
    assert [p.kind for p in old] == [SAME]
    assert [p for p in new if p.kind == ADDED] == [Piece(ADDED, "to the islands ")]
    old, new = word_diff("rewrite_title_placeholder", "Market square plans go on show")
    assert old == [Piece(REMOVED, "rewrite_title_placeholder")]
    assert new == [Piece(ADDED, "Market square plans go on show")]


@given(st.text(max_size=40), st.text(max_size=40))
def test_each_side_joins_back_to_its_text(old: str, new: str) -> None:
    left, right = word_diff(old, new)
    assert "".join(p.text for p in left) == old
    assert "".join(p.text for p in right) == new
    assert {p.kind for p in left} <= {SAME, REMOVED}
    assert {p.kind for p in right} <= {SAME, ADDED}
