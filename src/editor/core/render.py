"""Markdown to HTML, the one way the preview, the exports and the tests agree on.

``render_markdown`` is the reference render: the incremental renderer must
produce exactly its output, so every option lives here and nowhere else.
"""

from __future__ import annotations

import threading
from typing import Any

import markdown

#: Extensions every render uses; order matters to Python-Markdown's registry.
EXTENSIONS: tuple[str, ...] = ("extra", "toc", "sane_lists", "codehilite")

EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    # Pygments emits classes; the preview and export stylesheets colour them.
    "codehilite": {"css_class": "codehilite", "guess_lang": False},
    "toc": {"permalink": False},
}

_local = threading.local()


def make_converter() -> markdown.Markdown:
    """A fresh converter configured exactly like the reference render."""
    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)


def _converter() -> markdown.Markdown:
    # Building a converter costs about a millisecond; a thread keeps its own
    # because Python-Markdown instances hold per-document state.
    md: markdown.Markdown | None = getattr(_local, "md", None)
    if md is None:
        md = make_converter()
        _local.md = md
    return md


def render_markdown(text: str) -> str:
    """The full render of a markdown body to an HTML fragment."""
    md = _converter()
    try:
        return md.reset().convert(text)
    finally:
        md.reset()
