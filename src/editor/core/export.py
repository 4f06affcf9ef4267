"""Export articles as the pages readers will see: one page, or a folder as a static site.

A writer checks an article in a browser before it goes out, and an editor
hands a folder to someone without the editor, so the export has to stand on
its own: one HTML file per article with the stylesheet inside it, images
copied beside it, previous/next links leading to the neighbours' pages. It
must never reach the network either: a remote image becomes a link instead
of an ``<img>``, other remote sources in raw HTML are disabled, and a
Content-Security-Policy in every page blocks whatever slips through.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from editor.core.article import Article, Link, load_article
from editor.core.atomic_write import atomic_write_bytes, is_temporary_file
from editor.core.errors import ArticleError
from editor.core.importer import folder_title_index, title_key
from editor.core.page import footer_html, header_html
from editor.core.placeholder import placeholder_reason
from editor.core.render import EXTENSION_CONFIGS, render_markdown
from editor.core.version import __version__
from editor.resources import read_text

ARTICLE_SUFFIXES = (".md", ".markdown")
INDEX_NAME = "index.html"

#: Nothing may be fetched from anywhere but the page's own folder.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self' file: data:; media-src 'self' file: data:; "
    "style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'"
)

Warn = Callable[[str], None]


class PlaceholderTitlesError(ArticleError):
    """A strict export refused to publish placeholder titles."""


@dataclass
class ExportReport:
    """What an export wrote and what the writer should look at."""

    written: list[Path] = field(default_factory=list)
    copied: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)


# ------------------------------------------------------------------ styles


@cache
def _page_head(title: str, lang_attr: str) -> str:
    """Everything up to <body>: one definition for article pages and the index alike."""
    return (
        f"<!DOCTYPE html>\n<html{lang_attr}>\n<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="Article Editor {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{page_css()}</style>\n"
        "</head>\n<body>\n"
    )


def page_css() -> str:
    """The export stylesheet plus the code-highlighting colours, embedded in every page."""
    from pygments.formatters import HtmlFormatter

    css_class = str(EXTENSION_CONFIGS["codehilite"].get("css_class", "codehilite"))
    formatter: Any = HtmlFormatter(style="default")
    pygments_css = str(formatter.get_style_defs(f".{css_class}"))
    return read_text("styles", "export.css").rstrip() + "\n" + pygments_css + "\n"


# ------------------------------------------------------------------ resources

_TAG = re.compile(
    r"<(?P<name>img|source|video|audio|track|iframe|embed|object|script|link|input|a)\b"
    r"(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.I,
)
_ATTR = re.compile(r"(?P<key>[^\s=/>\"']+)(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_SOURCE_ATTRS = frozenset({"src", "poster", "data", "srcset", "background"})


def _attributes(text: str) -> list[tuple[str, str | None]]:
    attrs: list[tuple[str, str | None]] = []
    for match in _ATTR.finditer(text):
        value = match.group("value")
        if value is not None and value[:1] in "\"'":
            value = value[1:-1]
        attrs.append((match.group("key"), None if value is None else unescape(value)))
    return attrs


def _tag(name: str, attrs: Iterable[tuple[str, str | None]], self_closing: bool) -> str:
    parts = [name]
    for key, value in attrs:
        parts.append(key if value is None else f'{key}="{escape(value, quote=True)}"')
    return "<" + " ".join(parts) + (" />" if self_closing else ">")


def is_remote(url: str) -> bool:
    """True for anything a browser would fetch from another machine."""
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    return bool(scheme) and scheme not in ("data", "file") and len(scheme) > 1


def _local_path(url: str, base: Path) -> Path | None:
    """The file a relative (or file:) URL names, or None when it names no local file."""
    parts = urlsplit(url.strip())
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    return Path(path) if os.path.isabs(path) else base / path


class _Resources:
    """Copies the local files pages refer to into the export, once each.

    A file inside ``source_root`` keeps its place relative to it under
    ``output_root`` (so pages in subfolders share one ``images/`` folder);
    a file from elsewhere goes to ``images/`` under ``output_root``.
    """

    def __init__(self, report: ExportReport, source_root: Path, output_root: Path) -> None:
        self.report = report
        self.source_root = source_root.resolve()
        self.output_root = output_root
        self.copied: dict[Path, Path] = {}  # destination -> source

    def place(self, url: str, source_dir: Path, page_dir: Path) -> str | None:
        """The URL the exported page should use for a local file; None when it is missing."""
        source = _local_path(url, source_dir)
        if source is None:
            return url
        try:
            resolved = source.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not resolved.is_file():
            return None
        try:
            relative = resolved.relative_to(self.source_root)
            destination = self.output_root / relative
        except ValueError:
            destination = self._free_name(self.output_root / "images" / resolved.name, resolved)
        self._copy(resolved, destination)
        return quote(Path(os.path.relpath(destination, page_dir)).as_posix())

    def _free_name(self, wanted: Path, source: Path) -> Path:
        candidate, number = wanted, 2
        while candidate in self.copied and self.copied[candidate] != source:
            candidate = wanted.with_name(f"{wanted.stem}-{number}{wanted.suffix}")
            number += 1
        return candidate

    def _copy(self, source: Path, destination: Path) -> None:
        if self.copied.get(destination) == source:
            return
        self.copied[destination] = source
        try:
            if destination.exists() and os.path.samefile(source, destination):
                return
            if destination.suffix.lower() in ARTICLE_SUFFIXES:
                raise OSError("an image must not replace an article")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
            self.report.copied.append(destination)
        except OSError as exc:
            self.report.warnings.append(f"{source}: could not copy: {exc.strerror or exc}")


def localise(
    body_html: str,
    source_dir: Path,
    page_dir: Path,
    resources: _Resources,
    href_for: Callable[[str], str | None] | None = None,
    where: str = "",
) -> str:
    """The body with local files copied and every automatic remote fetch removed.

    A remote ``<img>`` turns into a link to the image: the reader can still
    open it, but loading the page requests nothing. ``href_for`` rewrites
    links between articles (``other.md`` -> ``other.html``).
    """

    def warn(message: str) -> None:
        resources.report.warnings.append(f"{where}: {message}" if where else message)

    def replace(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        raw_attrs = match.group("attrs")
        self_closing = raw_attrs.rstrip().endswith("/")
        attrs = _attributes(raw_attrs.rstrip().rstrip("/"))
        if name == "a":
            if href_for is None:
                return match.group(0)
            new_attrs = []
            for key, value in attrs:
                if key.lower() == "href" and value is not None:
                    value = href_for(value) or value
                new_attrs.append((key, value))
            return _tag(match.group("name"), new_attrs, self_closing)
        if name == "img":
            src = next((v for k, v in attrs if k.lower() == "src" and v), None)
            alt = next((v for k, v in attrs if k.lower() == "alt" and v), None) or "image"
            if src is not None and is_remote(src):
                warn(f"the remote image {src} is shown as a link, not loaded")
                return (
                    f'<a class="remote-image" href="{escape(src, quote=True)}">'
                    f"{escape(alt)} (remote image)</a>"
                )
        new_attrs = []
        for key, value in attrs:
            lower = key.lower()
            if value is not None and (
                lower in _SOURCE_ATTRS or (name == "link" and lower == "href")
            ):
                if lower == "srcset" or is_remote(value):
                    new_attrs.append((f"data-blocked-{lower}", value))
                    continue
                if value.startswith("data:"):
                    new_attrs.append((key, value))
                    continue
                placed = resources.place(value, source_dir, page_dir)
                if placed is None:
                    warn(f"the file {value} does not exist")
                    if name == "img":
                        alt_text = next((v for k, v in attrs if k.lower() == "alt" and v), value)
                        return (
                            '<span class="missing-image">'
                            f"[missing image: {escape(alt_text)}]</span>"
                        )
                    new_attrs.append((key, value))
                    continue
                new_attrs.append((key, placed))
                continue
            new_attrs.append((key, value))
        return _tag(match.group("name"), new_attrs, self_closing)

    return _TAG.sub(replace, body_html)


# ------------------------------------------------------------------ pages


def page_document(
    article: Article,
    body_html: str,
    link_target: Callable[[Link], str | None],
    *,
    index_href: str | None = None,
) -> str:
    """The whole standalone page: head with embedded CSS, the published shape, navigation."""
    title = article.title.strip() or "Untitled"
    lang = article.metadata.get("lang") or article.metadata.get("language")
    lang_attr = f' lang="{escape(lang, quote=True)}"' if isinstance(lang, str) and lang else ""
    site_nav = (
        f'<nav class="site-nav"><a href="{escape(index_href, quote=True)}">All articles</a></nav>\n'
        if index_href
        else ""
    )
    footer = footer_html(article, link_target)
    return (
        _page_head(title, lang_attr) + '<article class="page">\n'
        f"{header_html(article, collapsible_summary=True)}\n"
        f'<div class="article-body">\n{body_html}\n</div>\n'
        f"{footer}\n"
        "</article>\n"
        f"{site_nav}"
        "</body>\n</html>\n"
    )


def html_name(path: str) -> str:
    """The exported page name for an article path: ``news/a.md`` -> ``news/a.html``."""
    base, ext = posixpath.splitext(path)
    return base + ".html" if ext.lower() in ARTICLE_SUFFIXES else path


def _split_fragment(url: str) -> tuple[str, str]:
    for mark in ("#", "?"):
        if mark in url:
            head, _, tail = url.partition(mark)
            return head, mark + tail
    return url, ""


def placeholder_warnings(items: Iterable[tuple[Path, Article]]) -> list[str]:
    """One line per placeholder title (own or link label), reported before an export."""
    lines = []
    for path, article in items:
        checks = [("title", article.title)]
        checks += [(f"{name} link title", link.title) for name, link in
                   (("previous", article.prev), ("next", article.next)) if link]  # fmt: skip
        for what, title in checks:
            reason = placeholder_reason(title)
            if reason:
                lines.append(f"{path}: {what} '{title}' looks like a placeholder ({reason})")
    return lines


def export_article(
    article: Article,
    output: str | Path,
    *,
    base_dir: str | Path | None = None,
    strict: bool = False,
    warn: Warn | None = None,
) -> ExportReport:
    """Write ``article`` as one standalone page at ``output``, images copied beside it.

    Links to neighbours point at their pages' names beside this one
    (``next.md`` -> ``next.html``); a title-only link finds its article by
    title in the article's folder.
    """
    output = Path(output)
    if output.suffix.lower() in ARTICLE_SUFFIXES:
        raise ArticleError("the page would replace a markdown file; name it .html", output)
    report = ExportReport()
    source_dir = (
        Path(base_dir)
        if base_dir is not None
        else (article.path.parent if article.path is not None else Path.cwd())
    )
    where = str(article.path) if article.path is not None else article.title or "article"
    found = placeholder_warnings([(Path(where), article)])
    _emit(found, report, warn)
    if strict and found:
        raise PlaceholderTitlesError(
            "placeholder titles must be replaced before a strict export", article.path
        )
    titles: dict[str, list[str]] | None = None

    def target(link: Link) -> str | None:
        nonlocal titles
        if link.url:
            return link.url
        if link.path:
            head, tail = _split_fragment(link.path)
            return html_name(head) + tail
        if titles is None:
            titles = folder_title_index(source_dir)
        names = titles.get(title_key(link.title), [])
        if len(names) == 1 and placeholder_reason(link.title) is None:
            return html_name(names[0])
        return None

    def href_for(url: str) -> str | None:
        if is_remote(url) or url.startswith(("#", "mailto:", "data:")):
            return None
        head, tail = _split_fragment(url)
        if posixpath.splitext(head)[1].lower() in ARTICLE_SUFFIXES:
            return html_name(head) + tail
        return None

    resources = _Resources(report, source_dir, output.parent)
    output.parent.mkdir(parents=True, exist_ok=True)
    body = localise(
        render_markdown(article.body), source_dir, output.parent, resources, href_for, where
    )
    html = page_document(article, body, target)
    atomic_write_bytes(output, html.encode("utf-8"))
    report.written.append(output)
    _emit(report.warnings[len(found) :], None, warn)
    return report


def export_article_file(
    path: str | Path, output: str | Path, *, strict: bool = False, warn: Warn | None = None
) -> ExportReport:
    """Export the article in ``path`` (ArticleError when it cannot be read)."""
    return export_article(load_article(path), output, strict=strict, warn=warn)


def _emit(lines: list[str], report: ExportReport | None, warn: Warn | None) -> None:
    for line in lines:
        if report is not None:
            report.warnings.append(line)
        if warn is not None:
            warn(line)


# ------------------------------------------------------------------ site


def article_files(folder: Path) -> list[Path]:
    """Article files under ``folder``, hidden folders and our temporary files skipped."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or is_temporary_file(name):
                continue
            if name.lower().endswith(ARTICLE_SUFFIXES):
                found.append(Path(dirpath) / name)
    return found


