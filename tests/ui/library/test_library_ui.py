"""The library in the window: open a folder, badges, chain view, fixes on disk, undo."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from editor.core.article import Link
from editor.core.fixes import FixPlan, sync_link_labels
from editor.core.library import Library
from editor.ui.library import actions as library_actions
from editor.ui.library import fix_dialog
from editor.ui.library.actions import LibraryActions
from editor.ui.library.chain_view import ChainView
from editor.ui.library.controller import LibraryController
from editor.ui.library.fix_dialog import FixDialog
from editor.ui.library.problems_view import ProblemsView
from editor.ui.library.sidebar import BADGES_ROLE, LibrarySidebar
from editor.ui.shell.main_window import MainWindow
from tests.core.libhelp import snapshot, write_article

NEW = "Market square plans go on show"

Factory = Callable[..., MainWindow]


def make_library(folder: Path) -> Path:
    """Two series: one healthy, one with a placeholder title, a one-way link and a broken one."""
    write_article(folder, "01-harbour.md", "Harbour vote", next=("Night ferry", "02-ferry.md"))
    write_article(folder, "02-ferry.md", "Night ferry", prev=("Harbour vote", "01-harbour.md"))
    write_article(folder, "10-library.md", "Library opens late",
                  next=("rewrite_title_placeholder", "11-market.md"))  # fmt: skip
    write_article(folder, "11-market.md", "rewrite_title_placeholder",
                  prev=("Library opens late", "10-library.md"),
                  next=("Tram works", "12-tram.md"))  # fmt: skip
    write_article(folder, "12-tram.md", "Tram works", next=("Gone", "99-missing.md"))
    write_article(folder, "20-alone.md", "A piece on its own")
    return folder


@pytest.fixture
def controller(qtbot: QtBot, tmp_path: Path) -> Iterator[LibraryController]:
    ctrl = LibraryController(cache_dir=tmp_path / "cache")
    yield ctrl
    ctrl.wait()
    ctrl.close_folder()


def open_and_wait(qtbot: QtBot, controller: LibraryController, folder: Path) -> None:
    with qtbot.waitSignal(controller.problemsChanged, timeout=10000):
        controller.open_folder(folder)


def test_controller_scans_in_the_background(
    qtbot: QtBot, controller: LibraryController, tmp_path: Path
) -> None:
    folder = make_library(tmp_path / "lib")
    with qtbot.waitSignal(controller.scanStarted):
        controller.open_folder(folder)
    assert controller.is_scanning()  # open_folder returned before the scan finished
    qtbot.waitUntil(
        lambda: not controller.is_scanning() and bool(controller.problems), timeout=10000
    )
    assert len(controller.entries()) == 6
    codes = {p.code for p in controller.problems_for(folder / "11-market.md")}
    assert "placeholder-title" in codes
    assert controller.neighbour(folder / "01-harbour.md", "next") == folder / "02-ferry.md"
    choices = controller.link_choices(folder / "01-harbour.md")
    assert ("Night ferry", "02-ferry.md") in [(c.title, c.path) for c in choices]


def test_sidebar_lists_titles_with_badges_and_filters(
    qtbot: QtBot, controller: LibraryController, tmp_path: Path
) -> None:
    folder = make_library(tmp_path / "lib")
    open_and_wait(qtbot, controller, folder)
    sidebar = LibrarySidebar()
    qtbot.addWidget(sidebar)
    sidebar.set_entries(controller.entries(), controller.problems_by_file, controller.root)
    assert sidebar.visible_titles()[:2] == ["A piece on its own", "Harbour vote"]
    row = sidebar.model.row_of(folder / "11-market.md")
    badges = dict(sidebar.model.index(row, 0).data(BADGES_ROLE))
    assert "placeholder-title" in badges and "missing-summary" not in badges
    sidebar.filter_edit.setText("ferry")
    assert sidebar.visible_titles() == ["Night ferry"]
    sidebar.filter_edit.clear()
    sidebar.set_problem_filter("broken-link")
    assert sidebar.visible_titles() == ["Tram works"]
    sidebar.set_problem_filter("*")
    assert "Harbour vote" not in sidebar.visible_titles()
    sidebar.show()
    qtbot.waitExposed(sidebar)
    with qtbot.waitSignal(sidebar.articleActivated) as blocker:
        index = sidebar.model.index(0, 0)
        rect = sidebar.view.visualRect(index)
        qtbot.mouseClick(sidebar.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert isinstance(blocker.args[0], Path)


def test_chain_view_draws_each_chain_and_marks_the_broken_link(
    qtbot: QtBot, controller: LibraryController, tmp_path: Path
) -> None:
    folder = make_library(tmp_path / "lib")
    open_and_wait(qtbot, controller, folder)
    view = ChainView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.set_library(controller.library, controller.problems_by_file)
    names = [[Path(f).name for f in row] for row in view.rows]
    assert names == [
        ["01-harbour.md", "02-ferry.md"],
        ["10-library.md", "11-market.md", "12-tram.md"],
    ]
    assert [Path(f).name for f in view.loose] == ["20-alone.md"]
    broken = [a for a in view.arrows if a.target is None]
    assert [(Path(a.source).name, a.code) for a in broken] == [("12-tram.md", "broken-link")]
    coloured = {(Path(a.source).name, a.field): a.code for a in view.arrows}
    assert coloured[("10-library.md", "next")] == "placeholder-link"
    assert coloured[("11-market.md", "next")] == "asymmetric-link"
    assert coloured[("01-harbour.md", "next")] is None
    view.show()
    qtbot.waitExposed(view)
    view.zoom_by(1.5)
    view.zoom_to_fit()
    box = view.boxes[str(folder / "02-ferry.md")]
    point = view.mapFromScene(box.sceneBoundingRect().center())
    assert view.path_at(point) == folder / "02-ferry.md"
    with qtbot.waitSignal(view.articleActivated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [folder / "02-ferry.md"]
    assert view.path_at(QPoint(1, 1)) is None


def test_problems_view_opens_the_file_at_the_line(
    qtbot: QtBot, controller: LibraryController, tmp_path: Path
) -> None:
    folder = make_library(tmp_path / "lib")
    open_and_wait(qtbot, controller, folder)
    view = ProblemsView()
    qtbot.addWidget(view)
    view.set_problems(controller.problems, controller.root)
    assert view.row_count() == len(controller.problems)
    view.code_filter.setCurrentIndex(view.code_filter.findData("placeholder-title"))
    assert view.row_count() == 1
    with qtbot.waitSignal(view.problemActivated) as blocker:
        view.activate_row(0)
    assert blocker.args == [folder / "11-market.md", 2]


def test_fix_dialog_previews_every_change(qtbot: QtBot, tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Old B", "b.md"))
    write_article(tmp_path, "b.md", "Real B", prev=("Real A", "a.md"))
    plan = sync_link_labels(Library.open(tmp_path))
    dialog = FixDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.change_rows() == [("a.md", "next label", "Old B", "Real B")]
    empty = FixDialog(FixPlan("Nothing"))
    qtbot.addWidget(empty)
    apply_button = empty.buttons.buttons()[0]
    assert not any(b.isEnabled() and b.text().replace("&", "") == "Apply" for b in [apply_button])


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Answers to the library's questions, replaced like prompts in the other GUI tests."""
    given: dict[str, object] = {"title": NEW, "confirm": True, "offer": True, "shown": []}

    def confirm(_parent: object, plan: FixPlan) -> bool:
        shown = given["shown"]
        assert isinstance(shown, list)
        shown.append(plan.preview())
        return bool(given["confirm"])

    monkeypatch.setattr(fix_dialog, "confirm_fix", confirm)
    monkeypatch.setattr(library_actions, "ask_new_title", lambda _p, _c: given["title"])
    monkeypatch.setattr(
        library_actions, "offer_label_update", lambda _p, _n, _o, _new: given["offer"]
    )
    return given


