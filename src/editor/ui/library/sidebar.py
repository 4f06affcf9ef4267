"""The library sidebar: articles listed by title, a badge per kind of problem, filters.

Editors think in titles, not file names, so the list shows titles (the file
name only when there is none) and badges saying what is wrong. A model and
a proxy, not a QListWidget, keep a 10,000-article library quick to fill and
filter. The sidebar never opens files: it emits ``articleActivated``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks import CODES, Problem
from editor.core.library import LibraryEntry
from editor.ui.library import problem_style
from editor.ui.shell.palette import palette_for

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
#: list of (code, count) for the article, in the order of CODES
BADGES_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
#: the file name shown under the title
FILE_ROLE = Qt.ItemDataRole.UserRole + 4
#: True for the open article while it has unsaved changes
UNSAVED_ROLE = Qt.ItemDataRole.UserRole + 5
UNSAVED_LABEL = "unsaved"

AnyIndex = QModelIndex | QPersistentModelIndex

#: the problem filter's choices besides single codes
ALL = ""
ANY_PROBLEM = "*"


@dataclass(slots=True)
class _Row:
    entry: LibraryEntry
    shown: str
    badges: list[tuple[str, int]]
    problems: list[Problem]
    relative: str
    search: str


class LibraryListModel(QAbstractListModel):
    """One row per article, sorted by title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._root: Path | None = None
        #: the file of the open article while it has unsaved changes
        self._unsaved = ""

    def set_entries(
        self,
        entries: Sequence[LibraryEntry],
        problems_by_file: dict[str, list[Problem]],
        root: Path | None = None,
    ) -> None:
        self.beginResetModel()
        self._root = root
        order = {code: i for i, code in enumerate(CODES)}
        prefix = "" if root is None else str(root).rstrip(os.sep) + os.sep
        rows = []
        for entry in entries:
            title = entry.title.strip()
            shown = title or os.path.basename(entry.file)
            problems = problems_by_file.get(entry.file, [])
            badges: list[tuple[str, int]] = []
            if problems:
                counts = Counter(p.code for p in problems)
                badges = sorted(counts.items(), key=lambda item: order.get(item[0], len(order)))
            relative = entry.file[len(prefix) :] if entry.file.startswith(prefix) else entry.file
            relative = relative.replace(os.sep, "/")
            search = f"{shown}\n{relative}".casefold()
            rows.append(_Row(entry, shown, badges, problems, relative, search))
        rows.sort(
            key=lambda row: (not row.entry.title.strip(), row.shown.casefold(), row.entry.file)
        )
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.shown
        if role == SEARCH_ROLE:
            return row.search
        if role == BADGES_ROLE:
            return row.badges
        if role == PATH_ROLE:
            return row.entry.path
        if role == FILE_ROLE:
            return row.relative
        if role == UNSAVED_ROLE:
            return row.entry.file == self._unsaved
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [row.shown, row.relative]
            if row.entry.file == self._unsaved:
                lines.append("Unsaved changes: the badges show the article as it is in the editor.")
            lines += [f"{p.line}: {p.message}" if p.line else p.message for p in row.problems[:12]]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.FontRole and not row.entry.title.strip():
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def set_unsaved(self, path: Path | None) -> None:
        """Mark the open article's row as showing unsaved state (None: nothing unsaved)."""
        wanted = "" if path is None else str(path)
        if wanted == self._unsaved:
            return
        rows = [self.row_of(Path(f)) for f in (self._unsaved, wanted) if f]
        self._unsaved = wanted
        for row in rows:
            if row >= 0:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    def row_of(self, path: Path) -> int:
        wanted = str(path)
        for number, row in enumerate(self._rows):
            if row.entry.file == wanted:
                return number
        return -1


