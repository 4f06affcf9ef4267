"""The few modal questions the window asks, in one place.

Keeping them here lets tests answer them (by replacing these functions)
instead of leaving a modal dialog open on the offscreen platform.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved_changes(parent: QWidget, name: str) -> UnsavedChoice:
    """Save, discard or cancel before unsaved changes to ``name`` would be lost."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save the changes to “{name}” before closing it?")
    box.setInformativeText("Your changes will be lost if you don't save them.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def confirm_overwrite_changed_file(parent: QWidget, name: str) -> bool:
    """Overwrite a file that changed on disk since it was opened? Never silent."""
    answer = QMessageBox.warning(
        parent,
        "File changed on disk",
        f"“{name}” was changed by another program after you opened it.\n\n"
        "Overwrite it with your version? The other changes will be lost.",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Save


def confirm_replace_file(parent: QWidget, name: str) -> bool:
    """Replace an existing file by saving under its name? Asked before Save As writes."""
    answer = QMessageBox.warning(
        parent,
        "Replace file",
        f"“{name}” already exists.\n\nReplace it with this article?",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Save
