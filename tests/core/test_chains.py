"""The library's previous/next series as rows, without any drawing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.chains import build_chains
from editor.core.library import Library
from tests.core.libhelp import write_article, write_chain


def chains(folder: Path) -> tuple[list[list[str]], list[str]]:
    rows, loose = build_chains(Library.open(folder))
    return [[Path(f).name for f in row] for row in rows], [Path(f).name for f in loose]


def test_a_series_linked_both_ways_is_one_row_in_reading_order(tmp_path: Path) -> None:
    write_article(tmp_path, "c.md", "Third", prev=("Second", "b.md"))
    write_article(tmp_path, "a.md", "First", next=("Second", "b.md"))
    write_article(tmp_path, "b.md", "Second", prev=("First", "a.md"), next=("Third", "c.md"))
    assert chains(tmp_path) == ([["a.md", "b.md", "c.md"]], [])


def test_a_series_linked_only_by_prev_still_reads_forwards(tmp_path: Path) -> None:
    write_article(tmp_path, "one.md", "One")
    write_article(tmp_path, "two.md", "Two", prev=("One", "one.md"))
    write_article(tmp_path, "three.md", "Three", prev=("Two", "two.md"))
    assert chains(tmp_path) == ([["one.md", "two.md", "three.md"]], [])


def test_links_by_title_join_a_row_like_links_by_path(tmp_path: Path) -> None:
    write_chain(tmp_path, ["Harbour vote", "Night ferry returns"], by_path=False)
    rows, loose = chains(tmp_path)
    assert len(rows) == 1 and len(rows[0]) == 2
    assert loose == []


def test_articles_without_links_are_loose_and_sorted(tmp_path: Path) -> None:
    write_article(tmp_path, "z.md", "Last alone")
    write_article(tmp_path, "m.md", "Middle alone")
    write_article(tmp_path, "a.md", "Start", next=("End", "b.md"))
    write_article(tmp_path, "b.md", "End", prev=("Start", "a.md"))
    assert chains(tmp_path) == ([["a.md", "b.md"]], ["m.md", "z.md"])


def test_a_cycle_becomes_one_row_visiting_each_article_once(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "A", next=("B", "b.md"))
    write_article(tmp_path, "b.md", "B", next=("C", "c.md"))
    write_article(tmp_path, "c.md", "C", next=("A", "a.md"))
    rows, loose = chains(tmp_path)
    assert len(rows) == 1
    assert sorted(rows[0]) == ["a.md", "b.md", "c.md"]
    assert loose == []


def test_a_broken_link_keeps_its_article_in_a_row_of_its_own(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "A", next=("Gone", "missing.md"))
    write_article(tmp_path, "b.md", "B")
    assert chains(tmp_path) == ([["a.md"]], ["b.md"])


def test_an_article_with_broken_front_matter_is_never_linked(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "A", next=("B", "b.md"))
    (tmp_path / "b.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    # a.md points at b.md, so both are linked; b.md cannot lead anywhere itself.
    assert chains(tmp_path) == ([["a.md", "b.md"]], [])
    # Links in front matter that does not parse are unknown: the article stands alone.
    (tmp_path / "c.md").write_text("---\nnext: {path: a.md\n---\n", encoding="utf-8")
    assert chains(tmp_path) == ([["a.md", "b.md"]], ["c.md"])


def test_two_series_are_rows_ordered_by_their_first_file(tmp_path: Path) -> None:
    write_article(tmp_path, "q.md", "Q1", next=("Q2", "r.md"))
    write_article(tmp_path, "r.md", "Q2", prev=("Q1", "q.md"))
    write_article(tmp_path, "b.md", "B1", next=("B2", "c.md"))
    write_article(tmp_path, "c.md", "B2", prev=("B1", "b.md"))
    assert chains(tmp_path) == ([["b.md", "c.md"], ["q.md", "r.md"]], [])


def test_special_files_and_link_loops_are_not_drawn_as_articles(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX files")
    write_article(tmp_path, "alone.md", "Alone")
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    library = Library.open(tmp_path)
    assert {Path(f).name for f in library.entries} >= {"pipe.md", "loop.md", "broken.md"}
    rows, loose = chains(tmp_path)
    # An article with broken front matter is still an article; the pipe and the loop are not.
    assert (rows, loose) == ([], ["alone.md", "broken.md"])
