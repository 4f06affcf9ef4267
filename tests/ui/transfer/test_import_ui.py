"""Import, paste, export and summary suggestion as the window offers them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from editor.core.article import load_article, new_article, save_article
from editor.ui.document import ArticleDocument
from editor.ui.transfer import export_actions, import_actions, summary_actions
from editor.ui.transfer import messages as transfer_messages
from editor.ui.transfer.summary_actions import SuggestSummaryDialog

SCRAPED = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "scraped"
BODY = (
    "The harbour authority will open a second ferry berth in the spring, doubling the "
    "number of crossings on weekdays.\n\nWork on the berth began last year.\n"
)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, bool]]:
    shown: list[tuple[str, str, bool]] = []

    def show(_parent: object, title: str, text: str, *, warning: bool = False) -> None:
        shown.append((title, text, warning))

    monkeypatch.setattr(transfer_messages, "show_message", show)
    return shown


@pytest.fixture
def make_document(qtbot: QtBot) -> Iterator[Callable[[], ArticleDocument]]:
    """Documents that are taken apart at the end, before Qt's own shutdown could signal them."""
    made: list[ArticleDocument] = []

    def factory() -> ArticleDocument:
        made.append(ArticleDocument())
        return made[-1]

    yield factory
    for document in made:
        document.undo_stack.cleanChanged.disconnect()
        document.undo_stack.clear()
        document.deleteLater()
    qtbot.wait(1)


def _article_file(folder: Path, title: str = "Ferry berth", summary: str = "") -> Path:
    article = new_article()
    article.title = title
    article.summary = summary
    article.body = BODY
    return save_article(article, folder / "ferry.md")


# ------------------------------------------------------------------ import


def test_import_text_asks_for_files_and_reports(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[object]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    picked = [SCRAPED / "harbour-night-ferry.txt", SCRAPED / "placeholder-previous.txt", bad]
    monkeypatch.setattr(import_actions, "choose_import_files", lambda _p, _start: picked)
    out = tmp_path / "out"
    out.mkdir()
    batch = import_actions.import_files_into(None, out)
    assert batch is not None
    assert len(batch.created) == 2 and len(batch.rejected) == 1
    ((title, text, warning),) = messages
    assert title == "Import Text" and warning  # one page was refused
    assert "night-ferry-to-the-outer-islands-resumes-after-two-quiet-winters.md" in text
    assert "'TODO: headline' looks like a placeholder" in text
    assert "bad.txt: the file is empty" in text
    assert sorted(p.name for p in out.iterdir()) == sorted(r.path.name for r in batch.created)


def test_cancelled_import_creates_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[object]
) -> None:
    monkeypatch.setattr(import_actions, "choose_import_files", lambda _p, _start: [])
    assert import_actions.import_files_into(None, tmp_path) is None
    assert list(tmp_path.iterdir()) == [] and messages == []


def test_paste_as_new_article_from_the_clipboard(
    qtbot: QtBot, tmp_path: Path, messages: list[object]
) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText((SCRAPED / "festival-accents.txt").read_text(encoding="utf-8"))
    result = import_actions.paste_as_new_article(None, tmp_path)
    assert result is not None
    assert load_article(result.path).title.startswith("Zoë Müller’s “Canción del río”")
    assert messages == []


def test_paste_of_text_that_is_not_a_page_creates_nothing(
    qtbot: QtBot, tmp_path: Path, messages: list[tuple[str, str, bool]]
) -> None:
    assert import_actions.paste_as_new_article(None, tmp_path, "just one line") is None
    assert import_actions.paste_as_new_article(None, tmp_path, "   ") is None
    assert list(tmp_path.iterdir()) == []
    assert "single line" in messages[0][1]
    assert "no text" in messages[1][1]


def test_pasted_placeholder_is_flagged(
    qtbot: QtBot, tmp_path: Path, messages: list[tuple[str, str, bool]]
) -> None:
    text = (SCRAPED / "placeholder-previous.txt").read_text(encoding="utf-8")
    result = import_actions.paste_as_new_article(None, tmp_path, text)
    assert result is not None and result.warnings
    assert "TODO: headline" in messages[0][1] and messages[0][2]


# ------------------------------------------------------------------ export


def test_export_as_html(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[object]
) -> None:
    article = load_article(_article_file(tmp_path))
    article.title = "Edited, not yet saved"
    target = tmp_path / "web" / "ferry.html"
    monkeypatch.setattr(export_actions, "choose_export_file", lambda _p, _s: target)
    assert export_actions.export_html(None, article) == target
    assert "Edited, not yet saved" in target.read_text(encoding="utf-8")


def test_export_of_the_window_document_shows_unsaved_edits(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str, bool]],
    make_document: Callable[[], ArticleDocument],
) -> None:
    path = _article_file(tmp_path)
    before = path.read_bytes()
    document = make_document()
    document.load(path)
    document.set_field("summary", "A summary typed in the panel.")
    document.text_document.setPlainText("Text typed in the editor, not saved.\n")
    page = tmp_path / "page.html"
    assert export_actions.export_document_html(None, document, page) == page
    html = page.read_text(encoding="utf-8")
    assert "A summary typed in the panel." in html
    assert "Text typed in the editor, not saved." in html
    assert path.read_bytes() == before and document.is_modified()
    document.load_text("---\ntitle: [broken\n---\nBody\n", tmp_path / "broken.md")
    assert export_actions.export_document_html(None, document, tmp_path / "b.html") is None
    assert "Fix the front matter first" in messages[-1][1]


