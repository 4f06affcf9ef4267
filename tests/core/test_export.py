"""HTML export of one article and of a folder: standalone pages that fetch nothing."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editor.core.article import Link, new_article, save_article
from editor.core.errors import ArticleError
from editor.core.export import (
    PlaceholderTitlesError,
    export_article,
    export_article_file,
    export_site,
    is_remote,
)
from editor.core.page import NEXT_LABEL, PREV_LABEL, SUMMARY_ACTION, SUMMARY_PROMPT

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)

# Attributes a browser fetches on its own; none of them may point off the machine.
FETCHING = re.compile(
    r"""\s(?:src|srcset|poster|data|background)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""", re.I
)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}  # nav class -> href
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._nav: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = dict(attrs)
        self.tags.append((tag, data))
        if tag == "div" and data.get("class") in ("nav-prev", "nav-next"):
            self._nav = data["class"]
        if tag == "a" and data.get("href"):
            self.hrefs.append(str(data["href"]))
            if self._nav:
                self.links[self._nav] = str(data["href"])
                self._nav = None


def _parse(path: Path) -> _Collect:
    parser = _Collect()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _write(
    folder: Path,
    name: str,
    title: str,
    body: str,
    summary: str = "",
    prev: Link | None = None,
    next_: Link | None = None,
) -> Path:
    article = new_article()
    article.title = title
    article.summary = summary
    article.prev = prev
    article.next = next_
    article.body = body
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return save_article(article, path)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Four articles in a chain (one in a subfolder, one linked by title only) and an image."""
    folder = tmp_path / "library"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "dot.png").write_bytes(PNG)
    (tmp_path / "outside.png").write_bytes(PNG)
    _write(
        folder,
        "a-first.md",
        "Harbour works begin",
        "Work starts **today**.\n\n![A dot](images/dot.png)\n\n"
        "![Far away](https://example.com/far.png)\n\n![Outside](../outside.png)\n\n"
        "See [the second](b-second.md#top).\n\n"
        '<iframe src="https://example.com/embed"></iframe>\n\n'
        '<p><img src="//cdn.example.com/x.png" srcset="https://example.com/2x.png 2x"></p>\n\n'
        "```python\nprint('hi')\n```\n",
        summary="Work on the harbour starts today & lasts a year.",
        next_=Link("Ferry returns", "b-second.md"),
    )
    _write(
        folder,
        "b-second.md",
        "Ferry returns",
        "The ferry is back.\n",
        summary="The ferry sails again.",
        prev=Link("Harbour works begin", "a-first.md"),
        next_=Link("Library hours"),  # title only: found by title
    )
    _write(
        folder,
        "news/c-third.md",
        "Library hours",
        "Open late.\n\n![Dot again](../images/dot.png)\n",
        prev=Link("Ferry returns", "../b-second.md"),
        next_=Link("rewrite_title_placeholder", "../index.md"),
    )
    _write(
        folder,
        "index.md",
        "rewrite_title_placeholder",
        "An article whose file is called index.\n",
        prev=Link("Library hours", "news/c-third.md"),
    )
    return folder


# ------------------------------------------------------------------ one page


