"""Find and replace in the body: options, wrap-around, one undo step, emoji-safe positions."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from editor.ui.editing.find_replace import FindReplaceBar, qt_position


def make_bar(qtbot: QtBot, text: str) -> tuple[FindReplaceBar, QPlainTextEdit]:
    editor = QPlainTextEdit(text)
    qtbot.addWidget(editor)
    bar = FindReplaceBar(editor)
    qtbot.addWidget(bar)
    return bar, editor


def test_find_next_walks_the_matches_and_wraps(qtbot: QtBot) -> None:
    bar, editor = make_bar(qtbot, "Ferry, ferry, FERRY.")
    bar.find_edit.setText("ferry")
    found = []
    for _ in range(4):
        assert bar.find_next()
        found.append((editor.textCursor().selectionStart(), bar.status.text()))
    assert found == [(0, "1 of 3"), (7, "2 of 3"), (14, "3 of 3"), (0, "1 of 3")]
    bar.match_case.setChecked(True)
    assert bar.find_next() and bar.status.text() == "1 of 1"


def test_whole_word_and_an_invalid_expression(qtbot: QtBot) -> None:
    bar, _editor = make_bar(qtbot, "port portal port")
    bar.find_edit.setText("port")
    bar.whole_word.setChecked(True)
    pattern = bar.pattern()
    assert pattern is not None and len(pattern.findall("port portal port")) == 2
    bar.regex.setChecked(True)
    bar.find_edit.setText("(unclosed")
    messages: list[str] = []
    bar.message.connect(messages.append)
    assert not bar.find_next()
    assert messages and messages[0].startswith("Invalid expression")


def test_replace_all_is_one_undo_step(qtbot: QtBot) -> None:
    bar, editor = make_bar(qtbot, "draft one, draft two")
    bar.find_edit.setText("draft")
    bar.replace_edit.setText("final")
    assert bar.replace_all() == 2
    assert editor.toPlainText() == "final one, final two"
    assert bar.status.text() == "Replaced 2 occurrences"
    editor.undo()
    assert editor.toPlainText() == "draft one, draft two"


def test_positions_after_an_emoji_count_two_units(qtbot: QtBot) -> None:
    text = "🚢 ferry"
    assert qt_position(text, text.index("ferry")) == 3
    bar, editor = make_bar(qtbot, text)
    bar.find_edit.setText("ferry")
    assert bar.find_next()
    assert editor.textCursor().selectedText() == "ferry"
