"""Crash recovery in the window: typed text survives a crash and comes back at the next start."""

from __future__ import annotations

import errno
import json
import os
import select
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.core import atomic_write
from editor.core.article import load_article
from editor.core.recovery import RecoveryJournal
from editor.ui.safety import recovery_controller, recovery_dialog
from editor.ui.shell import prompts
from editor.ui.shell.app import create_application, create_main_window
from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import type_at_end, type_in_title

Factory = Callable[..., MainWindow]

ARTICLE = (
    "---\ntitle: Winter timetable for the island bus\n"
    "summary: Fewer buses from November.\n---\n"
    "The first bus leaves the harbour at seven.\n"
)
#: Fast journal ticks keep the tests short; the product default is 3 s.
TICK_SECONDS = 0.2


@pytest.fixture
def journal_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data" / "recovery"
    monkeypatch.setattr(recovery_controller, "default_recovery_folder", lambda: folder)
    return folder


@pytest.fixture
def article_path(tmp_path: Path) -> Path:
    path = tmp_path / "bus.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def crashable(qtbot: QtBot) -> Iterator[Callable[[Path | None], MainWindow]]:
    """Windows the test crashes itself (make_window would close them afterwards)."""
    alive: list[MainWindow] = []

    def factory(path: Path | None) -> MainWindow:
        create_application()
        window = create_main_window(path) if path is not None else create_main_window()
        if path is None:
            window.document.new()
        window.safety.recovery.set_interval(TICK_SECONDS)
        window.show()
        qtbot.waitExposed(window)
        alive.append(window)
        return window

    yield factory


def crash(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.destroyed, timeout=5000):
        window.safety.simulate_crash()


def journal_texts(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return [
        json.loads(p.read_text(encoding="ascii"))["text"]
        for p in folder.iterdir()
        if p.suffix == ".json"
    ]


def wait_for_journal(qtbot: QtBot, folder: Path, words: str) -> None:
    qtbot.waitUntil(lambda: any(words in t for t in journal_texts(folder)), timeout=5000)


def test_typing_is_journaled_and_restored_after_a_crash(
    qtbot: QtBot,
    make_window: Factory,
    crashable: Callable[[Path | None], MainWindow],
    journal_folder: Path,
    article_path: Path,
) -> None:
    window = crashable(article_path)
    type_at_end(qtbot, window, "\nA late bus runs on Fridays.")
    type_in_title(qtbot, window, "Winter timetable, revised")
    wait_for_journal(qtbot, journal_folder, "A late bus runs on Fridays.")
    wait_for_journal(qtbot, journal_folder, "Winter timetable, revised")

    crash(qtbot, window)
    assert article_path.read_text(encoding="utf-8") == ARTICLE  # nothing was saved

    again = make_window(article_path)
    dialog = again.safety.offer_recovery()
    assert dialog is not None
    [entry] = dialog.entries()
    assert entry.original_path == article_path
    assert "A late bus runs on Fridays." in entry.text
    assert str(article_path) in recovery_dialog.describe(entry)

    dialog.restore_button.click()

    doc = again.document
    assert doc.path == article_path
    assert doc.is_modified()
    assert doc.article.title == "Winter timetable, revised"
    assert doc.body_text().endswith("A late bus runs on Fridays.")
    assert not dialog.isVisible()
    # The restored text is journaled under the new window's entry, the old one is gone.
    entries = RecoveryJournal(journal_folder).entries()
    assert [e.id for e in entries] == [again.safety.recovery.entry_id]

    assert again.save()
    saved = load_article(article_path)
    assert saved.title == "Winter timetable, revised"
    assert saved.summary == "Fewer buses from November."
    assert saved.body.endswith("A late bus runs on Fridays.")
    assert RecoveryJournal(journal_folder).entries() == []


def test_a_new_article_never_saved_is_recovered_too(
    qtbot: QtBot,
    make_window: Factory,
    crashable: Callable[[Path | None], MainWindow],
    journal_folder: Path,
) -> None:
    window = crashable(None)
    assert window.document.path is None
    type_at_end(qtbot, window, "Notes for a story nobody has filed yet.")
    wait_for_journal(qtbot, journal_folder, "nobody has filed yet")
    crash(qtbot, window)

    again = make_window()
    dialog = again.safety.offer_recovery()
    assert dialog is not None
    [entry] = dialog.entries()
    assert entry.original_path is None
    assert not dialog.compare_button.isEnabled()  # nothing on disk to compare with
    dialog.restore_button.click()
    assert again.document.path is None
    assert again.document.body_text() == "Notes for a story nobody has filed yet."
    assert again.document.is_modified()


def test_save_close_and_undo_remove_the_entry(
    qtbot: QtBot,
    make_window: Factory,
    journal_folder: Path,
    article_path: Path,
    unsaved_answers: list[prompts.UnsavedChoice],
) -> None:
    window = make_window(article_path)
    window.safety.recovery.set_interval(TICK_SECONDS)
    type_at_end(qtbot, window, " Saved soon.")
    wait_for_journal(qtbot, journal_folder, "Saved soon.")
    assert window.save()
    assert journal_texts(journal_folder) == []

    type_at_end(qtbot, window, " Then undone.")
    wait_for_journal(qtbot, journal_folder, "Then undone.")
    while window.document.is_modified():
        window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: journal_texts(journal_folder) == [], timeout=3000)

    type_at_end(qtbot, window, " Thrown away on close.")
    wait_for_journal(qtbot, journal_folder, "Thrown away on close.")
    unsaved_answers.append(prompts.UnsavedChoice.DISCARD)
    assert window.close()
    assert journal_texts(journal_folder) == []


