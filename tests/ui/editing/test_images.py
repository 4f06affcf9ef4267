"""Dropping an image file stores a copy beside the article and inserts its markdown link."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextDocument

from editor.ui.editing.images import ImageInserter, dropped_image_paths, png_bytes


def image_file(folder: Path, name: str) -> Path:
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    path = folder / name
    path.write_bytes(png_bytes(image))
    return path


def dropped(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_only_existing_image_files_are_taken_from_a_drop(tmp_path: Path) -> None:
    photo = image_file(tmp_path, "harbour-photo.png")
    notes = tmp_path / "notes.txt"
    notes.write_text("text", encoding="utf-8")
    mime = dropped(photo, notes, tmp_path / "gone.png")
    assert dropped_image_paths(mime) == [photo]
    assert png_bytes(QImage(str(photo))).startswith(b"\x89PNG")


def test_a_dropped_image_is_copied_and_linked_as_its_own_paragraph(tmp_path: Path) -> None:
    article = tmp_path / "site" / "harbour.md"
    article.parent.mkdir()
    photo = image_file(tmp_path, "harbour-photo.png")
    notes: list[str] = []
    inserter = ImageInserter(lambda: article, notify=notes.append)
    document = QTextDocument("Before.After.")
    cursor = QTextCursor(document)
    cursor.setPosition(len("Before."))
    mime = dropped(photo)
    assert inserter.can_insert(mime)
    assert inserter.insert(mime, cursor)
    stored = sorted((article.parent).rglob("*.png"))
    assert len(stored) == 1 and stored[0].read_bytes() == photo.read_bytes()
    link = stored[0].relative_to(article.parent).as_posix()
    assert document.toPlainText() == f"Before.\n\n![harbour photo]({link})\n\nAfter."
    assert notes and notes[0].startswith("Added ")


def test_an_unsaved_article_asks_to_be_saved_first(tmp_path: Path) -> None:
    asked: list[bool] = []
    inserter = ImageInserter(lambda: None, ask_to_save=lambda: asked.append(True))
    document = QTextDocument("Text")
    assert inserter.insert(dropped(image_file(tmp_path, "a.png")), QTextCursor(document))
    assert asked == [True]
    assert document.toPlainText() == "Text"