def _output_names(relatives: list[str]) -> dict[str, str]:
    """Article path -> page path, unique even on case-insensitive disks, never index.html."""
    taken = {INDEX_NAME}
    names = {}
    for rel in relatives:
        wanted = html_name(rel)
        stem, ext = posixpath.splitext(wanted)
        candidate, number = wanted, 2
        while candidate.casefold() in taken:
            candidate = f"{stem}-{number}{ext}"
            number += 1
        taken.add(candidate.casefold())
        names[rel] = candidate
    return names


@dataclass
class _SitePage:
    path: Path
    rel: str
    article: Article
    page: str


class _Site:
    """The articles of a folder and how links between them resolve to pages."""

    def __init__(self, folder: Path, pages: list[_SitePage]) -> None:
        self.folder = folder
        self.pages = pages
        self.by_path = {p.path: p for p in pages}
        self.by_title: dict[str, list[_SitePage]] = {}
        for page in pages:
            key = title_key(page.article.title)
            if key:
                self.by_title.setdefault(key, []).append(page)

    def resolve(self, source: _SitePage, link: Link | None) -> _SitePage | None:
        if link is None:
            return None
        if link.path:
            head, _ = _split_fragment(link.path)
            base = self.folder if head.startswith("/") else source.path.parent
            target = Path(os.path.normpath(base / head.lstrip("/")))
            return self.by_path.get(target)
        if link.url:
            return None
        if placeholder_reason(link.title) is not None:
            return None
        matches = self.by_title.get(title_key(link.title), [])
        return matches[0] if matches else None

    def href(self, source: _SitePage, target: _SitePage) -> str:
        return posixpath.relpath(target.page, posixpath.dirname(source.page) or ".")

    def chain_order(self) -> list[_SitePage]:
        """Pages in reading order: each series from its first article along Next."""
        following = {id(p): self.resolve(p, p.article.next) for p in self.pages}
        targeted = {id(t) for t in following.values() if t is not None}
        heads = [p for p in self.pages if id(p) not in targeted] + self.pages
        order: list[_SitePage] = []
        seen: set[int] = set()
        for head in heads:
            page: _SitePage | None = head
            while page is not None and id(page) not in seen:
                seen.add(id(page))
                order.append(page)
                page = following[id(page)]
        return order


