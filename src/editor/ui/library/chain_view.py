"""A picture of the library's previous/next chains, so breaks show at a glance.

Each series is a row of boxes joined by arrows; an article with a problem is
coloured, and so is each arrow with one (one-way, stale label, placeholder
label), a broken link ends in a red "missing" stub, and a cycle's last arrow
curves back to its start. Articles with no links at all are gathered in a
grid below the series. Click a box to open the article; drag to pan, Ctrl+
wheel (or the zoom methods) to zoom. Colours come from the theme's palette.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, QSizeF, Qt, Signal
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
    QResizeEvent,
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
from editor.ui.shell.palette import ThemeColours, blend, follow_theme, palette_for

BOX_W = 210.0
BOX_H = 50.0
GAP_X = 56.0
#: between series
GAP_Y = 34.0
#: between the lines of one series wrapped to the panel's width
GAP_WRAP = 26.0
#: around the picture
MARGIN = 16.0
#: room above a box for its "unsaved" tag
TAG_ROOM = 10.0
LEGEND_H = 20.0
#: automatic fitting shrinks the picture to no less than this; Ctrl+wheel goes further
MIN_FIT = 0.6
UNSAVED_TAG = "unsaved"
STUB_TEXT = "missing"
NO_LIBRARY_HINT = (
    "No library is open. File › Open Folder… shows a folder's articles and their "
    "previous/next chains here."
)
#: the arrow problems, most serious first: an arrow takes the colour of the first it has
ARROW_CODES = ("broken-link", "placeholder-link", "asymmetric-link", "stale-link-title")
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
    for text layout. Colours come from the theme of the view it is drawn in.
    """

    def __init__(
        self,
        entry: LibraryEntry,
        problems: list[Problem],
        font: QFont,
        unsaved: bool = False,
    ) -> None:
        super().__init__()
        self.entry = entry
        self._font = font
        self._text: str | None = None
        #: the box shows the open article's unsaved state, not the file's
        self.unsaved = unsaved
        self.setData(PATH_KEY, entry.file)
        alerts = [p for p in problems if p.code in problem_style.ARTICLE_ALERTS]
        self.alert = alerts[0].code if alerts else None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        name = os.path.basename(entry.file)  # not entry.path: 10,000 Path objects add up
        title = entry.title.strip() or name
        tips = [name] + [p.message for p in problems[:8]]
        if unsaved:
            tips.append("Unsaved changes: shown as they are in the editor.")
        self.setToolTip("\n".join([title, *tips]))

    @property
    def path(self) -> Path:
        return self.entry.path

    def boundingRect(self) -> QRectF:
        top = -TAG_ROOM if self.unsaved else -2.0
        return QRectF(-2, top, BOX_W + 4, BOX_H + 2 - top)

    def colours(self, theme: ThemeColours) -> tuple[QPen, QBrush, QColor]:
        """(border pen, fill, text colour) of this box in ``theme``."""
        if self.alert is not None:
            fill = blend(theme.problem(self.alert), theme.chain_background, 0.22)
            pen = QPen(theme.problem_as_text(self.alert), 2.5)
        else:
            fill = theme.box_fill
            pen = QPen(theme.box_border, 1.2)
        if self.unsaved:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen, QBrush(fill), theme.box_text

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = palette_for(widget)
        pen, brush, text_colour = self.colours(theme)
        if self.isSelected():
            pen = QPen(theme.box_selected, 3, pen.style())
        painter.setPen(pen)
        painter.setBrush(brush)
        painter.drawRoundedRect(QRectF(0, 0, BOX_W, BOX_H), 6, 6)
        if self._text is None:
            title = self.entry.title.strip() or self.entry.path.name
            self._text = _two_lines(title, QFontMetrics(self._font), BOX_W - 14)
        painter.setFont(self._font)
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(7, 0, BOX_W - 14, BOX_H),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            self._text,
        )
        if self.unsaved:
            small = QFont(self._font)
            small.setPointSizeF(self._font.pointSizeF() * 0.8)
            metrics = QFontMetrics(small)
            width = metrics.horizontalAdvance(UNSAVED_TAG) + 10
            tag = QRectF(BOX_W - width - 6, -metrics.height() / 2, width, metrics.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.unsaved_badge)
            painter.drawRoundedRect(tag, tag.height() / 2, tag.height() / 2)
            painter.setFont(small)
            painter.setPen(theme.badge_text)
            painter.drawText(tag, int(Qt.AlignmentFlag.AlignCenter), UNSAVED_TAG)


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
    """The library's series as rows of boxes and arrows, wrapped to the panel's width.

    A series longer than the panel is wide continues on the next line (its
    arrow turns down and back), so a whole series is seen without scrolling
    sideways. When the picture is taller than the panel it is scaled down to
    fit, within limits; Ctrl+wheel zooms by hand, and then the view keeps the
    writer's zoom until the library is opened again. The box of the article
    open in the editor is selected and kept in view.
    """

    #: the user clicked an article's box
    articleActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.boxes: dict[str, ArticleBox] = {}
        self.arrows: list[Arrow] = []
        self.rows: list[list[str]] = []
        self.loose: list[str] = []
        #: how many boxes a line holds at the panel's width
        self.columns = 0
        #: the "missing" markers of broken links
        self.stubs: list[QGraphicsRectItem] = []
        self._press: QPoint | None = None
        self._batches: dict[tuple[str | None, str], tuple[QPainterPath, QPainterPath]] = {}
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(7.0, self._font.pointSizeF() * 0.9))
        self._library: Library | None = None
        self._problems: dict[str, list[Problem]] = {}
        self._unsaved: str | None = None
        self._current: str | None = None
        self._manual_zoom = False
        #: a drawing in steps has started and not finished
        self._in_progress = False
        self._theme = palette_for(self)
        follow_theme(self, self._restyle)

    # ------------------------------------------------------------ content
    def set_library(
        self,
        library: Library | None,
        problems_by_file: dict[str, list[Problem]],
        unsaved: Path | None = None,
    ) -> None:
        """Draw the library again (after a scan, a change on disk, a fix or an edit).

        ``unsaved``: the open article, when ``library`` shows its unsaved state.
        """
        for _step in self.drawing_steps(library, problems_by_file, None, unsaved):
            pass

    def drawing_steps(
        self,
        library: Library | None,
        problems_by_file: dict[str, list[Problem]],
        chains: tuple[list[list[str]], list[str]] | None = None,
        unsaved: Path | None = None,
    ) -> Iterator[None]:
        """Draw the library a little at a time: each ``next()`` adds about STEP_ITEMS items.

        Ten thousand boxes take a second or more to add; a caller that runs one
        step per turn of the event loop keeps the window responsive meanwhile.
        ``chains`` is ``build_chains(library)`` when already worked out elsewhere.
        """
        self._library = library
        self._problems = problems_by_file
        self._unsaved = None if unsaved is None else str(unsaved)
        return self._layout_steps(chains)

    def _restyle(self, theme: ThemeColours) -> None:
        self._theme = theme
        self.setBackgroundBrush(QBrush(theme.chain_background))
        if self._library is not None:
            self._layout()

    def _columns_for_width(self) -> int:
        scale = self.transform().m11() if self._manual_zoom else 1.0
        width = max(1.0, self.viewport().width() / scale - 2 * MARGIN)
        # Each box keeps the gap after it: arrows and "missing" markers live there.
        return max(2, int(width // (BOX_W + GAP_X)))

    def _layout(self) -> None:
        """Lay the picture out again at once (a new width or theme)."""
        if self._in_progress:
            return  # a drawing in steps is under way; it ends with the current state
        for _step in self._layout_steps(None):
            pass

    def _layout_steps(self, chains: tuple[list[list[str]], list[str]] | None) -> Iterator[None]:
        scene = self.scene()
        scene.clear()
        self.boxes = {}
        self.arrows = []
        self.stubs = []
        self._batches = {}
        library = self._library
        if library is None:
            self.rows, self.loose = [], []
            hint = scene.addSimpleText(NO_LIBRARY_HINT, self._font)
            hint.setBrush(QBrush(self._theme.muted_text))
            scene.setSceneRect(scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
            self.resetTransform()
            return
        self.columns = self._columns_for_width()
        self.rows, self.loose = chains if chains is not None else build_chains(library)
        problems_by_file = self._problems
        self._in_progress = True
        added = 0
        y = self._legend()
        for row in self.rows:
            for position, file in enumerate(row):
                line, column = divmod(position, self.columns)
                self._add_box(
                    library.entries[file],
                    problems_by_file,
                    column * (BOX_W + GAP_X),
                    y + line * (BOX_H + GAP_WRAP),
                )
                added += 1
                if added % STEP_ITEMS == 0:
                    yield
            lines = (len(row) + self.columns - 1) // self.columns
            y += lines * (BOX_H + GAP_WRAP) - GAP_WRAP + GAP_Y
        if self.loose:
            label = scene.addSimpleText("Articles without previous/next links", self._font)
            label.setBrush(QBrush(self._theme.box_text))
            label.setPos(0, y)
            y += label.boundingRect().height() + 8
            columns = max(1, self.columns)
            for index, file in enumerate(self.loose):
                column, line = index % columns, index // columns
                x = column * (BOX_W + GAP_X)
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
        self._in_progress = False
        scene.setSceneRect(
            scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN / 2, MARGIN, MARGIN / 2)
        )
        self._fit()
        if self._current is not None:
            self._select(self._current)

    def content_height(self) -> int:
        """The picture's height at 100 %, for sizing the panel to it."""
        return math.ceil(self.scene().sceneRect().height())

    def sizeHint(self) -> QSize:
        frame = 2 * self.frameWidth()
        height = self.content_height() if self.boxes else int(BOX_H + 2 * LEGEND_H)
        return QSize(int(3 * (BOX_W + GAP_X)), height + frame)

    def _fit(self) -> None:
        """Scale down (not below MIN_FIT) when the picture is taller than the panel."""
        if self._manual_zoom:
            return
        self.resetTransform()
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        viewport = self.viewport().size()
        scale = min(1.0, viewport.height() / rect.height(), viewport.width() / rect.width())
        if scale < 1.0:
            scale = max(MIN_FIT, scale)
            self.scale(scale, scale)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if (
            self._library is not None
            and not self._in_progress
            and self._columns_for_width() != self.columns
        ):
            self._layout()
        else:
            self._fit()

    def _legend(self) -> float:
        """What the colours mean, wrapped above the first row; returns where the rows start."""
        theme = self._theme
        width = self.columns * (BOX_W + GAP_X) - GAP_X
        x, y = 0.0, 0.0
        entries: list[tuple[str | None, str]] = [
            (None, "link"),
            *[(code, problem_style.label(code)) for code in ARROW_CODES],
        ]
        metrics = QFontMetrics(self._font)
        line_height = metrics.height() + 6

        def place(item_width: float) -> tuple[float, float]:
            nonlocal x, y
            if x > 0 and x + item_width > width:
                x, y = 0.0, y + line_height
            at = (x, y)
            x += item_width + 24
            return at

        for code, text in entries:
            lx, ly = place(32 + metrics.horizontalAdvance(text))
            self.scene().addLine(lx, ly + line_height / 2 - 3, lx + 26, ly + line_height / 2 - 3,
                                 self._pen(code, "next"))  # fmt: skip
            label = self.scene().addSimpleText(text, self._font)
            label.setBrush(QBrush(theme.box_text))
            label.setPos(lx + 32, ly)
        text = "article needs a title"
        lx, ly = place(32 + metrics.horizontalAdvance(text))
        box = self.scene().addRect(
            QRectF(lx, ly, 26, 14),
            QPen(theme.problem_as_text("placeholder-title"), 2),
            QBrush(blend(theme.problem("placeholder-title"), theme.chain_background, 0.22)),
        )
        box.setToolTip("an article with a placeholder, missing or unreadable title")
        label = self.scene().addSimpleText(text, self._font)
        label.setBrush(QBrush(theme.box_text))
        label.setPos(lx + 32, ly)
        return y + line_height + GAP_Y / 2 + TAG_ROOM

    def _add_box(
        self,
        entry: LibraryEntry,
        problems_by_file: dict[str, list[Problem]],
        x: float,
        y: float,
    ) -> None:
        unsaved = entry.file == self._unsaved
        box = ArticleBox(entry, problems_by_file.get(entry.file, []), self._font, unsaved)
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
        theme = self._theme
        colour = theme.arrow if code is None else theme.problem_as_text(code)
        pen = QPen(colour, 1.6 if code is None else 2.4)
        if field == "prev":
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def _arrow(self, source: ArticleBox, target: ArticleBox, field: str, code: str | None) -> None:
        """Add one arrow to the batch of its colour and style (drawn by _flush_arrows)."""
        a = QRectF(source.pos(), QSizeF(BOX_W, BOX_H))
        b = QRectF(target.pos(), QSizeF(BOX_W, BOX_H))
        lines, heads = self._batches.setdefault((code, field), (QPainterPath(), QPainterPath()))
        wrapped = b.top() - a.bottom() > 0 and b.top() - a.bottom() < GAP_WRAP + 1
        if field == "next" and abs(a.center().y() - b.center().y()) < 1 and b.left() > a.right():
            start, end = QPointF(a.right(), a.center().y()), QPointF(b.left(), b.center().y())
            lines.moveTo(start)
            lines.lineTo(end)
            before = start
        elif field == "next" and wrapped and b.left() < a.left():
            # The series goes on on the next line: out of the right side, down, back, in.
            middle = a.bottom() + (b.top() - a.bottom()) / 2
            start = QPointF(a.right(), a.center().y())
            end = QPointF(b.left(), b.center().y())
            lines.moveTo(start)
            lines.lineTo(start.x() + GAP_X / 3, start.y())
            lines.lineTo(start.x() + GAP_X / 3, middle)
            lines.lineTo(end.x() - GAP_X / 3, middle)
            lines.lineTo(end.x() - GAP_X / 3, end.y())
            lines.lineTo(end)
            before = QPointF(end.x() - GAP_X / 3, end.y())
        else:
            # Back or cross links arc above (next) or below (prev) the boxes.
            above = field == "next"
            start = QPointF(a.center().x(), a.top() if above else a.bottom())
            end = QPointF(b.center().x(), b.top() if above else b.bottom())
            lift = -GAP_Y * 0.6 if above else GAP_Y * 0.6
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
        """A small 'missing' box: in the gap after the article (next), under it (prev)."""
        theme = self._theme
        box = QRectF(self.boxes[entry.file].pos(), QSizeF(BOX_W, BOX_H))
        small = QFont(self._font)
        small.setPointSizeF(self._font.pointSizeF() * 0.85)
        metrics = QFontMetrics(small)
        width = max(GAP_X - 8, metrics.horizontalAdvance(STUB_TEXT) + 12.0)
        height = metrics.height() + 6.0
        if field == "next":
            x, y = box.right() + 6, box.center().y() - height / 2
        else:
            x, y = box.left() + 6, box.bottom() + 4
        colour = theme.problem_as_text("broken-link")
        stub = QGraphicsRectItem(QRectF(x, y, width, height))
        stub.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
        stub.setBrush(QBrush(theme.stub_fill))
        stub.setToolTip(f"The {field} link leads nowhere")
        label = QGraphicsSimpleTextItem(STUB_TEXT, stub)
        label.setBrush(QBrush(colour))
        label.setFont(small)
        text = label.boundingRect()
        label.setPos(x + (width - text.width()) / 2, y + (height - text.height()) / 2)
        self.scene().addItem(stub)
        self.stubs.append(stub)

    # ------------------------------------------------------------ navigation
    def show_article(self, path: Path) -> None:
        """Select the box of the article open in the editor and bring it into view."""
        self._current = str(path)
        self._select(self._current)

    def _select(self, file: str) -> None:
        box = self.boxes.get(file)
        self.scene().clearSelection()
        if box is not None:
            box.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
            box.setSelected(True)
            self.ensureVisible(box, 16, 16)

    def zoom_by(self, factor: float) -> None:
        self._manual_zoom = True
        current = self.transform().m11()
        factor = max(0.05 / current, min(factor, 4.0 / current))
        self.scale(factor, factor)

    def zoom_to_fit(self) -> None:
        """Show the whole picture (View menu, and after a hand zoom: back to automatic)."""
        self._manual_zoom = False
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.0:
            self.resetTransform()

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
