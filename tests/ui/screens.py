"""The editor's screens as a writer sees them, and the checks a screenshot can be put to.

Shared by ``tests/ui/test_screens.py`` (offscreen, every size and theme, with
mechanical checks) and ``tests/make_screenshots.py`` (the README pictures,
taken on a real X server such as Xvfb).
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QWidget,
)

from editor.ui.library.chain_view import ChainView
from editor.ui.shell.main_window import MainWindow
from editor.ui.shell.palette import contrast_ratio

SIZES = ((1280, 800), (1920, 1080))
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def copy_samples(target: Path) -> Path:
    folder = target / "samples"
    if not folder.exists():
        shutil.copytree(SAMPLES, folder)
    return folder


@dataclass
class Finding:
    """One thing a writer would notice in a screenshot."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def clipped_text(root: QWidget) -> Iterator[Finding]:
    """Labels, buttons and group titles whose text is wider than the room they have."""
    for label in root.findChildren(QLabel):
        if not _visible(label) or label.wordWrap() or not label.text():
            continue
        if label.textFormat() == Qt.TextFormat.RichText or label.text().lstrip().startswith("<"):
            document_width = _rich_text_width(label)
        else:
            document_width = max(
                label.fontMetrics().horizontalAdvance(line) for line in label.text().split("\n")
            )
        room = label.contentsRect().width() - 2 * label.margin() - label.indent() * 0
        if document_width > room + 1:
            yield Finding(_name(label), f"text {document_width}px in {room}px")
    for button in root.findChildren(QAbstractButton):
        if not _visible(button) or not button.text():
            continue
        if button.sizeHint().width() > button.width() + 1:
            yield Finding(
                _name(button), f"needs {button.sizeHint().width()}px, has {button.width()}px"
            )
    for group in root.findChildren(QGroupBox):
        if _visible(group) and group.title():
            need = group.fontMetrics().horizontalAdvance(group.title()) + 16
            if need > group.width():
                yield Finding(_name(group), f"title needs {need}px, has {group.width()}px")


def _rich_text_width(label: QLabel) -> int:
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setHtml(label.text())
    document.setDocumentMargin(0)
    return int(document.idealWidth())


def chain_findings(chain: ChainView) -> Iterator[Finding]:
    """Boxes, arrows, markers and legend of the chain that are not wholly in view."""
    viewport = chain.viewport().rect().adjusted(-1, -1, 1, 1)
    for item in chain.scene().items():
        if not item.isVisible():
            continue
        rect = chain.mapFromScene(item.sceneBoundingRect()).boundingRect()
        if not viewport.contains(rect):
            tip = item.toolTip().split("\n")[0] or type(item).__name__
            yield Finding("chain", f"{tip!r} cut off: {rect} outside {viewport}")
    for stub in chain.stubs:
        for child in stub.childItems():
            if not stub.sceneBoundingRect().contains(child.sceneBoundingRect()):
                yield Finding("chain", "'missing' label wider than its marker")


def background_of(image: QImage, rect: QRect) -> QColor:
    """The most common colour inside ``rect`` of a grabbed window: the background."""
    counts: Counter[int] = Counter()
    step = max(1, min(rect.width(), rect.height()) // 12)
    for x in range(rect.left(), rect.right() + 1, step):
        for y in range(rect.top(), rect.bottom() + 1, step):
            if 0 <= x < image.width() and 0 <= y < image.height():
                counts[image.pixel(x, y)] += 1
    if not counts:
        return QColor()
    return QColor.fromRgb(counts.most_common(1)[0][0])


def weak_contrast(root: QWidget, image: QImage, scale: float = 1.0) -> Iterator[Finding]:
    """Plain-text labels whose text colour is below 4.5:1 on what is drawn behind them."""
    for label in root.findChildren(QLabel):
        if not _visible(label) or not label.text().strip() or not label.isEnabled():
            continue
        if label.visibleRegion().isEmpty():
            continue
        top_left = label.mapTo(root, label.rect().topLeft())
        rect = QRect(
            int(top_left.x() * scale),
            int(top_left.y() * scale),
            int(label.width() * scale),
            int(label.height() * scale),
        )
        background = background_of(image, rect)
        text = label.palette().color(QPalette.ColorRole.WindowText)
        ratio = contrast_ratio(text, background)
        if ratio < 4.5:
            yield Finding(
                _name(label),
                f"{label.text()[:40]!r}: {text.name()} on {background.name()} = {ratio:.2f}:1",
            )


def _name(widget: QWidget) -> str:
    parts = []
    current: QWidget | None = widget
    while current is not None and len(parts) < 3:
        parts.append(current.objectName() or type(current).__name__)
        current = current.parentWidget()
    return "/".join(reversed(parts))


def show_window(window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    window.show()
