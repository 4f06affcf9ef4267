"""How problems look in the library views: one short label and one colour per code.

The sidebar's badges, the chain view's boxes and arrows and the problems
list use the same colours, so an editor learns them once.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

#: code -> (short badge label, colour)
STYLES: dict[str, tuple[str, str]] = {
    "placeholder-title": ("placeholder", "#d32f2f"),
    "placeholder-link": ("placeholder link", "#d81b60"),
    "broken-link": ("broken", "#c62828"),
    "asymmetric-link": ("one-way", "#ef6c00"),
    "stale-link-title": ("stale label", "#8e24aa"),
    "duplicate-title": ("duplicate", "#6d4c41"),
    "missing-title": ("no title", "#d32f2f"),
    "missing-summary": ("no summary", "#757575"),
    "invalid-front-matter": ("invalid", "#b71c1c"),
    "unreadable-file": ("unreadable", "#b71c1c"),
    "symlink-loop": ("loop", "#b71c1c"),
    "special-file": ("not a file", "#b71c1c"),
    "duplicate-next": ("shared next", "#f57c00"),
    "duplicate-prev": ("shared prev", "#f57c00"),
    "link-cycle": ("cycle", "#5e35b1"),
}

_DEFAULT = ("problem", "#757575")


def label(code: str) -> str:
    return STYLES.get(code, _DEFAULT)[0]


def colour(code: str) -> QColor:
    return QColor(STYLES.get(code, _DEFAULT)[1])


#: codes that colour an article's box red in the chain view
ARTICLE_ALERTS = frozenset(
    {
        "placeholder-title",
        "missing-title",
        "invalid-front-matter",
        "unreadable-file",
        "special-file",
    }
)
