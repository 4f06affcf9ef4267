"""File > Import Text and Edit > Paste as New Article.

The work is done by the core (``editor.core.importer``), so the command line
and the window create the same articles. Each question the user is asked goes
through a small module-level function (``choose_import_files``,
``clipboard_text``) that tests replace, as in ``prompts``, so no modal dialog
is ever left open on the offscreen platform.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from editor.core.errors import ArticleError
from editor.core.importer import BatchResult, ImportResult, import_files, import_text
from editor.ui.transfer import messages

TEXT_FILTER = "Text files (*.txt *.text);;All files (*)"


def choose_import_files(parent: QWidget | None, start: Path) -> list[Path]:
    """The scraped pages the user picked (several at once); empty when cancelled."""
    names, _ = QFileDialog.getOpenFileNames(parent, "Import Text", str(start), TEXT_FILTER)
    return [Path(name) for name in names]


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
    parent: QWidget | None,
    folder: Path,
    paths: Sequence[Path] | None = None,
    front_matter_format: str | None = None,
    *,
    report_success: bool = True,
) -> BatchResult | None:
    """File > Import Text: ask for pages (unless given) and create one article each.

    Returns None when the user cancelled; the caller may open
    ``batch.created[0].path``. With ``report_success`` False a clean import
    shows no box (the window opens the article and says so itself); refused
    pages are always reported, with a warning.
    """
    if paths is None:
        paths = choose_import_files(parent, folder)
    if not paths:
        return None
    try:
        batch = import_files(list(paths), folder, front_matter_format)
    except ArticleError as error:
        messages.show_message(parent, "Import Text", str(error), warning=True)
        return None
    text, _attention = import_report(batch)
    if batch.rejected or report_success:
        # Placeholder notes are things to check, not failures: only refused pages warn.
        messages.show_message(parent, "Import Text", text, warning=bool(batch.rejected))
    return batch


def clipboard_text() -> str:
    clipboard = QGuiApplication.clipboard()
    return clipboard.text() if clipboard is not None else ""


def paste_as_new_article(
    parent: QWidget | None,
    folder: Path,
    text: str | None = None,
    front_matter_format: str | None = None,
) -> ImportResult | None:
    """Edit > Paste as New Article: the clipboard's scraped page becomes a new file.

    Returns the result (the caller opens ``result.path``) or None after
    telling the user why nothing was created.
    """
    if text is None:
        text = clipboard_text()
    if not text.strip():
        messages.show_message(
            parent, "Paste as New Article", "The clipboard holds no text.", warning=True
        )
        return None
    try:
        result = import_text(text, folder, front_matter_format=front_matter_format)
    except ArticleError as error:
        messages.show_message(
            parent,
            "Paste as New Article",
            f"The clipboard does not hold a scraped article page: {error.message}",
            warning=True,
        )
        return None
    if result.warnings:
        messages.show_message(
            parent,
            "Paste as New Article",
            f"Created {result.path.name}.\n\n" + "\n".join(f"⚠ {w}" for w in result.warnings),
            warning=True,
        )
    return result
