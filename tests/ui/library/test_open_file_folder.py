"""Opening one article of a series shows the series: its folder becomes the library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from editor.ui.shell.main_window import MainWindow
from tests.core.libhelp import write_article

Factory = Callable[..., MainWindow]


def _series(folder: Path) -> Path:
    write_article(folder, "01-harbour.md", "Harbour vote", next=("Night ferry", "02-ferry.md"))
    write_article(folder, "02-ferry.md", "Night ferry", prev=("Harbour vote", "01-harbour.md"))
    return folder


def test_opening_an_article_in_a_folder_of_articles_opens_the_folder(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = _series(tmp_path / "series")
    window = make_window(folder / "02-ferry.md")
    library = window.library_ui
    qtbot.waitUntil(lambda: library.controller.library is not None, timeout=10000)
    assert library.controller.root == folder.resolve()
    qtbot.waitUntil(lambda: library.sidebar.visible_titles() == ["Harbour vote", "Night ferry"])
    assert library.sidebar.current_path() == folder / "02-ferry.md"
    assert library.sidebar_dock.isVisible() and library.chain_dock.isVisible()
    qtbot.waitUntil(lambda: len(getattr(library.chain, "boxes", {})) == 2)
    assert library.chain.boxes[str(folder / "02-ferry.md")].isSelected()
    assert window.document.path == folder / "02-ferry.md"  # the opened article stays open


def test_the_preference_turns_it_off(make_window: Factory, qtbot: QtBot, tmp_path: Path) -> None:
    from editor.ui.shell.preferences import OPEN_FILE_FOLDER_KEY

    folder = _series(tmp_path / "series")
    window = make_window(folder / "01-harbour.md")
    tools = window.writing_tools
    prefs = tools.prefs
    prefs.open_file_folder = False
    tools.apply(prefs)
    library = window.library_ui
    library.controller.wait()
    library.controller.close_folder()
    window.open_path(folder / "02-ferry.md")
    qtbot.wait(50)
    assert library.controller.library is None
    from editor.ui.shell.preferences import save_preferences

    save_preferences(window.settings, prefs)
    assert window.settings.bool_value(OPEN_FILE_FOLDER_KEY, True) is False


def test_a_lone_article_opens_no_library(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    write_article(tmp_path / "alone", "only.md", "A piece on its own")
    window = make_window(tmp_path / "alone" / "only.md")
    qtbot.wait(50)
    assert window.library_ui.controller.library is None