def test_page_is_standalone_and_shaped_like_the_published_page(
    library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "page.html"
    report = export_article_file(library / "b-second.md", out)
    assert report.written == [out]
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html and "<link" not in html and "<script" not in html
    assert ".codehilite" in html  # the Pygments colours are embedded
    assert "Content-Security-Policy" in html
    assert '<h1 class="article-title">Ferry returns</h1>' in html
    assert '<details class="summary-box">' in html
    assert SUMMARY_PROMPT in html and SUMMARY_ACTION in html
    assert "The ferry sails again." in html
    parsed = _parse(out)
    # Neighbours point at their exported pages beside this one.
    assert parsed.links == {"nav-prev": "a-first.html"}
    assert PREV_LABEL in html and NEXT_LABEL in html


def test_images_are_copied_and_nothing_is_fetched(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "first.html"
    warnings: list[str] = []
    report = export_article_file(library / "a-first.md", out, warn=warnings.append)
    html = out.read_text(encoding="utf-8")
    assert (out.parent / "images" / "dot.png").read_bytes() == PNG
    assert not (out.parent / "images" / "outside.png").exists()  # outside the library
    assert 'src="images/dot.png"' in html and "[image not copied: Outside]" in html
    assert any("../outside.png was not copied" in w for w in warnings), warnings
    assert not FETCHING.search(html), FETCHING.search(html)
    assert '<a class="remote-image" href="https://example.com/far.png">Far away' in html
    assert "<iframe" not in html and "example.com/embed" not in html  # dropped by the sanitizer
    assert '<a class="remote-image" href="//cdn.example.com/x.png">' in html
    assert 'href="b-second.html#top"' in html
    assert "&amp; lasts a year" in html
    assert any("far.png" in w for w in warnings)
    assert report.copied == [out.parent / "images" / "dot.png"]


def test_a_wider_root_allows_a_file_outside_the_folder(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "first.html"
    report = export_article_file(library / "a-first.md", out, root=tmp_path)
    assert (out.parent / "images" / "outside.png").read_bytes() == PNG
    assert 'src="images/outside.png"' in out.read_text(encoding="utf-8")
    assert report.refused == []


def test_title_only_link_finds_its_article_in_the_folder(tmp_path: Path) -> None:
    _write(tmp_path, "target.md", "The target", "Body.\n")
    path = _write(tmp_path, "a.md", "A", "Body.\n", next_=Link("The target"))
    _write(tmp_path, "twin1.md", "Twin", "Body.\n")
    _write(tmp_path, "twin2.md", "Twin", "Body.\n")
    export_article_file(path, tmp_path / "out" / "a.html")
    assert _parse(tmp_path / "out" / "a.html").links == {"nav-next": "target.html"}
    ambiguous = _write(tmp_path, "b.md", "B", "Body.\n", prev=Link("Twin"))
    export_article_file(ambiguous, tmp_path / "out" / "b.html")
    assert _parse(tmp_path / "out" / "b.html").links == {}


def test_srcset_and_media_sources_are_disabled(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "a.md",
        "A",
        '<video poster="https://x.test/p.jpg"><source src="https://x.test/v.mp4"></video>\n\n'
        '<picture><source srcset="https://x.test/2x.png 2x"></picture>\n',
    )
    export_article_file(path, tmp_path / "a.html")
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert not FETCHING.search(html)
    assert 'data-blocked-srcset="https://x.test/2x.png 2x"' in html
    assert 'data-blocked-poster="https://x.test/p.jpg"' in html


def test_missing_image_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.md", "A", "![Gone](nowhere.png)\n")
    report = export_article_file(path, tmp_path / "out" / "a.html")
    assert any("nowhere.png" in w for w in report.warnings)
    assert "[missing image: Gone]" in (tmp_path / "out" / "a.html").read_text(encoding="utf-8")


def test_unsaved_article_exports_with_a_base_folder(tmp_path: Path) -> None:
    article = new_article()
    article.title = "Draft <b>not bold</b>"
    article.body = "Text.\n"
    export_article(article, tmp_path / "draft.html", base_dir=tmp_path)
    html = (tmp_path / "draft.html").read_text(encoding="utf-8")
    assert "Draft &lt;b&gt;not bold&lt;/b&gt;" in html


def test_export_never_writes_over_a_markdown_file(library: Path) -> None:
    before = (library / "b-second.md").read_bytes()
    with pytest.raises(ArticleError, match=r"name it \.html"):
        export_article_file(library / "b-second.md", library / "b-second.md")
    assert (library / "b-second.md").read_bytes() == before


def test_strict_page_export_refuses_placeholders(library: Path, tmp_path: Path) -> None:
    with pytest.raises(PlaceholderTitlesError):
        export_article_file(library / "index.md", tmp_path / "x.html", strict=True)
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize(
    ("url", "remote"),
    [
        ("https://a.b/c.png", True),
        ("http://a.b/c.png", True),
        ("//a.b/c.png", True),
        ("ftp://a.b/c", True),
        ("images/c.png", False),
        ("data:image/png;base64,AAAA", False),
        ("file:///tmp/c.png", False),
        ("C:/pictures/c.png", False),
    ],
)
def test_is_remote(url: str, remote: bool) -> None:
    assert is_remote(url) is remote


# ------------------------------------------------------------------ site


def test_site_has_an_index_and_every_page_with_working_navigation(
    library: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    report = export_site(library, site)
    assert not report.errors
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    # index.md must not take the place of the site's index page.
    assert pages == {
        "index.html",
        "index-2.html",
        "a-first.html",
        "b-second.html",
        "news/c-third.html",
    }
    index = _parse(site / "index.html")
    assert index.hrefs == ["a-first.html", "b-second.html", "news/c-third.html", "index-2.html"]
    # Follow Next from the first page to the end, and Previous all the way back.
    chain = ["a-first.html"]
    while True:
        nav = _parse(site / chain[-1]).links
        if "nav-next" not in nav:
            break
        target = (site / chain[-1]).parent / nav["nav-next"]
        assert target.is_file(), target
        chain.append(target.resolve().relative_to(site.resolve()).as_posix())
    assert chain == ["a-first.html", "b-second.html", "news/c-third.html", "index-2.html"]
    for page in chain[1:]:
        prev = _parse(site / page).links["nav-prev"]
        assert ((site / page).parent / prev).is_file()
    third = (site / "news" / "c-third.html").read_text(encoding="utf-8")
    assert 'href="../index.html">All articles' in third
    assert 'src="../images/dot.png"' in third
    assert (site / "images" / "dot.png").read_bytes() == PNG
    for page in site.rglob("*.html"):
        assert not FETCHING.search(page.read_text(encoding="utf-8")), page


def test_site_reports_placeholders_before_writing(library: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    seen: list[tuple[str, bool]] = []
    export_site(library, site, warn=lambda line: seen.append((line, site.exists())))
    placeholder_lines = [(ln, existed) for ln, existed in seen if "looks like a placeholder" in ln]
    assert len(placeholder_lines) == 2  # index.md's own title and c-third's next label
    assert not any(existed for _, existed in placeholder_lines)


def test_strict_site_export_writes_nothing(library: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with pytest.raises(PlaceholderTitlesError, match="2 placeholder"):
        export_site(library, site, strict=True)
    assert not site.exists()


def test_unreadable_article_is_reported_and_the_rest_exported(
    library: Path, tmp_path: Path
) -> None:
    (library / "broken.md").write_text("---\ntitle: [unclosed\n---\nx\n", encoding="utf-8")
    report = export_site(library, tmp_path / "site")
    assert [e.path for e in report.errors] == [library / "broken.md"]
    assert (tmp_path / "site" / "a-first.html").is_file()


def test_site_inside_the_library_is_not_read_back(library: Path) -> None:
    export_site(library, library / "_site")
    report = export_site(library, library / "_site")
    assert not report.errors
    assert not (library / "_site" / "_site").exists()


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no articles"):
        export_site(tmp_path, tmp_path / "site")
