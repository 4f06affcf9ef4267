"""Another program changes, replaces or deletes the open file: the window follows.

Unmodified buffers reload quietly with the cursor kept; modified ones get
the banner; deletions get the deleted banner and count as unsaved; editors
that write a new file and rename it over the old one (vim, git checkout,
sync tools) are followed, again and again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.core.atomic_write import TEMP_PREFIX, TEMP_SUFFIX
from editor.ui.safety.change_banner import BannerKind
from editor.ui.shell import prompts
from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import type_at_end

Factory = Callable[..., MainWindow]

ORIGINAL = (
    "---\ntitle: Lifeboat crew trains at night\n---\n"
    "The crew practised in rough water.\nThe boat returned at midnight.\n"
)
WAIT = 5000


@pytest.fixture
def article_path(tmp_path: Path) -> Path:
    path = tmp_path / "lifeboat.md"
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def write_in_place(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)


def rename_over(path: Path, text: str) -> None:
    """vim's and git's way: a new file beside it, renamed over the old one."""
    new = path.with_name(f".{path.name}.swp")
    new.write_text(text, encoding="utf-8")
    os.replace(new, path)


def body(window: MainWindow) -> str:
    return window.document.body_text()


def place_cursor(window: MainWindow, position: int) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(position)
    window.editor.setTextCursor(cursor)


@pytest.mark.parametrize("write", [write_in_place, rename_over], ids=["in place", "rename"])
def test_unmodified_buffer_reloads_quietly_keeping_the_cursor(
    qtbot: QtBot, make_window: Factory, article_path: Path, write: Callable[[Path, str], None]
) -> None:
    window = make_window(article_path)
    place_cursor(window, 20)
    write(article_path, ORIGINAL.replace("rough water", "a heavy swell"))
    qtbot.waitUntil(lambda: "a heavy swell" in body(window), timeout=WAIT)
    assert not window.document.is_modified()
    assert window.editor.textCursor().position() == 20
    assert window.safety.banner.kind is BannerKind.HIDDEN
    assert "changed by another program" in window.statusBar().currentMessage()


def test_repeated_rename_replaces_are_all_followed(
    qtbot: QtBot, make_window: Factory, article_path: Path
) -> None:
    window = make_window(article_path)
    for n in range(4):
        rename_over(article_path, ORIGINAL + f"Update number {n}.\n")
        qtbot.waitUntil(lambda n=n: f"Update number {n}." in body(window), timeout=WAIT)
    assert str(article_path) in window.safety.watch.watched_paths()
    assert str(article_path.parent) in window.safety.watch.watched_paths()


def test_modified_buffer_gets_the_banner_and_keeps_the_edits(
    qtbot: QtBot, make_window: Factory, article_path: Path
) -> None:
    window = make_window(article_path)
    type_at_end(qtbot, window, "My own closing line.")
    rename_over(article_path, ORIGINAL.replace("midnight", "one o'clock"))
    banner = window.safety.banner
    qtbot.waitUntil(lambda: banner.kind is BannerKind.CHANGED, timeout=WAIT)
    assert banner.isVisible()
    assert banner.button_texts() == ["Reload", "Keep Mine", "Compare"]
    assert "lifeboat.md" in banner.label.text()
    assert body(window).endswith("My own closing line.")
    assert window.document.is_modified()

    banner.reload_button.click()
    assert "one o'clock" in body(window)
    assert "My own closing line." not in body(window)
    assert not window.document.is_modified()
    assert not banner.isVisible()


def test_keep_mine_then_save_asks_before_overwriting(
    qtbot: QtBot, make_window: Factory, article_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(article_path)
    type_at_end(qtbot, window, "Mine.")
    theirs = ORIGINAL.replace("night", "dawn")
    write_in_place(article_path, theirs)
    banner = window.safety.banner
    qtbot.waitUntil(lambda: banner.kind is BannerKind.CHANGED, timeout=WAIT)
    banner.keep_button.click()
    assert not banner.isVisible()

    answers = [False, True]
    asked: list[str] = []

    def confirm(_parent: object, name: str) -> bool:
        asked.append(name)
        return answers.pop(0)

    monkeypatch.setattr(prompts, "confirm_overwrite_changed_file", confirm)
    assert not window.save()  # the writer hesitates: nothing written
    assert article_path.read_text(encoding="utf-8") == theirs
    assert window.save()  # then overwrites knowingly
    assert asked == ["lifeboat.md", "lifeboat.md"]
    assert article_path.read_text(encoding="utf-8").endswith("Mine.")
    qtbot.wait(300)  # our own save's watcher event must not raise the banner
    assert not banner.isVisible()


def test_compare_shows_both_versions_and_can_reload(
    qtbot: QtBot, make_window: Factory, article_path: Path
) -> None:
    window = make_window(article_path)
    type_at_end(qtbot, window, "Draft sentence.")
    theirs = ORIGINAL.replace("practised", "trained")
    rename_over(article_path, theirs)
    banner = window.safety.banner
    qtbot.waitUntil(lambda: banner.kind is BannerKind.CHANGED, timeout=WAIT)
    banner.compare_button.click()
    dialog = window.safety.compare_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.left_view.toPlainText().endswith("Draft sentence.")
    assert dialog.right_view.toPlainText() == theirs
    dialog.buttons["reload"].click()
    assert "trained" in body(window)
    assert not window.document.is_modified()


def test_deleted_file_shows_the_banner_and_saving_recreates_it(
    qtbot: QtBot, make_window: Factory, article_path: Path
) -> None:
    window = make_window(article_path)
    article_path.unlink()
    banner = window.safety.banner
    qtbot.waitUntil(lambda: banner.kind is BannerKind.DELETED, timeout=WAIT)
    assert banner.button_texts() == ["Save", "Save As…", "Dismiss"]
    assert "deleted or moved" in banner.label.text()
    # The text exists only in the window now: closing must ask.
    assert window.document.is_modified()

    banner.save_button.click()
    assert article_path.read_text(encoding="utf-8") == ORIGINAL
    assert not window.document.is_modified()
    assert not banner.isVisible()


def test_renamed_away_counts_as_deleted(
    qtbot: QtBot, make_window: Factory, article_path: Path
) -> None:
    window = make_window(article_path)
    article_path.rename(article_path.with_name("renamed.md"))
    qtbot.waitUntil(lambda: window.safety.banner.kind is BannerKind.DELETED, timeout=WAIT)


def test_deleted_then_recreated_reloads_when_nothing_was_typed(
    qtbot: QtBot, make_window: Factory, article_path: Path
) -> None:
    """git checkout of another branch: the file goes and comes back with other text."""
    window = make_window(article_path)
    article_path.unlink()
    qtbot.waitUntil(lambda: window.safety.banner.kind is BannerKind.DELETED, timeout=WAIT)
    article_path.write_text(ORIGINAL + "From the other branch.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "From the other branch." in body(window), timeout=WAIT)
    assert not window.document.is_modified()
    assert window.safety.banner.kind is BannerKind.HIDDEN


def test_identical_rename_replace_changes_nothing(
    qtbot: QtBot, make_window: Factory, article_path: Path
) -> None:
    """vim ':w' without edits: no reload, no banner, even with unsaved edits here."""
    window = make_window(article_path)
    type_at_end(qtbot, window, "Unsaved.")
    rename_over(article_path, ORIGINAL)
    qtbot.waitUntil(lambda: str(article_path) in window.safety.watch.watched_paths())
    qtbot.wait(400)
    assert window.safety.banner.kind is BannerKind.HIDDEN
    assert body(window).endswith("Unsaved.")


def test_focus_check_catches_what_the_watcher_missed(
    qtbot: QtBot, make_window: Factory, article_path: Path
) -> None:
    window = make_window(article_path)
    watch = window.safety.watch
    watch._watcher.blockSignals(True)  # events lost, as on a network drive or after sleep
    write_in_place(article_path, ORIGINAL + "Written while the window was in the background.\n")
    assert "in the background" not in body(window)
    # Activation checks synchronously; no event loop, so no watcher, ran in between.
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert "in the background" in body(window)


def test_our_own_saves_never_raise_the_banner(
    qtbot: QtBot, make_window: Factory, article_path: Path
) -> None:
    window = make_window(article_path)
    for n in range(3):
        type_at_end(qtbot, window, f" Edit {n}.")
        assert window.save()
    qtbot.wait(400)
    assert window.safety.banner.kind is BannerKind.HIDDEN
    assert not window.document.is_modified()
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    assert body(window).endswith("Edit 2.")


def test_opening_tidies_temporary_files_of_saves_killed_long_ago(
    make_window: Factory, article_path: Path
) -> None:
    old = article_path.with_name(f"{TEMP_PREFIX}{article_path.name}.x1{TEMP_SUFFIX}")
    fresh = article_path.with_name(f"{TEMP_PREFIX}{article_path.name}.x2{TEMP_SUFFIX}")
    for leftover in (old, fresh):
        leftover.write_text("half a save", encoding="utf-8")
    os.utime(old, (1_000_000, 1_000_000))
    make_window(article_path)
    assert not old.exists()
    assert fresh.exists()  # may be another window's save in progress
