"""Dropping or pasting an image: copy it beside the article and insert its markdown link.

An article that has never been saved has no folder to put images in. Copying
them to a temporary folder would leave links that break as soon as the
article is saved somewhere else, so the editor asks the writer to save first
(a message with a Save As… button; nothing is inserted until then). Article
files dropped on the editor still open as before; that check runs first in
MarkdownEditor.dropEvent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData
from PySide6.QtGui import QImage, QTextCursor

from editor.core.images import (
    DEFAULT_IMAGES_FOLDER,
    alt_text,
    image_markdown,
    images_folder,
    is_image_path,
    relative_link,
    store_image_bytes,
    store_image_file,
)


def dropped_image_paths(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if is_image_path(p) and p.is_file()]


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; str works
    buffer.close()
    return bytes(data.data())


class ImageInserter:
    """A MarkdownEditor mime handler for image files and image data on the clipboard."""

    def __init__(
        self,
        article_path: Callable[[], Path | None],
        folder: Callable[[], str] = lambda: DEFAULT_IMAGES_FOLDER,
        notify: Callable[[str], None] = lambda _text: None,
        ask_to_save: Callable[[], None] = lambda: None,
    ) -> None:
        self._article_path = article_path
        self._folder = folder
        self._notify = notify
        self._ask_to_save = ask_to_save

    def can_insert(self, mime: QMimeData) -> bool:
        return bool(dropped_image_paths(mime)) or (mime.hasImage() and not mime.hasUrls())

    def insert(self, mime: QMimeData, cursor: QTextCursor) -> bool:
        article = self._article_path()
        if article is None:
            self._ask_to_save()
            return True  # handled: inserting the image as text would help nobody
        target = images_folder(article, self._folder())
        try:
            stored = self.store(mime, target)
        except (OSError, ValueError) as error:
            self._notify(f"The image was not added: {error}")
            return True
        if not stored:
            return False
        links = [image_markdown(alt, relative_link(path, article)) for path, alt in stored]
        # An image is a paragraph of its own: the text around it stays as it was.
        before = "\n\n" if cursor.positionInBlock() > 0 else ""
        after = "\n\n" if not cursor.atBlockEnd() else ""
        cursor.beginEditBlock()
        cursor.insertText(before + "\n\n".join(links))
        position = cursor.position()
        cursor.insertText(after)
        cursor.setPosition(position)
        cursor.endEditBlock()
        names = ", ".join(path.name for path, _alt in stored)
        self._notify(f"Added {names} to {target.name}/")
        return True

    def store(self, mime: QMimeData, target: Path) -> list[tuple[Path, str]]:
        """The stored images with a first alt text each (the writer should improve it)."""
        files = dropped_image_paths(mime)
        if files:
            return [(store_image_file(path, target), alt_text(path.name)) for path in files]
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            name = time.strftime("pasted-image-%Y%m%d-%H%M%S")
            return [(store_image_bytes(png_bytes(image), name, ".png", target), "pasted image")]
        return []
