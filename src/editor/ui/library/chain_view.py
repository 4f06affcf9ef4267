"""A picture of the library's previous/next chains, so breaks show at a glance.

Each series is a row of boxes joined by arrows; an article with a problem is
coloured, and so is each arrow with one (one-way, stale label, placeholder
label), a broken link ends in a red "missing" stub, and a cycle's last arrow
curves back to its start. Articles with no links at all are gathered in a
grid below the series. Click a box to open the article; drag to pan, Ctrl+
wheel (or the zoom methods) to zoom.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from editor.core.chains import build_chains
from editor.core.checks import Problem
from editor.core.library import Library, LibraryEntry
from editor.ui.library import problem_style

BOX_W = 210.0
BOX_H = 54.0
GAP_X = 56.0
GAP_Y = 46.0
GRID_COLUMNS = 6
#: the arrow problems, most serious first: an arrow takes the colour of the first it has
ARROW_CODES = ("broken-link", "placeholder-link", "asymmetric-link", "stale-link-title")
NORMAL_ARROW = QColor("#607d8b")
PATH_KEY = 0  # QGraphicsItem.data key holding the article's path
#: items added per drawing step (about 10 ms of work on a slow machine)
STEP_ITEMS = 150


@dataclass(frozen=True)
class Arrow:
    """One drawn link, kept for tests and tooltips."""

    source: str
    target: str | None  # None: broken, drawn to a stub
    field: str
    code: str | None  # the problem that colours it, None for a healthy link


class ArticleBox(QGraphicsItem):
    """An article: its title in a rounded box, coloured when it has a problem.

    One item that paints itself (instead of a rectangle plus a text item) and
    wraps its title only when first painted: a library of 10,000 articles
    builds its picture in a fraction of the time, and only visible boxes pay
    for text layout.
    """

    def __init__(self, entry: LibraryEntry, problems: list[Problem], font: QFont) -> None:
        super().__init__()
        self.entry = entry
        self._font = font
        self._text: str | None = None
        self.setData(PATH_KEY, entry.file)
        alerts = [p for p in problems if p.code in problem_style.ARTICLE_ALERTS]
        self.alert = alerts[0].code if alerts else None
        border = problem_style.colour(alerts[0].code) if alerts else QColor("#90a4ae")
        fill = QColor(border) if alerts else QColor("#eceff1")
        fill.setAlpha(60 if alerts else 255)
        self._pen = QPen(border, 2.5 if alerts else 1.2)
        self._brush = QBrush(fill)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        name = os.path.basename(entry.file)  # not entry.path: 10,000 Path objects add up
        title = entry.title.strip() or name
        tips = [name] + [p.message for p in problems[:8]]
        self.setToolTip("\n".join([title, *tips]))

    @property
    def path(self) -> Path:
        return self.entry.path

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, BOX_W + 4, BOX_H + 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        selected = self.isSelected()
        painter.setPen(QPen(QColor("#1565c0"), 3) if selected else self._pen)
        painter.setBrush(self._brush)
        painter.drawRoundedRect(QRectF(0, 0, BOX_W, BOX_H), 6, 6)
        if self._text is None:
            title = self.entry.title.strip() or self.entry.path.name
            self._text = _two_lines(title, QFontMetrics(self._font), BOX_W - 14)
        painter.setFont(self._font)
        painter.setPen(QColor("#263238"))
        painter.drawText(
            QRectF(7, 0, BOX_W - 14, BOX_H),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            self._text,
        )


def _two_lines(text: str, metrics: QFontMetrics, width: float) -> str:
    """Wrap a title onto at most two lines, eliding the rest."""
    words = text.split()
    first = ""
    while words and metrics.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first and words:
        first = metrics.elidedText(words.pop(0), Qt.TextElideMode.ElideRight, int(width))
    if not words:
        return first
    second = metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, int(width))
    return f"{first}\n{second}"


class ChainView(QGraphicsView):
    """The library's series as rows of boxes and arrows."""

    #: the user clicked an article's box
    articleActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#fafafa")))
        self.boxes: dict[str, ArticleBox] = {}
        self.arrows: list[Arrow] = []
        self.rows: list[list[str]] = []
        self.loose: list[str] = []
        self._press: QPoint | None = None
        self._batches: dict[tuple[str | None, str], tuple[QPainterPath, QPainterPath]] = {}
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(7.0, self._font.pointSizeF() * 0.9))

    # ------------------------------------------------------------ content
    def set_library(
        self, library: Library | None, problems_by_file: dict[str, list[Problem]]
    ) -> None:
        """Draw the library again (after a scan, a change on disk or a fix)."""
        for _step in self.drawing_steps(library, problems_by_file):
            pass

    def drawing_steps(
        self,
        library: Library | None,
        problems_by_file: dict[str, list[Problem]],
        chains: tuple[list[list[str]], list[str]] | None = None,
    ) -> Iterator[None]:
        """Draw the library a little at a time: each ``next()`` adds about STEP_ITEMS items.

        Ten thousand boxes take a second or more to add; a caller that runs one
        step per turn of the event loop keeps the window responsive meanwhile.
        ``chains`` is ``build_chains(library)`` when already worked out elsewhere.
        """
        scene = self.scene()
        scene.clear()
        self.boxes = {}
        self.arrows = []
        if library is None:
            self.rows, self.loose = [], []
            return
        self.rows, self.loose = chains if chains is not None else build_chains(library)
        added = 0
        y = 0.0
        for row in self.rows:
            for column, file in enumerate(row):
                self._add_box(library.entries[file], problems_by_file, column * (BOX_W + GAP_X), y)
                added += 1
                if added % STEP_ITEMS == 0:
                    yield
            y += BOX_H + GAP_Y
        if self.loose:
            label = scene.addSimpleText("Articles without previous/next links", self._font)
            label.setPos(0, y)
            y += label.boundingRect().height() + 8
            for index, file in enumerate(self.loose):
                column, line = index % GRID_COLUMNS, index // GRID_COLUMNS
                x = column * (BOX_W + GAP_X / 2)
                self._add_box(library.entries[file], problems_by_file, x, y + line * (BOX_H + 14))
                added += 1
                if added % STEP_ITEMS == 0:
                    yield
        for file in [f for row in self.rows for f in row]:
            self._add_arrows(library, library.entries[file], problems_by_file.get(file, []))
            added += 1
            if added % STEP_ITEMS == 0:
                yield
        self._flush_arrows()
        self._legend()
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-30, -30, 30, 30))

    def _legend(self) -> None:
        """What the colours mean, above the first row."""
        x, y = 0.0, -GAP_Y
        entries = [(None, "link"), *[(code, problem_style.label(code)) for code in ARROW_CODES]]
        for code, text in entries:
            pen = self._pen(code, "next")
            self.scene().addLine(x, y + 7, x + 26, y + 7, pen)
            label = self.scene().addSimpleText(text, self._font)
            label.setPos(x + 32, y)
            x += 32 + label.boundingRect().width() + 24
        box = self.scene().addRect(
            QRectF(x, y, 26, 14),
            QPen(problem_style.colour("placeholder-title"), 2),
            QBrush(QColor(255, 205, 210)),
        )
        box.setToolTip("an article with a placeholder, missing or unreadable title")
        label = self.scene().addSimpleText("article needs a title", self._font)
        label.setPos(x + 32, y)

    def _add_box(
        self,
        entry: LibraryEntry,
        problems_by_file: dict[str, list[Problem]],
        x: float,
        y: float,
    ) -> None:
        box = ArticleBox(entry, problems_by_file.get(entry.file, []), self._font)
        box.setPos(x, y)
        self.scene().addItem(box)
        self.boxes[entry.file] = box

    def _add_arrows(self, library: Library, entry: LibraryEntry, problems: list[Problem]) -> None:
        for field in ("next", "prev"):
            link = entry.link(field)
            if link is None:
                continue
            codes = {p.code for p in problems if p.field == field}
            code = next((c for c in ARROW_CODES if c in codes), None)
            target = library.resolve(entry, link)
            if code == "broken-link" or (target is None and not link.url):
                self._stub(entry, field)
                self.arrows.append(Arrow(entry.file, None, field, code or "broken-link"))
                continue
            if target is None or target.file not in self.boxes or target.file == entry.file:
                continue
            if field == "prev" and code is None:
                continue  # a returned prev link is the next arrow drawn the other way
            self.arrows.append(Arrow(entry.file, target.file, field, code))
            self._arrow(self.boxes[entry.file], self.boxes[target.file], field, code)

    def _pen(self, code: str | None, field: str) -> QPen:
        colour = NORMAL_ARROW if code is None else problem_style.colour(code)
        pen = QPen(colour, 1.6 if code is None else 2.4)
        if field == "prev":
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def _arrow(self, source: ArticleBox, target: ArticleBox, field: str, code: str | None) -> None:
        """Add one arrow to the batch of its colour and style (drawn by _flush_arrows)."""
        a = source.sceneBoundingRect().adjusted(2, 2, -2, -2)
        b = target.sceneBoundingRect().adjusted(2, 2, -2, -2)
        lines, heads = self._batches.setdefault((code, field), (QPainterPath(), QPainterPath()))
        if field == "next" and abs(a.center().y() - b.center().y()) < 1 and b.left() > a.right():
            start, end = QPointF(a.right(), a.center().y()), QPointF(b.left(), b.center().y())
            lines.moveTo(start)
            lines.lineTo(end)
            before = start
        else:
            # Back or cross links arc above (next) or below (prev) the boxes.
            above = field == "next"
            start = QPointF(a.center().x(), a.top() if above else a.bottom())
            end = QPointF(b.center().x(), b.top() if above else b.bottom())
            lift = -GAP_Y * 0.8 if above else GAP_Y * 0.8
            lines.moveTo(start)
            lines.cubicTo(start + QPointF(0, lift), end + QPointF(0, lift), end)
            before = end + QPointF(0, lift)
        angle = math.atan2(end.y() - before.y(), end.x() - before.x())
        size = 9.0
        heads.addPolygon(
            QPolygonF(
                [
                    end,
                    QPointF(
                        end.x() - size * math.cos(angle - 0.4),
                        end.y() - size * math.sin(angle - 0.4),
                    ),
                    QPointF(
                        end.x() - size * math.cos(angle + 0.4),
                        end.y() - size * math.sin(angle + 0.4),
                    ),
                    end,
                ]
            )
        )

    def _flush_arrows(self) -> None:
        """One line item and one head item per kind of arrow, whatever the library's size."""
        for (code, field), (lines, heads) in self._batches.items():
            pen = self._pen(code, field)
            line_item = QGraphicsPathItem(lines)
            line_item.setPen(pen)
            line_item.setZValue(-1)
            self.scene().addItem(line_item)
            head_item = QGraphicsPathItem(heads)
            head_item.setPen(QPen(pen.color(), 1))
            head_item.setBrush(QBrush(pen.color()))
            head_item.setZValue(-1)
            self.scene().addItem(head_item)
        self._batches = {}

    def _stub(self, entry: LibraryEntry, field: str) -> None:
        """A small red 'missing' box: in the gap after the article (next), under it (prev)."""
        box = self.boxes[entry.file].sceneBoundingRect().adjusted(2, 2, -2, -2)
        width, height = GAP_X - 8, 20.0
        if field == "next":
            x, y = box.right() + 6, box.top() - 4
        else:
            x, y = box.left() + 6, box.bottom() + 6
        colour = problem_style.colour("broken-link")
        stub = QGraphicsRectItem(QRectF(x, y, width, height))
        stub.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
        stub.setBrush(QBrush(QColor(255, 235, 238)))
        stub.setToolTip(f"The {field} link leads nowhere")
        label = QGraphicsSimpleTextItem("missing", stub)
        label.setBrush(QBrush(colour))
        small = QFont(self._font)
        small.setPointSizeF(self._font.pointSizeF() * 0.8)
        label.setFont(small)
        text = label.boundingRect()
        label.setPos(x + (width - text.width()) / 2, y + (height - text.height()) / 2)
        self.scene().addItem(stub)

    # ------------------------------------------------------------ navigation
    def show_article(self, path: Path) -> None:
        """Select and centre the box of the article open in the editor."""
        box = self.boxes.get(str(path))
        self.scene().clearSelection()
        if box is not None:
            box.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
            box.setSelected(True)
            self.centerOn(box)

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(0.05 / current, min(factor, 4.0 / current))
        self.scale(factor, factor)

    def zoom_to_fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or (event.position().toPoint() - press).manhattanLength() > 4:
            return  # a drag to pan, not a click
        path = self.path_at(press)
        if path is not None:
            event.accept()
            self.articleActivated.emit(path)

    def path_at(self, point: QPoint) -> Path | None:
        """The article whose box is under a point of the viewport."""
        item = self.itemAt(point)
        while item is not None and not isinstance(item, ArticleBox):
            item = item.parentItem()
        return item.path if isinstance(item, ArticleBox) else None