class LibraryFilterProxy(QSortFilterProxyModel):
    """Filters by text (title or path) and by problem code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._code = ALL

    def set_filter(self, text: str, code: str) -> None:
        """Filter by text (in title or path) and by problem code (ALL, ANY_PROBLEM or a code)."""
        begin = getattr(self, "beginFilterChange", None)  # Qt 6.10+; invalidateFilter before
        if begin is not None:
            begin()
        self._text = text.strip().casefold()
        self._code = code
        if begin is not None:
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._text and self._text not in str(model.data(index, SEARCH_ROLE)):
            return False
        if self._code == ALL:
            return True
        badges = model.data(index, BADGES_ROLE) or []
        if self._code == ANY_PROBLEM:
            return bool(badges)
        return any(code == self._code for code, _count in badges)


class BadgeDelegate(QStyledItemDelegate):
    """Two lines per article: the title, then the file name and a pill per kind of problem.

    A title gets the whole width of the sidebar (elided only when even that is
    too short; the tooltip has it in full), and the badges sit on their own
    line instead of pushing the title behind a horizontal scrollbar.
    """

    PAD = 6
    GAP = 3

    def _small(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return small

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        badges = list(index.data(BADGES_ROLE) or [])
        unsaved = bool(index.data(UNSAVED_ROLE))
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        theme = palette_for(opt.widget)
        rect: QRect = opt.rect.adjusted(self.PAD, 3, -self.PAD, -3)
        title_metrics = QFontMetrics(opt.font)
        small = self._small(opt.font)
        metrics = QFontMetrics(small)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        # line 1: the title
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        title_rect = QRect(rect.left(), rect.top(), rect.width(), title_metrics.height())
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            title_metrics.elidedText(text, Qt.TextElideMode.ElideRight, title_rect.width()),
        )
        # line 2: badges from the right, the file name in what is left
        line_top = title_rect.bottom() + 3
        pill_height = metrics.height() + 2
        painter.setFont(small)
        right = rect.right()
        pills = [
            (problem_style.label(code) + (f" {count}" if count > 1 else ""), theme.problem(code))
            for code, count in badges
        ]
        if unsaved:
            pills.insert(0, (UNSAVED_LABEL, theme.unsaved_badge))
        left_limit = rect.left() + min(80, rect.width() // 3)
        for number, (label, colour) in enumerate(reversed(pills)):
            width = metrics.horizontalAdvance(label) + 10
            if right - width < left_limit:
                hidden = len(pills) - number
                label, colour = f"+{hidden}", theme.problem("default")
                width = metrics.horizontalAdvance(label) + 10
            pill = QRect(right - width + 1, line_top, width, pill_height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(pill, pill_height / 2, pill_height / 2)
            painter.setPen(theme.badge_text)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
            right -= width + self.GAP
            if label.startswith("+"):
                break
        name = str(index.data(FILE_ROLE) or "")
        name_rect = QRect(rect.left(), line_top, max(0, right - rect.left() - 4), pill_height)
        painter.setPen(
            opt.palette.color(QPalette.ColorRole.HighlightedText) if selected else theme.muted_text
        )
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, name_rect.width()),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        # Width 1: rows take the list's width, so no title ever asks for a scrollbar.
        height = (
            QFontMetrics(option.font).height() + QFontMetrics(self._small(option.font)).height()
        )
        return QSize(1, height + 2 + 3 + 3 + 3)


class LibrarySidebar(QWidget):
    """Find an article by title or by problem, and open it."""

    #: the user chose an article (click or Enter)
    articleActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by title or file")
        self.filter_edit.setClearButtonEnabled(True)
        self.problem_filter = QComboBox()
        self.problem_filter.addItem("All articles", ALL)
        self.problem_filter.addItem("Articles with problems", ANY_PROBLEM)
        for code in CODES:
            self.problem_filter.addItem(f"{problem_style.label(code)} ({code})", code)
        self.model = LibraryListModel(self)
        self.proxy = LibraryFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(BadgeDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setMouseTracking(True)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.status = QLabel()
        self.status.setObjectName("libraryStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.problem_filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.problem_filter.currentIndexChanged.connect(self._on_filter)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)

    def set_entries(
        self,
        entries: Sequence[LibraryEntry],
        problems_by_file: dict[str, list[Problem]],
        root: Path | None = None,
    ) -> None:
        current = self.current_path()
        self.model.set_entries(entries, problems_by_file, root)
        if current is not None:
            self.select(current)
        self._update_status()

    def set_scanning(self, folder: Path) -> None:
        self.status.setText(f"Reading {folder.name}…")

    def set_problem_filter(self, code: str) -> None:
        index = self.problem_filter.findData(code)
        if index >= 0:
            self.problem_filter.setCurrentIndex(index)

    def _on_filter(self) -> None:
        self.proxy.set_filter(
            self.filter_edit.text(), str(self.problem_filter.currentData() or ALL)
        )
        self._update_status()

    def _update_status(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.status.setText(
            f"{total:,} articles" if shown == total else f"{shown:,} of {total:,} articles"
        )

    def _on_activated(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if isinstance(path, Path):
            self.articleActivated.emit(path)

    def select(self, path: Path) -> None:
        """Highlight the article open in the editor, without emitting articleActivated."""
        row = self.model.row_of(path)
        if row < 0:
            self.view.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def current_path(self) -> Path | None:
        path = self.view.currentIndex().data(PATH_ROLE)
        return path if isinstance(path, Path) else None

    def visible_titles(self) -> list[str]:
        """The titles the list shows, in order (what a writer sees; used by tests)."""
        return [str(self.proxy.index(row, 0).data()) for row in range(self.proxy.rowCount())]