def test_export_with_a_placeholder_title_asks_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[object]
) -> None:
    article = load_article(_article_file(tmp_path, title="rewrite_title_placeholder"))
    asked: list[list[str]] = []
    answer = {"value": False}

    def confirm(_parent: object, lines: list[str]) -> bool:
        asked.append(list(lines))
        return answer["value"]

    monkeypatch.setattr(export_actions, "confirm_placeholders", confirm)
    page = tmp_path / "page.html"
    assert export_actions.export_html(None, article, page) is None
    assert not page.exists()
    answer["value"] = True
    assert export_actions.export_html(None, article, page) == page
    assert len(asked) == 2 and "rewrite_title_placeholder" in asked[0][0]


def test_export_folder_as_site_asks_about_placeholders_before_writing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[object]
) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    _article_file(folder, title="TODO: headline")
    site = tmp_path / "site"
    monkeypatch.setattr(export_actions, "confirm_placeholders", lambda _p, _lines: False)
    assert export_actions.export_folder_as_site(None, folder, site) is None
    assert not site.exists()
    monkeypatch.setattr(export_actions, "confirm_placeholders", lambda _p, _lines: True)
    assert export_actions.export_folder_as_site(None, folder, site) == site / "index.html"
    assert (site / "ferry.html").is_file()


# ------------------------------------------------------------------ summary


def test_dialog_shows_the_suggestion_and_what_it_replaces(qtbot: QtBot) -> None:
    dialog = SuggestSummaryDialog("A proposal.", "Mine, by hand.")
    qtbot.addWidget(dialog)
    assert dialog.text() == "A proposal."
    assert dialog.accept_button.text() == "Replace Summary"
    assert dialog.current_label is not None and "Mine, by hand." in dialog.current_label.text()
    assert dialog.count.text().startswith("11 / 160")
    dialog.editor.setPlainText("")
    assert not dialog.accept_button.isEnabled()
    fresh = SuggestSummaryDialog("A proposal.")
    qtbot.addWidget(fresh)
    assert fresh.accept_button.text() == "Use Summary" and fresh.current_label is None


def test_accepted_suggestion_is_one_undoable_step(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[object],
    make_document: Callable[[], ArticleDocument],
) -> None:
    document = make_document()
    document.load(_article_file(tmp_path, summary="Mine, by hand."))
    offered: list[tuple[str, str]] = []

    def ask(_parent: object, suggestion: str, current: str) -> str | None:
        offered.append((suggestion, current))
        return suggestion + " (edited)"

    monkeypatch.setattr(summary_actions, "ask_summary", ask)
    assert summary_actions.suggest_summary_for(None, document) is True
    ((suggestion, current),) = offered
    assert current == "Mine, by hand."
    assert suggestion.startswith("The harbour authority will open a second ferry berth")
    assert document.article.summary == suggestion + " (edited)"
    assert document.is_modified()
    document.undo_stack.undo()
    assert document.article.summary == "Mine, by hand."


def test_cancelled_suggestion_changes_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[object],
    make_document: Callable[[], ArticleDocument],
) -> None:
    path = _article_file(tmp_path, summary="Mine, by hand.")
    before = path.read_bytes()
    document = make_document()
    document.load(path)
    monkeypatch.setattr(summary_actions, "ask_summary", lambda _p, _s, _c: None)
    assert summary_actions.suggest_summary_for(None, document) is False
    assert document.article.summary == "Mine, by hand."
    assert not document.is_modified()
    assert path.read_bytes() == before


def test_no_prose_no_dialog(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str, bool]],
    make_document: Callable[[], ArticleDocument],
) -> None:
    document = make_document()
    document.load_text("---\ntitle: T\n---\n```\ncode\n```\n")

    def never(*_args: object) -> str:
        raise AssertionError("no dialog without a suggestion")

    monkeypatch.setattr(summary_actions, "ask_summary", never)
    assert summary_actions.suggest_summary_for(None, document) is False
    assert "no sentences" in messages[0][1]


@pytest.mark.parametrize("accept", [True, False])
def test_real_dialog_accept_and_cancel(
    qtbot: QtBot,
    messages: list[object],
    accept: bool,
    make_document: Callable[[], ArticleDocument],
) -> None:
    document = make_document()
    document.load_text("---\ntitle: T\nsummary: Mine.\n---\n" + BODY)
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SuggestSummaryDialog)
        seen.append(dialog.text())
        if accept:
            dialog.accept_button.click()
        else:
            dialog.reject()

    QTimer.singleShot(0, answer)
    changed = summary_actions.suggest_summary_for(None, document)
    assert seen and changed is accept
    assert document.article.summary == (seen[0] if accept else "Mine.")
    assert QApplication.activeModalWidget() is None
    assert not any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
