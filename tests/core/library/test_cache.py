"""The index cache: restores every entry exactly, for its own folder only, and never misleads.

An old, damaged, foreign or cut-short cache file must be ignored (the scan
reads every file again), never crash and never list what it held.
"""

from __future__ import annotations

import json
import marshal
import os
import zlib
from pathlib import Path

import pytest

from editor.core.article import Link
from editor.core.library import Library
from editor.core.library.cache import (
    CACHE_FORMAT,
    CHUNK_ROWS,
    cache_file_for,
    entry_from_row,
    entry_to_row,
    load_index,
    save_index,
)
from editor.core.library.entry import INVALID, SYMLINK_LOOP, LibraryEntry, ScanNotice
from tests.core.libhelp import write_article


def _entry(root: Path, name: str, **fields: object) -> LibraryEntry:
    return LibraryEntry(str(root / name), **fields)  # type: ignore[arg-type]


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
        front_matter_format="toml",
    )
    broken = LibraryEntry("/lib/b.md", error="bad", error_code=INVALID, error_line=3, size=9)
    for original in (entry, broken):
        row = marshal.loads(marshal.dumps(entry_to_row("a.md", original)))
        assert entry_from_row(original.file, row) == original


def test_saved_index_loads_back_whole_for_the_same_folder_only(tmp_path: Path) -> None:
    root, other, cache = tmp_path / "lib", tmp_path / "other", tmp_path / "cache"
    entries = [
        _entry(root, "a.md", title="A", size=1, mtime_ns=5, next=Link("B", "b.md")),
        _entry(root, "sub/b.md", title="B", size=2, prev=Link("A", "../a.md")),
        _entry(root, "never-read.md", error="gone", size=-1),  # nothing to keep
    ]
    notices = [ScanNotice(str(root / "loop"), SYMLINK_LOOP, "the folder link loops")]
    folders = {str(root), str(root / "sub")}
    assert save_index(root, cache, entries, folders, notices, other_files=3)
    loaded = load_index(root, cache)
    assert loaded is not None
    assert loaded.entries == {e.file: e for e in entries[:2]}
    assert (loaded.folders, loaded.notices, loaded.other_files) == (folders, notices, 3)
    assert load_index(other, cache) is None
    assert load_index(root, None) is None


def test_equal_titles_are_written_once(tmp_path: Path) -> None:
    root, cache = tmp_path / "lib", tmp_path / "cache"
    title = "A long headline that links from the article before it point to " * 3
    entries = [_entry(root, "a.md", title=title, size=1)] + [
        _entry(root, f"{n}.md", title=f"{n}", prev=Link(title, "a.md"), size=1) for n in range(50)
    ]
    assert save_index(root, cache, entries)
    assert cache_file_for(root, cache).stat().st_size < len(title) * 25  # not 51 copies
    loaded = load_index(root, cache)
    assert loaded is not None and loaded.entries == {e.file: e for e in entries}


def _damage(file: Path, how: str) -> None:
    data = file.read_bytes()
    header, _newline, payload = data.partition(b"\n")
    values = json.loads(header)
    if how == "cut short":
        file.write_bytes(data[:-10])  # a disk that filled up while writing
    elif how == "flipped byte":
        middle = len(header) + 1 + len(payload) // 2
        file.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif how == "older format":
        values["format"] = CACHE_FORMAT - 1
        file.write_bytes(json.dumps(values).encode() + b"\n" + payload)
    elif how == "another python":
        values["writer"] = "cpython-2.7-2"
        file.write_bytes(json.dumps(values).encode() + b"\n" + payload)
    elif how == "format 3 lines":
        root = values["root"]
        file.write_text(json.dumps({"format": 3, "root": root}) + '\n["a.md",1,2]\n')
    elif how == "not json":
        file.write_bytes(b"{not json\n" + payload)
    elif how == "no line break":
        file.write_bytes(b"\x00" * 64)
    elif how == "empty":
        file.write_bytes(b"")
    elif how == "valid checksum, wrong rows":
        bogus = marshal.dumps((("a.md", 1),))
        values["crc32"], values["chunks"] = zlib.crc32(bogus), [len(bogus)]
        file.write_bytes(json.dumps(values).encode() + b"\n" + bogus)
    elif how == "chunks past the end":
        values["chunks"] = [*values["chunks"], 10]
        file.write_bytes(json.dumps(values).encode() + b"\n" + payload)
    elif how == "chunks short of the end":
        values["chunks"] = values["chunks"][:-1]
        file.write_bytes(json.dumps(values).encode() + b"\n" + payload)
    elif how == "valid checksum, not marshal":
        bogus = b"\xff\xfe not marshal at all"
        values["crc32"], values["chunks"] = zlib.crc32(bogus), [len(bogus)]
        file.write_bytes(json.dumps(values).encode() + b"\n" + bogus)
    elif how == "wrong row count":
        values["rows"] = values["rows"] + 1
        file.write_bytes(json.dumps(values).encode() + b"\n" + payload)


