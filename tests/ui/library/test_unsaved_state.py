"""Badges and the chain follow the open article's unsaved edits, marked as unsaved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from editor.core.article import Link
from editor.core.library import Library
from editor.core.unsaved_state import UnsavedFields, touched_files, with_unsaved_article
from editor.ui.library.sidebar import BADGES_ROLE, UNSAVED_ROLE
from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import type_in_title

Factory = Callable[..., MainWindow]


def _codes(window: MainWindow, path: Path) -> set[str]:
    model = window.library_ui.sidebar.model
    index = model.index(model.row_of(path), 0)
    return {code for code, _count in index.data(BADGES_ROLE) or []}


def _unsaved(window: MainWindow, path: Path) -> bool:
    model = window.library_ui.sidebar.model
    return bool(model.index(model.row_of(path), 0).data(UNSAVED_ROLE))


def test_fixing_a_placeholder_title_shows_before_the_save(
    make_window: Factory, qtbot: QtBot, samples_copy: Path
) -> None:
    path = samples_copy / "04-market-square.md"
    window = make_window(path)
    library = window.library_ui
    qtbot.waitUntil(lambda: "placeholder-title" in _codes(window, path), timeout=10000)
    qtbot.waitUntil(lambda: str(path) in getattr(library.chain, "boxes", {}))
    assert library.chain.boxes[str(path)].alert == "placeholder-title"
    type_in_title(qtbot, window, "Market square plans go on show")
    qtbot.waitUntil(lambda: "placeholder-title" not in _codes(window, path))
    assert _unsaved(window, path)

    def drawn_unsaved() -> bool:
        box = getattr(library.chain, "boxes", {}).get(str(path))
        return box is not None and box.unsaved

    qtbot.waitUntil(drawn_unsaved)  # the chain is drawn off the typing thread, in steps
    box = library.chain.boxes[str(path)]
    assert box.unsaved and box.alert is None
    assert "Unsaved" in box.toolTip()
    # The file on disk still has the placeholder; the label pointing at it is now stale.
    before = samples_copy / "03-library-late-hours.md"
    assert "stale-link-title" in _codes(window, before)
    assert window.save()
    qtbot.waitUntil(lambda: not _unsaved(window, path))
    qtbot.waitUntil(lambda: not drawn_unsaved() and str(path) in library.chain.boxes)
    assert "placeholder-title" not in _codes(window, path)


def test_undoing_the_edit_returns_to_the_saved_state(
    make_window: Factory, qtbot: QtBot, samples_copy: Path
) -> None:
    path = samples_copy / "04-market-square.md"
    window = make_window(path)
    qtbot.waitUntil(lambda: "placeholder-title" in _codes(window, path), timeout=10000)
    type_in_title(qtbot, window, "Market square plans go on show")
    qtbot.waitUntil(lambda: _unsaved(window, path))
    window.document.undo_stack.setIndex(0)
    qtbot.waitUntil(lambda: not _unsaved(window, path))
    assert "placeholder-title" in _codes(window, path)


def test_the_unsaved_snapshot_leaves_the_library_alone(samples_copy: Path) -> None:
    library = Library.open(samples_copy)
    path = samples_copy / "03-library-late-hours.md"
    fields = UnsavedFields("Late hours", "", None, Link("Night ferry", "02-night-ferry.md"))
    shown = with_unsaved_article(library, path, fields)
    assert shown is not None
    assert shown.get(path).title == "Late hours"
    assert library.get(path).title != "Late hours"
    names = {Path(f).name for f in touched_files(library, path)}
    assert names == {"02-night-ferry.md", "03-library-late-hours.md", "04-market-square.md"}
