"""Failing saves: a clear message, the old file byte for byte, no temporary file, a retry.

The tests run as root in CI, where chmod does not stop writes, so a read-only
folder, a read-only disk and a full disk are simulated by making the system
calls of the atomic write fail the way the kernel would.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from editor.core import atomic_write
from editor.core.article import Article, load_article, new_article, save_article
from editor.core.errors import ArticleError

ORIGINAL = (
    b"---\r\ntitle: Tide tables for the autumn\r\nsummary: When to cross the causeway.\r\n"
    b"---\r\nLow water is at noon on Sundays.\r\n"
)


def _fail(code: int, text: str) -> Callable[..., object]:
    def raising(*args: object, **kwargs: object) -> object:
        raise OSError(code, text)

    return raising


#: (module attribute to break, error it raises, words the user reads)
FAULTS = {
    "read-only folder (temp file refused)": (
        "tempfile.mkstemp",
        _fail(errno.EACCES, "Permission denied"),
        "permission denied",
    ),
    "read-only folder (rename refused)": (
        "os.replace",
        _fail(errno.EACCES, "Permission denied"),
        "permission denied",
    ),
    "not permitted": ("os.replace", _fail(errno.EPERM, "Operation not permitted"), "permission"),
    "read-only disk": (
        "tempfile.mkstemp",
        _fail(errno.EROFS, "Read-only file system"),
        "read-only",
    ),
    "disk full on write": ("os.fsync", _fail(errno.ENOSPC, "No space left"), "disk is full"),
    "quota exceeded": ("os.replace", _fail(errno.EDQUOT, "Disk quota exceeded"), "quota"),
    "input/output error": ("os.fsync", _fail(errno.EIO, "Input/output error"), "Input/output"),
    "permissions not settable": ("os.chmod", _fail(errno.EPERM, "Operation not permitted"), "perm"),
}


@pytest.fixture
def article(tmp_path: Path) -> Article:
    path = tmp_path / "tides.md"
    path.write_bytes(ORIGINAL)
    loaded = load_article(path)
    loaded.title = "Tide tables for the winter"
    loaded.body += "High water follows six hours later.\n"
    return loaded


def _break(
    monkeypatch: pytest.MonkeyPatch, target: str, replacement: Callable[..., object]
) -> None:
    module_name, name = target.split(".")
    module = {"os": atomic_write.os, "tempfile": atomic_write.tempfile}[module_name]
    monkeypatch.setattr(module, name, replacement)


def _assert_untouched(article: Article, folder: Path, disk_hash: str | None) -> None:
    assert (folder / "tides.md").read_bytes() == ORIGINAL
    assert sorted(p.name for p in folder.iterdir()) == ["tides.md"]
    # The edit waits in memory for a retry or a Save As.
    assert article.is_modified()
    assert article.title == "Tide tables for the winter"
    assert article.disk_hash == disk_hash


@pytest.mark.parametrize("fault", list(FAULTS))
def test_failed_save_keeps_the_old_file_and_the_edit(
    fault: str, article: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, replacement, words = FAULTS[fault]
    disk_hash = article.disk_hash
    with monkeypatch.context() as patch:
        _break(patch, target, replacement)
        with pytest.raises(ArticleError) as info:
            save_article(article)
    message = str(info.value)
    assert words.lower() in message.lower(), message
    assert message.startswith(f"{tmp_path / 'tides.md'}: cannot save")
    _assert_untouched(article, tmp_path, disk_hash)

    # Once the disk behaves again the same article saves, without a false conflict.
    save_article(article)
    saved = (tmp_path / "tides.md").read_bytes()
    assert saved.startswith(b"---\r\ntitle: Tide tables for the winter\r\n")
    assert saved.endswith(b"High water follows six hours later.\r\n")
    assert not article.is_modified()


def test_write_cut_short_by_a_full_disk_leaves_no_partial_file(
    article: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class HalfWritten:
        """A file that takes a few bytes and then reports the disk full."""

        def __init__(self, fd: int, mode: str) -> None:
            self.handle = real_fdopen(fd, mode)

        def __enter__(self) -> HalfWritten:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

    disk_hash = article.disk_hash
    monkeypatch.setattr(atomic_write.os, "fdopen", HalfWritten)
    with pytest.raises(ArticleError, match="disk is full"):
        save_article(article)
    _assert_untouched(article, tmp_path, disk_hash)


def test_temporary_file_removal_failing_is_not_worse(
    article: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If even the clean-up fails, the user still gets the real reason."""
    monkeypatch.setattr(atomic_write.os, "replace", _fail(errno.ENOSPC, "No space left"))
    monkeypatch.setattr(atomic_write.os, "unlink", _fail(errno.EIO, "Input/output error"))
    with pytest.raises(ArticleError, match="disk is full"):
        save_article(article)
    assert (tmp_path / "tides.md").read_bytes() == ORIGINAL
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "tides.md"]
    assert all(atomic_write.is_temporary_file(name) for name in leftovers)
    assert all(name.startswith(".") and not name.endswith(".md") for name in leftovers)


def test_folder_vanished_since_opening(article: Article, tmp_path: Path) -> None:
    folder = tmp_path
    moved = Path(tempfile.mkdtemp(dir=folder.parent))
    path = article.path
    assert path is not None
    shutil.rmtree(moved)
    folder.rename(moved)
    try:
        with pytest.raises(ArticleError, match="no longer exists") as info:
            save_article(article)
        assert info.value.path == path
        assert not folder.exists()
        assert article.is_modified()
        assert article.path == path
    finally:
        moved.rename(folder)
    # Back in place: the save goes through.
    save_article(article)
    assert b"winter" in path.read_bytes()


def test_file_replaced_by_a_folder_is_not_touched(article: Article, tmp_path: Path) -> None:
    path = tmp_path / "tides.md"
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("someone else's", encoding="utf-8")
    with pytest.raises(ArticleError, match="folder"):
        save_article(article)
    assert (path / "inside.txt").read_text(encoding="utf-8") == "someone else's"
    assert article.is_modified()


def test_save_as_into_a_read_only_folder_keeps_the_article_where_it_was(
    article: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "archive"
    elsewhere.mkdir()
    original_path = article.path
    disk_hash = article.disk_hash
    with monkeypatch.context() as patch:
        _break(patch, "tempfile.mkstemp", _fail(errno.EACCES, "Permission denied"))
        with pytest.raises(ArticleError, match="permission denied") as info:
            save_article(article, elsewhere / "tides.md")
    assert info.value.path == elsewhere / "tides.md"
    assert list(elsewhere.iterdir()) == []
    assert article.path == original_path
    assert article.disk_hash == disk_hash
    assert (tmp_path / "tides.md").read_bytes() == ORIGINAL


def test_a_new_article_that_cannot_be_saved_stays_unsaved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = new_article()
    draft.title = "A first draft"
    draft.body = "Nothing on disk yet.\n"
    monkeypatch.setattr(atomic_write.os, "replace", _fail(errno.ENOSPC, "No space left"))
    with pytest.raises(ArticleError, match="disk is full"):
        save_article(draft, tmp_path / "draft.md")
    assert list(tmp_path.iterdir()) == []
    assert draft.path is None
    assert draft.is_modified()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_really_read_only_folder(article: Article, tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(ArticleError, match="permission denied"):
            save_article(article)
    finally:
        tmp_path.chmod(0o755)
    assert (tmp_path / "tides.md").read_bytes() == ORIGINAL