def index_document(site: _Site, title: str) -> str:
    """The site's front page: every article in reading order, with its summary."""
    items = []
    for page in site.chain_order():
        article = page.article
        name = article.title.strip() or page.rel
        css = ' class="placeholder-title"' if placeholder_reason(article.title) else ""
        summary = article.summary.strip()
        summary_html = f'<p class="entry-summary">{escape(summary)}</p>' if summary else ""
        items.append(
            f'<li><a class="entry-title" href="{escape(page.page, quote=True)}"{css}>'
            f"{escape(name)}</a>{summary_html}</li>"
        )
    return (
        _page_head(title, "") + f'<main class="site-index">\n<h1>{escape(title)}</h1>\n'
        f'<ol class="article-index">\n' + "\n".join(items) + "\n</ol>\n</main>\n"
        "</body>\n</html>\n"
    )


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def export_site(
    folder: str | Path,
    output: str | Path,
    *,
    strict: bool = False,
    title: str | None = None,
    warn: Warn | None = None,
) -> ExportReport:
    """Write every article under ``folder`` as a page in ``output``, plus ``index.html``.

    Placeholder titles are reported (through ``warn``) before anything is
    written; with ``strict`` they stop the export. Articles that cannot be
    read are reported in ``errors`` and left out; the rest are exported.
    """
    folder = Path(os.path.abspath(folder))
    output = Path(os.path.abspath(output))
    if not folder.is_dir():
        raise ArticleError("the folder does not exist", folder)
    report = ExportReport()
    files = [p for p in article_files(folder) if not _is_inside(p, output)]
    loaded: list[tuple[Path, Article]] = []
    for path in files:
        try:
            loaded.append((path, load_article(path)))
        except ArticleError as exc:
            report.errors.append(exc)
    if not loaded:
        raise ArticleError("the folder has no articles to export", folder)
    found = placeholder_warnings(loaded)
    _emit(found, report, warn)
    if strict and found:
        raise PlaceholderTitlesError(
            f"{len(found)} placeholder title(s) must be replaced before a strict export", folder
        )

    rels = [path.relative_to(folder).as_posix() for path, _ in loaded]
    names = _output_names(rels)
    site = _Site(
        folder,
        [
            _SitePage(path, rel, art, names[rel])
            for (path, art), rel in zip(loaded, rels, strict=True)
        ],
    )
    resources = _Resources(report, folder, output)
    output.mkdir(parents=True, exist_ok=True)
    for page in site.pages:
        start = len(report.warnings)

        def target(link: Link, page: _SitePage = page) -> str | None:
            found_page = site.resolve(page, link)
            if found_page is not None:
                return site.href(page, found_page)
            if link.url:
                return link.url
            report.warnings.append(
                f"{page.path}: the link '{link.title or link.path}' leads to no article here"
            )
            return None

        def href_for(url: str, page: _SitePage = page) -> str | None:
            if is_remote(url) or url.startswith(("#", "mailto:", "data:")):
                return None
            head, tail = _split_fragment(url)
            if posixpath.splitext(head)[1].lower() not in ARTICLE_SUFFIXES:
                return None
            linked = site.resolve(page, Link("", head))
            return None if linked is None else site.href(page, linked) + tail

        page_file = output / page.page
        page_file.parent.mkdir(parents=True, exist_ok=True)
        body = localise(
            render_markdown(page.article.body),
            page.path.parent,
            page_file.parent,
            resources,
            href_for,
            str(page.path),
        )
        index_href = posixpath.relpath(INDEX_NAME, posixpath.dirname(page.page) or ".")
        html = page_document(page.article, body, target, index_href=index_href)
        atomic_write_bytes(page_file, html.encode("utf-8"))
        report.written.append(page_file)
        _emit(report.warnings[start:], None, warn)
    index_file = output / INDEX_NAME
    atomic_write_bytes(index_file, index_document(site, title or folder.name).encode("utf-8"))
    report.written.append(index_file)
    return report
