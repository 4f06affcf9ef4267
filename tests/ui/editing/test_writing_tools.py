"""Writing tools in a real window: spelling, outline, focus mode, images, helpers, settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDropEvent,
    QImage,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot

from editor.core.spelling import SpellChecker
from editor.ui.editing.writing_tools import (
    WritingTools,
    install_writing_tools,
    user_dictionary_path,
)
from editor.ui.shell.main_window import MainWindow
from editor.ui.shell.preferences import load_preferences
from editor.ui.shell.settings import (
    AUTOSAVE_INTERVAL_KEY,
    FONT_SIZE_KEY,
    IMAGES_FOLDER_KEY,
    SPELL_LANGUAGE_KEY,
    THEME_KEY,
)
from editor.ui.shell.shortcuts import ShortcutsDialog
from editor.ui.shell.theme import ThemeChoice
from tests.ui.helpers import type_text, wait_for_preview

Factory = Callable[..., MainWindow]

PROSE = """# Ferry notes

Teh ferry leaves at noon, says the `tikcet` office at https://exampel.org/tiems today.

```
funcshun call
```

    indentted code line
"""


def tools_for(window: MainWindow) -> WritingTools:
    """The window's tools: installed by MainWindow once it is wired, else here."""
    existing = getattr(window, "writing_tools", None)
    return existing if isinstance(existing, WritingTools) else install_writing_tools(window, window)


@pytest.fixture
def article(samples_copy: Path) -> Path:
    path = samples_copy / "notes.md"
    path.write_text("---\ntitle: Harbour notes\n---\n" + PROSE, encoding="utf-8")
    return path


@pytest.fixture
def window(make_window: Factory, article: Path) -> MainWindow:
    return make_window(article)


def set_body(window: MainWindow, text: str) -> None:
    window.editor.setPlainText(text)
    tools_for(window).spelling.check_visible()


def cursor_at(window: MainWindow, word: str) -> QTextCursor:
    cursor = QTextCursor(window.document.text_document)
    cursor.setPosition(window.document.body_text().index(word) + 1)
    return cursor


# ============================================================== spelling
def test_spelling_underlines_prose_only(window: MainWindow) -> None:
    tools_for(window)
    assert _words(window) == ["Teh"]  # not the code span, the URL, the fence or indented code


def test_common_words_the_english_list_lacks_are_not_underlined(window: MainWindow) -> None:
    set_body(window, "The kerb outside is searchable on a smartphone. Teh end.\n")
    assert _words(window) == ["Teh"]


def _words(window: MainWindow) -> list[str]:
    """Whole underlined words, rebuilt from the per-character format ranges."""
    words = []
    block = window.document.text_document.begin()
    while block.isValid():
        marks = sorted(
            (f.start, f.start + f.length)
            for f in block.layout().formats()
            if f.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
        )
        start = end = -1
        for s, e in marks:
            if s == end:
                end = e
                continue
            if end > start >= 0:
                words.append(block.text()[start:end])
            start, end = s, e
        if end > start >= 0:
            words.append(block.text()[start:end])
        block = block.next()
    return words


def test_spelling_follows_typing_and_can_be_switched_off(window: MainWindow, qtbot: QtBot) -> None:
    tools = tools_for(window)
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    type_text(qtbot, window.editor, "\nA wharff stands here.")
    assert "wharff" in _words(window)
    tools.spell_action.setChecked(False)
    assert _words(window) == []
    assert not load_preferences(window.settings).spell_enabled
    tools.spell_action.setChecked(True)
    assert "wharff" in _words(window)


def test_no_underlines_while_the_front_matter_is_broken(
    make_window: Factory, tmp_path: Path
) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: [unclosed\n---\nTeh body\n", encoding="utf-8")
    window = make_window(path)
    tools_for(window)
    assert window.document.raw_error is not None
    assert _words(window) == []


def test_context_menu_suggestions_replace_in_one_undo_step(window: MainWindow) -> None:
    tools = tools_for(window)
    menu = QMenu()
    tools.spelling.add_menu_entries(menu, cursor_at(window, "Teh"))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0] == "The"
    assert "Add “Teh” to Dictionary" in texts and "Ignore “Teh”" in texts
    before = window.document.body_text()
    menu.actions()[0].trigger()
    assert "The ferry leaves" in window.document.body_text()
    assert "Teh" not in _words(window)
    window.document.undo_stack.undo()
    assert window.document.body_text() == before

    nothing = QMenu()
    tools.spelling.add_menu_entries(nothing, cursor_at(window, "tikcet"))  # code span
    assert nothing.actions() == []