DAMAGE = [
    "cut short", "flipped byte", "older format", "another python", "format 3 lines",
    "not json", "no line break", "empty", "valid checksum, wrong rows",
    "valid checksum, not marshal", "wrong row count", "chunks past the end",
    "chunks short of the end",
]  # fmt: skip


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_older_or_foreign_cache_is_ignored_and_the_folder_read_again(
    tmp_path: Path, how: str
) -> None:
    folder, cache = tmp_path / "lib", tmp_path / "cache"
    for n in range(CHUNK_ROWS + 5):  # two chunks
        write_article(folder, f"{n:04d}.md", f"Title {n}")
    first = Library.open(folder, cache)
    file = cache_file_for(first.root, cache)
    _damage(file, how)
    assert load_index(first.root, cache) is None
    reopened = Library(folder, cache)
    assert not reopened.load_cache()
    assert reopened.entries == {}
    again = Library.open(folder, cache)
    assert again.indexed_count == len(first) and again.entries == first.entries
    assert load_index(first.root, cache) is not None  # written afresh


def test_a_cache_that_cannot_be_written_is_only_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert not save_index(tmp_path / "lib", blocker / "cache", [])
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_many_rows_and_awkward_titles_survive(tmp_path: Path) -> None:
    root, cache = tmp_path / "lib", tmp_path / "cache"
    titles = ["Line one\nline two", "Para\u2029graph \u2028 separators", "Tab\tand \\ slash \x00"]
    entries = [
        _entry(root, f"{n:05d}.md", title=titles[n % 3], size=n)
        for n in range(CHUNK_ROWS * 3 + 7)  # several chunks and a short last one
    ]
    assert save_index(root, cache, entries)
    loaded = load_index(root, cache)
    assert loaded is not None
    assert [loaded.entries[e.file].title for e in entries] == [e.title for e in entries]


def test_a_cached_library_lists_without_reading_a_file(tmp_path: Path) -> None:
    folder, cache = tmp_path / "lib", tmp_path / "cache"
    write_article(folder, "a.md", "Harbour vote")
    write_article(folder / "sub", "b.md", "Night ferry")
    (folder / "picture.png").write_bytes(b"png")
    first = Library.open(folder, cache)
    (folder / "a.md").unlink()  # the cache still lists it until a scan checks
    cached = Library(folder, cache)
    assert cached.load_cache()
    assert cached.entries == first.entries
    assert (cached.folders, cached.other_files) == (first.folders, 1)
    cached.scan()
    assert [e.title for e in cached] == ["Night ferry"]
    assert cached.indexed_count == 0 and cached.cache_stale


def test_an_unchanged_rescan_keeps_its_entries_and_the_cache_file(tmp_path: Path) -> None:
    folder, cache = tmp_path / "lib", tmp_path / "cache"
    write_article(folder, "a.md", "Harbour vote")
    Library.open(folder, cache)
    written = os.stat(cache_file_for(Library(folder).root, cache)).st_mtime_ns
    cached = Library(folder, cache)
    assert cached.load_cache()
    kept = dict(cached.entries)
    cached.scan()
    assert not cached.cache_stale and cached.indexed_count == 0
    assert all(cached.entries[f] is e for f, e in kept.items())  # nothing rebuilt
    assert os.stat(cache_file_for(cached.root, cache)).st_mtime_ns == written
