"""The list of unsaved work a crash left behind: restore, compare or discard each.

Shown at start when the journal holds entries from an earlier session. The
dialog lists and reports choices; the controller reads files and acts.
Discarding asks first, because it destroys the only copy.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.recovery import RecoveryEntry


def confirm_discard(parent: QWidget, name: str) -> bool:
    """Throw recovered text away for good? (A function so tests can answer it.)"""
    answer = QMessageBox.warning(
        parent,
        "Discard recovered text",
        f"Discard the recovered text of “{name}”? It cannot be brought back.",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def describe(entry: RecoveryEntry) -> str:
    """One line per entry: title, where it came from, when it was last kept."""
    title = entry.title.strip() or "Untitled"
    where = str(entry.original_path) if entry.original_path else "new article, never saved"
    when = entry.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return f"{title} — {where} — kept {when}"


class RecoveryDialog(QDialog):
    """Unsaved work from an earlier session, one row per buffer."""

    restoreRequested = Signal(object)
    compareRequested = Signal(object)
    discardRequested = Signal(object)

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover Unsaved Work")
        self.resize(720, 360)
        intro = QLabel(
            "Article Editor did not close normally. This unsaved work was kept; "
            "restore it, compare it with the file on disk, or discard it."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._update_buttons)
        self.restore_button = QPushButton("Restore")
        self.compare_button = QPushButton("Compare…")
        self.discard_button = QPushButton("Discard…")
        self.later_button = QPushButton("Later")
        self.restore_button.clicked.connect(lambda: self._emit(self.restoreRequested))
        self.compare_button.clicked.connect(lambda: self._emit(self.compareRequested))
        self.discard_button.clicked.connect(self._discard)
        self.later_button.clicked.connect(self.reject)
        self.restore_button.setDefault(True)
        buttons = QHBoxLayout()
        for button in (self.restore_button, self.compare_button, self.discard_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        for entry in entries:
            item = QListWidgetItem(describe(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setToolTip(entry.text[:500])
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self._update_buttons()

    def entries(self) -> list[RecoveryEntry]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items]

    def current_entry(self) -> RecoveryEntry | None:
        item = self.list.currentItem()
        if item is None:
            return None
        entry: RecoveryEntry = item.data(Qt.ItemDataRole.UserRole)
        return entry

    def select(self, entry_id: str) -> None:
        for row, entry in enumerate(self.entries()):
            if entry.id == entry_id:
                self.list.setCurrentRow(row)
                return
        raise KeyError(entry_id)

    def remove_entry(self, entry: RecoveryEntry) -> None:
        """Drop a handled entry from the list; close when none are left."""
        for row, listed in enumerate(self.entries()):
            if listed.id == entry.id:
                self.list.takeItem(row)
                break
        if self.list.count() == 0:
            self.accept()
        self._update_buttons()

    def _emit(self, signal: object) -> None:
        entry = self.current_entry()
        if entry is not None:
            signal.emit(entry)  # type: ignore[attr-defined]

    def _discard(self) -> None:
        entry = self.current_entry()
        if entry is not None and confirm_discard(self, entry.title or "Untitled"):
            self.discardRequested.emit(entry)

    def _update_buttons(self, *_args: object) -> None:
        entry = self.current_entry()
        for button in (self.restore_button, self.discard_button):
            button.setEnabled(entry is not None)
        self.compare_button.setEnabled(entry is not None and entry.original_path is not None)
