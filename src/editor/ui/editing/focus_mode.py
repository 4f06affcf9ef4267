"""Focus mode and distraction-free writing: only the text, the paragraph in hand lit.

Focus mode fills the screen, hides the menus, panels, preview and status bar,
tints the paragraph being written and keeps the cursor line in the middle of
the screen (typewriter scrolling) so the eyes stay in one place.
Distraction-free writing hides the same things but keeps the window as it
is. Esc leaves either; everything comes back exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QFrame, QMainWindow, QPlainTextEdit, QTextEdit, QWidget

#: the text column in focus mode, in characters of prose: room for an 80-column source line
COLUMN_CHARACTERS = 84
#: a full screen is read from further away: the text grows a little
FOCUS_EXTRA_POINTS = 3
TOP_MARGIN = 28


@dataclass
class _Saved:
    state: QByteArray
    window_state: Qt.WindowState
    menu_visible: bool
    status_visible: bool
    hidden: list[QWidget]
    center_on_scroll: bool
    margins: tuple[int, int, int, int]
    palette: QPalette
    font: QFont
    frame: QFrame.Shape
    auto_fill: bool


class FocusMode(QObject):
    """Enters and leaves focus mode for one window and its editor."""

    changed = Signal(bool)

    def __init__(
        self, window: QMainWindow, editor: QPlainTextEdit, side_widgets: list[QWidget]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.editor = editor
        #: widgets beside the editor (preview, find bar) hidden while focused
        self.side_widgets = side_widgets
        self._saved: _Saved | None = None
        self.full_screen = False
        self.highlight_paragraph = False
        editor.cursorPositionChanged.connect(self._on_cursor_moved)
        editor.textChanged.connect(self._on_cursor_moved)
        window.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self._saved is not None

    def enter(self, full_screen: bool = True) -> None:
        """Focus mode (``full_screen``) or distraction-free writing (windowed, no tint)."""
        if self.active:
            self.leave()
        window = self.window
        hidden = [w for w in self._panels() if w.isVisible()]
        self._saved = _Saved(
            state=window.saveState(),
            window_state=window.windowState(),
            menu_visible=window.menuBar().isVisible(),
            status_visible=window.statusBar().isVisible(),
            hidden=hidden,
            center_on_scroll=self.editor.centerOnScroll(),
            margins=self._viewport_margins(),
            palette=QPalette(self.editor.palette()),
            font=QFont(self.editor.font()),
            frame=self.editor.frameShape(),
            auto_fill=self.editor.autoFillBackground(),
        )
        self.full_screen = full_screen
        self.highlight_paragraph = full_screen
        for widget in hidden:
            widget.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        # The margins around the text column take the page colour: one calm sheet.
        palette = QPalette(self.editor.palette())
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.editor.setPalette(palette)
        self.editor.setAutoFillBackground(True)
        self.editor.setFrameShape(QFrame.Shape.NoFrame)
        if full_screen:
            window.showFullScreen()
            self.editor.setCenterOnScroll(True)
            larger = QFont(self.editor.font())
            larger.setPointSizeF(larger.pointSizeF() + FOCUS_EXTRA_POINTS)
            self.editor.setFont(larger)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.installEventFilter(self)
        self._update_column()
        self._on_cursor_moved()
        self.changed.emit(True)

    def leave(self) -> None:
        saved = self._saved
        if saved is None:
            return
        self._saved = None
        self.editor.removeEventFilter(self)
        self.highlight_paragraph = False
        self.editor.setExtraSelections([])
        self.editor.setCenterOnScroll(saved.center_on_scroll)
        self.editor.setViewportMargins(*saved.margins)
        self.editor.setPalette(saved.palette)
        self.editor.setFont(saved.font)
        self.editor.setAutoFillBackground(saved.auto_fill)
        self.editor.setFrameShape(saved.frame)
        self.window.setWindowState(saved.window_state)
        self.window.menuBar().setVisible(saved.menu_visible)
        self.window.statusBar().setVisible(saved.status_visible)
        for widget in saved.hidden:
            widget.show()
        self.window.restoreState(saved.state)
        self.editor.ensureCursorVisible()
        self.changed.emit(False)

    def toggle(self, full_screen: bool = True) -> None:
        if self.active:
            self.leave()
        else:
            self.enter(full_screen)

    # --------------------------------------------------------------- helpers
    def _panels(self) -> list[QWidget]:
        from PySide6.QtWidgets import QDockWidget, QToolBar

        docks: list[QWidget] = [
            w for w in self.window.findChildren(QDockWidget) if w.parent() is self.window
        ]
        bars: list[QWidget] = list(self.window.findChildren(QToolBar))
        return docks + bars + list(self.side_widgets)

    def _viewport_margins(self) -> tuple[int, int, int, int]:
        m = self.editor.viewportMargins()
        return (m.left(), m.top(), m.right(), m.bottom())

    def _update_column(self) -> None:
        """A comfortable line length in the middle of a wide screen."""
        if not self.active:
            return
        sample = "the quick brown fox jumps over a lazy dog, THEN SITS. "
        per_character = self.editor.fontMetrics().horizontalAdvance(sample) / len(sample)
        margin = self.editor.document().documentMargin()
        column = int(per_character * COLUMN_CHARACTERS + 2 * margin) + 8
        spare = max(0, self.editor.width() - column)
        self.editor.setViewportMargins(spare // 2, TOP_MARGIN, spare // 2, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.Resize:
            self._update_column()
        elif watched is self.window and event.type() == QEvent.Type.Close and self.active:
            # The window saves its layout on closing: save the real one, not the hidden panels.
            self.leave()
        return False

    def _on_cursor_moved(self) -> None:
        if not self.active:
            return
        if self.highlight_paragraph:
            self.editor.setExtraSelections([self._paragraph_selection()])
        if self.full_screen:
            self.editor.centerCursor()

    def _paragraph_selection(self) -> QTextEdit.ExtraSelection:
        """The lines between blank lines around the cursor: the paragraph being written."""
        cursor = self.editor.textCursor()
        first = last = cursor.block()
        while first.previous().isValid() and first.previous().text().strip():
            first = first.previous()
        while last.next().isValid() and last.next().text().strip():
            last = last.next()
        span = QTextCursor(first)
        # Up to the next line's start: the last line's break is selected too, so
        # FullWidthSelection paints every line of the paragraph to the edge.
        end = min(last.position() + last.length(), self.editor.document().characterCount() - 1)
        span.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = span  # type: ignore[misc]
        tint = QTextCharFormat()
        base = self.editor.palette().base().color()
        tint.setBackground(_tint(base))
        tint.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = tint  # type: ignore[misc]
        return selection


def _tint(base: QColor) -> QColor:
    """A soft band a little off the page colour, darker on light pages and lighter on dark."""
    return base.darker(106) if base.lightness() > 128 else base.lighter(135)
