"""Light and dark colours for the editor, following the system unless the user chose."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication


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


def is_dark(choice: ThemeChoice) -> bool:
    if choice is ThemeChoice.SYSTEM:
        return system_is_dark()
    return choice is ThemeChoice.DARK


def editor_colours(dark: bool) -> EditorColours:
    return DARK if dark else LIGHT
