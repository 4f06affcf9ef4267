"""The scan on its own: entries, folders and notices, and the cache that spares re-reading."""

from __future__ import annotations

from pathlib import Path

from editor.core.library.scan import Scanning
from tests.core.libhelp import write_article


def test_a_scan_lists_articles_and_folders_and_skips_other_files(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "A")
    write_article(tmp_path / "sub", "b.markdown", "B")
    (tmp_path / "notes.txt").write_text("not an article", encoding="utf-8")
    write_article(tmp_path / ".hidden", "c.md", "Hidden")
    scan = Scanning(tmp_path)
    scan.scan()
    assert sorted(e.title for e in scan.entries.values()) == ["A", "B"]
    assert scan.folders == {str(tmp_path), str(tmp_path / "sub")}
    assert scan.notices == []


def test_a_second_scan_takes_unchanged_files_from_the_cache(tmp_path: Path) -> None:
    write_article(tmp_path / "lib", "a.md", "A")
    write_article(tmp_path / "lib", "b.md", "B")
    first = Scanning(tmp_path / "lib", tmp_path / "cache")
    first.scan()
    assert first.indexed_count == 2 and first.cache_stale
    first.save_cache()
    assert not first.cache_stale
    write_article(tmp_path / "lib", "b.md", "B changed")
    second = Scanning(tmp_path / "lib", tmp_path / "cache")
    second.scan()
    assert second.indexed_count == 1
    assert sorted(e.title for e in second.entries.values()) == ["A", "B changed"]


def test_a_flat_scan_leaves_subfolders_out(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "A")
    write_article(tmp_path / "sub", "b.md", "B")
    scan = Scanning(tmp_path, recursive=False)
    scan.scan()
    assert [e.title for e in scan.entries.values()] == ["A"]


def test_the_scan_counts_the_files_that_are_not_articles(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "quay.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "notes.txt").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden files are not counted", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    scan = Scanning(tmp_path)
    scan.scan()
    assert len(scan.entries) == 1
    assert scan.other_files == 2
