"""The library index: what a scan finds, the cache, refresh, and link resolution."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from editor.core.article import Link
from editor.core.library import Library, cache_file_for, index_file
from editor.core.library import scan as library_module
from tests.core.libhelp import deny_reading, write_article, write_chain


def test_scan_lists_articles_by_front_matter(tmp_path: Path) -> None:
    write_chain(tmp_path, ["First report", "Second report"])
    write_article(tmp_path / "sub", "deep.markdown", "Deep article")
    (tmp_path / "notes.txt").write_text("not an article")
    (tmp_path / "README.MD").write_text("no front matter\n")
    lib = Library.open(tmp_path)
    titles = sorted(e.title for e in lib)
    assert titles == ["", "Deep article", "First report", "Second report"]
    first = lib.get(tmp_path / "01.md")
    assert first is not None
    assert first.next == Link("Second report", "02.md")
    assert (first.title_line, first.summary_line, first.prev_line, first.next_line) == (
        2,
        3,
        None,
        4,
    )
    assert str(tmp_path / "sub") in lib.folders


def test_hidden_and_temporary_files_are_skipped(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Visible")
    write_article(tmp_path, ".hidden.md", "Hidden")
    write_article(tmp_path / ".git", "b.md", "In a hidden folder")
    write_article(tmp_path, ".~article-editor-a.md.x1y2.tmp", "Temp")
    lib = Library.open(tmp_path)
    assert [e.title for e in lib] == ["Visible"]


def test_invalid_front_matter_is_an_entry_with_the_error(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nbody\n")
    (tmp_path / "date.md").write_text("---\ntitle: Fine\ndate: 2026-13-45\n---\nbody\n")
    (tmp_path / "number.md").write_text("---\nsummary: x\ntitle: 2024\n---\n")
    (tmp_path / "open.md").write_text("---\ntitle: never closed\n")
    (tmp_path / "bin.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "latin.md").write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    lib = Library.open(tmp_path)
    for name in ("bad", "date", "number", "open", "bin", "latin"):
        entry = lib.get(tmp_path / f"{name}.md")
        assert entry is not None and entry.error, name
        assert entry.error_code == "invalid-front-matter"
    number = lib.get(tmp_path / "number.md")
    assert number is not None and number.error_line == 3


def test_long_front_matter_beyond_the_head_is_read_whole(tmp_path: Path) -> None:
    long_value = "word " * 10_000
    write_article(tmp_path, "long.md", "Long one", extra=f"notes: {long_value}\n")
    entry = Library.open(tmp_path).get(tmp_path / "long.md")
    assert entry is not None and entry.error is None and entry.title == "Long one"


def test_symlink_loops_are_reported_not_followed(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "A")
    os.symlink(tmp_path, tmp_path / "loop")
    os.symlink(tmp_path / "self.md", tmp_path / "self.md")
    os.symlink(tmp_path / "missing.md", tmp_path / "dangling.md")
    lib = Library.open(tmp_path)
    assert [n.code for n in lib.notices] == ["symlink-loop"]
    self_entry = lib.get(tmp_path / "self.md")
    assert self_entry is not None and self_entry.error_code == "symlink-loop"
    dangling = lib.get(tmp_path / "dangling.md")
    assert dangling is not None and dangling.error_code == "unreadable-file"
    assert lib.get(tmp_path / "a.md") is not None


def test_unreadable_file_is_an_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_article(tmp_path, "a.md", "A")
    locked = write_article(tmp_path, "locked.md", "B")
    deny_reading(monkeypatch, locked)
    lib = Library.open(tmp_path)
    entry = lib.get(locked)
    assert entry is not None and entry.error_code == "unreadable-file"
    assert "permission denied" in (entry.error or "")


def test_unlistable_folder_is_a_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_article(tmp_path / "closed", "a.md", "A")
    write_article(tmp_path, "b.md", "B")
    real_scandir = os.scandir

    def guarded(path: str) -> object:
        if str(path).endswith("closed"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    lib = Library.open(tmp_path)
    assert [(Path(n.file).name, n.code) for n in lib.notices] == [("closed", "unreadable-file")]
    assert [e.title for e in lib] == ["B"]


def test_file_vanishing_during_the_scan_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_article(tmp_path, "a.md", "A")
    gone = write_article(tmp_path, "gone.md", "Gone")
    real_index = library_module.index_file

    def vanish(path: str, size: int = -1, mtime_ns: int = -1, mode: int | None = None) -> object:
        if path == str(gone):
            gone.unlink()
        return real_index(path, size, mtime_ns, mode)

    monkeypatch.setattr(library_module, "index_file", vanish)
    lib = Library.open(tmp_path)
    assert [e.title for e in lib] == ["A"]


def test_index_file_of_a_vanished_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        index_file(str(tmp_path / "nope.md"))


def test_cache_is_used_when_size_and_mtime_match(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    cache = tmp_path / "cache"
    write_chain(folder, ["One", "Two", "Three"])
    first = Library.open(folder, cache)
    assert first.indexed_count == 3
    assert cache_file_for(first.root, cache).exists()
    again = Library.open(folder, cache)
    assert again.indexed_count == 0
    assert [e.title for e in again] == ["One", "Two", "Three"]
    assert again.articles() == first.articles()
    # An edit changes size or mtime: only that file is read again.
    write_article(folder, "02.md", "Two, revised")
    third = Library.open(folder, cache)
    assert third.indexed_count == 1
    assert [e.title for e in third] == ["One", "Two, revised", "Three"]


def test_damaged_or_foreign_cache_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    cache = tmp_path / "cache"
    write_chain(folder, ["One", "Two"])
    cache.mkdir()
    target = cache_file_for(Path(os.path.abspath(folder)), cache)
    for content in (b"{not json", b"[]", json.dumps({"format": 99}).encode()):
        target.write_bytes(content)
        lib = Library.open(folder, cache)
        assert [e.title for e in lib] == ["One", "Two"]
        assert lib.indexed_count == 2


def test_refresh_reindexes_changed_added_and_removed_files(tmp_path: Path) -> None:
    write_chain(tmp_path, ["One", "Two"])
    lib = Library.open(tmp_path)
    assert lib.refresh([tmp_path / "01.md"]) == set()  # unchanged
    write_article(tmp_path, "01.md", "One, longer title")
    assert lib.refresh([tmp_path / "01.md"]) == {str(tmp_path / "01.md")}
    new = write_article(tmp_path / "sub", "new.md", "Brand new")
    (tmp_path / "02.md").unlink()
    changed = lib.refresh([tmp_path])
    assert changed == {str(new), str(tmp_path / "02.md")}
    assert sorted(e.title for e in lib) == ["Brand new", "One, longer title"]
    assert lib.by_title("Brand new")[0].file == str(new)
    assert lib.refresh([tmp_path / "sub" / "new.md", "/elsewhere/x.md"]) == set()
    new.unlink()
    assert lib.refresh([new]) == {str(new)}


def test_resolve_by_path_then_by_title(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Alpha", next=("Beta", "b.md"))
    write_article(tmp_path, "b.md", "Beta", prev="Alpha")
    write_article(tmp_path / "sub", "c.md", "Gamma", prev=("Beta", "../b.md"), next=("x", "/a.md"))
    write_article(tmp_path, "d.md", "Delta", next=Link("Web", None, "https://example.org").title)
    lib = Library.open(tmp_path)
    a, b, c = (lib.get(tmp_path / n) for n in ("a.md", "b.md", "sub/c.md"))
    assert a is not None and b is not None and c is not None
    assert lib.resolve(a, a.next) == b
    assert lib.resolve(b, b.prev) == a
    assert lib.resolve(c, c.prev) == b
    assert lib.resolve(c, c.next) == a  # "/a.md" is relative to the library folder
    assert lib.resolve(a, Link("Web", None, "https://example.org")) is None
    assert lib.resolve(a, Link("Nobody has this title")) is None
    assert lib.neighbour(tmp_path / "a.md", "next") == b
    assert lib.link_path_between(tmp_path / "sub" / "c.md", tmp_path / "a.md") == "../a.md"


def test_links_outside_the_folder_resolve_on_demand(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    write_article(tmp_path / "other", "x.md", "Outside")
    write_article(folder, "a.md", "Inside", next=("Outside", "../other/x.md"))
    lib = Library.open(folder)
    a = lib.get(folder / "a.md")
    assert a is not None
    target = lib.resolve(a, a.next)
    assert target is not None and target.title == "Outside"
    assert len(lib) == 1  # outside articles are not members


def test_non_recursive_library_and_include(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "A")
    write_article(tmp_path / "sub", "b.md", "B")
    odd = tmp_path / "notes.txt"
    odd.write_text("---\ntitle: Notes\n---\n")
    lib = Library(tmp_path, recursive=False)
    lib.scan()
    assert [e.title for e in lib] == ["A"]
    entry = lib.include(odd)
    assert entry is not None and entry.title == "Notes"
    assert odd in lib
    assert lib.include(tmp_path / "sub") is None


def test_cache_survives_rescans_with_unicode(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    cache = tmp_path / "cache"
    write_article(folder, "é.md", "Café society «returns»", next=("Ünïcode", "ü.md"))
    write_article(folder, "ü.md", "Ünïcode", prev=("Café society «returns»", "é.md"))
    Library.open(folder, cache)
    lib = Library.open(folder, cache)
    assert lib.indexed_count == 0
    assert [e.title for e in lib] == ["Café society «returns»", "Ünïcode"]


def test_refreshing_a_folder_leaves_indexed_subfolders_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_article(tmp_path, "top.md", "Top")
    write_article(tmp_path / "keep", "k.md", "Kept")
    write_article(tmp_path / "drop", "d.md", "Dropped")
    lib = Library.open(tmp_path)
    import shutil

    shutil.rmtree(tmp_path / "drop")
    write_article(tmp_path, "added.md", "Added")
    read: list[str] = []
    real_index = library_module.index_file

    def counting(path: str, size: int = -1, mtime_ns: int = -1, mode: int | None = None) -> object:
        read.append(Path(path).name)
        return real_index(path, size, mtime_ns, mode)

    monkeypatch.setattr(library_module, "index_file", counting)
    changed = lib.refresh([tmp_path])
    assert {Path(f).name for f in changed} == {"added.md", "d.md"}
    assert read == ["added.md"]
    assert sorted(e.title for e in lib) == ["Added", "Kept", "Top"]
    assert str(tmp_path / "drop") not in lib.folders


def test_pretty_links_lead_to_the_article(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Alpha", next=("Beta", "b"))
    write_article(tmp_path, "b.md", "Beta", prev=("Alpha", "a.md"), next=("Gamma", "gamma/"))
    write_article(tmp_path / "gamma", "index.md", "Gamma", prev=("Beta", "../b.md"))
    write_article(tmp_path, "d.md", "Delta", next=("Nothing", "nothing/"))
    lib = Library.open(tmp_path)
    a, b, d = (lib.get(tmp_path / n) for n in ("a.md", "b.md", "d.md"))
    assert a is not None and b is not None and d is not None
    assert lib.resolve(a, a.next) == b
    gamma = lib.resolve(b, b.next)
    assert gamma is not None and gamma.title == "Gamma"
    assert lib.resolve(d, d.next) is None
