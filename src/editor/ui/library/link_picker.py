"""Prev/next pickers that choose from the library: type part of a title, pick the article.

Attached from outside to the metadata panel's link editors (it only needs
their ``title_edit``, ``path_edit`` and ``edited`` signal), so the panel does
not depend on the library. Picking a title fills in the path relative to the
open article and reports one edit, which the panel records as one undoable
step like any other change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QStringListModel, Qt, SignalInstance
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from editor.core.article import Link

#: (title, file) of every article that may be linked to
Targets = list[tuple[str, str]]


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
        #: when set, the choices are worked out the next time they are needed
        self._source: tuple[Callable[[], Targets], Callable[[str], str]] | None = None
        self._files: dict[str, str] = {}
        self._path_for: Callable[[str], str] | None = None
        fields.title_edit.setCompleter(self.completer)
        fields.title_edit.installEventFilter(self)
        # Installed after the completer's own filter, so it sees the popup's events first.
        popup = self.completer.popup()
        if popup is not None:
            popup.installEventFilter(self)

    def set_source(self, targets: Callable[[], Targets], path_for: Callable[[str], str]) -> None:
        """Offer ``targets()`` from now on, read when the title field is next used.

        A library of 10,000 articles changes often (every file saved, every
        article opened changes the relative paths); listing them only when the
        writer goes to the field keeps those moments free, and a path is
        worked out only for the article chosen.
        """
        self._source = (targets, path_for)

    def _fill(self) -> None:
        if self._source is None:
            return
        targets, path_for = self._source
        self._source = None
        counts: dict[str, int] = {}
        found = targets()
        for title, _file in found:
            counts[title] = counts.get(title, 0) + 1
        files: dict[str, str] = {}
        for title, file in found:
            files[title if counts[title] == 1 else f"{title} — {path_for(file)}"] = file
        self._files, self._path_for, self._choices = files, path_for, {}
        self.model.setStringList(sorted(files, key=str.casefold))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the list clear of the path field, and let a click there reach it.

        Qt's completer swallows a click outside its list: the list closes, but
        the title keeps the focus, so what the writer then types for the path
        lands in the title. Here the click also focuses the field it was on.
        """
        if watched is self.fields.title_edit:
            if event.type() == QEvent.Type.FocusIn:
                self._fill()
            return False
        popup = self.completer.popup()
        if watched is not popup:
            return False
        if event.type() == QEvent.Type.Show:
            self._place_below_path(popup)
        elif event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            where = event.globalPosition().toPoint()
            if not popup.rect().contains(popup.mapFromGlobal(where)):
                popup.hide()
                window = self.fields.title_edit.window()
                target = window.childAt(window.mapFromGlobal(where))
                if target is not None and target.focusPolicy() & Qt.FocusPolicy.ClickFocus:
                    target.setFocus(Qt.FocusReason.MouseFocusReason)
                    if isinstance(target, QLineEdit):
                        local = target.mapFromGlobal(where)
                        target.setCursorPosition(target.cursorPositionAt(local))
                return True
        return False

    def _place_below_path(self, popup: QWidget) -> None:
        """Open the list under the path field, so both fields stay visible."""
        path = self.fields.path_edit
        title = self.fields.title_edit
        top = path.mapToGlobal(QPoint(0, path.height() + 2)).y()
        left = title.mapToGlobal(QPoint(0, 0)).x()
        popup.move(left, top)

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
        self._source, self._files, self._path_for = None, {}, None
        self.model.setStringList(sorted(choices, key=str.casefold))

    def choose(self, label: str) -> None:
        """Set title and path from the chosen article, as one edit."""
        self._fill()
        link = self._choices.get(label)
        file = self._files.get(label)
        if link is None and file is not None and self._path_for is not None:
            link = Link(label.split(" — ", 1)[0], self._path_for(file))
        if link is None:
            return
        self.fields.title_edit.setText(link.title)
        self.fields.path_edit.setText(link.path or "")
        self.fields.edited.emit()

    def labels(self) -> list[str]:
        self._fill()
        return self.model.stringList()