def window_with_library(qtbot: QtBot, make_window: Factory, folder: Path) -> LibraryActions:
    window = make_window(folder / "01-harbour.md")
    actions = window.library_ui
    with qtbot.waitSignal(actions.controller.problemsChanged, timeout=10000):
        actions.open_folder(folder)
    return actions


def test_window_opens_folder_and_follows_links(
    qtbot: QtBot, make_window: Factory, tmp_path: Path, answers: dict[str, object]
) -> None:
    folder = make_library(tmp_path / "lib")
    actions = window_with_library(qtbot, make_window, folder)
    window = actions.window
    assert isinstance(window, MainWindow)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-3:] == ["&Go", "&Library", "&Help"]
    assert actions.sidebar_dock.isVisible() and actions.sidebar.model.rowCount() == 6
    assert actions.sidebar.current_path() == folder / "01-harbour.md"
    actions.next_action.trigger()
    assert window.document.path == folder / "02-ferry.md"
    actions.prev_action.trigger()
    assert window.document.path == folder / "01-harbour.md"
    actions.prev_action.trigger()  # nothing before the first: a message, no change
    assert window.document.path == folder / "01-harbour.md"
    actions.sidebar.articleActivated.emit(folder / "12-tram.md")
    assert window.document.path == folder / "12-tram.md"


