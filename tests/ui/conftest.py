"""Windows for GUI tests: created like the application does, answered prompts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor.ui.shell import prompts
from editor.ui.shell.app import create_application, create_main_window
from editor.ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def _isolated_settings(qsettings_isolated: object) -> None:
    """Each GUI test starts with default settings (window state, recent files, toggles)."""


@pytest.fixture(autouse=True)
def _no_label_update_question(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Saving a new title in a library asks whether to update the links' labels: "No".

    An article opened from a folder of articles opens that folder as the library,
    so any test that renames and saves could meet the question; a modal box would
    hang the test. Tests about the question replace this answer with their own.
    """
    from editor.ui.library import actions

    asked: list[tuple[str, str]] = []

    def decline(_parent: object, _count: int, old: str, new: str) -> bool:
        asked.append((old, new))
        return False

    monkeypatch.setattr(actions, "offer_label_update", decline)
    return asked


@pytest.fixture
def unsaved_answers(monkeypatch: pytest.MonkeyPatch) -> list[prompts.UnsavedChoice]:
    """Answers the discard prompt will give, in order; the test fails if it asks more."""
    answers: list[prompts.UnsavedChoice] = []
    asked: list[str] = []

    def answer(_parent: object, name: str) -> prompts.UnsavedChoice:
        asked.append(name)
        assert answers, f"unexpected prompt about unsaved changes to {name}"
        return answers.pop(0)

    monkeypatch.setattr(prompts, "ask_unsaved_changes", answer)
    return answers


@pytest.fixture
def make_window(qtbot: QtBot, unsaved_answers: list[prompts.UnsavedChoice]) -> Iterator[object]:
    """A factory for shown main windows that are closed without prompts at the end."""
    created: list[MainWindow] = []

    def factory(path: Path | None = None) -> MainWindow:
        create_application()
        window = create_main_window(path)
        # Not qtbot.addWidget: pytest-qt would close the window before this
        # fixture can mark it saved, and the close would ask about changes.
        window.show()
        qtbot.waitExposed(window)
        created.append(window)
        return window

    yield factory
    for window in created:
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
    qtbot.wait(1)
