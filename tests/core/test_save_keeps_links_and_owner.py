"""Saving keeps hard links, owner, group and extended attributes of the file.

A save by rename made a new file: ``hard.md`` (a second link to the same
file) silently kept the old title, and a file owned by 1234:1234 became
root's when root saved it. Such files are now rewritten in place after the
new text is safe in a backup, and a replaced file gets the old owner.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core import atomic_write
from editor.core.article import load_article, save_article
from editor.core.atomic_write import BACKUP_SUFFIX, atomic_write_bytes, in_place_backups

pytestmark = pytest.mark.skipif(os.name != "posix", reason="hard links and owners are POSIX")

TEXT = "---\ntitle: Harbour vote\n---\nThe council met.\n"


def _article(folder: Path) -> Path:
    (folder / "real").mkdir()
    path = folder / "real" / "t.md"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_a_hard_link_keeps_seeing_the_saved_text(tmp_path: Path) -> None:
    real = _article(tmp_path)
    hard = tmp_path / "hard.md"
    os.link(real, hard)
    (tmp_path / "link.md").symlink_to(real)
    inode = real.stat().st_ino
    for opened in (tmp_path / "link.md", real):
        article = load_article(opened)
        article.title = f"Changed through {opened.name}"
        save_article(article)
        assert real.stat().st_nlink == 2
        assert real.stat().st_ino == inode
        assert load_article(hard).title == f"Changed through {opened.name}"
    assert (tmp_path / "link.md").is_symlink()
    assert in_place_backups(real) == []


@pytest.mark.skipif(os.name == "posix" and os.geteuid() != 0, reason="only root can chown")
def test_root_saving_keeps_the_owner_and_group(tmp_path: Path) -> None:
    path = _article(tmp_path)
    os.chown(path, 1234, 1234)
    path.chmod(0o640)
    article = load_article(path)
    article.title = "Saved by root"
    save_article(article)
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (1234, 1234)
    assert info.st_mode & 0o777 == 0o640
    assert load_article(path).title == "Saved by root"


def test_when_the_owner_cannot_be_given_the_file_is_rewritten_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _article(tmp_path)
    inode = path.stat().st_ino
    monkeypatch.setattr(atomic_write, "_can_give_owner", lambda _info: False)
    article = load_article(path)
    article.title = "Someone else's file"
    save_article(article)
    assert path.stat().st_ino == inode
    assert load_article(path).title == "Someone else's file"
    assert in_place_backups(path) == []


def test_chown_refused_at_the_last_moment_falls_back_to_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _article(tmp_path)
    inode = path.stat().st_ino

    def refuse(*_args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic_write.os, "chown", refuse)
    monkeypatch.setattr(atomic_write.os, "stat", _stat_with_other_owner(path))
    atomic_write_bytes(path, b"new text\n")
    assert path.read_bytes() == b"new text\n"
    assert os.lstat(path).st_ino == inode
    assert not [n for n in os.listdir(tmp_path / "real") if n.startswith(".")]


def _stat_with_other_owner(path: Path):  # type: ignore[no-untyped-def]
    """os.stat, reporting the article's temporary file as owned by someone else."""
    real_stat = os.stat

    def fake(target: object, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(target, *args, **kwargs)  # type: ignore[arg-type]
        if os.path.basename(str(target)).startswith(atomic_write.TEMP_PREFIX):
            values = list(info)
            values[4] = info.st_uid + 1  # st_uid
            return os.stat_result(values)
        return info

    return fake


def test_a_crash_during_the_in_place_write_leaves_the_whole_new_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _article(tmp_path)
    os.link(real, tmp_path / "hard.md")
    new = TEXT.replace("Harbour vote", "After the crash").encode()

    def killed(_fd: int, _data: bytes) -> None:
        raise KeyboardInterrupt  # stands for SIGKILL: nothing after this runs

    monkeypatch.setattr(atomic_write, "_rewrite", killed)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(real, new)
    [backup] = in_place_backups(real)
    assert backup.name.endswith(BACKUP_SUFFIX)
    assert backup.read_bytes() == new


def test_a_failed_in_place_write_puts_the_old_bytes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _article(tmp_path)
    os.link(real, tmp_path / "hard.md")
    calls = {"n": 0}
    real_rewrite = atomic_write._rewrite

    def full_disk_once(fd: int, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            os.write(fd, b"half")
            raise OSError(28, "No space left on device")
        real_rewrite(fd, data)

    monkeypatch.setattr(atomic_write, "_rewrite", full_disk_once)
    with pytest.raises(Exception, match="disk is full"):
        atomic_write_bytes(real, b"much longer new text\n" * 10)
    assert real.read_text(encoding="utf-8") == TEXT
    assert in_place_backups(real) == []


def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = _article(tmp_path)
    if not hasattr(os, "setxattr"):
        pytest.skip("this platform's Python cannot read extended attributes")
    try:
        os.setxattr(path, "user.article-editor-test", b"kept")
    except OSError as exc:
        pytest.skip(f"this file system refuses user extended attributes: {exc}")
    inode = path.stat().st_ino
    article = load_article(path)
    article.title = "With attributes"
    save_article(article)
    assert path.stat().st_ino != inode  # the atomic replace, not the in-place path
    assert os.getxattr(path, "user.article-editor-test") == b"kept"


@pytest.mark.parametrize("make", ["fifo", "device"])
def test_saving_over_a_special_file_is_refused(tmp_path: Path, make: str) -> None:
    path = tmp_path / "odd.md"
    if make == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/null")
    with pytest.raises(Exception, match="has that name"):
        atomic_write_bytes(path, b"text")
    assert path.is_fifo() if make == "fifo" else path.is_char_device()
