"""The library as if the open article were saved: the problems a full check would find."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.article import Link
from editor.core.checks import check_library
from editor.core.library import Library
from editor.core.unsaved_state import (
    UnsavedFields,
    touched_files,
    unsaved_problems,
    with_unsaved_article,
)
from tests.core.libhelp import write_article


def _library(folder: Path) -> Library:
    write_article(folder, "01-harbour.md", "Harbour vote", next=("Night ferry", "02-ferry.md"))
    write_article(folder, "02-ferry.md", "Night ferry", prev=("Harbour vote", "01-harbour.md"),
                  next=("rewrite_title_placeholder", "03-market.md"))  # fmt: skip
    write_article(folder, "03-market.md", "rewrite_title_placeholder",
                  prev=("Night ferry", "02-ferry.md"))  # fmt: skip
    write_article(folder, "04-tram.md", "Tram works", next=("Night ferry", "02-ferry.md"))
    write_article(folder, "05-alone.md", "Night ferry")
    return Library.open(folder)


EDITS = {
    "fix the placeholder title": ("03-market.md", "Market square plans", None, None),
    "rename a linked article": ("02-ferry.md", "The night ferry returns", "keep", "keep"),
    "break a link": ("01-harbour.md", "Harbour vote", None, Link("Gone", "99-gone.md")),
    "take a shared title": ("04-tram.md", "Harbour vote", None, Link("Night ferry", "02-ferry.md")),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_touched_articles_get_the_problems_a_full_check_would_find(
    tmp_path: Path, edit: str
) -> None:
    library = _library(tmp_path)
    name, title, prev, nxt = EDITS[edit]
    path = tmp_path / name
    entry = library.get(path)
    assert entry is not None
    fields = UnsavedFields(
        title,
        entry.summary,
        entry.prev if prev == "keep" else prev,
        entry.next if nxt == "keep" else nxt,
    )
    before: dict[str, list] = {}
    for problem in check_library(library):
        before.setdefault(str(problem.path), []).append(problem)
    result = unsaved_problems(library, before, path, fields)
    assert result is not None
    shown, problems = result
    full: dict[str, list] = {}
    for problem in check_library(shown):
        full.setdefault(str(problem.path), []).append(problem)
    touched = touched_files(library, path) | touched_files(shown, path)
    for file in touched:
        assert sorted(problems.get(file, []), key=lambda p: p.sort_key()) == sorted(
            full.get(file, []), key=lambda p: p.sort_key()
        ), file
    assert library.get(path).title == entry.title  # the library itself is untouched


def test_an_unreadable_or_foreign_article_has_no_unsaved_view(tmp_path: Path) -> None:
    library = _library(tmp_path)
    fields = UnsavedFields("x", "", None, None)
    assert with_unsaved_article(library, tmp_path / "elsewhere.md", fields) is None
