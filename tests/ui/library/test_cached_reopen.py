"""Reopening a folder: the sidebar lists the cached index at once, then what the disk holds.

The index cache lists a reopened library before any article is looked at;
a scan of a copy then checks every file and the list follows the disk.
Edits that land while that check runs are not lost, and a damaged cache
only means a full scan.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor.core.library import Library, cache_file_for
from editor.ui.library import controller as controller_module
from editor.ui.library.controller import LibraryController
from tests.core.libhelp import write_article


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def reopened(qtbot: QtBot, cache: Path) -> Iterator[LibraryController]:
    ctrl = LibraryController(cache_dir=cache)
    yield ctrl
    ctrl.wait()
    ctrl.close_folder()


def _library(folder: Path, cache: Path) -> Path:
    write_article(folder, "a.md", "Harbour vote")
    write_article(folder, "b.md", "Night ferry")
    write_article(folder / "sub", "c.md", "Tram works")
    Library.open(folder, cache)  # a first opening wrote the cache
    return folder


def _titles(controller: LibraryController) -> list[str]:
    return sorted(row.shown for row in controller.rows)


def test_the_cached_index_is_listed_first_and_the_disk_follows(
    qtbot: QtBot, reopened: LibraryController, cache: Path, tmp_path: Path
) -> None:
    folder = _library(tmp_path / "lib", cache)
    (folder / "b.md").unlink()
    write_article(folder, "a.md", "Harbour vote, the result")
    os.utime(folder / "a.md", ns=(1, 1))  # surely another modification time
    write_article(folder, "d.md", "Market square")
    listed: list[list[str]] = []
    reopened.libraryChanged.connect(lambda: listed.append(_titles(reopened)))
    with qtbot.waitSignal(reopened.problemsChanged, timeout=10000):
        reopened.open_folder(folder)
    assert listed[0] == ["Harbour vote", "Night ferry", "Tram works"]  # the cache, at once
    assert listed[-1] == ["Harbour vote, the result", "Market square", "Tram works"]
    assert sorted(e.title for e in reopened.entries()) == listed[-1]
    assert not reopened.is_scanning()
    # the check after the disk was read: no problem about the deleted file
    assert all(p.path.name != "b.md" for p in reopened.problems)
    assert Library(folder, cache).load_cache()  # the cache was brought up to date
    again = Library(folder, cache)
    again.load_cache()
    assert sorted(e.title for e in again.entries.values()) == listed[-1]


def test_an_unchanged_folder_is_listed_once(
    qtbot: QtBot, reopened: LibraryController, cache: Path, tmp_path: Path
) -> None:
    folder = _library(tmp_path / "lib", cache)
    changes: list[int] = []
    reopened.libraryChanged.connect(lambda: changes.append(len(reopened.rows)))
    with qtbot.waitSignal(reopened.problemsChanged, timeout=10000):
        reopened.open_folder(folder)
    assert changes == [3]
    assert reopened.library is not None and reopened.library.indexed_count == 0


@pytest.mark.parametrize("damage", [b"", b"{not json\n\x00\x01", b"\x80" * 100])
def test_a_damaged_cache_means_a_full_scan(
    qtbot: QtBot, reopened: LibraryController, cache: Path, tmp_path: Path, damage: bytes
) -> None:
    folder = _library(tmp_path / "lib", cache)
    cache_file_for(Path(os.path.abspath(folder)), cache).write_bytes(damage)
    with qtbot.waitSignal(reopened.problemsChanged, timeout=10000):
        reopened.open_folder(folder)
    assert _titles(reopened) == ["Harbour vote", "Night ferry", "Tram works"]
    assert reopened.library is not None and reopened.library.indexed_count == 3
    assert Library(folder, cache).load_cache()  # written afresh


def test_a_save_while_the_disk_is_checked_is_not_lost(
    qtbot: QtBot,
    reopened: LibraryController,
    cache: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _library(tmp_path / "lib", cache)
    scanned, go_on = threading.Event(), threading.Event()
    real_scan = controller_module._scan

    def slow_scan(library: Library) -> object:
        result = real_scan(library)  # the copy read the disk before the save below
        scanned.set()
        go_on.wait(10)
        return result

    monkeypatch.setattr(controller_module, "_scan", slow_scan)
    with qtbot.waitSignal(reopened.libraryChanged, timeout=10000):
        reopened.open_folder(folder)
    qtbot.waitUntil(scanned.is_set, timeout=10000)
    saved = write_article(folder, "b.md", "Night ferry returns")
    os.utime(saved, ns=(2, 2))
    reopened.file_saved(saved)  # what the window does after a save
    assert "Night ferry returns" in {e.title for e in reopened.entries()}
    with qtbot.waitSignal(reopened.problemsChanged, timeout=10000):
        go_on.set()
    assert _titles(reopened) == ["Harbour vote", "Night ferry returns", "Tram works"]
