"""What a writer does in the window: open, type, see the preview, edit metadata, save."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from pytestqt.qtbot import QtBot

from editor import load_article
from editor.ui.shell import prompts
from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import (
    preview_text,
    type_at_end,
    type_in_title,
    type_text,
    wait_for_preview,
)

Factory = Callable[..., MainWindow]


def test_default_window_shows_first_sample_with_preview_and_panel(
    make_window: Factory, qtbot: QtBot
) -> None:
    window = make_window()
    assert window.document.path is not None
    assert window.document.path.name == "01-harbour-dredging.md"
    assert window.panel.title_edit.text().startswith("City council approves harbour dredging")
    wait_for_preview(qtbot, window, "What the vote decides")
    text = preview_text(window)
    # The published-page shape: title and summary box above, links below.
    assert text.index("City council approves") < text.index("No time to read?")
    assert text.index("No time to read?") < text.index("What the vote decides")
    assert "Next Article" in text
    assert "Night ferry to the outer islands" in text.split("Next Article")[1]
    assert "tags" in [
        window.panel.other_keys.topLevelItem(i).text(0)
        for i in range(window.panel.other_keys.topLevelItemCount())
    ]


def test_type_preview_follows_then_save_and_reopen(
    make_window: Factory, qtbot: QtBot, samples_copy: Path
) -> None:
    path = samples_copy / "02-night-ferry.md"
    original = path.read_bytes()
    window = make_window(path)
    wait_for_preview(qtbot, window, "Timetable")
    type_at_end(qtbot, window, "\nThe harbour master welcomed the decision.")
    wait_for_preview(qtbot, window, "The harbour master welcomed the decision.")
    assert window.isWindowModified()
    assert "*" in window.windowTitle().replace("[*]", "*") or window.isWindowModified()

    type_in_title(qtbot, window, "Late ferry sailings return on weekends")
    wait_for_preview(qtbot, window, "Late ferry sailings return on weekends")
    assert window.save()
    assert not window.isWindowModified()

    saved = path.read_bytes()
    old_lines = original.decode().splitlines()
    new_lines = saved.decode().splitlines()
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=False) if a != b]
    assert changed == [
        (
            "title: Night ferry to the outer islands returns after a two-year pause",
            "title: Late ferry sailings return on weekends",
        )
    ]
    assert new_lines[-1] == "The harbour master welcomed the decision."
    reopened = load_article(path)
    assert reopened.title == "Late ferry sailings return on weekends"
    assert reopened.body.endswith("The harbour master welcomed the decision.\n") or (
        reopened.body.endswith("The harbour master welcomed the decision.")
    )


def test_untouched_save_keeps_bytes(make_window: Factory, samples_copy: Path) -> None:
    path = samples_copy / "01-harbour-dredging.md"
    original = path.read_bytes()
    window = make_window(path)
    assert window.save()
    assert path.read_bytes() == original


def test_one_undo_history_for_body_and_panel(make_window: Factory, qtbot: QtBot) -> None:
    window = make_window()
    original_title = window.panel.title_edit.text()
    original_body = window.document.body_text()
    type_at_end(qtbot, window, "First")
    type_in_title(qtbot, window, "A new headline")
    type_at_end(qtbot, window, " second")
    assert window.document.article.title == "A new headline"
    stack = window.document.undo_stack
    stack.undo()  # " second"
    assert window.document.body_text() == original_body + "First"
    assert window.document.article.title == "A new headline"
    stack.undo()  # the title
    assert window.panel.title_edit.text() == original_title
    assert window.document.body_text() == original_body + "First"
    stack.undo()  # "First"
    assert window.document.body_text() == original_body
    assert not window.isWindowModified()
    stack.redo()
    stack.redo()
    assert window.panel.title_edit.text() == "A new headline"
    assert window.isWindowModified()


def test_ctrl_z_in_title_field_uses_shared_history(make_window: Factory, qtbot: QtBot) -> None:
    window = make_window()
    type_at_end(qtbot, window, "xyz")
    type_in_title(qtbot, window, "Other")
    qtbot.keySequence(window.panel.title_edit, QKeySequence.StandardKey.Undo)
    assert window.document.article.title.startswith("City council")
    qtbot.keySequence(window.panel.title_edit, QKeySequence.StandardKey.Undo)
    assert not window.document.body_text().endswith("xyz")


def test_discard_prompt_on_close_and_on_open(
    make_window: Factory,
    qtbot: QtBot,
    unsaved_answers: list[prompts.UnsavedChoice],
    samples_copy: Path,
) -> None:
    window = make_window(samples_copy / "01-harbour-dredging.md")
    type_at_end(qtbot, window, "unsaved words")
    unsaved_answers.append(prompts.UnsavedChoice.CANCEL)
    assert not window.close()  # cancelled: window stays, text stays
    assert window.document.body_text().endswith("unsaved words")
    unsaved_answers.append(prompts.UnsavedChoice.CANCEL)
    assert not window.open_path_prompting(samples_copy / "02-night-ferry.md")
    assert window.document.path == samples_copy / "01-harbour-dredging.md"
    unsaved_answers.append(prompts.UnsavedChoice.SAVE)
    assert window.open_path_prompting(samples_copy / "02-night-ferry.md")
    assert (samples_copy / "01-harbour-dredging.md").read_text().endswith("unsaved words")
    type_at_end(qtbot, window, "more")
    unsaved_answers.append(prompts.UnsavedChoice.DISCARD)
    assert window.close()
    assert not (samples_copy / "02-night-ferry.md").read_text().endswith("more")


def test_find_and_replace(make_window: Factory, samples_copy: Path) -> None:
    window = make_window(samples_copy / "01-harbour-dredging.md")
    bar = window.find_bar
    bar.open_replace()
    assert bar.isVisible()
    bar.find_edit.setText("harbour")
    assert bar.find_next()
    assert window.editor.textCursor().selectedText().lower() == "harbour"
    bar.match_case.setChecked(True)
    bar.find_edit.setText("Harbour")
    assert not bar.find_next()  # only lower-case "harbour" in the body
    bar.match_case.setChecked(False)
    bar.whole_word.setChecked(True)
    bar.find_edit.setText("sea")
    assert not bar.find_next()  # "season" is not the whole word
    bar.whole_word.setChecked(False)
    bar.regex.setChecked(True)
    bar.find_edit.setText(r"(\d+),(\d{3}),000")
    bar.replace_edit.setText(r"\1.\2 million")
    assert bar.replace_all() == 1
    assert "4.200 million" in window.document.body_text()
    bar.regex.setChecked(False)
    bar.find_edit.setText("harbour")
    bar.replace_edit.setText("port")
    count = bar.replace_all()
    assert count >= 3
    assert "harbour" not in window.document.body_text().lower()
    window.document.undo_stack.undo()  # Replace All is one step
    assert "harbour" in window.document.body_text()
    bar.regex.setChecked(True)
    bar.find_edit.setText("(unclosed")
    assert not bar.find_next()
    assert "Invalid expression" in bar.status.text()


def test_placeholder_titles_flagged_in_panel(make_window: Factory, samples_copy: Path) -> None:
    window = make_window(samples_copy / "04-market-square.md")
    assert window.panel.title_flag.isVisible()
    window = make_window(samples_copy / "03-library-late-hours.md")
    assert not window.panel.title_flag.isVisible()
    assert window.panel.next_editor.flag.isVisible()
    assert not window.panel.prev_editor.flag.isVisible()
    edit = window.panel.title_edit
    edit.setText("Untitled portraits go on show at the city gallery")
    edit.textEdited.emit(edit.text())
    assert not window.panel.title_flag.isVisible()
    edit.setText("TODO: headline")
    edit.textEdited.emit(edit.text())
    assert window.panel.title_flag.isVisible()


def test_broken_front_matter_opens_as_raw_text(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "broken.md"
    raw = "---\ntitle: [unclosed\nsummary: fine\n---\nBody stays.\n"
    path.write_text(raw)
    window = make_window(path)
    assert window.document.raw_error is not None
    assert window.message_bar.isVisible()
    assert "line" in window.message_bar.label.text()
    assert window.document.body_text() == raw  # nothing hidden, nothing lost
    assert not window.panel.title_edit.isEnabled()
    # Repair by hand and save: the article reads normally again.
    window.editor.selectAll()
    type_text(qtbot, window.editor, "---\ntitle: Fixed\n---\nBody stays.\n")
    assert window.save()
    assert window.document.raw_error is None
    assert window.panel.title_edit.text() == "Fixed"
    assert load_article(path).title == "Fixed"


def test_unopenable_file_keeps_current_article(make_window: Factory, tmp_path: Path) -> None:
    window = make_window()
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    before = window.document.path
    assert not window.open_path(binary)
    assert window.document.path == before
    assert "binary" in window.message_bar.label.text()


def test_save_failure_keeps_buffer_modified(
    make_window: Factory, qtbot: QtBot, samples_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    path = samples_copy / "02-night-ferry.md"
    original = path.read_bytes()
    window = make_window(path)
    type_at_end(qtbot, window, "precious words")

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert not window.save()
    assert window.isWindowModified()
    assert "disk is full" in window.message_bar.label.text()
    assert "Save As…" in window.message_bar.button_texts()
    assert path.read_bytes() == original
    assert not [p for p in samples_copy.iterdir() if p.name.startswith(".~")]


def test_conflicting_save_is_never_silent(
    make_window: Factory, qtbot: QtBot, samples_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = samples_copy / "02-night-ferry.md"
    window = make_window(path)
    type_at_end(qtbot, window, "mine")
    path.write_text(path.read_text() + "theirs\n")
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm_overwrite_changed_file", lambda _p, name: asked.append(name) or False
    )
    assert not window.save()
    assert asked == ["02-night-ferry.md"]
    assert path.read_text().endswith("theirs\n")
    assert window.isWindowModified()
    monkeypatch.setattr(prompts, "confirm_overwrite_changed_file", lambda _p, _n: True)
    assert window.save()
    assert path.read_text().endswith("mine")


def test_drop_article_file_opens_it(make_window: Factory, samples_copy: Path) -> None:
    window = make_window(samples_copy / "01-harbour-dredging.md")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(samples_copy / "03-library-late-hours.md"))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document.path == samples_copy / "03-library-late-hours.md"


def test_status_bar_counts_and_position(make_window: Factory, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "short.md"
    path.write_text("---\ntitle: Short\n---\none two three\n")
    window = make_window(path)
    # Counted in the render worker, so the label follows the preview.
    qtbot.waitUntil(lambda: "3 words" in window.stats_label.text())
    assert "1 min read" in window.stats_label.text()
    type_at_end(qtbot, window, "four")
    qtbot.waitUntil(lambda: "4 words" in window.stats_label.text())
    assert window.position_label.text().startswith("Ln 2")


def test_settings_remember_toggles_and_recent_files(
    make_window: Factory, samples_copy: Path
) -> None:
    window = make_window(samples_copy / "02-night-ferry.md")
    window.preview_action.setChecked(False)
    window.save_settings()
    assert str((samples_copy / "02-night-ferry.md").resolve()) in window.settings.recent_files()
    second = make_window(samples_copy / "01-harbour-dredging.md")
    assert not second.preview_action.isChecked()
    assert not second.preview.isVisibleTo(second)
    second.preview_action.setChecked(True)
    second.save_settings()


def test_new_article_gets_front_matter_only_when_a_field_is_set(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    window.document.new()
    type_at_end(qtbot, window, "Just a body.")
    target = tmp_path / "plain.md"
    assert window._save_to(target)
    assert target.read_text() == "Just a body."
    type_in_title(qtbot, window, "Now with a title")
    assert window.save()
    assert target.read_text() == "---\ntitle: Now with a title\n---\nJust a body."


def test_dark_theme_switches_palette_editor_and_preview(make_window: Factory) -> None:
    from PySide6.QtWidgets import QApplication

    from editor.ui.shell.theme import ThemeChoice

    window = make_window()
    window.set_theme(ThemeChoice.DARK)
    assert QApplication.palette().base().color().lightness() < 128
    assert "#1e2227" in window.preview.document().defaultStyleSheet()
    window.set_theme(ThemeChoice.LIGHT)
    assert QApplication.palette().base().color().lightness() >= 128
    assert "#fdfcf8" in window.preview.document().defaultStyleSheet()
    window.set_theme(ThemeChoice.SYSTEM)


def test_preview_links_open_outside_and_never_navigate(
    make_window: Factory, qtbot: QtBot, samples_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window = make_window(samples_copy / "01-harbour-dredging.md")
    wait_for_preview(qtbot, window, "What the vote decides")
    before = window.preview.toHtml()
    window.preview.anchorClicked.emit(QUrl("https://example.org/harbour/notices"))
    assert opened == ["https://example.org/harbour/notices"]
    window.preview.anchorClicked.emit(QUrl("javascript:alert(1)"))
    window.preview.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["https://example.org/harbour/notices"]
    assert window.preview.toHtml() == before  # the preview never navigated away
    # A link to a neighbouring article opens it in the editor.
    window.preview.anchorClicked.emit(QUrl("02-night-ferry.md"))
    assert window.document.path == samples_copy / "02-night-ferry.md"


def test_remote_images_are_never_fetched(make_window: Factory, tmp_path: Path) -> None:
    from PySide6.QtGui import QTextDocument

    path = tmp_path / "remote.md"
    path.write_text("---\ntitle: Remote\n---\n![x](https://example.org/x.png)\n")
    window = make_window(path)
    image = window.preview.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("https://example.org/x.png")
    )
    assert image.isNull()  # type: ignore[attr-defined]


def test_a_fresh_or_new_article_is_not_modified(make_window: Factory) -> None:
    window = make_window()
    assert not window.isWindowModified()
    window.document.new()
    assert window.document.undo_stack.count() == 0
    assert not window.isWindowModified()


def test_opening_a_folder_opens_its_first_article(
    make_window: Factory, samples_copy: Path, qtbot: QtBot
) -> None:
    window = make_window(samples_copy)
    qtbot.waitUntil(lambda: window.document.path == samples_copy / "01-harbour-dredging.md")
    assert window.library_ui.sidebar_dock.isVisible()
    # The library is the sidebar's current tab, in front of the outline.
    qtbot.waitUntil(lambda: not window.library_ui.sidebar_dock.visibleRegion().isEmpty())
