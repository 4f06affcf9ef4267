"""Windows for GUI tests: created like the application does, answered prompts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.shell import prompts
from editor.ui.shell.app import create_application, create_main_window
from editor.ui.shell.main_window import MainWindow

#: how long a modal dialog may stay open before the watchdog closes it (ms)
MODAL_PATIENCE_MS = 15000


def _describe_modal(widget: QWidget) -> str:
    """The modal's title and text, so the failure says which question was left unanswered."""
    text = widget.text() if isinstance(widget, QMessageBox) else ""
    return f"{type(widget).__name__} “{widget.windowTitle()}” {text}".strip()


@pytest.fixture(autouse=True)
def _no_unanswered_modal(qapp: QApplication) -> Iterator[None]:
    """A modal dialog nobody answers fails the test instead of hanging the suite.

    Offscreen, an unexpected question (a save prompt, an error box) would wait
    for a click forever. A timer, which also runs inside the dialog's own
    event loop, rejects any modal left open for ``MODAL_PATIENCE_MS``; the
    test then fails, naming it.
    """
    seen: dict[int, int] = {}
    closed: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            seen.clear()
            return
        key = id(modal)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] * 1000 >= MODAL_PATIENCE_MS:
            closed.append(_describe_modal(modal))
            seen.pop(key)
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()

    timer = QTimer()
    timer.setInterval(1000)
    timer.timeout.connect(look)
    timer.start()
    yield
    timer.stop()
    assert not closed, f"a modal dialog was left unanswered: {closed}"


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
