"""Fixes across the library: every referrer on disk, minimal diffs, undo by bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.article import load_article
from editor.core.checks import check_library
from editor.core.errors import ArticleError
from editor.core.fixes import (
    FixConflict,
    combine,
    make_links_symmetric,
    rename_title,
    sync_link_labels,
)
from editor.core.library import Library
from tests.core.libhelp import snapshot, write_article
from tests.core.linediff import changed_lines

NEW = "Market square plans go on show"


def placeholder_library(folder: Path) -> Library:
    write_article(folder, "a.md", "Library opens late", next=("rewrite_title_placeholder", "b.md"),
                  extra="tags: [library]   # kept\n")  # fmt: skip
    write_article(folder, "b.md", "rewrite_title_placeholder", prev=("Library opens late", "a.md"),
                  next=("Harbour vote", "sub/c.md"))  # fmt: skip
    write_article(
        folder / "sub", "c.md", "Harbour vote", prev=("rewrite_title_placeholder", "../b.md")
    )
    write_article(folder, "d.md", "Title-only neighbour", prev="rewrite_title_placeholder")
    write_article(folder, "e.md", "Unrelated", next=("Something else", "a.md"))
    return Library.open(folder)


def test_rename_plan_lists_every_referrer(tmp_path: Path) -> None:
    lib = placeholder_library(tmp_path)
    plan = rename_title(lib, tmp_path / "b.md", NEW)
    assert [(c.path.relative_to(tmp_path).as_posix(), c.field) for c in plan.changes] == [
        ("b.md", "title"),
        ("a.md", "next"),
        ("d.md", "prev"),
        ("sub/c.md", "prev"),
    ]
    preview = plan.preview()
    assert preview[0] == f"b.md: title: 'rewrite_title_placeholder' → '{NEW}'"
    assert f"a.md: next label: 'rewrite_title_placeholder' → '{NEW}'" in preview
    assert plan.files()[0] == tmp_path / "b.md"


def test_rename_applies_minimal_diffs_and_undo_restores_bytes(tmp_path: Path) -> None:
    lib = placeholder_library(tmp_path)
    before = snapshot(tmp_path)
    undo = rename_title(lib, tmp_path / "b.md", NEW).apply()
    after = snapshot(tmp_path)
    changed = {Path(p).relative_to(tmp_path).as_posix() for p in after if after[p] != before[p]}
    assert changed == {"a.md", "b.md", "d.md", "sub/c.md"}
    for path in changed:
        full = str(tmp_path / path)
        removed, added = changed_lines(before[full][0].decode(), after[full][0].decode())
        assert len(removed) == 1 and len(added) == 1, (path, removed, added)
        assert "rewrite_title_placeholder" in removed[0] and NEW in added[0]
    assert load_article(tmp_path / "a.md").next is not None
    assert "tags: [library]   # kept" in (tmp_path / "a.md").read_text()
    # The library was re-indexed: the placeholder problems are gone.
    assert not [p for p in check_library(lib) if p.code.startswith("placeholder")]

    result = undo.undo()
    assert sorted(result.restored) == sorted(tmp_path / p for p in changed)
    assert result.conflicts == []
    assert {p: b for p, (b, _) in snapshot(tmp_path).items()} == {
        p: b for p, (b, _) in before.items()
    }
    assert lib.get(tmp_path / "b.md").title == "rewrite_title_placeholder"  # type: ignore[union-attr]


def test_undo_leaves_files_edited_after_the_fix(tmp_path: Path) -> None:
    lib = placeholder_library(tmp_path)
    undo = rename_title(lib, tmp_path / "b.md", NEW).apply()
    edited = tmp_path / "a.md"
    edited.write_text(edited.read_text() + "A later edit.\n")
    result = undo.undo()
    assert [p for p, _ in result.conflicts] == [edited]
    assert "A later edit." in edited.read_text()
    assert tmp_path / "b.md" in result.restored
    assert undo.undo().restored == []  # only once


def test_apply_refuses_when_a_file_changed_since_planning(tmp_path: Path) -> None:
    lib = placeholder_library(tmp_path)
    plan = rename_title(lib, tmp_path / "b.md", NEW)
    write_article(tmp_path, "d.md", "Title-only neighbour", prev="Someone else")
    before = snapshot(tmp_path)
    with pytest.raises(FixConflict):
        plan.apply()
    assert snapshot(tmp_path) == before  # nothing written, not even the first file


def test_rename_skips_ambiguous_title_only_links(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Shared")
    write_article(tmp_path, "b.md", "Shared")
    write_article(tmp_path, "c.md", "Pointer", next="Shared")
    plan = rename_title(Library.open(tmp_path), tmp_path / "a.md", "Unique now")
    assert [c.path.name for c in plan.changes] == ["a.md"]
    assert plan.skipped and "several articles" in plan.skipped[0]


def test_rename_rejects_empty_titles_and_strangers(tmp_path: Path) -> None:
    lib = placeholder_library(tmp_path)
    with pytest.raises(ArticleError):
        rename_title(lib, tmp_path / "b.md", "   ")
    with pytest.raises(ArticleError):
        rename_title(lib, tmp_path / "nope.md", "x")


def test_sync_link_labels(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Old B", "b.md"))
    write_article(tmp_path, "b.md", "Real B", prev=("Real A", "a.md"), next=("Missing", "x.md"))
    lib = Library.open(tmp_path)
    plan = sync_link_labels(lib)
    assert plan.preview() == ["a.md: next label: 'Old B' → 'Real B'"]
    plan.apply()
    assert load_article(tmp_path / "a.md").next.title == "Real B"  # type: ignore[union-attr]
    assert not [p for p in check_library(lib) if p.code == "stale-link-title"]
    assert not sync_link_labels(lib)


def test_sync_link_labels_never_copies_a_placeholder_title(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Harbour dredging approved", next=("Night ferry", "b.md"))
    write_article(tmp_path, "b.md", "rewrite_title_placeholder")
    write_article(tmp_path, "c.md", "Ferry timetable", next=("Old label", "d.md"))
    write_article(tmp_path, "d.md", "TICKET-9 headline here")
    lib = Library.open(tmp_path)
    plan = sync_link_labels(lib, placeholder_patterns=[r"TICKET-\d+ .*"])
    assert plan.changes == []
    assert len(plan.skipped) == 2
    assert "a.md: next label kept as 'Night ferry'" in plan.skipped[0]
    assert "b.md is a placeholder" in plan.skipped[0]
    plan.apply()
    assert load_article(tmp_path / "a.md").next.title == "Night ferry"  # type: ignore[union-attr]


def test_make_links_symmetric(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Real B", "sub/b.md"))
    write_article(tmp_path / "sub", "b.md", "Real B")
    write_article(tmp_path, "c.md", "Real C", next=("Real D", "d.md"))
    write_article(tmp_path, "d.md", "Real D", prev=("Real A", "a.md"))  # points elsewhere
    write_article(tmp_path, "e.md", "Real E", next=("Real F", "f.md"))
    write_article(tmp_path, "g.md", "Real G", next=("Real F", "f.md"))  # two claim f.md
    write_article(tmp_path, "f.md", "Real F")
    lib = Library.open(tmp_path)
    plan = make_links_symmetric(lib)
    assert plan.preview()[0] == "sub/b.md: prev: (none) → 'Real A' (../a.md)"
    assert len(plan.changes) == 1
    assert len(plan.skipped) == 3  # d.md and a.md point elsewhere; f.md is claimed twice
    plan.apply()
    b = load_article(tmp_path / "sub" / "b.md")
    assert b.prev is not None and (b.prev.title, b.prev.path) == ("Real A", "../a.md")
    assert "asymmetric-link" not in {
        p.code for p in check_library(lib) if p.path.name in ("a.md", "b.md")
    }


def test_combined_plan_is_one_undo_step(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Old B", "b.md"))
    write_article(tmp_path, "b.md", "Real B")
    lib = Library.open(tmp_path)
    before = snapshot(tmp_path)
    plan = combine("Tidy links", [sync_link_labels(lib), make_links_symmetric(lib)])
    undo = plan.apply()
    assert len(undo.files) == 2
    undo.undo()
    assert {p: b for p, (b, _) in snapshot(tmp_path).items()} == {
        p: b for p, (b, _) in before.items()
    }


def test_rename_after_the_editor_saved_the_new_title(tmp_path: Path) -> None:
    lib = placeholder_library(tmp_path)
    write_article(tmp_path, "b.md", NEW, prev=("Library opens late", "a.md"),
                  next=("Harbour vote", "sub/c.md"))  # fmt: skip
    plan = rename_title(lib, tmp_path / "b.md", NEW, old_title="rewrite_title_placeholder")
    assert [c.path.relative_to(tmp_path).as_posix() for c in plan.changes] == [
        "a.md",
        "d.md",
        "sub/c.md",
    ]
    plan.apply()
    assert load_article(tmp_path / "d.md").prev.title == NEW  # type: ignore[union-attr]
