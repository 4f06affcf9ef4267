"""Telling edits in place, deletions and rename-replaces of the open file apart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core import disk_state
from editor.core.article import load_article, save_article
from editor.core.disk_state import DiskChange, FileFingerprint, compare, sha256_of

TEXT = b"---\ntitle: Swimming at dawn\n---\nThe water is colder than it looks.\n"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "dawn.md"
    target.write_bytes(TEXT)
    return target


def _age(path: Path, seconds: int = 60) -> None:
    """Make the file look old, so stat alone may decide."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 1_000_000_000))


def _rename_over(path: Path, data: bytes) -> None:
    """What vim and git do: write a new file, rename it over the old one."""
    new = path.with_name(".dawn.md.swp")
    new.write_bytes(data)
    os.replace(new, path)


def test_fingerprint_of_a_file(path: Path) -> None:
    print_ = FileFingerprint.of(path, content_hash=True)
    assert print_.exists
    assert print_.size == len(TEXT)
    assert print_.inode == path.stat().st_ino
    assert print_.sha256 == sha256_of(path) == load_article(path).disk_hash


@pytest.mark.parametrize("make", ["missing", "folder", "dangling link"])
def test_what_is_not_a_file_counts_as_missing(tmp_path: Path, make: str) -> None:
    target = tmp_path / "x.md"
    if make == "folder":
        target.mkdir()
    elif make == "dangling link":
        target.symlink_to(tmp_path / "nowhere.md")
    assert not FileFingerprint.of(target).exists
    assert not FileFingerprint.of(target, content_hash=True).exists


def test_unchanged_old_file_is_decided_by_stat_alone(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(path)
    old = FileFingerprint.of(path, content_hash=True)
    monkeypatch.setattr(disk_state, "sha256_of", lambda p: pytest.fail("read the file"))
    result = compare(old, path)
    assert result.change is DiskChange.UNCHANGED
    assert not result.content_changed
    assert not result.needs_rewatch


def test_unchanged_recent_file_is_checked_by_content(path: Path) -> None:
    old = FileFingerprint.of(path, content_hash=True)
    assert compare(old, path).change is DiskChange.UNCHANGED


def test_edit_in_place(path: Path) -> None:
    old = FileFingerprint.of(path, content_hash=True)
    with path.open("ab") as handle:
        handle.write(b"Another line.\n")
    result = compare(old, path)
    assert result.change is DiskChange.MODIFIED
    assert result.content_changed
    assert not result.needs_rewatch
    assert result.now.sha256 == sha256_of(path)


def test_same_size_same_timestamp_edit_is_caught(path: Path) -> None:
    """Within one timestamp tick stat cannot see a same-length edit; the hash does."""
    old = FileFingerprint.of(path, content_hash=True)
    info = path.stat()
    with path.open("r+b") as handle:
        handle.write(b"---\ntitle: Swimming at dusk")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    result = compare(old, path)
    assert result.change is DiskChange.MODIFIED


def test_thorough_compare_reads_even_old_files(path: Path) -> None:
    _age(path)
    old = FileFingerprint.of(path, content_hash=True)
    info = path.stat()
    with path.open("r+b") as handle:
        handle.write(b"---\ntitle: Swimming at dusk")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert compare(old, path, thorough=True).change is DiskChange.MODIFIED


def test_deleted(path: Path) -> None:
    old = FileFingerprint.of(path, content_hash=True)
    path.unlink()
    result = compare(old, path)
    assert result.change is DiskChange.DELETED
    assert result.needs_rewatch
    assert not result.now.exists


def test_missing_and_still_missing(tmp_path: Path) -> None:
    result = compare(FileFingerprint.missing(), tmp_path / "never.md")
    assert result.change is DiskChange.UNCHANGED


def test_created_after_deletion(path: Path) -> None:
    gone = FileFingerprint.missing()
    result = compare(gone, path)
    assert result.change is DiskChange.CREATED
    assert result.content_changed
    assert result.now.sha256 == sha256_of(path)


def test_rename_replace_with_new_content(path: Path) -> None:
    old = FileFingerprint.of(path, content_hash=True)
    _rename_over(path, TEXT.replace(b"colder", b"warmer"))
    result = compare(old, path)
    assert result.change is DiskChange.REPLACED
    assert result.content_changed
    assert result.needs_rewatch


def test_rename_replace_with_the_same_bytes(path: Path) -> None:
    """vim ':w' without edits, or git checkout of the same blob: rewatch, do not reload."""
    _age(path)
    old = FileFingerprint.of(path, content_hash=True)
    _rename_over(path, TEXT)
    _age(path)
    result = compare(old, path)
    assert result.change is DiskChange.REPLACED
    assert not result.content_changed
    assert result.needs_rewatch


def test_our_own_save_becomes_the_new_baseline(path: Path) -> None:
    article = load_article(path)
    baseline = FileFingerprint.of(path).with_sha256(article.disk_hash)
    article.title = "Swimming at noon"
    save_article(article)
    # The atomic save is itself a rename-replace; the window takes the new
    # fingerprint with the article's new hash and sees nothing to act on.
    result = compare(baseline, path)
    assert result.change is DiskChange.REPLACED and result.content_changed
    after_save = FileFingerprint.of(path).with_sha256(article.disk_hash)
    assert compare(after_save, path).change is DiskChange.UNCHANGED


def test_through_a_symlink_the_target_is_compared(tmp_path: Path, path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(path)
    old = FileFingerprint.of(link, content_hash=True)
    assert old.inode == path.stat().st_ino
    with path.open("ab") as handle:
        handle.write(b"More.\n")
    assert compare(old, link).change is DiskChange.MODIFIED
