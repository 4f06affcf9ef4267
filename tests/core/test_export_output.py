"""Export writes only where it may: a new or empty folder, or one an earlier export made.

``site/index.html`` written by someone else was silently replaced, and
``export lib -o lib`` said the folder had no articles.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.core.article import new_article, save_article
from editor.core.errors import ArticleError
from editor.core.export import (
    MANIFEST_NAME,
    OutputInUseError,
    export_article_file,
    export_site,
)
from tests.commands.test_import_export import cli

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 8


def _library(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "images").mkdir()
    (folder / "images" / "dot.png").write_bytes(PNG)
    article = new_article()
    article.title = "Harbour vote"
    article.body = "The council met.\n\n![dot](images/dot.png)\n"
    save_article(article, folder / "harbour.md")
    return folder


def test_a_folder_someone_else_filled_is_refused(tmp_path: Path) -> None:
    folder = _library(tmp_path / "lib")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("their own front page", encoding="utf-8")
    with pytest.raises(OutputInUseError, match="not empty and was not made by an export"):
        export_site(folder, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "their own front page"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def test_force_writes_there_anyway(tmp_path: Path) -> None:
    folder = _library(tmp_path / "lib")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("their own front page", encoding="utf-8")
    export_site(folder, site, force=True)
    assert "Harbour vote" in (site / "index.html").read_text(encoding="utf-8")


def test_an_earlier_export_is_written_again(tmp_path: Path) -> None:
    folder = _library(tmp_path / "lib")
    site = tmp_path / "site"
    export_site(folder, site)
    manifest = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"index.html", "harbour.html", "images/dot.png"}
    (folder / "images" / "dot.png").write_bytes(PNG + b"new")
    export_site(folder, site)
    assert (site / "images" / "dot.png").read_bytes() == PNG + b"new"


def test_exporting_a_folder_into_itself_says_so(tmp_path: Path) -> None:
    folder = _library(tmp_path / "lib")
    with pytest.raises(ArticleError, match="into the folder it is exported from"):
        export_site(folder, folder)
    with pytest.raises(ArticleError, match="into the folder it is exported from"):
        export_site(folder, tmp_path)  # the library would end up inside the site


def test_the_command_says_why_and_how_to_override(tmp_path: Path) -> None:
    _library(tmp_path / "lib")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("theirs", encoding="utf-8")
    refused = cli("export", "lib", "-o", "site", cwd=tmp_path)
    assert refused.returncode == 1
    assert "not made by an export" in refused.stderr and "--force" in refused.stderr
    same = cli("export", "lib", "-o", "lib", cwd=tmp_path)
    assert same.returncode == 1
    assert "cannot be written into the folder it is exported from" in same.stderr
    assert "no articles" not in same.stderr
    forced = cli("export", "lib", "-o", "site", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr


def test_a_page_replaces_only_a_page_the_editor_wrote(tmp_path: Path) -> None:
    folder = _library(tmp_path / "lib")
    page = tmp_path / "out" / "page.html"
    page.parent.mkdir()
    page.write_text("<p>someone's page</p>", encoding="utf-8")
    with pytest.raises(OutputInUseError, match="did not write"):
        export_article_file(folder / "harbour.md", page)
    assert page.read_text(encoding="utf-8") == "<p>someone's page</p>"
    export_article_file(folder / "harbour.md", page, force=True)
    export_article_file(folder / "harbour.md", page)  # ours now: replaced without asking


def test_a_page_never_replaces_an_image_with_other_bytes(tmp_path: Path) -> None:
    folder = _library(tmp_path / "lib")
    out = tmp_path / "out"
    (out / "images").mkdir(parents=True)
    (out / "images" / "dot.png").write_bytes(b"their picture")
    report = export_article_file(folder / "harbour.md", out / "page.html")
    assert (out / "images" / "dot.png").read_bytes() == b"their picture"
    assert any("already exists with other content" in r.reason for r in report.refused)
