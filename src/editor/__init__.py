"""Article Editor: markdown articles with YAML, TOML or JSON front matter, offline.

The scripting API lives here and never imports Qt, so scripts, the command
line and site pipelines can use it on a machine without a display::

    from editor import load_article, save_article, ArticleError
    article = load_article("harbour.md")
    article.title = "New title"
    save_article(article)

Names are resolved lazily so that ``import editor`` stays cheap for the
command line and the window's start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from editor.core.version import __version__

_EXPORTS: dict[str, str] = {
    "ArticleError": "editor.core.errors",
    "Article": "editor.core.article",
    "Link": "editor.core.article",
    "load_article": "editor.core.article",
    "save_article": "editor.core.article",
    "parse_article": "editor.core.article",
    "render_markdown": "editor.core.render",
    "IncrementalRenderer": "editor.core.incremental",
    "looks_like_placeholder": "editor.core.placeholder",
}

__all__ = [
    "Article",
    "ArticleError",
    "IncrementalRenderer",
    "Link",
    "__version__",
    "load_article",
    "looks_like_placeholder",
    "parse_article",
    "render_markdown",
    "save_article",
]

if TYPE_CHECKING:
    from editor.core.article import Article, Link, load_article, parse_article, save_article
    from editor.core.errors import ArticleError
    from editor.core.incremental import IncrementalRenderer
    from editor.core.placeholder import looks_like_placeholder
    from editor.core.render import render_markdown


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'editor' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
