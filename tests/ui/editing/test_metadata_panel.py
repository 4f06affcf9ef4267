"""The panel shows the front matter's fields, writes edits back, and steps aside for raw text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editor.core.article import Link
from editor.ui.document import ArticleDocument
from editor.ui.editing.metadata_panel import SUMMARY_GUIDELINE, LinkEditor, MetadataPanel

TEXT = (
    "---\ntitle: Harbour vote\nsummary: The council voted.\nauthor: Mira Castell\n"
    "tags: [harbour, council]\nnext:\n  title: Night ferry\n  path: ferry.md\n---\nBody.\n"
)


def make_panel(qtbot: QtBot, text: str = TEXT) -> tuple[ArticleDocument, MetadataPanel]:
    document = ArticleDocument()
    panel = MetadataPanel(document)
    qtbot.addWidget(panel)
    document.load_text(text)
    return document, panel


def test_fields_and_other_keys_are_shown(qtbot: QtBot) -> None:
    _document, panel = make_panel(qtbot)
    assert panel.title_edit.text() == "Harbour vote"
    assert panel.summary_edit.toPlainText() == "The council voted."
    assert panel.next_editor.link() == Link("Night ferry", "ferry.md", None)
    assert panel.prev_editor.link() is None
    others = {
        panel.other_keys.topLevelItem(i).text(0): panel.other_keys.topLevelItem(i).text(1)
        for i in range(panel.other_keys.topLevelItemCount())
    }
    assert others == {"author": "Mira Castell", "tags": "[harbour, council]"}  # as written
    assert f"/ {SUMMARY_GUIDELINE} characters" in panel.summary_count.text()


def test_typing_a_title_sets_the_field_and_undo_brings_it_back(qtbot: QtBot) -> None:
    document, panel = make_panel(qtbot)
    panel.title_edit.selectAll()
    qtbot.keyClicks(panel.title_edit, "Vote passes")
    assert document.field("title") == "Vote passes"
    document.undo_stack.undo()
    assert panel.title_edit.text() == "Harbour vote"


def test_a_placeholder_title_is_flagged_with_the_writer_s_patterns(qtbot: QtBot) -> None:
    _document, panel = make_panel(qtbot)
    assert panel.title_flag.isHidden()
    panel.set_placeholder_patterns(["harbour .*"])  # whole title, any case
    assert not panel.title_flag.isHidden()


def test_broken_front_matter_disables_the_fields_and_says_why(qtbot: QtBot) -> None:
    _document, panel = make_panel(qtbot, "---\ntitle: [unclosed\n---\nBody.\n")
    assert not panel.title_edit.isEnabled()
    assert not panel.error_label.isHidden()
    assert "could not be read" in panel.error_label.text()


def test_a_link_editor_keeps_a_web_address_it_does_not_show(qtbot: QtBot) -> None:
    editor = LinkEditor("Next article")
    qtbot.addWidget(editor)
    editor.set_link(Link("Elsewhere", None, "https://example.org/story"))
    assert editor.path_edit.text() == ""
    assert editor.link() == Link("Elsewhere", None, "https://example.org/story")
    editor.set_link(None)
    assert editor.link() is None