def test_dictionary_words_survive_a_restart(make_window: Factory, article: Path) -> None:
    article.write_text("Zwartkop lighthouse reopens.\n", encoding="utf-8")
    window = make_window(article)
    tools = tools_for(window)
    assert _words(window) == ["Zwartkop"]
    menu = QMenu()
    tools.spelling.add_menu_entries(menu, cursor_at(window, "Zwartkop"))
    next(a for a in menu.actions() if a.text().startswith("Add")).trigger()
    assert _words(window) == []
    assert "zwartkop" in user_dictionary_path().read_text(encoding="utf-8").split()

    assert SpellChecker("en", user_dictionary_path()).is_correct("Zwartkop")
    second = make_window(article)
    tools_for(second)
    assert _words(second) == []


def test_ignore_is_for_this_run_only(window: MainWindow) -> None:
    tools = tools_for(window)
    tools.spelling.ignore("Teh")
    assert _words(window) == []
    assert not SpellChecker("en", user_dictionary_path()).is_correct("Teh")


def test_only_blocks_near_the_view_are_checked(make_window: Factory, article: Path) -> None:
    article.write_text("Fine words here.\n\n" * 600 + "Misspeled at the end.\n", encoding="utf-8")
    window = make_window(article)
    tools = tools_for(window)
    assert _words(window) == []  # far below the visible lines: not checked yet
    last = window.document.text_document.lastBlock()
    window.editor.setTextCursor(QTextCursor(last))
    window.editor.ensureCursorVisible()
    tools.spelling.check_visible()
    assert _words(window) == ["Misspeled"]
    assert not window.document.is_modified()


# =============================================================== outline
def test_outline_lists_headings_and_moves_editor_and_preview(
    make_window: Factory, qtbot: QtBot
) -> None:
    window = make_window()
    tools = tools_for(window)
    wait_for_preview(qtbot, window, "How the depth is checked")
    outline = tools.outline
    titles = [outline.topLevelItem(i).text(0) for i in range(outline.topLevelItemCount())]
    assert titles == ["What the vote decides", "Costs at a glance", "How the depth is checked"]
    assert tools.outline_dock.isVisible()

    window.preview.verticalScrollBar().setValue(0)
    item = outline.topLevelItem(2)
    rect = outline.visualItemRect(item)
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    heading_line = window.editor.textCursor().block().text()
    assert heading_line == "## How the depth is checked"
    qtbot.waitUntil(lambda: window.preview.verticalScrollBar().value() > 0)

    # The outline follows the cursor.
    block = window.document.text_document.findBlock(
        window.document.body_text().index("Dredging and transport")
    )
    window.editor.setTextCursor(QTextCursor(block))
    assert outline.currentItem().text(0) == "Costs at a glance"


def test_outline_nests_and_refreshes_after_typing(window: MainWindow, qtbot: QtBot) -> None:
    tools = tools_for(window)
    set_body(window, "# One\n\n## Two\n\n### Three\n\n# Four\n")
    qtbot.waitUntil(lambda: tools.outline.topLevelItemCount() == 2)
    first = tools.outline.topLevelItem(0)
    assert first.child(0).text(0) == "Two"
    assert first.child(0).child(0).text(0) == "Three"


# ============================================================ focus mode
def test_focus_mode_hides_everything_and_esc_brings_it_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    tools = tools_for(window)
    assert window.preview.isVisible() and window.panel_dock.isVisible()
    tools.focus_action.trigger()
    assert tools.focus.active
    assert not window.menuBar().isVisible()
    assert not window.panel_dock.isVisible() and not tools.outline_dock.isVisible()
    assert not window.preview.isVisible() and not window.statusBar().isVisible()
    assert window.editor.centerOnScroll()
    assert len(window.editor.extraSelections()) == 1
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not tools.focus.active
    assert window.menuBar().isVisible() and window.preview.isVisible()
    assert window.panel_dock.isVisible() and tools.outline_dock.isVisible()
    assert window.editor.extraSelections() == []
    assert not tools.focus_action.isChecked()


def test_closing_in_focus_mode_saves_the_real_layout(window: MainWindow) -> None:
    tools = tools_for(window)
    tools.focus_action.trigger()
    window.save_settings = lambda: saved.append(window.panel_dock.isVisible())  # type: ignore[method-assign]
    saved: list[bool] = []
    window.close()
    assert saved == [True] and not tools.focus.active


def test_distraction_free_keeps_the_window_and_has_no_tint(window: MainWindow) -> None:
    tools = tools_for(window)
    tools.distraction_free_action.trigger()
    assert tools.focus.active and not window.isFullScreen()
    assert not window.preview.isVisible()
    assert window.editor.extraSelections() == []
    tools.distraction_free_action.trigger()
    assert not tools.focus.active and window.preview.isVisible()