def test_only_changes_since_the_last_tick_are_written(
    qtbot: QtBot, make_window: Factory, journal_folder: Path, article_path: Path
) -> None:
    window = make_window(article_path)
    window.safety.recovery.set_interval(TICK_SECONDS)
    writes: list[object] = []
    window.safety.recovery.journalWritten.connect(writes.append)
    type_at_end(qtbot, window, " Once.")
    qtbot.waitUntil(lambda: len(writes) == 1, timeout=3000)
    qtbot.wait(int(TICK_SECONDS * 1000 * 4))
    assert len(writes) == 1  # idle ticks do not rewrite the same text


def test_compare_then_restore(
    qtbot: QtBot,
    make_window: Factory,
    crashable: Callable[[Path | None], MainWindow],
    journal_folder: Path,
    article_path: Path,
) -> None:
    window = crashable(article_path)
    type_at_end(qtbot, window, "\nRecovered line.")
    wait_for_journal(qtbot, journal_folder, "Recovered line.")
    crash(qtbot, window)

    again = make_window(article_path)
    dialog = again.safety.offer_recovery()
    assert dialog is not None
    dialog.compare_button.click()
    compare = again.safety.compare_dialog
    assert compare is not None
    assert compare.left_view.toPlainText() == ARTICLE
    assert compare.right_view.toPlainText().endswith("Recovered line.")
    assert "differ" in compare.summary.text()
    compare.buttons["restore"].click()
    assert again.document.body_text().endswith("Recovered line.")
    assert not dialog.isVisible()


