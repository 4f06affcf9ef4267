"""The sidebar's compact rows: what a writer sees of each article, in the order listed."""

from __future__ import annotations

from pathlib import Path

from editor.core.checks import Problem
from editor.core.library import LibraryEntry
from editor.ui.library.rows import article_rows, badges_by_file, group_by_file, relative_to

ROOT = Path("/library")


def entry(name: str, title: str = "") -> LibraryEntry:
    return LibraryEntry(str(ROOT / name), title=title)


def test_titled_articles_first_by_title_then_the_untitled_by_file_name() -> None:
    rows = article_rows(
        [
            entry("b.md", "  tram works  "),
            entry("z.md"),
            entry("news/a.md", "Harbour vote"),
            entry("c.md", "harbour vote"),
        ],
        ROOT,
    )
    assert [(r.shown, r.titled) for r in rows] == [
        ("harbour vote", True),
        ("Harbour vote", True),
        ("tram works", True),
        ("z.md", False),
    ]
    assert rows[1].search == "harbour vote\nnews/a.md"  # title and path, case-folded


def test_badges_count_each_code_in_the_order_of_the_codes() -> None:
    file = ROOT / "a.md"
    problems = [
        Problem(file, "stale-link-title", "next", "label differs"),
        Problem(file, "placeholder-title", "title", "placeholder"),
        Problem(file, "stale-link-title", "prev", "label differs"),
        Problem(ROOT / "b.md", "missing-summary", "summary", "no summary"),
    ]
    grouped = group_by_file(problems)
    badges = badges_by_file(grouped)
    assert badges[str(file)] == (("placeholder-title", 1), ("stale-link-title", 2))
    rows = article_rows([entry("a.md", "A"), entry("b.md", "B"), entry("c.md", "C")], ROOT, badges)
    assert [r.badges for r in rows] == [
        (("placeholder-title", 1), ("stale-link-title", 2)),
        (("missing-summary", 1),),
        (),
    ]


def test_paths_are_shown_relative_to_the_library() -> None:
    assert relative_to(str(ROOT / "news" / "a.md"), ROOT) == "news/a.md"
    assert relative_to("/elsewhere/x.md", ROOT) == "/elsewhere/x.md"
