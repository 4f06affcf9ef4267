"""Preview a library fix before it writes anything: every file, field, old -> new.

A fix can rewrite dozens of files, so it is never applied blind. The dialog
lists the changes grouped by file and what the fix leaves alone and why;
Apply writes them as one undoable step, Cancel writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.fixes import ADD_LINK, SET_LABEL, FixPlan


def _relative(plan: FixPlan, path: Path) -> str:
    if plan.library is not None:
        try:
            return path.relative_to(plan.library.root).as_posix()
        except ValueError:
            pass
    return str(path)


class FixDialog(QDialog):
    """The changes of one FixPlan, with Apply and Cancel."""

    def __init__(self, plan: FixPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(plan.description)
        self.resize(720, 420)
        files = plan.files()
        summary = (
            f"{len(plan.changes)} change(s) in {len(files)} file(s). "
            "Each file is saved with only these values changed; Undo Fix takes it all back."
            if plan.changes
            else "Nothing to change."
        )
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["File / field", "Now", "After the fix"])
        self.tree.setColumnWidth(0, 240)
        self.tree.setColumnWidth(1, 200)
        for path, changes in plan.by_file():
            parent_item = QTreeWidgetItem([_relative(plan, path), "", ""])
            self.tree.addTopLevelItem(parent_item)
            for change in changes:
                name = change.field + (" label" if change.kind == SET_LABEL else "")
                old = "(none)" if change.kind == ADD_LINK else change.old
                new = change.new
                if change.link is not None and change.link.path:
                    new += f" ({change.link.path})"
                QTreeWidgetItem(parent_item, [name, old, new])
            parent_item.setExpanded(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        if plan.skipped:
            skipped = QLabel("Left alone:\n" + "\n".join(f"• {s}" for s in plan.skipped[:20]))
            skipped.setWordWrap(True)
            layout.addWidget(skipped)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply_button.setEnabled(bool(plan.changes))
        apply_button.setDefault(True)
        apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def change_rows(self) -> list[tuple[str, str, str, str]]:
        """(file, field, now, after) per change, as shown."""
        rows = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None:
                    rows.append((top.text(0), child.text(0), child.text(1), child.text(2)))
        return rows


def confirm_fix(parent: QWidget | None, plan: FixPlan) -> bool:
    """Show the preview and return True when the user chose Apply (tests replace this)."""
    dialog = FixDialog(plan, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