def test_rename_placeholder_everywhere_then_undo(
    qtbot: QtBot, make_window: Factory, tmp_path: Path, answers: dict[str, object]
) -> None:
    folder = make_library(tmp_path / "lib")
    actions = window_with_library(qtbot, make_window, folder)
    window = actions.window
    assert isinstance(window, MainWindow)
    actions.open_article(folder / "11-market.md")
    before = snapshot(folder)
    with qtbot.waitSignal(actions.controller.problemsChanged, timeout=10000):
        actions.rename_action.trigger()
    assert (
        answers["shown"]
        and f"11-market.md: title: 'rewrite_title_placeholder' → '{NEW}'"
        in (
            answers["shown"][0]  # type: ignore[index]
        )
    )
    assert f'title: "{NEW}"' in (folder / "11-market.md").read_text()  # quoting style kept
    assert f'  title: "{NEW}"' in (folder / "10-library.md").read_text()
    assert window.document.article.title == NEW  # the open article was reloaded
    assert "placeholder-title" not in {p.code for p in actions.controller.problems}
    assert NEW in actions.sidebar.visible_titles()
    assert actions.undo_fix_action.isEnabled()

    with qtbot.waitSignal(actions.controller.problemsChanged, timeout=10000):
        actions.undo_fix_action.trigger()
    assert {p: b for p, (b, _) in snapshot(folder).items()} == {
        p: b for p, (b, _) in before.items()
    }
    assert window.document.article.title == "rewrite_title_placeholder"
    assert not actions.undo_fix_action.isEnabled()


