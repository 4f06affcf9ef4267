"""The library sidebar: articles listed by title, a badge per kind of problem, filters.

Editors think in titles, not file names, so the list shows titles (the file
name only when there is none) and badges saying what is wrong. A model and
compact rows, not a QListWidget, keep a 10,000-article library quick to fill and
filter. The sidebar never opens files: it emits ``articleActivated``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks import CODES, Problem
from editor.core.library import LibraryEntry
from editor.ui.library import problem_style
from editor.ui.library.rows import ArticleRow, Badges, article_rows, badges_by_file, relative_to
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


ProblemsFor = Callable[[str], Sequence[Problem]]


#: Other files (not articles) in a library worth mentioning under the list.
MANY_OTHER_FILES = 1_000


class LibraryListModel(QAbstractListModel):
    """One compact row per article (``rows.ArticleRow``), filtered by text and problem.

    The model filters itself instead of sitting behind a QSortFilterProxyModel:
    a proxy asks Python about each of 10,000 rows every time the list changes
    (a sixth of a second here); a list comprehension over the rows does the
    same in a few milliseconds.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[ArticleRow] = []
        self._rows: list[ArticleRow] = []  # the ones the filters let through
        self._row_of: dict[str, int] | None = None
        self._root: Path | None = None
        #: the file of the open article while it has unsaved changes
        self._unsaved = ""
        self._text = ""
        self.code = ALL  # the problem filter: ALL, ANY_PROBLEM or a code
        #: the problems of one file, asked only when its tooltip is shown
        self.problems_for: ProblemsFor = lambda _file: ()

    # ------------------------------------------------------------ content
    def set_rows(self, rows: list[ArticleRow], root: Path | None) -> None:
        """Show ``rows`` (built and sorted off this thread by ``rows.article_rows``)."""
        self._all = rows
        self._root = root
        self._refilter()

    def set_badges(self, badges: Mapping[str, Badges]) -> bool:
        """Change only the badges, keeping rows, selection and scroll; True if any changed."""
        changed = False
        for row in self._all:
            new = badges.get(row.file, ())
            if new != row.badges:
                row.badges = new
                changed = True
        if changed and self.code != ALL:
            self._refilter()
        elif changed and self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [BADGES_ROLE])
        return changed

    def same_articles(self, rows: Sequence[ArticleRow]) -> bool:
        """True when ``rows`` list the same files with the same titles in the same order."""
        return len(rows) == len(self._all) and all(
            a.file == b.file and a.shown == b.shown for a, b in zip(rows, self._all, strict=True)
        )

    def set_entries(
        self,
        entries: Sequence[LibraryEntry],
        problems_by_file: dict[str, list[Problem]],
        root: Path | None = None,
    ) -> None:
        """Build the rows here (small libraries, tests); the window builds them off-thread."""
        self.problems_for = lambda file: problems_by_file.get(file, ())
        self.set_rows(article_rows(entries, root, badges_by_file(problems_by_file)), root)

    # ------------------------------------------------------------ filters
    def set_filter(self, text: str, code: str) -> None:
        """Filter by text (in title or path) and by problem code (ALL, ANY_PROBLEM or a code)."""
        self._text = text.strip().casefold()
        self.code = code
        self._refilter()

    def _refilter(self) -> None:
        text, code, rows = self._text, self.code, self._all
        if text:
            rows = [row for row in rows if text in row.search]
        if code == ANY_PROBLEM:
            rows = [row for row in rows if row.badges]
        elif code != ALL:
            rows = [row for row in rows if any(c == code for c, _n in row.badges)]
        self.beginResetModel()
        self._rows = rows
        self._row_of = None
        self.endResetModel()

    def total(self) -> int:
        """Articles in the library, whatever the filters show."""
        return len(self._all)

    def rows(self) -> Sequence[ArticleRow]:
        """The rows as shown (read them, do not change them)."""
        return self._rows

    # ------------------------------------------------------------ Qt model
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
            return list(row.badges)
        if role == PATH_ROLE:
            return Path(row.file)
        if role == FILE_ROLE:
            return relative_to(row.file, self._root)
        if role == UNSAVED_ROLE:
            return row.file == self._unsaved
        if role == Qt.ItemDataRole.ToolTipRole:
            problems = self.problems_for(row.file)
            lines = [row.shown, relative_to(row.file, self._root)]
            if row.file == self._unsaved:
                lines.append("Unsaved changes: the badges show the article as it is in the editor.")
            lines += [f"{p.line}: {p.message}" if p.line else p.message for p in problems[:12]]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.FontRole and not row.titled:
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
        if self._row_of is None:
            self._row_of = {row.file: number for number, row in enumerate(self._rows)}
        return self._row_of.get(str(path), -1)


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
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(BadgeDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setMouseTracking(True)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.status = QLabel()
        self.status.setObjectName("libraryStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("libraryProgress")
        self.progress.setRange(0, 0)  # busy: a scan does not know its total in advance
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()
        self._scanning = False
        self._scan_folder: Path | None = None
        #: files in the folder that are not articles, said under the count
        self.other_files = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.problem_filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress)
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
        self._scanning = False
        self._update_status()

    def set_rows(
        self, rows: list[ArticleRow], root: Path | None, problems_for: ProblemsFor | None = None
    ) -> None:
        """List ``rows`` (built off the window's thread); the scan, if any, is over."""
        if problems_for is not None:
            self.model.problems_for = problems_for
        if self.model.same_articles(rows):
            self.set_badges({row.file: row.badges for row in rows if row.badges})
        else:
            current = self.current_path()
            self.model.set_rows(rows, root)
            if current is not None:
                self.select(current)
        self._scanning = False
        self.progress.hide()
        self._update_status()

    def set_badges(self, badges: Mapping[str, Badges]) -> None:
        """New check results: the badges change in place, the list stays where it is."""
        current = self.current_path() if self.model.code != ALL else None
        if self.model.set_badges(badges) and self.model.code != ALL:
            if current is not None:
                self.select(current)
            self._update_status()

    def set_scanning(self, folder: Path, read: int = 0) -> None:
        """A scan of ``folder`` runs: a busy bar, and how many articles it has read so far."""
        self._scanning = True
        self._scan_folder = folder
        self.progress.show()
        counted = f" ({read:,} articles so far)" if read else ""
        self.status.setText(f"Reading {folder.name}…{counted}")

    def show_problem(self, text: str) -> None:
        """Say what went wrong with the folder (vanished, unreadable) under the list."""
        self._scanning = False
        self.progress.hide()
        self.status.setText(text)

    def set_problem_filter(self, code: str) -> None:
        index = self.problem_filter.findData(code)
        if index >= 0:
            self.problem_filter.setCurrentIndex(index)

    def _on_filter(self) -> None:
        current = self.current_path()
        self.model.set_filter(
            self.filter_edit.text(), str(self.problem_filter.currentData() or ALL)
        )
        if current is not None:
            self.select(current)
        self._update_status()

    def _update_status(self) -> None:
        if self._scanning:
            return  # "Reading …" stays until the scan is over
        total = self.model.total()
        shown = self.model.rowCount()
        word = "article" if total == 1 else "articles"
        text = f"{total:,} {word}" if shown == total else f"{shown:,} of {total:,} {word}"
        others = self.other_files
        # Images and style sheets beside the articles are expected; they are worth a word
        # only when they explain an empty list or a long scan.
        if others and (total == 0 or others >= MANY_OTHER_FILES):
            noun = "file" if others == 1 else "files"
            verb = "is" if others == 1 else "are"
            text += f" ({others:,} other {noun}, not articles, {verb} not listed)"
        self.status.setText(text)

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
        index = self.model.index(row, 0)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def current_path(self) -> Path | None:
        path = self.view.currentIndex().data(PATH_ROLE)
        return path if isinstance(path, Path) else None

    def visible_titles(self) -> list[str]:
        """The titles the list shows, in order (what a writer sees; used by tests)."""
        return [row.shown for row in self.model.rows()]