def test_discard_asks_and_then_forgets(
    qtbot: QtBot,
    make_window: Factory,
    crashable: Callable[[Path | None], MainWindow],
    journal_folder: Path,
    article_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = crashable(article_path)
    type_at_end(qtbot, window, " Not wanted.")
    wait_for_journal(qtbot, journal_folder, "Not wanted.")
    crash(qtbot, window)

    again = make_window(article_path)
    dialog = again.safety.offer_recovery()
    assert dialog is not None
    answers = [False, True]
    monkeypatch.setattr(recovery_dialog, "confirm_discard", lambda _parent, _name: answers.pop(0))
    dialog.discard_button.click()  # "Cancel"
    assert len(journal_texts(journal_folder)) == 1
    dialog.discard_button.click()  # "Discard"
    assert journal_texts(journal_folder) == []
    assert not dialog.isVisible()
    assert again.document.body_text() == "The first bus leaves the harbour at seven.\n"
    assert again.safety.offer_recovery() is None


def test_a_damaged_journal_file_does_not_stop_the_start(
    make_window: Factory, journal_folder: Path, article_path: Path
) -> None:
    journal = RecoveryJournal(journal_folder)
    journal.write("0" * 32, article_path, ARTICLE + "kept\n", {}, "Kept")
    (journal_folder / ("1" * 32 + ".json")).write_text('{"kind": "article-ed', encoding="ascii")
    window = make_window(article_path)
    dialog = window.safety.offer_recovery()
    assert dialog is not None
    assert [e.title for e in dialog.entries()] == ["Kept"]
    assert "could not be read" in window.statusBar().currentMessage()
    dialog.reject()


def test_nothing_to_recover_is_said_when_asked(make_window: Factory, journal_folder: Path) -> None:
    window = make_window()
    assert window.safety.offer_recovery() is None
    window.safety.recover_action.trigger()
    assert "no unsaved work" in window.statusBar().currentMessage()


def test_restored_text_never_silently_overwrites_a_file_changed_since(
    qtbot: QtBot,
    make_window: Factory,
    crashable: Callable[[Path | None], MainWindow],
    journal_folder: Path,
    article_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = crashable(article_path)
    type_at_end(qtbot, window, " Mine.")
    wait_for_journal(qtbot, journal_folder, "Mine.")
    crash(qtbot, window)
    changed = ARTICLE + "Someone else added this after the crash.\n"
    article_path.write_text(changed, encoding="utf-8")

    again = make_window(article_path)
    dialog = again.safety.offer_recovery()
    assert dialog is not None
    dialog.restore_button.click()
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm_overwrite_changed_file", lambda _p, name: asked.append(name) or False
    )
    assert not again.save()
    assert asked == ["bus.md"]
    assert article_path.read_text(encoding="utf-8") == changed
    assert again.document.is_modified()
    QApplication.processEvents()


def test_another_open_window_is_never_offered_for_recovery(
    qtbot: QtBot, make_window: Factory, journal_folder: Path, article_path: Path
) -> None:
    first = make_window(article_path)
    first.safety.recovery.set_interval(TICK_SECONDS)
    type_at_end(qtbot, first, " Still being typed.")
    wait_for_journal(qtbot, journal_folder, "Still being typed.")
    second = make_window()
    assert second.safety.offer_recovery() is None


def test_a_failing_save_keeps_the_journal_and_offers_save_as(
    qtbot: QtBot,
    make_window: Factory,
    journal_folder: Path,
    article_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A read-only folder (simulated: the suite runs as root): the text stays safe twice over."""
    window = make_window(article_path)
    window.safety.recovery.set_interval(TICK_SECONDS)
    type_at_end(qtbot, window, " Written on a read-only stick.")
    wait_for_journal(qtbot, journal_folder, "read-only stick")

    def refused(*_args: object, **_kwargs: object) -> object:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic_write.tempfile, "mkstemp", refused)
    assert not window.save()
    assert "permission denied" in window.message_bar.label.text()
    assert "Save As…" in window.message_bar.button_texts()
    assert window.document.is_modified()
    assert article_path.read_text(encoding="utf-8") == ARTICLE
    qtbot.wait(int(TICK_SECONDS * 1000 * 2))
    assert any("read-only stick" in text for text in journal_texts(journal_folder))


#: A separate editor process: opens the article, types, and reports once journaled.
CHILD_EDITOR = r"""
import sys, time
from pathlib import Path
from PySide6.QtGui import QTextCursor
from editor.ui.safety import recovery_controller
folder = Path(sys.argv[2])
recovery_controller.default_recovery_folder = lambda: folder
from editor.ui.shell.app import create_application, create_main_window
app = create_application()
window = create_main_window(Path(sys.argv[1]))
window.safety.recovery.set_interval(0.2)
window.show()
cursor = window.editor.textCursor()
cursor.movePosition(QTextCursor.MoveOperation.End)
cursor.insertText("\nTyped just before the power went.")
window.safety.recovery.journalWritten.connect(lambda _p: print("journaled", flush=True))
app.exec()
"""


def test_recovery_after_a_real_sigkill(
    make_window: Factory, journal_folder: Path, article_path: Path
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_EDITOR, str(article_path), str(journal_folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 30)  # a hang guard only
        assert ready, "the editor process never journaled"
        assert child.stdout.readline().strip() == "journaled"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert article_path.read_text(encoding="utf-8") == ARTICLE

    window = make_window(article_path)
    dialog = window.safety.offer_recovery()
    assert dialog is not None
    [entry] = dialog.entries()
    assert entry.pid == child.pid
    dialog.restore_button.click()
    assert window.document.body_text().endswith("Typed just before the power went.")
    assert window.document.is_modified()
