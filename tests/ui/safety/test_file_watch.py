"""The watch reports another program's change or deletion of the file once, not its own reads."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from editor.core.disk_state import FileFingerprint
from editor.ui.safety.file_watch import FileWatch

ARTICLE = "---\ntitle: Harbour vote\n---\nThe council voted.\n"


def as_read(path: Path) -> FileFingerprint:
    """What the buffer knows of the file it just read (the argument ``watch`` takes)."""
    return FileFingerprint.of(path, content_hash=True)


def replace_like_an_editor(path: Path, text: str) -> None:
    """Write a new file and rename it over the old one, as vim or a sync tool does."""
    temporary = path.with_name(path.name + ".new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_a_replaced_file_is_reported_once_and_both_file_and_folder_are_watched(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    watch = FileWatch()
    watch.watch(path, as_read(path))
    assert watch.watched_paths() == sorted([str(path), str(tmp_path)])
    assert watch.check_now() is not None
    changes: list[Path] = []
    watch.changedOnDisk.connect(changes.append)
    replace_like_an_editor(path, ARTICLE.replace("voted", "voted again"))
    qtbot.waitUntil(lambda: changes == [path], timeout=5000)
    watch.check_now(thorough=True)
    assert changes == [path]  # the same change is not reported twice
    watch.stop()
    assert watch.watched_paths() == []


def test_a_deleted_file_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    watch = FileWatch()
    watch.watch(path, as_read(path))
    with qtbot.waitSignal(watch.deletedOnDisk, timeout=5000) as deleted:
        path.unlink()
    assert deleted.args == [path]
    watch.stop()


def test_identical_bytes_written_again_are_not_a_change(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    watch = FileWatch()
    watch.watch(path, as_read(path))
    changes: list[Path] = []
    watch.changedOnDisk.connect(changes.append)
    replace_like_an_editor(path, ARTICLE)
    result = watch.check_now(thorough=True)
    assert result is not None and not result.content_changed
    assert changes == []
    watch.stop()
