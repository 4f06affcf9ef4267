"""The compare dialog marks the lines that differ and reports the choice made."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editor.ui.safety.compare_dialog import SideBySideDialog, changed_lines


def test_changed_lines_on_each_side() -> None:
    left = "title\nsame\nmine\nend"
    right = "title\nsame\ntheirs\nadded\nend"
    assert changed_lines(left, right) == ({2}, {2, 3})
    assert changed_lines("a\nb", "a\nb") == (set(), set())


def test_the_dialog_shows_both_texts_and_reports_the_button_pressed(qtbot: QtBot) -> None:
    dialog = SideBySideDialog(
        "Compare",
        ("Your version", "one\ntwo"),
        ("On disk", "one\n2"),
        [("Keep mine", "mine"), ("Reload", "reload")],
    )
    qtbot.addWidget(dialog)
    assert dialog.left_view.toPlainText() == "one\ntwo"
    assert dialog.right_view.toPlainText() == "one\n2"
    assert len(dialog.left_view.extraSelections()) == 1
    assert "1 line(s) on the left and 1 on the right differ" in dialog.summary.text()
    with qtbot.waitSignal(dialog.choiceMade, timeout=1000) as signal:
        dialog.buttons["reload"].click()
    assert signal.args == ["reload"] and dialog.chosen == "reload"


def test_identical_versions_say_so(qtbot: QtBot) -> None:
    dialog = SideBySideDialog("Compare", ("A", "same"), ("B", "same"), [])
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "The two versions are identical."
