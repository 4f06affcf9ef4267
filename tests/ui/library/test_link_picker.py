"""Picking an article from the library fills a link's title and path as one edit."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from editor.core.article import Link
from editor.ui.library.link_picker import LibraryLinkPicker


class Fields(QObject):
    """A link editor as the picker sees it: two line edits and an ``edited`` signal."""

    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title_edit = QLineEdit()
        self.path_edit = QLineEdit()


def test_choices_are_sorted_and_a_shared_title_shows_its_path(qtbot: QtBot) -> None:
    fields = Fields()
    picker = LibraryLinkPicker(fields)
    picker.set_choices(
        [
            Link("night ferry", "b.md", None),
            Link("Harbour vote", "a.md", None),
            Link("Harbour vote", "old/a.md", None),
        ]
    )
    assert picker.labels() == [
        "Harbour vote — a.md",
        "Harbour vote — old/a.md",
        "night ferry",
    ]
    assert fields.title_edit.completer() is picker.completer


def test_choosing_sets_title_and_path_and_reports_one_edit(qtbot: QtBot) -> None:
    fields = Fields()
    picker = LibraryLinkPicker(fields)
    picker.set_choices([Link("Night ferry", "../b.md", None)])
    with qtbot.waitSignal(fields.edited, timeout=1000):
        picker.choose("Night ferry")
    assert (fields.title_edit.text(), fields.path_edit.text()) == ("Night ferry", "../b.md")
    emitted: list[bool] = []
    fields.edited.connect(lambda: emitted.append(True))
    picker.choose("Not offered")
    assert emitted == [] and fields.title_edit.text() == "Night ferry"
