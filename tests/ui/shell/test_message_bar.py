"""The banner shows one message at a time with its actions, and a click runs the action."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from editor.ui.shell.message_bar import MessageBar


def test_a_message_with_actions_replaces_the_previous_one(qtbot: QtBot) -> None:
    bar = MessageBar()
    qtbot.addWidget(bar)
    assert bar.isHidden()
    pressed: list[str] = []
    bar.show_message("Could not save", "error", [("Retry", lambda: pressed.append("retry"))])
    assert (bar.label.text(), bar.kind) == ("Could not save", "error")
    assert bar.button_texts() == ["Retry"]
    assert not bar.isHidden()
    bar.trigger("Retry")
    assert pressed == ["retry"]

    bar.show_message("Saved elsewhere", "info", [("Open", lambda: None), ("Ignore", lambda: None)])
    assert bar.button_texts() == ["Open", "Ignore"]
    bar.dismiss()
    assert bar.isHidden() and bar.kind == ""


def test_pressing_a_missing_action_is_an_error(qtbot: QtBot) -> None:
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.show_message("Conflict", "warning")
    with pytest.raises(KeyError, match="Overwrite"):
        bar.trigger("Overwrite")
