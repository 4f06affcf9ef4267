"""Prev/next pickers that choose from the library: type part of a title, pick the article.

Attached from outside to the metadata panel's link editors (it only needs
their ``title_edit``, ``path_edit`` and ``edited`` signal), so the panel does
not depend on the library. Picking a title fills in the path relative to the
open article and reports one edit, which the panel records as one undoable
step like any other change.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QStringListModel, Qt, SignalInstance
from PySide6.QtWidgets import QCompleter, QLineEdit

from editor.core.article import Link


class LinkFields(Protocol):
    """What a link editor offers (MetadataPanel's LinkEditor has it)."""

    title_edit: QLineEdit
    path_edit: QLineEdit

    @property
    def edited(self) -> SignalInstance: ...


class LibraryLinkPicker(QObject):
    """A completer on a link's title field listing the library's articles by title."""

    def __init__(self, fields: LinkFields, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields = fields
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.choose)
        self._choices: dict[str, Link] = {}
        fields.title_edit.setCompleter(self.completer)

    def set_choices(self, links: list[Link]) -> None:
        """The articles to offer, labelled by title (a shared title shows its path too)."""
        counts: dict[str, int] = {}
        for link in links:
            counts[link.title] = counts.get(link.title, 0) + 1
        choices: dict[str, Link] = {}
        for link in links:
            label = link.title if counts[link.title] == 1 else f"{link.title} — {link.path}"
            choices[label] = link
        self._choices = choices
        self.model.setStringList(sorted(choices, key=str.casefold))

    def choose(self, label: str) -> None:
        """Set title and path from the chosen article, as one edit."""
        link = self._choices.get(label)
        if link is None:
            return
        self.fields.title_edit.setText(link.title)
        self.fields.path_edit.setText(link.path or "")
        self.fields.edited.emit()

    def labels(self) -> list[str]:
        return self.model.stringList()
