"""File > Export as HTML and Export Folder as Site.

The pages are written by the core (``editor.core.export``), as by the
command line. Placeholder titles are shown first and the user decides
whether readers may see them. Questions go through module-level functions
(``choose_export_file``, ``choose_folder``, ``confirm_placeholders``) that
tests replace.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from editor.core.article import Article, parse_article
from editor.core.errors import ArticleError
from editor.core.export import (
    PlaceholderTitlesError,
    export_article,
    export_site,
    placeholder_warnings,
)
from editor.ui.transfer import messages

HTML_FILTER = "HTML page (*.html *.htm)"


class EditedDocument(Protocol):
    """The window's document as the export sees it (ArticleDocument has these)."""

    @property
    def article(self) -> Article: ...

    @property
    def raw_error(self) -> ArticleError | None: ...

    def body_text(self) -> str: ...


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
        report = export_article(article, output, base_dir=base)
    except ArticleError as error:
        messages.show_message(parent, "Export as HTML", str(error), warning=True)
        return None
    others = [w for w in report.warnings if w not in found]
    if others:
        messages.show_message(
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
        messages.show_message(
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
    try:
        # Strict first: placeholder titles stop it before anything is written.
        report = export_site(folder, output, strict=True, warn=lines.append)
    except PlaceholderTitlesError:
        placeholders = [line for line in lines if "looks like a placeholder" in line]
        if not confirm_placeholders(parent, placeholders):
            return None
        try:
            report = export_site(folder, output)
        except ArticleError as error:
            messages.show_message(parent, "Export Site", str(error), warning=True)
            return None
    except ArticleError as error:
        messages.show_message(parent, "Export Site", str(error), warning=True)
        return None
    if report.errors:
        messages.show_message(
            parent,
            "Export Site",
            "These articles could not be read and were left out:\n\n"
            + "\n".join(f"• {error}" for error in report.errors[:20]),
            warning=True,
        )
    return output / "index.html"
