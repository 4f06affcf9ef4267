"""The live preview: the article as the published page shows it.

The view never navigates away and never fetches anything from the network:
links open in the system browser (or, for a neighbouring article, in the
editor), and images load only from inside the library folder (the article's
own folder when no library is open), by the same rule the export copies them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QMouseEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from editor.core.errors import ArticleError
from editor.core.reading import read_regular_file
from editor.resources import read_text
from editor.ui.shell.startup import after_first_paint, startup_in_progress

OPEN_EXTERNALLY = ("http", "https", "mailto")
REMOTE_SCHEMES = ("http", "https", "ftp", "ftps")
ARTICLE_SUFFIXES = (".md", ".markdown")


def page_stylesheet(dark: bool) -> str:
    """The published page's look, without the colours of code blocks."""
    return read_text("styles", "preview-dark.css" if dark else "preview-light.css")


def preview_stylesheet(dark: bool) -> str:
    """The page stylesheet plus Pygments colours for code blocks."""
    from pygments.formatters import HtmlFormatter

    style = "monokai" if dark else "friendly"
    code_css: str = HtmlFormatter(style=style).get_style_defs("")  # type: ignore[no-untyped-call]
    return page_stylesheet(dark) + "\n" + code_css


class PreviewPane(QTextBrowser):
    """A read-only QTextBrowser that shows rendered HTML safely."""

    #: a link to another article file was clicked (absolute path)
    articleLinkActivated = Signal(object)
    #: something to tell the user in the status bar
    message = Signal(str)
    #: a plain click (no link, no selection) at this document position: jump to the source
    blockClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.base_folder: Path | None = None
        #: the library folder images may come from; None: the article's own folder
        self.library_root: Path | None = None
        #: image address -> why the preview shows a note in its place instead
        self.image_notes: dict[str, str] = {}
        self._dark = False
        self.document().setDocumentMargin(24)
        self.set_dark(False)

    def set_dark(self, dark: bool) -> bool:
        """Switch the page stylesheet; True when it changed (the page must be parsed again)."""
        changed = dark != self._dark or not self.document().defaultStyleSheet()
        self._dark = dark
        if changed and startup_in_progress():
            # Code colours come from Pygments, which loads after the first paint;
            # only the rendered body, which follows it, has code blocks to colour.
            self.document().setDefaultStyleSheet(page_stylesheet(dark))
            after_first_paint(self._add_code_colours)
        elif changed:
            self.document().setDefaultStyleSheet(preview_stylesheet(dark))
        return changed

    def _add_code_colours(self) -> None:
        self.document().setDefaultStyleSheet(preview_stylesheet(self._dark))

    def set_base_folder(self, folder: Path | None) -> None:
        self.base_folder = folder

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not self.textCursor().hasSelection()
            and not self.anchorAt(event.position().toPoint())
        ):
            self.blockClicked.emit(self.cursorForPosition(event.position().toPoint()).position())

    # ---------------------------------------------------------------- safety
    def loadResource(self, kind: int, name: QUrl | str, /) -> object:
        url = QUrl(name)
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        scheme = url.scheme().lower()
        if scheme in REMOTE_SCHEMES:
            return QImage()  # never fetched
        if scheme == "data":
            return super().loadResource(kind, url)
        if self.base_folder is None:
            return QImage()
        # The export's rule: only regular files inside the library folder.
        # (Imported here: no image is shown before the first paint.)
        from editor.core.images import MAX_IMAGE_BYTES
        from editor.core.local_files import Missing, Refused, resolve_local_reference

        root = self.base_folder
        if self.library_root is not None and self.base_folder.is_relative_to(self.library_root):
            root = self.library_root
        found = resolve_local_reference(url.toString(), self.base_folder, root)
        address = url.toString()
        if isinstance(found, Refused):
            return self._stand_in(address, f"Image not shown: {found.reference}: {found.reason}")
        if isinstance(found, Missing):
            return self._stand_in(address, f"Image not found: {found.reference}")
        if not isinstance(found, Path):
            return QImage()
        try:
            data = read_regular_file(found, MAX_IMAGE_BYTES, label="images")
        except ArticleError as exc:
            return self._stand_in(address, f"Image not shown: {exc.message}")
        image = QImage.fromData(data)
        if image.isNull():
            note = f"Image not shown: {found.name} is not an image the preview can read"
            return self._stand_in(address, note)
        self.image_notes.pop(address, None)
        width = max(200, self.viewport().width() - 90)
        if not image.isNull() and image.width() > width:
            image = image.scaledToWidth(width)
        return image

    def _stand_in(self, address: str, text: str) -> QImage:
        """A framed note where an image is not shown: the writer sees why, as the export says."""
        from PySide6.QtGui import QPainter, QPalette

        self.image_notes[address] = text
        width = max(200, min(self.viewport().width() - 90, 640))
        metrics = self.fontMetrics()
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        box = metrics.boundingRect(0, 0, width - 24, 400, flags, text)
        image = QImage(width, box.height() + 20, QImage.Format.Format_ARGB32_Premultiplied)
        palette = self.palette()
        image.fill(palette.color(QPalette.ColorRole.AlternateBase))
        painter = QPainter(image)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.setFont(self.font())
        painter.drawText(image.rect().adjusted(12, 10, -12, -10), flags, text)
        painter.end()
        return image

    def _local_path(self, url: QUrl) -> Path | None:
        if url.scheme() and url.scheme().lower() != "file":
            return None
        raw = url.toLocalFile() if url.isLocalFile() else url.path()
        if not raw:
            return None
        path = Path(raw)
        if not path.is_absolute():
            if self.base_folder is None:
                return None
            path = self.base_folder / path
        return path

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if not scheme and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
            return
        if scheme in OPEN_EXTERNALLY:
            QDesktopServices.openUrl(url)
            self.message.emit(f"Opened {url.toString()} in your browser")
            return
        if not scheme:
            path = self._local_path(url)
            if path is not None and path.suffix.lower() in ARTICLE_SUFFIXES:
                self.articleLinkActivated.emit(path)
                return
        self.message.emit(f"Link not followed: {url.toString()}")
