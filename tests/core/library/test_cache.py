"""The index cache: a row per file that restores the entry exactly, and only for its own folder."""

from __future__ import annotations

import json
from pathlib import Path

from editor.core.article import Link
from editor.core.library.cache import (
    CACHE_FORMAT,
    CHUNK_ROWS,
    cache_file_for,
    entry_from_row,
    entry_to_row,
    load_rows,
    save_rows,
)
from editor.core.library.entry import INVALID, LibraryEntry


def test_a_row_restores_every_field_of_an_entry() -> None:
    entry = LibraryEntry(
        "/lib/a.md",
        title="Harbour vote",
        summary="The council voted.",
        prev=Link("Before", "before.md", None),
        next=Link("After", None, "https://example.org/after"),
        title_line=2,
        summary_line=3,
        prev_line=4,
        next_line=7,
        size=120,
        mtime_ns=99,
    )
    broken = LibraryEntry("/lib/b.md", error="bad", error_code=INVALID, error_line=3, size=9)
    for original in (entry, broken):
        row = json.loads(json.dumps(entry_to_row("a.md", original)))
        assert entry_from_row(original.file, row) == original


def test_saved_rows_load_back_for_the_same_folder_only(tmp_path: Path) -> None:
    root, other, cache = tmp_path / "lib", tmp_path / "other", tmp_path / "cache"
    rows = [entry_to_row("a.md", LibraryEntry(str(root / "a.md"), title="A", size=1))]
    assert save_rows(root, cache, rows)
    assert load_rows(root, cache) == {"a.md": rows[0]}
    assert load_rows(other, cache) == {}
    assert load_rows(root, None) == {}


def test_a_damaged_or_older_cache_is_ignored(tmp_path: Path) -> None:
    root, cache = tmp_path / "lib", tmp_path / "cache"
    cache.mkdir()
    file = cache_file_for(root, cache)
    file.write_text("{not json", encoding="utf-8")
    assert load_rows(root, cache) == {}
    old = {"format": CACHE_FORMAT - 1, "root": str(root), "entries": []}
    file.write_text(json.dumps(old), encoding="utf-8")
    assert load_rows(root, cache) == {}
    short_row = {"format": CACHE_FORMAT, "root": str(root), "entries": [["a.md", 1]]}
    file.write_text(json.dumps(short_row), encoding="utf-8")
    assert load_rows(root, cache) == {}


def test_a_cache_that_cannot_be_written_is_only_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert not save_rows(tmp_path / "lib", blocker / "cache", [])
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_many_rows_and_awkward_titles_survive_the_line_by_line_file(tmp_path: Path) -> None:
    root, cache = tmp_path / "lib", tmp_path / "cache"
    titles = ["Line one\nline two", "Para\u2029graph \u2028 separators", "Tab\tand \\ slash"]
    rows = [
        entry_to_row(f"{n:05d}.md", LibraryEntry(str(root / f"{n:05d}.md"), title=titles[n % 3]))
        for n in range(CHUNK_ROWS * 3 + 7)  # several chunks and a short last one
    ]
    assert save_rows(root, cache, rows)
    assert cache_file_for(root, cache).read_text(encoding="utf-8").count("\n") == len(rows)
    loaded = load_rows(root, cache)
    assert len(loaded) == len(rows)
    assert [loaded[r[0]][3] for r in rows] == [r[3] for r in rows]


def test_a_cache_cut_short_mid_row_is_ignored(tmp_path: Path) -> None:
    root, cache = tmp_path / "lib", tmp_path / "cache"
    rows = [
        entry_to_row(f"{n}.md", LibraryEntry(str(root / f"{n}.md"), title="T")) for n in range(5)
    ]
    assert save_rows(root, cache, rows)
    file = cache_file_for(root, cache)
    file.write_bytes(file.read_bytes()[:-10])  # a disk that filled up while writing
    assert load_rows(root, cache) == {}