def test_undo_fix_names_the_files_edited_since_and_keeps_their_edits(
    qtbot: QtBot,
    make_window: Factory,
    tmp_path: Path,
    answers: dict[str, object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = make_library(tmp_path / "lib")
    actions = window_with_library(qtbot, make_window, folder)
    actions.open_article(folder / "11-market.md")
    with qtbot.waitSignal(actions.controller.problemsChanged, timeout=10000):
        actions.rename_action.trigger()
    neighbour = folder / "10-library.md"
    edited = neighbour.read_text(encoding="utf-8") + "\nA paragraph written after the fix.\n"
    neighbour.write_text(edited, encoding="utf-8")
    reports: list[tuple[list[str], list[tuple[str, str]]]] = []
    monkeypatch.setattr(
        library_actions,
        "report_partial_undo",
        lambda _parent, restored, kept: reports.append((restored, kept)),
    )
    with qtbot.waitSignal(actions.controller.problemsChanged, timeout=10000):
        actions.undo_fix_action.trigger()
    assert len(reports) == 1
    restored, kept = reports[0]
    assert kept == [("10-library.md", "it changed after the fix; left as it is")]
    assert "11-market.md" in restored
    assert neighbour.read_text(encoding="utf-8") == edited  # the later edit is safe
    assert "rewrite_title_placeholder" in (folder / "11-market.md").read_text(encoding="utf-8")


def test_saving_a_new_title_offers_to_update_labels(
    qtbot: QtBot, make_window: Factory, tmp_path: Path, answers: dict[str, object]
) -> None:
    folder = make_library(tmp_path / "lib")
    actions = window_with_library(qtbot, make_window, folder)
    window = actions.window
    assert isinstance(window, MainWindow)
    actions.open_article(folder / "11-market.md")
    window.document.set_field("title", NEW)
    with qtbot.waitSignal(actions.controller.problemsChanged, timeout=10000):
        assert window.save()
    assert f'title: "{NEW}"' in (folder / "10-library.md").read_text()
    shown = answers["shown"]
    label_change = f"10-library.md: next label: 'rewrite_title_placeholder' → '{NEW}'"
    assert isinstance(shown, list) and shown[0] == [label_change]


def test_a_fix_never_overwrites_unsaved_edits_of_the_open_article(
    qtbot: QtBot,
    make_window: Factory,
    tmp_path: Path,
    answers: dict[str, object],
    unsaved_answers: list[object],
) -> None:
    from editor.ui.shell import prompts

    folder = make_library(tmp_path / "lib")
    actions = window_with_library(qtbot, make_window, folder)
    window = actions.window
    assert isinstance(window, MainWindow)
    actions.open_article(folder / "11-market.md")
    window.document.set_field("summary", "Unsaved summary")
    before = snapshot(folder)
    unsaved_answers.append(prompts.UnsavedChoice.CANCEL)
    actions.rename_action.trigger()
    assert snapshot(folder) == before
    assert window.document.article.summary == "Unsaved summary"


def test_files_changed_on_disk_are_reindexed(
    qtbot: QtBot, controller: LibraryController, tmp_path: Path
) -> None:
    folder = make_library(tmp_path / "lib")
    open_and_wait(qtbot, controller, folder)
    write_article(folder, "02-ferry.md", "Night ferry, timetable confirmed",
                  prev=("Harbour vote", "01-harbour.md"))  # fmt: skip
    write_article(folder / "new", "30-new.md", "A brand new piece")

    def updated() -> bool:
        titles = {e.title for e in controller.entries()}
        return "Night ferry, timetable confirmed" in titles

    qtbot.waitUntil(updated, timeout=10000)
    controller.refresh([folder])  # the new subfolder is found by listing its parent again
    assert "A brand new piece" in {e.title for e in controller.entries()}
    qtbot.waitUntil(
        lambda: any(p.code == "stale-link-title" for p in controller.problems), timeout=10000
    )


def test_panel_link_pickers_choose_from_the_library(
    qtbot: QtBot, make_window: Factory, tmp_path: Path, answers: dict[str, object]
) -> None:
    folder = make_library(tmp_path / "lib")
    write_article(folder / "sub", "30-deep.md", "Deep feature")
    actions = window_with_library(qtbot, make_window, folder)
    window = actions.window
    assert isinstance(window, MainWindow)
    actions.attach_panel(window.panel)
    picker = actions.pickers[1]  # the next link
    assert "Deep feature" in picker.labels()
    assert "Harbour vote" not in picker.labels()  # the open article is not offered
    picker.choose("Deep feature")
    next_link = window.document.article.next
    assert next_link is not None and (next_link.title, next_link.path) == (
        "Deep feature",
        "sub/30-deep.md",
    )
    window.document.undo_stack.undo()
    assert window.document.article.next == Link("Night ferry", "02-ferry.md")


def test_opening_a_folder_from_the_command_line_opens_its_first_article(
    qtbot: QtBot, make_window: Factory, tmp_path: Path
) -> None:
    folder = make_library(tmp_path / "lib")
    window = make_window(folder / "01-harbour.md")
    window.document.new()  # as if the window had started without an article
    actions = window.library_ui
    with qtbot.waitSignal(actions.controller.problemsChanged, timeout=10000):
        actions.open_folder(folder, open_first=True)
    assert window.document.path == folder / "01-harbour.md"


def test_previous_and_next_work_without_a_folder(
    qtbot: QtBot, make_window: Factory, tmp_path: Path
) -> None:
    folder = make_library(tmp_path / "lib")
    window = make_window(folder / "01-harbour.md")
    actions = window.library_ui
    actions.next_action.trigger()
    assert window.document.path == folder / "02-ferry.md"
    actions.next_action.trigger()  # the last one: nothing happens
    assert window.document.path == folder / "02-ferry.md"


def test_library_actions_add_menus_without_shortcut_clashes(
    qtbot: QtBot, make_window: Factory, tmp_path: Path
) -> None:
    from PySide6.QtGui import QAction

    folder = make_library(tmp_path / "lib")
    window = make_window(folder / "01-harbour.md")
    # The window installs the library's menus itself.
    assert isinstance(window.library_ui, LibraryActions)
    texts = [a.text() for a in window.file_menu.actions()]
    assert texts.index("Open &Folder…") == texts.index("&Open…") + 1
    view_texts = [a.text() for a in window.view_menu.actions()]
    assert {"&Library", "&Chain View", "P&roblems"} <= set(view_texts)
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for shortcut in action.shortcuts():
            if not shortcut.isEmpty():
                owners.setdefault(shortcut.toString(), []).append(action.text())
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


def test_views_survive_a_library_of_bad_input(
    qtbot: QtBot, controller: LibraryController, tmp_path: Path
) -> None:
    import os

    folder = tmp_path / "bad"
    write_article(folder, "a.md", "Part A", prev=("Part C", "c.md"), next=("Part B", "b.md"))
    write_article(folder, "b.md", "Part B", prev=("Part A", "a.md"), next=("Part C", "c.md"))
    write_article(folder, "c.md", "Part C", prev=("Part B", "b.md"), next=("Part A", "a.md"))
    write_article(folder, "d.md", "Part D", next=("Part B", "b.md"), prev=("Broken", "bad.md"))
    write_article(folder, "e.md", "Part E", next=("Self", "e.md"))
    (folder / "bad.md").write_text("---\ntitle: [\n---\n")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02")
    os.symlink(folder, folder / "loop")
    os.symlink(folder / "self.md", folder / "self.md")
    open_and_wait(qtbot, controller, folder)
    codes = {p.code for p in controller.problems}
    assert {"link-cycle", "duplicate-next", "invalid-front-matter", "symlink-loop"} <= codes
    sidebar = LibrarySidebar()
    chain = ChainView()
    problems = ProblemsView()
    for widget in (sidebar, chain, problems):
        qtbot.addWidget(widget)
    sidebar.set_entries(controller.entries(), controller.problems_by_file, controller.root)
    chain.set_library(controller.library, controller.problems_by_file)
    problems.set_problems(controller.problems, controller.root)
    chain.show()
    qtbot.waitExposed(chain)
    chain.zoom_to_fit()
    assert sidebar.model.rowCount() == len(controller.entries())
    cycle = {"a.md", "b.md", "c.md"}
    assert any(cycle <= {Path(f).name for f in row} for row in chain.rows)  # one row