# ================================================================ images
def make_png(path: Path, colour: str = "#3a7") -> Path:
    image = QImage(16, 12, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))
    return path


def test_dropping_an_image_copies_it_and_inserts_a_link(
    window: MainWindow, article: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    tools_for(window)
    picture = make_png(tmp_path / "Quay at Dawn.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(picture))])
    target = window.editor.cursorRect(cursor_at(window, "ferry")).center()
    drop = QDropEvent(
        QPointF(target),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.editor.dropEvent(drop)
    copied = article.parent / "images" / "quay-at-dawn.png"
    assert copied.read_bytes() == picture.read_bytes()
    assert "![Quay at Dawn](images/quay-at-dawn.png)" in window.document.body_text()
    qtbot.waitUntil(lambda: "images/quay-at-dawn.png" in window.preview.toHtml())
    assert window.preview._local_path(QUrl("images/quay-at-dawn.png")) == copied

    # The same picture again reuses the copy; a different one gets its own name.
    window.editor.insertFromMimeData(mime)
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(make_png(tmp_path / "x" / "Quay at Dawn.png", "#f00")))])
    window.editor.insertFromMimeData(other)
    assert sorted(p.name for p in copied.parent.glob("quay*")) == [
        "quay-at-dawn-2.png",
        "quay-at-dawn.png",
    ]


def test_pasted_image_data_and_configured_folder(window: MainWindow, article: Path) -> None:
    tools = tools_for(window)
    prefs = tools.prefs
    prefs.images_folder = "media/pics"
    mime = QMimeData()
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("#123456"))
    mime.setImageData(image)
    window.editor.insertFromMimeData(mime)
    stored = list((article.parent / "media" / "pics").glob("pasted-image-*.png"))
    assert len(stored) == 1
    assert f"](media/pics/{stored[0].name})" in window.document.body_text()


def test_unsaved_article_asks_to_save_before_images(window: MainWindow, tmp_path: Path) -> None:
    tools_for(window)
    window.document.new()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(make_png(tmp_path / "a.png")))])
    window.editor.insertFromMimeData(mime)
    assert window.document.body_text() == ""
    assert window.message_bar.isVisible()
    assert "Save As…" in window.message_bar.button_texts()


def test_dropping_a_markdown_file_still_opens_it(
    window: MainWindow, samples_copy: Path, qtbot: QtBot
) -> None:
    tools_for(window)
    other = samples_copy / "02-night-ferry.md"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.editor.dropEvent(drop)
    qtbot.waitUntil(lambda: window.document.path == other)


# ======================================================= writing helpers
def select(window: MainWindow, word: str) -> None:
    start = window.document.body_text().index(word)
    cursor = window.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(word), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)


