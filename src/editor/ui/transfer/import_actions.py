"""File > Import Text, Paste as New Article, Export as HTML and Suggest Summary.

The window calls these helpers; the work itself is done by the core
(``importer``, ``export``, ``summary``), so the command line and the window
behave the same. Every question the user is asked goes through a small
module-level function (``choose_import_files``, ``ask_summary``, ...) that
tests replace, as in ``prompts``, so no modal dialog is ever left open on
the offscreen platform.

The summary suggestion is only a proposal: it reaches the article through
``target.set_field`` (one undoable step) and only after the user accepted
it in the dialog, which says so plainly when it would replace a summary.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.article import Article, parse_article
from editor.core.errors import ArticleError
from editor.core.export import (
    OutputInUseError,
    PlaceholderTitlesError,
    claim_site_folder,
    export_article,
    export_site,
    placeholder_warnings,
)
from editor.core.importer import BatchResult, ImportResult, import_files, import_text
from editor.core.summary import SUMMARY_LIMIT, suggest

TEXT_FILTER = "Text files (*.txt *.text);;All files (*)"
HTML_FILTER = "HTML page (*.html *.htm)"


class SummaryTarget(Protocol):
    """What the summary helper needs from the window's document (ArticleDocument has it)."""

    def body_text(self) -> str: ...

    def field(self, name: str) -> Any: ...

    def set_field(self, name: str, value: Any) -> None: ...


class EditedDocument(Protocol):
    """The window's document as the export sees it (ArticleDocument has these)."""

    article: Article
    raw_error: ArticleError | None

    def body_text(self) -> str: ...


# ------------------------------------------------------------ questions (replaced in tests)


def choose_import_files(parent: QWidget | None, start: Path) -> list[Path]:
    """The scraped pages the user picked (several at once); empty when cancelled."""
    names, _ = QFileDialog.getOpenFileNames(parent, "Import Text", str(start), TEXT_FILTER)
    return [Path(name) for name in names]


