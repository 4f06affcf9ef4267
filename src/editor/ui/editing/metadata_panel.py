"""The panel for the article's title, summary and previous/next links.

It edits through ``ArticleDocument.set_field`` so that every change lands in
the shared undo history, and it listens to ``fieldChanged`` so that undo and
redo update it. Only user edits (``textEdited``) are sent back, never the
panel's own updates, so there is no feedback loop.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.article import LINK_KEYS, TEXT_KEYS, Link
from editor.core.codecs.shown import ShownValue
from editor.core.placeholder import placeholder_reason
from editor.ui.document import ArticleDocument
from editor.ui.shell.palette import ThemeColours, follow_theme, palette_for

SUMMARY_GUIDELINE = 160


class SummaryEdit(QPlainTextEdit):
    """A few lines of plain text; Tab moves on instead of inserting a tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 14)
        self.setPlaceholderText("One or two sentences for readers in a hurry")


class SharedUndoFilter(QObject):
    """Sends Ctrl+Z / Ctrl+Shift+Z in the panel's fields to the article's one history.

    Each QLineEdit has its own little undo buffer; letting it handle the keys
    would undo a field behind the shared history's back.
    """

    def __init__(self, stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack = stack

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            for key, action in (
                (QKeySequence.StandardKey.Undo, self._stack.undo),
                (QKeySequence.StandardKey.Redo, self._stack.redo),
            ):
                if event.matches(key):
                    event.accept()
                    if event.type() == QEvent.Type.KeyPress:
                        action()
                    return True
        return False


class FlagLabel(QLabel):
    """A red note under a field that looks like a placeholder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("placeholderFlag")
        follow_theme(self, self._restyle)
        self.hide()

    def _restyle(self, theme: ThemeColours) -> None:
        self.setStyleSheet(f"color: {theme.error_text.name()}; font-size: 9pt;")

    def show_reason(self, reason: str | None, what: str) -> None:
        if reason:
            self.setText(f"⚠ {what} looks like a placeholder ({reason}).")
            self.setToolTip("Replace it with the real title before publishing.")
            self.show()
        else:
            self.clear()
            self.hide()


class LinkEditor(QGroupBox):
    """Title and path of a previous/next link, with a file picker for the path."""

    edited = Signal()
    browseRequested = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, parent)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Title readers see")
        self.title_edit.setClearButtonEnabled(True)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("other-article.md")
        self.browse_button = QToolButton()
        self.browse_button.setText("…")
        self.browse_button.setToolTip("Choose the linked article file")
        self.flag = FlagLabel()
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path_edit)
        path_row.addWidget(self.browse_button)
        form = QFormLayout(self)
        form.addRow("Title", self.title_edit)
        form.addRow("Path", path_row)
        form.addRow(self.flag)
        self.url = ""
        self.title_edit.textEdited.connect(lambda _text: self.edited.emit())
        self.path_edit.textEdited.connect(lambda _text: self.edited.emit())
        self.browse_button.clicked.connect(self.browseRequested.emit)

    def link(self) -> Link | None:
        title = self.title_edit.text()
        path = self.path_edit.text().strip() or None
        if not (title or path or self.url):
            return None
        return Link(title, path, self.url or None)

    def set_link(self, link: Link | None) -> None:
        title = link.title if link else ""
        path = (link.path or "") if link else ""
        self.url = (link.url or "") if link else ""
        for edit, text in ((self.title_edit, title), (self.path_edit, path)):
            if edit.text() != text:
                edit.setText(text)
                if not edit.hasFocus():
                    edit.setCursorPosition(0)


class MetadataPanel(QWidget):
    """Title, summary, previous/next links and the article's other keys."""

    #: the user asked for a summary suggestion (the window shows it for acceptance)
    suggestRequested = Signal()

    def __init__(self, document: ArticleDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataPanel")
        self.document = document
        self.placeholder_patterns: list[str] = []

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText("Headline")
        self.title_flag = FlagLabel()
        self.summary_edit = SummaryEdit()
        self.summary_edit.setObjectName("summaryEdit")
        self.summary_count = QLabel()
        self.summary_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.suggest_button = QPushButton("Suggest…")
        self.suggest_button.setObjectName("suggestSummaryButton")
        self.suggest_button.setToolTip(
            "Propose a summary from the article's own sentences (offline); "
            "nothing changes until you accept it"
        )
        self.suggest_button.clicked.connect(self.suggestRequested)
        self.prev_editor = LinkEditor("Previous article")
        self.next_editor = LinkEditor("Next article")
        self.other_keys = QTreeWidget()
        self.other_keys.setHeaderLabels(["Key", "Value"])
        self.other_keys.setRootIsDecorated(False)
        self.other_keys.setToolTip("Other front-matter keys; they are kept exactly as written.")
        self.other_keys.setMinimumHeight(90)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("panelError")
        self.error_label.hide()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.error_label)
        layout.addWidget(QLabel("<b>Title</b>"))
        layout.addWidget(self.title_edit)
        layout.addWidget(self.title_flag)
        layout.addWidget(QLabel("<b>Summary</b>"))
        layout.addWidget(self.summary_edit)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.suggest_button)
        summary_row.addStretch(1)
        summary_row.addWidget(self.summary_count)
        layout.addLayout(summary_row)
        layout.addWidget(self.prev_editor)
        layout.addWidget(self.next_editor)
        layout.addWidget(QLabel("<b>Other keys</b>"))
        layout.addWidget(self.other_keys, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.title_edit.textEdited.connect(lambda text: document.set_field("title", text))
        self.summary_edit.textChanged.connect(self._on_summary_changed)
        self.prev_editor.edited.connect(lambda: self._link_edited("prev", self.prev_editor))
        self.next_editor.edited.connect(lambda: self._link_edited("next", self.next_editor))
        self.prev_editor.browseRequested.connect(lambda: self._browse("prev", self.prev_editor))
        self.next_editor.browseRequested.connect(lambda: self._browse("next", self.next_editor))
        document.fieldChanged.connect(self._refresh_field)
        document.loaded.connect(self.refresh)
        document.rawErrorChanged.connect(lambda _error: self.refresh())
        self._updating_summary = False
        self._undo_filter = SharedUndoFilter(document.undo_stack, self)
        self.summary_edit.setUndoRedoEnabled(False)
        for edit in (
            self.title_edit,
            self.summary_edit,
            self.prev_editor.title_edit,
            self.prev_editor.path_edit,
            self.next_editor.title_edit,
            self.next_editor.path_edit,
        ):
            edit.installEventFilter(self._undo_filter)
        self.refresh()

    # ------------------------------------------------------------ user edits
    def _on_summary_changed(self) -> None:
        self._update_summary_count()
        if not self._updating_summary:
            self.document.set_field("summary", self.summary_edit.toPlainText())

    def _link_edited(self, field: str, editor: LinkEditor) -> None:
        self.document.set_field(field, editor.link())
        self._update_flags()

    def _browse(self, field: str, editor: LinkEditor) -> None:
        start = self.document.path.parent if self.document.path else Path.home()
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Choose the linked article", str(start), "Articles (*.md *.markdown)"
        )
        if not chosen:
            return
        editor.path_edit.setText(self._relative(Path(chosen)))
        self._link_edited(field, editor)

    def _relative(self, target: Path) -> str:
        base = self.document.path.parent if self.document.path else None
        if base is None:
            return str(target)
        try:
            return target.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            import os

            return Path(os.path.relpath(target, base)).as_posix()

    # -------------------------------------------------------------- refresh
    def set_placeholder_patterns(self, patterns: list[str]) -> None:
        self.placeholder_patterns = patterns
        self._update_flags()

    def refresh(self) -> None:
        raw = self.document.raw_error
        for widget in (self.title_edit, self.summary_edit, self.prev_editor, self.next_editor):
            widget.setEnabled(raw is None)
        if raw is not None:
            self.error_label.setText(
                "<b>The front matter could not be read.</b><br>"
                "The file is open as plain text so you can repair it; "
                "the fields return once it is valid and saved."
            )
            self.error_label.show()
        else:
            self.error_label.hide()
        for name in (*TEXT_KEYS, *LINK_KEYS):
            self._refresh_field(name)
        self._refresh_other_keys()

    def _refresh_field(self, name: str) -> None:
        article = self.document.article
        if name == "title":
            if self.title_edit.text() != article.title:
                self.title_edit.setText(article.title)
                self.title_edit.setCursorPosition(
                    0 if not self.title_edit.hasFocus() else len(article.title)
                )
        elif name == "summary":
            if self.summary_edit.toPlainText() != article.summary:
                self._updating_summary = True
                try:
                    self.summary_edit.setPlainText(article.summary)
                finally:
                    self._updating_summary = False
            self._update_summary_count()
        elif name == "prev":
            self.prev_editor.set_link(article.prev)
        elif name == "next":
            self.next_editor.set_link(article.next)
        self._update_flags()

    def _update_summary_count(self) -> None:
        count = len(self.summary_edit.toPlainText())
        over = count > SUMMARY_GUIDELINE
        theme = palette_for(self)
        colour = (theme.error_text if over else theme.muted_text).name()
        self.summary_count.setText(
            f'<span style="color:{colour}">{count} / {SUMMARY_GUIDELINE} characters</span>'
        )
        self.summary_count.setToolTip(
            "Summaries of up to 160 characters show in full in search results and link previews."
        )

    def _update_flags(self) -> None:
        patterns = self.placeholder_patterns
        self.title_flag.show_reason(
            placeholder_reason(self.title_edit.text(), patterns), "The title"
        )
        self.prev_editor.flag.show_reason(
            placeholder_reason(self.prev_editor.title_edit.text(), patterns), "This link's title"
        )
        self.next_editor.flag.show_reason(
            placeholder_reason(self.next_editor.title_edit.text(), patterns), "This link's title"
        )

    def _refresh_other_keys(self) -> None:
        self.other_keys.clear()
        known = set(TEXT_KEYS) | set(LINK_KEYS)
        article = self.document.article
        for key in article.metadata:
            if key in known:
                continue
            # As the file spells it: 'draft: no' is shown as 'no', which Hugo
            # reads as text and Jekyll as false, not as one reader's False;
            # a list keeps its brackets, a number its digits.
            shown = article.shown_value(key)
            if shown is None:
                continue
            item = QTreeWidgetItem([key, shown.text])
            # Read-only: the panel edits the title, summary and links; every
            # other key is written back byte for byte as the file has it.
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setToolTip(1, other_key_tooltip(shown))
            self.other_keys.addTopLevelItem(item)
        self.other_keys.resizeColumnToContents(0)


def other_key_tooltip(shown: ShownValue) -> str:
    """The value as the file writes it, and why the panel does not edit it."""
    written = shown.exact if shown.exact is not None else shown.text
    if shown.collection:
        why = (
            "A list or table is shown read-only: the editor keeps it exactly as the "
            "file writes it. Change it in the file's front matter with another editor."
        )
        if shown.exact is None:
            why = "Written over several lines in the file. " + why
    else:
        why = "Read-only here: saving keeps this value exactly as the file writes it."
    return f"{written}\n\n{why}"