def test_bold_italic_code_shortcuts_wrap_and_unwrap(window: MainWindow, qtbot: QtBot) -> None:
    tools_for(window)
    set_body(window, "The night ferry sails.\n")
    window.editor.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    select(window, "night")
    qtbot.keyClick(window.editor, Qt.Key.Key_B, ctrl)
    assert window.document.body_text() == "The **night** ferry sails.\n"
    assert window.editor.textCursor().selectedText() == "night"
    qtbot.keyClick(window.editor, Qt.Key.Key_I, ctrl)
    assert window.document.body_text() == "The ***night*** ferry sails.\n"
    qtbot.keyClick(window.editor, Qt.Key.Key_B, ctrl)
    assert window.document.body_text() == "The *night* ferry sails.\n"
    qtbot.keyClick(window.editor, Qt.Key.Key_I, ctrl)
    assert window.document.body_text() == "The night ferry sails.\n"

    select(window, "ferry")
    qtbot.keyClick(window.editor, Qt.Key.Key_C, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert window.document.body_text() == "The night `ferry` sails.\n"
    select(window, "`ferry`")
    qtbot.keyClick(window.editor, Qt.Key.Key_C, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert window.document.body_text() == "The night ferry sails.\n"
    window.document.undo_stack.undo()
    assert window.document.body_text() == "The night `ferry` sails.\n"


def test_link_heading_list_quote_and_table(window: MainWindow, qtbot: QtBot) -> None:
    tools = tools_for(window)
    set_body(window, "Timetable\nfirst\nsecond\n")
    window.editor.setFocus()
    select(window, "Timetable")
    tools.link_action.trigger()
    assert window.document.body_text().startswith("[Timetable](https://)")
    assert window.editor.textCursor().selectedText() == "https://"
    qtbot.keyClick(window.editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.document.body_text().startswith("## [Timetable](https://)\n")
    qtbot.keyClick(window.editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.document.body_text().startswith("[Timetable](https://)\n")

    start = window.document.body_text().index("first")
    cursor = window.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("first\nsecond"), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    tools.number_action.trigger()
    assert window.document.body_text().endswith("1. first\n2. second\n")
    tools.bullet_action.trigger()
    assert window.document.body_text().endswith("- first\n- second\n")
    tools.bullet_action.trigger()
    tools.quote_action.trigger()
    assert window.document.body_text().endswith("> first\n> second\n")

    set_body(window, "Fares\n")
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    from editor.ui.editing.writing_helpers import insert_table

    insert_table(window.editor, 2, 2)
    assert window.document.body_text() == (
        "Fares\n\n| Column 1 | Column 2 |\n|----------|----------|\n"
        "|          |          |\n|          |          |\n"
    )
    assert window.editor.textCursor().selectedText() == "Column 1"


def test_lists_continue_on_enter_and_end_on_an_empty_item(window: MainWindow, qtbot: QtBot) -> None:
    tools_for(window)
    set_body(window, "")
    window.editor.setFocus()
    type_text(qtbot, window.editor, "- bread\nmilk\n\nAfter.")
    assert window.document.body_text() == "- bread\n- milk\n\nAfter."
    for typed, expected in (
        ("9. nine\nten", "9. nine\n10. ten"),
        ("  * [x] done\nnext", "  * [x] done\n  * [ ] next"),
        ("> quoted\nmore", "> quoted\n> more"),
        ("-not a list\nplain", "-not a list\nplain"),
    ):
        set_body(window, "")
        type_text(qtbot, window.editor, typed)
        assert window.document.body_text() == expected
    set_body(window, "```\n- inside code\n```\n")
    cursor = window.editor.textCursor()
    cursor.setPosition(len("```\n- inside code"))
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    assert window.document.body_text() == "```\n- inside code\n\n```\n"


def test_rich_text_pastes_as_markdown_but_own_copies_stay_plain(window: MainWindow) -> None:
    tools_for(window)
    set_body(window, "")
    mime = QMimeData()
    mime.setHtml('<p>Book the <b>early</b> boat at <a href="https://example.org">the desk</a>.</p>')
    mime.setText("Book the early boat at the desk.")
    window.editor.insertFromMimeData(mime)
    assert window.document.body_text() == (
        "Book the **early** boat at [the desk](https://example.org)."
    )

    set_body(window, "Some **bold** words\n")
    window.editor.selectAll()
    window.editor.copy()
    copied = QApplication.clipboard().mimeData()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertFromMimeData(copied)
    assert window.document.body_text() == "Some **bold** words\nSome **bold** words\n"


def test_rich_text_pasted_inside_a_code_fence_stays_plain(window: MainWindow, qtbot: QtBot) -> None:
    tools_for(window)
    set_body(window, "```\n\n```\n")
    qtbot.wait(50)  # let the highlighter mark the fence
    cursor = window.editor.textCursor()
    cursor.setPosition(len("```\n"))
    window.editor.setTextCursor(cursor)
    mime = QMimeData()
    mime.setHtml("<p>x = <b>1</b></p>")
    mime.setText("x = 1")
    window.editor.insertFromMimeData(mime)
    assert window.document.body_text() == "```\nx = 1\n```\n"


# =========================================================== preferences
def test_preferences_apply_and_persist_only_changes(
    make_window: Factory, window: MainWindow, qtbot: QtBot
) -> None:
    tools = tools_for(window)
    dialog = tools.make_preferences_dialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.patterns_edit.setPlainText("^DRAFT:\n(unclosed")
    assert not ok.isEnabled() and "unclosed" in dialog.error_label.text()
    dialog.patterns_edit.setPlainText("^DRAFT:")
    assert ok.isEnabled()
    dialog.size_box.setValue(17)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("es"))
    dialog.images_edit.setText("/absolute")
    assert not ok.isEnabled()
    dialog.images_edit.setText("pics")
    dialog.autosave_box.setChecked(True)
    dialog.interval_box.setValue(10)
    tools.accept_preferences(dialog.preferences())

    assert window.editor.font().pointSize() == 17
    assert window.theme_choice is ThemeChoice.DARK
    assert tools.checker.language == "es"
    qsettings = window.settings.qsettings
    assert qsettings.value(FONT_SIZE_KEY) in (17, "17")
    assert qsettings.value(THEME_KEY) == "dark"
    assert qsettings.value(SPELL_LANGUAGE_KEY) == "es"
    assert qsettings.value(IMAGES_FOLDER_KEY) == "pics"
    assert qsettings.value(AUTOSAVE_INTERVAL_KEY) in (10, "10")
    assert window.settings.bool_value("autosave/enabled", False)
    safety = getattr(window, "safety", None)
    if safety is not None:
        assert safety.recovery.timer.interval() == 10_000
    assert window.panel.placeholder_patterns == ["^DRAFT:"]
    assert tools.autosave.enabled and tools.autosave.timer.interval() == 10_000
    assert not qsettings.contains("spelling/enabled")  # unchanged: not written

    again = make_window()
    again_tools = tools_for(again)
    assert again.editor.font().pointSize() == 17
    assert again_tools.prefs.placeholder_patterns == ["^DRAFT:"]
    assert again_tools.checker.language == "es"

    defaults = again_tools.make_preferences_dialog()
    qtbot.addWidget(defaults)
    defaults.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    again_tools.accept_preferences(defaults.preferences())
    assert [k for k in qsettings.allKeys() if k.split("/")[0] in ("editor", "spelling")] == []


def test_autosave_saves_quietly_and_never_over_other_changes(
    window: MainWindow, article: Path
) -> None:
    tools = tools_for(window)
    tools.autosave.configure(True, 1)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertPlainText("Saved without asking.\n")
    assert tools.autosave.timer.isActive()
    assert tools.autosave.save_now()
    assert "Saved without asking." in article.read_text(encoding="utf-8")
    assert not window.document.is_modified()

    window.editor.insertPlainText("Mine.\n")
    article.write_text("---\ntitle: Changed elsewhere\n---\nTheirs.\n", encoding="utf-8")
    assert not tools.autosave.save_now()
    assert "Theirs." in article.read_text(encoding="utf-8")
    assert window.document.is_modified()


# ============================================================= shortcuts
def test_shortcuts_dialog_lists_every_action_with_a_key(window: MainWindow, qtbot: QtBot) -> None:
    tools = tools_for(window)
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = {(menu, label): keys for menu, label, keys in dialog.rows}
    assert rows[("Format", "Bold")] and rows[("File", "Save")]
    assert ("Help", "Keyboard Shortcuts") in rows
    assert ("Format › Heading", "Heading 2") in rows
    labels = set(dialog.listed_actions())
    for action in (tools.focus_action, tools.preferences_action, window.find_action):
        assert action.text().replace("&", "").rstrip("…") in labels
    dialog.filter_edit.setText("heading 3")
    shown = [
        dialog.tree.topLevelItem(i).text(0).strip() for i in range(dialog.tree.topLevelItemCount())
    ]
    assert shown == ["Format › Heading", "Heading 3"]


# ============================================================ statistics
def test_selection_counts_appear_with_a_selection(window: MainWindow) -> None:
    tools = tools_for(window)
    set_body(window, "Three short words. And more.\n")
    select(window, "Three short words.")
    label = tools.selection_stats.label
    assert not label.isHidden()
    assert label.text() == "Selected: 3 words · 18 characters"
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    assert label.isHidden()


# The offscreen platform says it cannot raise the popup or grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_context_menu_hook_runs_on_right_click(window: MainWindow) -> None:
    tools = tools_for(window)
    seen: list[str] = []
    shown: list[list[str]] = []

    def provider(menu: QMenu, cursor: QTextCursor) -> None:
        seen.append(cursor.block().text())
        shown.append([a.text() for a in menu.actions()])
        QTimer.singleShot(0, menu.close)

    window.editor.context_menu_providers.append(provider)
    point = window.editor.cursorRect(cursor_at(window, "Teh")).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, window.editor.viewport().mapToGlobal(point)
    )
    window.editor.contextMenuEvent(event)
    assert seen and seen[0].startswith("Teh ferry")
    assert shown and shown[0][0] == "The" and "Ignore “Teh”" in shown[0]
    assert tools.spelling.misspelled_at(cursor_at(window, "Teh")) is not None


def test_the_word_being_typed_is_underlined_only_when_finished(
    window: MainWindow, qtbot: QtBot
) -> None:
    tools_for(window)
    set_body(window, "")
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    qtbot.keyClicks(window.editor, "The harb")
    assert _words(window) == []  # still typing: maybe "harbour"
    qtbot.keyClicks(window.editor, " ")
    assert _words(window) == ["harb"]
    qtbot.keyClicks(window.editor, "quayy")
    assert _words(window) == ["harb"]
    window.editor.moveCursor(QTextCursor.MoveOperation.StartOfBlock)
    assert _words(window) == ["harb", "quayy"]