def choose_export_file(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to write the page; None when cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, "Export as HTML", str(suggested), HTML_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() in (".html", ".htm") else path.with_suffix(".html")


def choose_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(name) if name else None


def confirm_write_into(parent: QWidget | None, folder: Path, why: str) -> bool:
    """Write a site into a folder the editor did not make? Its files could be replaced."""
    answer = QMessageBox.warning(
        parent,
        "Export Site",
        f"{folder}: {why.replace('add --force to write', 'write')}.\n\n"
        "Write the site into it anyway? Files with the same names are replaced.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_placeholders(parent: QWidget | None, lines: Sequence[str]) -> bool:
    """Export although titles look like placeholders? Readers would see them."""
    answer = QMessageBox.warning(
        parent,
        "Placeholder titles",
        "These titles look like placeholders and readers would see them:\n\n"
        + "\n".join(f"• {line}" for line in lines[:12])
        + ("\n…" if len(lines) > 12 else "")
        + "\n\nExport anyway?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_message(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    if warning:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def ask_summary(parent: QWidget | None, suggestion: str, current: str) -> str | None:
    """The summary the user accepted (possibly edited), or None when cancelled."""
    dialog = SuggestSummaryDialog(suggestion, current, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.text()
        return None
    finally:
        dialog.deleteLater()


# ------------------------------------------------------------------ import


def import_report(batch: BatchResult) -> tuple[str, bool]:
    """The message after an import, and whether it needs the user's attention."""
    lines = []
    if batch.created:
        lines.append(f"Created {len(batch.created)} article(s):")
        for result in batch.created:
            lines.append(f"• {result.path.name}")
            lines.extend(f"    ⚠ {warning}" for warning in result.warnings)
    if batch.rejected:
        if lines:
            lines.append("")
        lines.append(f"Not imported ({len(batch.rejected)}):")
        for source, error in batch.rejected:
            lines.append(f"• {Path(source).name}: {error.message}")
    attention = bool(batch.rejected) or any(r.warnings for r in batch.created)
    return "\n".join(lines), attention


def import_files_into(
    parent: QWidget | None, folder: Path, paths: Sequence[Path] | None = None
) -> BatchResult | None:
    """File > Import Text: ask for pages (unless given) and create one article each.

    Returns None when the user cancelled; the caller may open
    ``batch.created[0].path``.
    """
    if paths is None:
        paths = choose_import_files(parent, folder)
    if not paths:
        return None
    try:
        batch = import_files(list(paths), folder)
    except ArticleError as error:
        show_message(parent, "Import Text", str(error), warning=True)
        return None
    text, attention = import_report(batch)
    show_message(parent, "Import Text", text, warning=attention)
    return batch


def clipboard_text() -> str:
    clipboard = QGuiApplication.clipboard()
    return clipboard.text() if clipboard is not None else ""


def paste_as_new_article(
    parent: QWidget | None, folder: Path, text: str | None = None
) -> ImportResult | None:
    """Edit > Paste as New Article: the clipboard's scraped page becomes a new file.

    Returns the result (the caller opens ``result.path``) or None after
    telling the user why nothing was created.
    """
    if text is None:
        text = clipboard_text()
    if not text.strip():
        show_message(parent, "Paste as New Article", "The clipboard holds no text.", warning=True)
        return None
    try:
        result = import_text(text, folder)
    except ArticleError as error:
        show_message(
            parent,
            "Paste as New Article",
            f"The clipboard does not hold a scraped article page: {error.message}",
            warning=True,
        )
        return None
    if result.warnings:
        show_message(
            parent,
            "Paste as New Article",
            f"Created {result.path.name}.\n\n" + "\n".join(f"⚠ {w}" for w in result.warnings),
            warning=True,
        )
    return result


# ------------------------------------------------------------------ export


def export_html(
    parent: QWidget | None, article: Article, output: Path | None = None
) -> Path | None:
    """File > Export as HTML: the article (as currently edited) as a standalone page.

    Placeholder titles are shown first and the user decides whether to go on.
    Returns the page written, or None when cancelled or refused.
    """
    base = article.path.parent if article.path is not None else Path.home()
    if output is None:
        stem = article.path.stem if article.path is not None else "article"
        output = choose_export_file(parent, base / f"{stem}.html")
        if output is None:
            return None
    found = placeholder_warnings([(article.path or Path(article.title or "article"), article)])
    if found and not confirm_placeholders(parent, found):
        return None
    try:
        # The file dialog asked before replacing an existing page of that name.
        report = export_article(article, output, base_dir=base, replace_page=True)
    except ArticleError as error:
        show_message(parent, "Export as HTML", str(error), warning=True)
        return None
    others = [w for w in report.warnings if w not in found]
    if others:
        show_message(
            parent,
            "Export as HTML",
            f"Exported {output.name}, with notes:\n\n" + "\n".join(f"• {w}" for w in others[:20]),
            warning=True,
        )
    return output


def current_article(document: EditedDocument) -> Article:
    """A copy of the article as the user sees it now: panel fields and the editor's text.

    The document's article gets the editor text only when saved; exporting
    must show the unsaved edits without touching the document itself.
    """
    article = document.article
    copy = parse_article(article.to_text(), article.path)
    copy.body = document.body_text()
    return copy


def export_document_html(
    parent: QWidget | None, document: EditedDocument, output: Path | None = None
) -> Path | None:
    """File > Export as HTML for the window's document, unsaved edits included."""
    if document.raw_error is not None:
        show_message(
            parent,
            "Export as HTML",
            f"Fix the front matter first: {document.raw_error.message}",
            warning=True,
        )
        return None
    return export_html(parent, current_article(document), output)


def export_folder_as_site(
    parent: QWidget | None, folder: Path, output: Path | None = None
) -> Path | None:
    """Export a whole folder as a static site (index.html plus every article)."""
    if output is None:
        output = choose_folder(parent, "Export Site Into", folder.parent)
        if output is None:
            return None
    lines: list[str] = []
    force = False
    try:
        claim_site_folder(Path(os.path.abspath(folder)), Path(os.path.abspath(output)))
    except OutputInUseError as error:
        if not confirm_write_into(parent, output, error.message):
            return None
        force = True
    except ArticleError as error:
        show_message(parent, "Export Site", str(error), warning=True)
        return None
    try:
        # Strict first: placeholder titles stop it before anything is written.
        report = export_site(folder, output, strict=True, warn=lines.append, force=force)
    except PlaceholderTitlesError:
        placeholders = [line for line in lines if "looks like a placeholder" in line]
        if not confirm_placeholders(parent, placeholders):
            return None
        try:
            report = export_site(folder, output, force=force)
        except ArticleError as error:
            show_message(parent, "Export Site", str(error), warning=True)
            return None
    except ArticleError as error:
        show_message(parent, "Export Site", str(error), warning=True)
        return None
    notes = []
    if report.errors:
        notes.append(
            "These articles could not be read and were left out:\n\n"
            + "\n".join(f"• {error}" for error in report.errors[:20])
        )
    if report.refused:
        notes.append(
            "These files are outside the library folder or not regular files, "
            "and were not copied:\n\n" + "\n".join(f"• {r}" for r in report.refused[:20])
        )
    if notes:
        show_message(parent, "Export Site", "\n\n".join(notes), warning=True)
    return output / "index.html"


# ------------------------------------------------------------------ summary


class SuggestSummaryDialog(QDialog):
    """The proposed summary, editable, accepted or cancelled; never applied by itself."""

    def __init__(self, suggestion: str, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Suggest Summary")
        self.setObjectName("suggestSummaryDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A summary taken from the article's own sentences, made on this computer. "
            "Edit it if you like."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.editor = QPlainTextEdit(suggestion)
        self.editor.setObjectName("suggestionEdit")
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.current_label: QLabel | None = None
        if current.strip():
            self.current_label = QLabel(
                f"<b>Accepting replaces your current summary:</b><br>{escape(current)}"
            )
            self.current_label.setWordWrap(True)
            self.current_label.setObjectName("currentSummary")
            layout.addWidget(self.current_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = QPushButton("Replace Summary" if current.strip() else "Use Summary")
        self.accept_button.setDefault(True)
        buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.editor.textChanged.connect(self._update)
        self._update()
        self.resize(480, 260)

    def text(self) -> str:
        return self.editor.toPlainText().strip()

    def _update(self) -> None:
        length = len(self.text())
        self.count.setText(f"{length} / {SUMMARY_LIMIT} characters")
        self.accept_button.setEnabled(length > 0)


def suggest_summary_for(
    parent: QWidget | None, target: SummaryTarget, limit: int = SUMMARY_LIMIT
) -> bool:
    """Suggest Summary: propose one from the body; True when the user accepted it.

    The summary changes only through ``target.set_field`` after acceptance,
    so it is one undoable step and an existing summary is never replaced
    behind the user's back.
    """
    result = suggest(target.body_text(), limit)
    if result is None:
        show_message(
            parent,
            "Suggest Summary",
            "The article has no sentences to take a summary from yet.",
            warning=True,
        )
        return False
    current = str(target.field("summary") or "")
    accepted = ask_summary(parent, result.text, current)
    if accepted is None or not accepted.strip() or accepted.strip() == current.strip():
        return False
    target.set_field("summary", accepted.strip())
    return True
