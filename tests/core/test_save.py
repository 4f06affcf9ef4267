"""Saves are atomic, keep permissions, and never overwrite someone else's change.

A save writes a temporary file beside the article, fsyncs it and renames it
over the original, so a crash or a full disk leaves the old bytes; a file
that changed on disk since it was read is only overwritten when the user
says so.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from editor import load_article, save_article
from editor.core import atomic_write
from editor.core.article import Article, ConflictError, new_article, parse_article
from editor.core.atomic_write import is_temporary_file
from editor.core.disk_state import DiskChange, FileFingerprint, change_since
from editor.core.errors import ArticleError

ORIGINAL = "---\ntitle: Ferry fares rise in spring\nsummary: Tickets cost more from April.\n---\n"
ORIGINAL += "The ferry operator announced new fares today.\n"


@pytest.fixture
def article_path(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.md"
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def _disk_change(article: Article) -> DiskChange:
    assert article.path is not None and article.disk_hash is not None
    return change_since(FileFingerprint.of_hash(article.disk_hash), article.path)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_save_writes_the_change_and_nothing_else(article_path: Path) -> None:
    article = load_article(article_path)
    article.title = "Ferry fares rise in April"
    assert save_article(article) == article_path
    assert article_path.read_text(encoding="utf-8") == ORIGINAL.replace("spring", "April")
    assert _names(article_path.parent) == ["ferry.md"]
    assert not article.is_modified()
    assert _disk_change(article) is DiskChange.UNCHANGED


def test_save_goes_through_a_synced_temporary_file(
    article_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        assert is_temporary_file(Path(src).name)
        assert Path(src).parent == article_path.parent
        assert Path(src).read_text(encoding="utf-8").startswith("---\ntitle: New\n")
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(atomic_write.os, "fsync", fsync)
    monkeypatch.setattr(atomic_write.os, "replace", replace)
    article = load_article(article_path)
    article.title = "New"
    save_article(article)
    assert events[:2] == ["fsync", "replace"]


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_failed_save_leaves_the_old_file_and_no_temporary(
    article_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class FullFile:
            def __init__(self, fd: int, mode: str) -> None:
                self.handle = real_fdopen(fd, mode)

            def __enter__(self) -> FullFile:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[:10])
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic_write.os, "fdopen", FullFile)
    else:
        monkeypatch.setattr(atomic_write.os, failing, disk_full)
    article = load_article(article_path)
    article.title = "Never written"
    with pytest.raises(ArticleError, match="disk is full") as info:
        save_article(article)
    assert info.value.path == article_path
    assert article_path.read_text(encoding="utf-8") == ORIGINAL
    assert _names(article_path.parent) == ["ferry.md"]
    # The edit is still in memory, waiting for a retry.
    assert article.title == "Never written"
    assert article.is_modified()


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664, 0o755])
def test_permissions_are_kept(article_path: Path, mode: int) -> None:
    article_path.chmod(mode)
    article = load_article(article_path)
    article.title = "Changed"
    save_article(article)
    assert stat.S_IMODE(article_path.stat().st_mode) == mode


def test_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        article = new_article()
        article.title = "Fresh"
        save_article(article, tmp_path / "fresh.md")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "fresh.md").stat().st_mode) == 0o644
    assert (tmp_path / "fresh.md").read_text(encoding="utf-8") == "---\ntitle: Fresh\n---\n"


def test_conflict_when_the_file_changed_on_disk(article_path: Path) -> None:
    article = load_article(article_path)
    article.title = "Mine"
    theirs = ORIGINAL.replace("today", "this morning")
    article_path.write_text(theirs, encoding="utf-8")
    assert _disk_change(article) in (DiskChange.MODIFIED, DiskChange.REPLACED)
    with pytest.raises(ConflictError) as info:
        save_article(article)
    assert isinstance(info.value, ArticleError)
    assert info.value.path == article_path
    assert article_path.read_text(encoding="utf-8") == theirs
    assert _names(article_path.parent) == ["ferry.md"]
    # The user confirms: overwrite.
    save_article(article, force=True)
    assert load_article(article_path).title == "Mine"
    assert "today" in article_path.read_text(encoding="utf-8")


def test_untouched_save_also_refuses_to_overwrite_a_change(article_path: Path) -> None:
    article = load_article(article_path)
    article_path.write_text("someone else's text\n", encoding="utf-8")
    with pytest.raises(ConflictError):
        save_article(article)
    assert article_path.read_text(encoding="utf-8") == "someone else's text\n"


def test_same_bytes_rewritten_is_not_a_conflict(article_path: Path) -> None:
    article = load_article(article_path)
    article_path.write_text(ORIGINAL, encoding="utf-8")  # touched, same content
    article.summary = "New summary."
    save_article(article)
    assert load_article(article_path).summary == "New summary."


def test_conflict_is_checked_again_after_our_own_save(article_path: Path) -> None:
    article = load_article(article_path)
    article.title = "One"
    save_article(article)
    article.title = "Two"
    save_article(article)  # our own previous save is not a conflict
    article_path.write_text(ORIGINAL, encoding="utf-8")
    article.title = "Three"
    with pytest.raises(ConflictError):
        save_article(article)


def test_deleted_file_is_recreated(article_path: Path) -> None:
    article = load_article(article_path)
    article_path.unlink()
    assert _disk_change(article) is DiskChange.DELETED
    article.title = "Back again"
    save_article(article)
    assert load_article(article_path).title == "Back again"
    assert load_article(article_path).body == "The ferry operator announced new fares today.\n"


def test_save_as_writes_a_new_file_and_follows_it(article_path: Path) -> None:
    article = load_article(article_path)
    article.title = "Copy"
    other = article_path.parent / "other.md"
    assert save_article(article, str(other)) == other
    assert article_path.read_text(encoding="utf-8") == ORIGINAL
    assert load_article(other).title == "Copy"
    assert article.path == other
    # Later saves go to the new file and guard it against outside changes.
    article.summary = "Second save."
    save_article(article)
    assert load_article(other).summary == "Second save."
    assert article_path.read_text(encoding="utf-8") == ORIGINAL
    other.write_text("changed elsewhere\n", encoding="utf-8")
    with pytest.raises(ConflictError):
        save_article(article)


def test_save_as_untouched_copies_the_bytes(article_path: Path) -> None:
    data = ("\ufeff" + ORIGINAL.replace("\n", "\r\n")).encode("utf-8")
    article_path.write_bytes(data)
    target = article_path.parent / "copy.md"
    save_article(load_article(article_path), target)
    assert target.read_bytes() == data


def test_symlink_target_is_written_through(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "ferry.md"
    target.write_text(ORIGINAL, encoding="utf-8")
    target.chmod(0o640)
    links = tmp_path / "links"
    links.mkdir()
    link = links / "ferry.md"
    link.symlink_to(os.path.relpath(target, links))
    article = load_article(link)
    article.title = "Through the link"
    save_article(article)
    assert link.is_symlink()
    assert load_article(target).title == "Through the link"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _names(links) == ["ferry.md"]
    assert _names(real_dir) == ["ferry.md"]


def test_saving_onto_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    article = parse_article("---\ntitle: T\n---\n")
    with pytest.raises(ArticleError, match="no longer exists"):
        save_article(article, tmp_path / "gone" / "a.md")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_read_only_folder_fails_cleanly(article_path: Path) -> None:
    article = load_article(article_path)
    article.title = "Blocked"
    article_path.parent.chmod(0o555)
    try:
        with pytest.raises(ArticleError, match="permission denied"):
            save_article(article)
    finally:
        article_path.parent.chmod(0o755)
    assert article_path.read_text(encoding="utf-8") == ORIGINAL


def test_bom_and_crlf_survive_repeated_saves(article_path: Path) -> None:
    data = ("\ufeff" + ORIGINAL.replace("\n", "\r\n")).encode("utf-8")
    article_path.write_bytes(data)
    article = load_article(article_path)
    for title in ("One", "Two", "Three"):
        article.title = title
        save_article(article)
        assert article.has_bom
        assert article_path.read_bytes() == data.replace(
            b"Ferry fares rise in spring", title.encode()
        )
    save_article(article)  # untouched
    assert article_path.read_bytes().startswith(b"\xef\xbb\xbf---\r\ntitle: Three\r\n")


def test_a_broken_splice_is_refused_before_anything_is_written(
    article_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.core.codecs import yaml_codec

    def broken(*args: object, **kwargs: object) -> str:
        return "title:Glued\n  bad: indent\n"

    monkeypatch.setattr(yaml_codec, "rewrite_front_matter", broken)
    article = load_article(article_path)
    article.title = "Glued"
    with pytest.raises(ArticleError, match="would not read back") as info:
        save_article(article)
    assert info.value.path == article_path
    assert article_path.read_text(encoding="utf-8") == ORIGINAL
    assert _names(article_path.parent) == ["ferry.md"]


def test_a_splice_that_changes_a_value_is_refused(
    article_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.core.codecs import yaml_codec

    monkeypatch.setattr(yaml_codec, "rewrite_front_matter", lambda *a, **k: "title: Other\n")
    article = load_article(article_path)
    article.title = "Mine"
    with pytest.raises(ArticleError, match="would not read back as entered"):
        save_article(article)
    assert article_path.read_text(encoding="utf-8") == ORIGINAL


@pytest.mark.parametrize("body", ["---\nx: 1\n---\nText\n", "---\n\nA rule, then text.\n"])
def test_body_starting_with_dashes_stays_body(tmp_path: Path, body: str) -> None:
    path = tmp_path / "plain.md"
    path.write_text("No front matter here.\n", encoding="utf-8")
    article = load_article(path)
    article.body = body
    save_article(article)
    assert path.read_text(encoding="utf-8") == "---\n---\n" + body
    again = load_article(path)
    assert (again.metadata, again.body) == ({}, body)
