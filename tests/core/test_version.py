"""One version string: what the scripting API reports is what exported pages name."""

from __future__ import annotations

from pathlib import Path

import editor
from editor.core.article import new_article
from editor.core.export import export_article
from editor.core.version import __version__


def test_the_package_reports_the_core_version() -> None:
    assert editor.__version__ == __version__
    assert __version__.count(".") == 2


def test_an_exported_page_names_the_editor_version(tmp_path: Path) -> None:
    article = new_article(tmp_path / "harbour.md")
    article.title = "Harbour lights"
    article.body = "The lamps come on at dusk.\n"
    export_article(article, tmp_path / "harbour.html")
    page = (tmp_path / "harbour.html").read_text(encoding="utf-8")
    assert f'content="Article Editor {__version__}"' in page
