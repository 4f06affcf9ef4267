"""The outline follows typing by patching its tree; the tree always equals a fresh one."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from editor.core.outline import headings
from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import type_text

Tree = list[tuple[str, "Tree"]]


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


def shown_tree(window: MainWindow) -> Tree:
    outline = window.writing_tools.outline  # type: ignore[attr-defined]

    def walk(item: QTreeWidgetItem) -> tuple[str, Tree]:
        assert item.isExpanded() or item.childCount() == 0
        return item.text(0), [walk(item.child(k)) for k in range(item.childCount())]

    return [walk(outline.topLevelItem(k)) for k in range(outline.topLevelItemCount())]


def expected_tree(body: str) -> Tree:
    root: Tree = []
    stack: list[tuple[int, Tree]] = [(0, root)]
    for heading in headings(body):
        while stack[-1][0] >= heading.level:
            stack.pop()
        children: Tree = []
        stack[-1][1].append((heading.text or "(empty heading)", children))
        stack.append((heading.level, children))
    return root


def edit(window: MainWindow, start: int, end: int, text: str) -> None:
    cursor = QTextCursor(window.document.text_document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text)


def test_typing_a_heading_renames_its_item_and_keeps_the_others(
    window: MainWindow, qtbot: QtBot
) -> None:
    outline = window.writing_tools.outline  # type: ignore[attr-defined]
    body = "".join(f"## Part {n}\n\nText {n}.\n\n" for n in range(30))
    window.document.load_text(f"---\ntitle: Parts\n---\n{body}")
    qtbot.waitUntil(lambda: outline.topLevelItemCount() == 30)
    items = [outline.topLevelItem(k) for k in range(30)]
    cursor = window.editor.textCursor()
    cursor.setPosition(window.document.body_text().index("Part 12") + len("Part 12"))
    window.editor.setTextCursor(cursor)
    type_text(qtbot, window.editor, " and more")
    qtbot.waitUntil(lambda: outline.topLevelItem(12).text(0) == "Part 12 and more")
    assert [outline.topLevelItem(k) for k in range(30)] == items  # the same items, patched
    assert outline.currentItem() is items[12]


def test_random_edits_keep_the_tree_equal_to_a_fresh_one(window: MainWindow, qtbot: QtBot) -> None:
    outline = window.writing_tools.outline  # type: ignore[attr-defined]
    pieces = ["# Top\n", "## Mid\n", "### Low\n", "Text.\n", "\n", "===\n", "```\n", "- item\n"]
    rng = random.Random(4)
    window.document.load_text("---\ntitle: Random\n---\n" + "".join(rng.choices(pieces, k=60)))
    outline.refresh()
    assert shown_tree(window) == expected_tree(window.document.body_text())
    for _ in range(60):
        length = len(window.document.body_text())
        start = rng.randrange(length + 1)
        end = min(length, start + rng.randrange(12))
        edit(window, start, end, "".join(rng.choices(pieces, k=rng.randrange(3))))
        outline.refresh()
        assert shown_tree(window) == expected_tree(window.document.body_text())
