"""The outline lists the body's headings nested by level and jumps to the one clicked."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.ui.document import ArticleDocument
from editor.ui.editing.markdown_editor import MarkdownEditor
from editor.ui.editing.outline import OutlinePanel

TEXT = "---\ntitle: Harbour\n---\n# Vote\n\nText.\n\n## Costs\n\nMore.\n\n# Next steps\n"


def test_headings_nest_by_level_and_a_click_moves_the_cursor(qtbot: QtBot) -> None:
    document = ArticleDocument()
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.setDocument(document.text_document)
    document.load_text(TEXT)
    outline = OutlinePanel(document, editor)
    qtbot.addWidget(outline)
    tops = [outline.topLevelItem(i) for i in range(outline.topLevelItemCount())]
    assert [item.text(0) for item in tops] == ["Vote", "Next steps"]
    assert [tops[0].child(i).text(0) for i in range(tops[0].childCount())] == ["Costs"]

    with qtbot.waitSignal(outline.headingActivated, timeout=1000) as signal:
        outline.activate(tops[0].child(0))
    cursor = editor.textCursor()
    assert cursor.block().text() == "## Costs"
    assert signal.args == ["costs"]


def test_the_selected_heading_follows_the_cursor(qtbot: QtBot) -> None:
    document = ArticleDocument()
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.setDocument(document.text_document)
    document.load_text(TEXT)
    outline = OutlinePanel(document, editor)
    qtbot.addWidget(outline)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    assert outline.currentItem().text(0) == "Next steps"
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    editor.setTextCursor(cursor)
    assert outline.currentItem().text(0) == "Vote"
