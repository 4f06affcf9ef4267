"""A library on a slow or vanishing disk: the window keeps working and says what happened.

Each test opens a folder in a real window while the writer has unsaved edits
in the open article, and checks that the event loop keeps turning during the
scan (a timer keeps firing; no time limits are asserted), that the sidebar
says what happened, and that the edits are still there, unsaved, afterwards.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

import editor.core.library.scan as library_scan
from editor.core.library import LibraryEntry
from editor.ui.shell.main_window import MainWindow
from tests.core.libhelp import write_article
from tests.ui.helpers import type_at_end

Factory = Callable[..., MainWindow]
EDIT = " Late correction from the harbour office."


def articles(folder: Path, count: int) -> Path:
    for number in range(count):
        write_article(folder / f"part-{number // 50}", f"{number:04d}.md", f"Report {number}")
    return folder


class Ticks:
    """Counts turns of the event loop while something runs."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.count += 1


@pytest.fixture
def editing(make_window: Factory, tmp_path: Path, qtbot: QtBot) -> MainWindow:
    """A window with unsaved edits in an article outside the library."""
    draft = tmp_path / "draft.md"
    draft.write_text("---\ntitle: Harbour draft\n---\nThe dredging starts.\n", encoding="utf-8")
    window = make_window(draft)
    type_at_end(qtbot, window, EDIT)
    assert window.document.is_modified()
    return window


def slow_index(monkeypatch: pytest.MonkeyPatch, after: Callable[[int], None]) -> None:
    """Make reading each article slow, as on a network share, and call ``after(n)``."""
    real = library_scan.index_file
    calls = {"n": 0}

    def index_file(
        path: str, size: int = -1, mtime_ns: int = -1, mode: int | None = None
    ) -> LibraryEntry:
        calls["n"] += 1
        after(calls["n"])
        time.sleep(0.002)
        return real(path, size, mtime_ns, mode)

    monkeypatch.setattr(library_scan, "index_file", index_file)


def assert_edits_kept(window: MainWindow) -> None:
    assert EDIT.strip() in window.document.body_text()
    assert window.document.is_modified()


def test_a_folder_removed_during_the_scan_is_reported(
    qtbot: QtBot, editing: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = articles(tmp_path / "share", 300)

    def vanish(n: int) -> None:
        if n == 100:  # a third of the way through, the disk goes away
            shutil.rmtree(folder)

    slow_index(monkeypatch, vanish)
    library = editing.library_ui
    ticks = Ticks()
    library.open_folder(folder)
    assert library.sidebar.progress.isVisibleTo(library.sidebar)  # a scan is running
    qtbot.waitUntil(lambda: "went away" in library.sidebar.status.text(), timeout=30_000)
    assert ticks.count > 3, "the event loop did not turn while the scan ran"
    assert not library.sidebar.progress.isVisibleTo(library.sidebar)
    assert "share" in library.sidebar.status.text()
    assert library.controller.library is None  # nothing half-read is offered as the library
    assert_edits_kept(editing)
    type_at_end(qtbot, editing, " More.")  # the editor still takes typing
    assert editing.document.body_text().rstrip().endswith("More.")


def test_a_library_folder_that_vanishes_later_keeps_its_list_and_says_so(
    qtbot: QtBot, editing: MainWindow, tmp_path: Path
) -> None:
    folder = articles(tmp_path / "share", 12)
    library = editing.library_ui
    with qtbot.waitSignal(library.controller.problemsChanged, timeout=20_000):
        library.open_folder(folder)
    assert library.sidebar.model.total() == 12
    shutil.rmtree(folder)
    qtbot.waitUntil(lambda: "no longer there" in library.sidebar.status.text(), timeout=20_000)
    assert library.sidebar.model.total() == 12  # what it held is still listed
    assert_edits_kept(editing)


def test_a_folder_that_is_not_there_is_reported(
    qtbot: QtBot, editing: MainWindow, tmp_path: Path
) -> None:
    library = editing.library_ui
    library.open_folder(tmp_path / "unplugged")
    qtbot.waitUntil(lambda: "is not there" in library.sidebar.status.text(), timeout=20_000)
    assert_edits_kept(editing)


def test_twenty_thousand_files_that_are_not_articles(
    qtbot: QtBot, editing: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "camera-dump"
    for part in range(20):
        sub = folder / f"roll-{part:02d}"
        sub.mkdir(parents=True)
        for number in range(1000):
            (sub / f"IMG_{number:04d}.jpg").write_bytes(b"\xff\xd8\xff")
    write_article(folder, "captions.md", "Captions for the harbour photographs")
    write_article(folder / "roll-03", "notes.md", "Notes from the third roll")
    library = editing.library_ui
    ticks = Ticks()
    with qtbot.waitSignal(library.controller.problemsChanged, timeout=60_000):
        library.open_folder(folder)
    assert ticks.count > 0
    assert library.sidebar.visible_titles() == [
        "Captions for the harbour photographs",
        "Notes from the third roll",
    ]
    assert "2 articles (20,000 other files, not articles, are not listed)" in (
        library.sidebar.status.text()
    )
    assert_edits_kept(editing)


def test_images_beside_the_articles_are_not_mentioned(
    qtbot: QtBot, editing: MainWindow, tmp_path: Path
) -> None:
    """A few pictures next to the articles are normal; the count under the list says nothing."""
    folder = tmp_path / "site"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "harbour.svg").write_text("<svg/>", encoding="utf-8")
    write_article(folder, "a.md", "Ferry timetable changes for winter")
    library = editing.library_ui
    with qtbot.waitSignal(library.controller.problemsChanged, timeout=20_000):
        library.open_folder(folder)
    qtbot.waitUntil(lambda: library.sidebar.status.text() == "1 article", timeout=5_000)


def test_a_slow_disk_shows_progress_and_the_window_keeps_working(
    qtbot: QtBot, editing: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = articles(tmp_path / "nfs", 200)
    slow_index(monkeypatch, lambda _n: time.sleep(0.003))
    library = editing.library_ui
    ticks = Ticks()
    library.open_folder(folder)
    assert "Reading nfs" in library.sidebar.status.text()
    assert library.sidebar.progress.isVisibleTo(library.sidebar)
    type_at_end(qtbot, editing, " Typed while the share was read.")  # typing is not blocked
    qtbot.waitUntil(lambda: "articles so far" in library.sidebar.status.text(), timeout=30_000)
    with qtbot.waitSignal(library.controller.problemsChanged, timeout=60_000):
        pass
    assert ticks.count > 3
    assert library.sidebar.model.total() == 200
    assert "200 articles" in library.sidebar.status.text()
    assert editing.document.body_text().rstrip().endswith("Typed while the share was read.")
    assert_edits_kept(editing)
