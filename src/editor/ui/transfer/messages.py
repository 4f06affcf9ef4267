"""How the import, export and summary actions tell the user what happened.

One replaceable function, so tests capture every message these actions show
instead of leaving a modal box open on the offscreen platform.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def show_message(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    if warning:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)
