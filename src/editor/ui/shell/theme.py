"""Light and dark colours for the editor, following the system unless the user chose."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


class ThemeChoice(Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class EditorColours:
    heading: QColor
    emphasis: QColor
    link: QColor
    code: QColor
    code_background: QColor
    quote: QColor
    list_marker: QColor
    muted: QColor
    flag: QColor


LIGHT = EditorColours(
    heading=QColor("#1b4f72"),
    emphasis=QColor("#5b3a85"),
    link=QColor("#1f5f9e"),
    code=QColor("#8a3b12"),
    code_background=QColor("#f1efe9"),
    quote=QColor("#5b6770"),
    list_marker=QColor("#b0561a"),
    muted=QColor("#8b959c"),
    flag=QColor("#b3261e"),
)

DARK = EditorColours(
    heading=QColor("#8cc4f0"),
    emphasis=QColor("#d2b3f5"),
    link=QColor("#7ab4ec"),
    code=QColor("#f0a878"),
    code_background=QColor("#2a2f35"),
    quote=QColor("#a3adb5"),
    list_marker=QColor("#f0a35e"),
    muted=QColor("#7d8790"),
    flag=QColor("#ff8a80"),
)


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    window = QGuiApplication.palette().window().color()
    return window.lightness() < 128


def dark_palette() -> QPalette:
    """A calm dark palette for when the writer chooses dark but the platform stays light."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#23272e"),
        (roles.WindowText, "#dde3e8"),
        (roles.Base, "#1e2227"),
        (roles.AlternateBase, "#262b31"),
        (roles.Text, "#dde3e8"),
        (roles.Button, "#2c3139"),
        (roles.ButtonText, "#dde3e8"),
        (roles.Highlight, "#3d6a99"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#2c3139"),
        (roles.ToolTipText, "#dde3e8"),
        (roles.PlaceholderText, "#7d8790"),
        (roles.Link, "#7ab4ec"),
        (roles.Mid, "#5a636c"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b747c"))
    return palette


#: set on the application while it shows a palette of ours instead of the platform's
_OWN_PALETTE = "articleEditorOwnPalette"


def apply_colour_scheme(choice: ThemeChoice) -> None:
    """Give the widgets the chosen colours; SYSTEM hands the choice back to the platform."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if choice is ThemeChoice.SYSTEM and not app.property(_OWN_PALETTE):
        # The platform's palette is still in place: asking the style for it would
        # build the QStyle bindings before the first paint for nothing.
        return
    standard = app.style().standardPalette()
    standard_is_dark = standard.window().color().lightness() < 128
    if choice is ThemeChoice.DARK and not standard_is_dark:
        app.setPalette(dark_palette())
        app.setProperty(_OWN_PALETTE, True)
    elif choice is ThemeChoice.LIGHT and standard_is_dark:
        app.setPalette(QPalette(QColor("#efefef"), QColor("#f6f6f6")))
        app.setProperty(_OWN_PALETTE, True)
    else:
        app.setPalette(standard)
        app.setProperty(_OWN_PALETTE, False)


def is_dark(choice: ThemeChoice) -> bool:
    if choice is ThemeChoice.SYSTEM:
        return system_is_dark()
    return choice is ThemeChoice.DARK


def editor_colours(dark: bool) -> EditorColours:
    return DARK if dark else LIGHT
