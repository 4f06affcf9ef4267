"""Rename Title Everywhere shows the whole change: full old and new text, changed words marked."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from editor.core.fixes import rename_title
from editor.core.library import Library
from editor.ui.library.fix_dialog import FixDialog, RenameTitleDialog
from tests.core.libhelp import write_article

OLD = "City council approves dredging of the eastern harbour basin after months of delay"
NEW = "City council approves dredging of the eastern harbour basin after a year of delay"


def _plan(folder: Path) -> object:
    write_article(folder, "a.md", OLD, next=("Night ferry", "b.md"))
    write_article(folder, "b.md", "Night ferry", prev=(OLD, "a.md"))
    library = Library.open(folder)
    return rename_title(library, folder / "a.md", NEW)


def _plain(label: QLabel) -> str:
    return re.sub(r"<[^>]+>", "", label.text()).replace("&amp;", "&")


def test_fix_preview_shows_full_text_with_the_changed_words_marked(
    qtbot: QtBot, tmp_path: Path
) -> None:
    plan = _plan(tmp_path)
    dialog = FixDialog(plan)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert len(dialog.value_labels) == 2  # the title, and b.md's prev label
    for now, after in dialog.value_labels:
        assert _plain(now) == OLD and _plain(after) == NEW
        # Marked: the removed words struck through, the added ones in bold.
        assert re.findall(r"<s>(.*?)</s>", now.text()) == ["months"]
        assert re.findall(r"<b>(.*?)</b>", after.text()) == ["a year"]
        for label in (now, after):
            assert label.wordWrap()
            # Not clipped: the label is as tall as its wrapped text needs.
            assert label.height() >= label.heightForWidth(label.width())
            assert label.isVisible() and label.width() > 0
    # The dialog gives a headline one line: no wrapping needed at its default width.
    now, _after = dialog.value_labels[0]
    assert now.width() >= now.fontMetrics().horizontalAdvance(OLD)


def test_rename_field_is_wide_enough_for_a_headline(qtbot: QtBot) -> None:
    dialog = RenameTitleDialog(OLD)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.edit
    assert edit.width() >= edit.fontMetrics().horizontalAdvance(OLD) + 10
    assert OLD in dialog.current_label.text()
    edit.setText("  " + NEW + " ")
    assert dialog.title() == NEW
