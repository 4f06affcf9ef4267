"""The Problems view: every problem in the library with where it is.

Double-clicking a row asks the window to open the file at the line, the way
an IDE's problem list does. The view shows what the controller published and
filters it; it never reads files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks import CODES, Problem
from editor.ui.library import problem_style

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("File", "Line", "Problem", "Message")
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2


class ProblemsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._root: Path | None = None

    def set_problems(self, problems: Sequence[Problem], root: Path | None) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self._root = root
        self.endResetModel()

    def problem(self, row: int) -> Problem:
        return self._problems[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def _shown_path(self, path: Path) -> str:
        if self._root is not None:
            try:
                return path.relative_to(self._root).as_posix()
            except ValueError:
                pass
        return str(path)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._problems):
            return None
        problem = self._problems[index.row()]
        column = index.column()
        if role == PROBLEM_ROLE:
            return problem
        if role == CODE_ROLE:
            return problem.code
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return self._shown_path(problem.path)
            if column == 1:
                return "" if problem.line is None else problem.line
            if column == 2:
                return problem_style.label(problem.code)
            return problem.message
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QBrush(problem_style.text_colour(problem.code))
        if role == Qt.ItemDataRole.UserRole and column == 1:
            return problem.line or 0  # sorts unknown lines first
        return None


class ProblemsView(QWidget):
    """A sortable list of problems; double-click opens the file at the line."""

    #: (path, line) where line is 0 when unknown
    problemActivated = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProblemsModel(self)
        # Qt's own filter on the code: with no code chosen it lets every row through
        # without asking Python about each of thousands of problems.
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(CODE_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setSortRole(Qt.ItemDataRole.DisplayRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        # Problems arrive sorted by file and line; sorting 10,000 rows again
        # through Python calls on every update would stall the window.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 220)
        header.resizeSection(1, 50)
        header.resizeSection(2, 110)
        self.code_filter = QComboBox()
        self.code_filter.addItem("All problems", "")
        for code in CODES:
            self.code_filter.addItem(f"{problem_style.label(code)} ({code})", code)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.code_filter)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.code_filter.currentIndexChanged.connect(self._on_code)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.activated.connect(self._on_double_click)

    def set_problems(self, problems: Sequence[Problem], root: Path | None = None) -> None:
        self.model.set_problems(problems, root)
        self._update_count()

    def _on_code(self) -> None:
        code = str(self.code_filter.currentData() or "")
        pattern = f"^{QRegularExpression.escape(code)}$" if code else ""
        self.proxy.setFilterRegularExpression(pattern)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        text = f"{total:,} problems" if shown == total else f"{shown:,} of {total:,} problems"
        self.count_label.setText(text)

    def _on_double_click(self, index: QModelIndex) -> None:
        problem = self.proxy.mapToSource(index).data(PROBLEM_ROLE)
        if isinstance(problem, Problem):
            self.problemActivated.emit(problem.path, problem.line or 0)

    def row_count(self) -> int:
        return self.proxy.rowCount()

    def activate_row(self, row: int) -> None:
        """What a double-click on a row does (keyboard users press Enter)."""
        self._on_double_click(self.proxy.index(row, 0))
