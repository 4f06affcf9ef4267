"""How problems look in the library views: one short label and one colour per code.

The sidebar's badges, the chain view's boxes and arrows and the problems
list use the same colours, so an editor learns them once.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from editor.ui.shell.palette import ThemeColours, palette_for

#: code -> short badge label
LABELS: dict[str, str] = {
    "placeholder-title": "placeholder",
    "placeholder-link": "placeholder link",
    "broken-link": "broken",
    "asymmetric-link": "one-way",
    "stale-link-title": "stale label",
    "duplicate-title": "duplicate",
    "missing-title": "no title",
    "missing-summary": "no summary",
    "invalid-front-matter": "invalid",
    "unreadable-file": "unreadable",
    "symlink-loop": "loop",
    "duplicate-next": "shared next",
    "duplicate-prev": "shared prev",
    "link-cycle": "cycle",
}


def label(code: str) -> str:
    return LABELS.get(code, "problem")


def colour(code: str, theme: ThemeColours | None = None) -> QColor:
    """The problem's badge, arrow and box colour in ``theme`` (the application's by default)."""
    return (theme or palette_for()).problem(code)


def text_colour(code: str, theme: ThemeColours | None = None) -> QColor:
    """The problem's colour as text on the page (the problems list)."""
    return (theme or palette_for()).problem_as_text(code)


#: codes that colour an article's box red in the chain view
ARTICLE_ALERTS = frozenset(
    {"placeholder-title", "missing-title", "invalid-front-matter", "unreadable-file"}
)
