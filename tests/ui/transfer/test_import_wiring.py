"""The window's File menu imports, exports and suggests a summary through the transfer actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor.core.article import load_article
from editor.ui.shell.main_window import MainWindow
from editor.ui.transfer import export_actions, import_actions, summary_actions
from editor.ui.transfer import messages as transfer_messages

SCRAPED = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "scraped"


def test_import_suggest_and_export_from_the_window(
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    samples_copy: Path,
) -> None:
    window = make_window(samples_copy / "02-night-ferry.md")
    monkeypatch.setattr(transfer_messages, "show_message", lambda *a, **k: None)
    monkeypatch.setattr(
        import_actions, "choose_import_files", lambda _p, _s: [SCRAPED / "bakery-crlf.txt"]
    )
    window.import_text_action.trigger()
    assert window.document.path.name == "bakery-cooperative-opens-a-second-shop-near-the-station.md"
    monkeypatch.setattr(summary_actions, "ask_summary", lambda _p, s, _c: s)
    window.panel.suggest_button.click()
    assert window.document.article.summary.startswith("The bakery cooperative")
    assert window.panel.summary_edit.toPlainText() == window.document.article.summary
    out = tmp_path / "x.html"
    monkeypatch.setattr(export_actions, "choose_export_file", lambda _p, _s: out)
    window.export_html_action.trigger()
    assert "The bakery cooperative" in out.read_text(encoding="utf-8")
    window.document.undo_stack.undo()
    assert window.document.article.summary == ""
    monkeypatch.setattr(
        import_actions,
        "clipboard_text",
        lambda: (SCRAPED / "harbour-night-ferry.txt").read_text(encoding="utf-8"),
    )
    window.paste_article_action.trigger()
    assert load_article(window.document.path).title.startswith("Night ferry")
    site = tmp_path / "site"
    monkeypatch.setattr(export_actions, "choose_folder", lambda _p, _t, _s: site)
    monkeypatch.setattr(export_actions, "confirm_placeholders", lambda _p, _l: True)
    window.export_site_action.trigger()
    assert (site / "index.html").is_file()


def test_gui_import_opens_the_article_and_reports_success_without_a_warning(
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    samples_copy: Path,
) -> None:
    window = make_window(samples_copy / "02-night-ferry.md")
    boxes: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        transfer_messages,
        "show_message",
        lambda _p, title, _t, *, warning=False: boxes.append((title, warning)),
    )
    page = SCRAPED / "placeholder-previous.txt"
    monkeypatch.setattr(import_actions, "choose_import_files", lambda _p, _s: [page])
    window.import_text_action.trigger()
    assert window.document.path is not None
    assert window.document.path.parent == samples_copy
    assert window.document.article.title == load_article(window.document.path).title
    assert boxes == []  # no modal box in front of the article that just opened
    assert window.message_bar.kind == "info"
    assert window.document.path.name in window.message_bar.label.text()
    assert "TODO: headline" in window.message_bar.label.text()
