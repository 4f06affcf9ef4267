"""Light or dark, following the system unless the writer chose; the colours are in palette.py."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from editor.ui.shell.palette import DARK, LIGHT, EditorColours, theme_changed

__all__ = [
    "EditorColours",
    "ThemeChoice",
    "apply_colour_scheme",
    "dark_palette",
    "editor_colours",
    "is_dark",
    "system_is_dark",
]


class ThemeChoice(Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


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
    return DARK.qt_palette()


#: set on the application while it shows a palette of ours instead of the platform's
_OWN_PALETTE = "articleEditorOwnPalette"


def apply_colour_scheme(choice: ThemeChoice) -> None:
    """Give the widgets the chosen colours; SYSTEM follows the platform's light or dark.

    The style's own palette is kept when it already is the wanted lightness
    (native look); otherwise the editor's palette for that theme is installed,
    also when the platform says "dark" but the style only has a light palette.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if (
        choice is ThemeChoice.SYSTEM
        and not app.property(_OWN_PALETTE)
        and system_is_dark() == (QGuiApplication.palette().window().color().lightness() < 128)
    ):
        # The platform's palette is in place and has the platform's lightness:
        # asking the style for it would build the QStyle bindings before the
        # first paint for nothing.
        return
    standard = app.style().standardPalette()
    standard_is_dark = standard.window().color().lightness() < 128
    dark = is_dark(choice)
    if dark == standard_is_dark:
        app.setPalette(standard)
        app.setProperty(_OWN_PALETTE, False)
    else:
        app.setPalette((DARK if dark else LIGHT).qt_palette())
        app.setProperty(_OWN_PALETTE, True)
    theme_changed()


def is_dark(choice: ThemeChoice) -> bool:
    if choice is ThemeChoice.SYSTEM:
        return system_is_dark()
    return choice is ThemeChoice.DARK


def editor_colours(dark: bool) -> EditorColours:
    return (DARK if dark else LIGHT).editor
