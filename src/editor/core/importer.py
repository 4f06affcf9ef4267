"""Turn a scraped news page (plain text) into a clean article file.

Editors receive pages copied out of a website: the title on the first line,
the site's "No time to read? / Get a summary" box (sometimes twice), the body
paragraphs, some page furniture, then "Previous Article" and "Next Article",
each followed by a title. The import keeps what a reader needs (title, body,
neighbour titles) and drops what the site adds, and it refuses anything that
is not such a page instead of creating a half-empty article from it.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.article import (
    Article,
    Link,
    decode_article_bytes,
    new_article,
    read_article_bytes,
)
from editor.core.atomic_write import atomic_write_bytes
from editor.core.codecs import find_front_matter
from editor.core.errors import ArticleError
from editor.core.placeholder import placeholder_reason

if TYPE_CHECKING:
    from editor.core.library import Library

SUMMARY_BOX_LINES = frozenset(
    {"no time to read?", "get a summary", "no time to read? get a summary"}
)
PREV_MARKER = "previous article"
NEXT_MARKER = "next article"

#: Lines sites put around an article that are never part of it, dropped wherever they appear.
FURNITURE_LINES = frozenset(
    {
        "advertisement", "advertisements", "ad", "sponsored", "sponsored content",
        "share", "share this", "share this article", "share this story", "share on facebook",
        "share on twitter", "share on x", "tweet", "email", "print", "copy link",
        "read more", "read more:", "read also", "read also:", "see also", "see also:",
        "related", "related:", "related articles", "related stories", "recommended",
        "more stories", "most read", "trending", "trending now", "popular",
        "subscribe", "subscribe to our newsletter", "sign up for our newsletter",
        "follow us", "follow us on social media", "comments", "leave a comment",
        "back to top", "skip to content", "listen to this article", "continue reading",
        "photo", "video", "watch", "loading...", "loading…", "tags", "tags:", "topics",
    }
)  # fmt: skip

#: A trailing line before the links this short and without sentence punctuation is furniture.
_FURNITURE_MAX_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")

_SLUG_MAX = 80
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


@dataclass(frozen=True)
class ScrapedPage:
    """What a scraped page says, before it becomes an article."""

    title: str
    paragraphs: tuple[str, ...]
    prev_title: str | None = None
    next_title: str | None = None
    #: the sentence the site shows when "Get a summary" is clicked, when the page has one
    summary: str = ""

    @property
    def body(self) -> str:
        """The paragraphs as markdown that renders back to exactly this text."""
        return "\n\n".join(escape_paragraph(p) for p in self.paragraphs) + "\n"


@dataclass(frozen=True)
class ImportResult:
    """One article created by an import, and what a writer should look at in it."""

    source: str
    path: Path
    article: Article
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class BatchResult:
    """Articles created and inputs refused by one import of several pages."""

    created: list[ImportResult] = field(default_factory=list)
    rejected: list[tuple[str, ArticleError]] = field(default_factory=list)


# ------------------------------------------------------------------ parsing


def _clean_line(line: str) -> str:
    return line.replace("\u00a0", " ").strip()


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", _clean_line(line)).casefold()


def _is_box_line(line: str) -> bool:
    return _key(line) in SUMMARY_BOX_LINES


def _is_furniture(line: str) -> bool:
    return _key(line) in FURNITURE_LINES


def _looks_like_trailing_furniture(line: str) -> bool:
    """Short labels without sentence punctuation ("Share", "Photo: City archive" is kept)."""
    text = _clean_line(line)
    return len(text.split()) <= _FURNITURE_MAX_WORDS and not _SENTENCE_END.search(text)


def _paragraphs(lines: Sequence[str]) -> list[str]:
    """Body paragraphs: one per line, except lines a hard wrap split mid-sentence."""
    paragraphs: list[str] = []
    joinable = False
    for raw in lines:
        text = _clean_line(raw)
        if not text:
            joinable = False
            continue
        if joinable and paragraphs and text[0].islower():
            paragraphs[-1] = paragraphs[-1] + " " + text
        else:
            paragraphs.append(text)
        joinable = not _SENTENCE_END.search(paragraphs[-1])
    return paragraphs


def _link_title(lines: Sequence[str], start: int) -> tuple[str | None, int]:
    """The title after a marker line: the next non-empty line that is not itself a marker."""
    index = start
    while index < len(lines):
        key = _key(lines[index])
        if not key or _is_box_line(lines[index]) or _is_furniture(lines[index]):
            index += 1
            continue
        if key in (PREV_MARKER, NEXT_MARKER):
            return None, index
        return _clean_line(lines[index]), index + 1
    return None, index


def _has_front_matter(text: str) -> bool:
    """True for YAML, TOML or JSON front matter, also when it is broken."""
    try:
        return find_front_matter(text) is not None
    except ArticleError:
        return True


def parse_scraped_text(text: str, source: str | Path | None = None) -> ScrapedPage:
    """Read a scraped page; ArticleError (naming ``source``) when the text is not one."""
    where = None if source is None else str(source)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise ArticleError("this is a binary file, not a scraped page", where)
    if not text.strip():
        raise ArticleError("the page is empty; there is nothing to import", where)
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    if _has_front_matter(normalised):
        raise ArticleError(
            "this file already has front matter: it is an article, not a scraped page; "
            "open it instead of importing it",
            where,
        )
    lines = normalised.split("\n")
    non_empty = [i for i, line in enumerate(lines) if _clean_line(line)]
    title_index = non_empty[0]
    title = _clean_line(lines[title_index])
    if len(non_empty) == 1:
        raise ArticleError(
            "the page has a single line; a scraped page needs a title line followed by "
            "the article's paragraphs",
            where,
            title_index + 1,
        )
    if _key(title) in (PREV_MARKER, NEXT_MARKER) or _is_box_line(title):
        raise ArticleError(
            f"the first line is '{title}', not a title; is this a scraped article page?",
            where,
            title_index + 1,
        )

    body_lines, prev_title, next_title, summary = _read_page(lines, title_index + 1)
    paragraphs = _paragraphs(body_lines)
    if prev_title is not None or next_title is not None:
        # Labels left between the body and the links ("Share", "Related stories").
        while len(paragraphs) > 1 and _looks_like_trailing_furniture(paragraphs[-1]):
            paragraphs.pop()
    if not paragraphs:
        raise ArticleError(
            "no body text was found after the title; a scraped page needs the article's "
            "paragraphs between the title and the links",
            where,
        )
    return ScrapedPage(title, tuple(paragraphs), prev_title, next_title, summary)


def _read_page(lines: Sequence[str], start: int) -> tuple[list[str], str | None, str | None, str]:
    """(body lines, previous title, next title, summary) of the page after its title."""
    body_lines: list[str] = []
    prev_title: str | None = None
    next_title: str | None = None
    summary = ""
    index = start
    in_links = False
    while index < len(lines):
        line = lines[index]
        key = _key(line)
        if not summary and not in_links and _is_box_line(line):
            summary, index = _summary_after_box(lines, index)
            continue
        if key in (PREV_MARKER, NEXT_MARKER):
            in_links = True
            found, index = _link_title(lines, index + 1)
            if key == PREV_MARKER and prev_title is None:
                prev_title = found
            elif key == NEXT_MARKER and next_title is None:
                next_title = found
            continue
        index += 1
        if in_links or _is_box_line(line) or _is_furniture(line):
            continue  # whatever follows the links is the site's, not the article's
        body_lines.append(line)
    return body_lines, prev_title, next_title, summary


def _summary_after_box(lines: Sequence[str], start: int) -> tuple[str, int]:
    """The summary sentence the box reveals, and the index of the line after it.

    Sites print the revealed summary on the line right after "Get a summary",
    with no blank line between; the body starts after a blank line. So the
    summary is the text that touches the box, and a box followed by a blank
    line (as on pages without one) leaves the body alone.
    """
    index = start
    while index < len(lines) and _is_box_line(lines[index]):
        index += 1
    parts: list[str] = []
    while index < len(lines):
        text = _clean_line(lines[index])
        key = _key(lines[index])
        if not text or key in (PREV_MARKER, NEXT_MARKER) or _is_box_line(lines[index]):
            break
        if _is_furniture(lines[index]):
            break
        parts.append(text)
        index += 1
    return " ".join(parts), index


# ------------------------------------------------------------------ markdown

# Starts that make a plain line into something else in Python-Markdown.
_LEADING = [
    (re.compile(r"^(#)"), r"\\\1"),  # heading, even without a space
    (re.compile(r"^([-+*])(?=\s|$)"), r"\\\1"),  # bullet, or a thematic break
    (re.compile(r"^(\d+)([.)])(?=\s|$)"), r"\1\\\2"),  # ordered list
    (re.compile(r"^(>)"), r"\\\1"),  # quote
    (re.compile(r"^(`{3,})"), r"\\\1"),  # fence
    (re.compile(r"^~(?=~~)"), "&#126;"),  # fence; "~" has no backslash escape
    (re.compile(r"^(_{3,}\s*$)"), r"\\\1"),  # thematic break
    (re.compile(r"^(\[[^\]]*\]):"), r"\\\1:"),  # reference definition
    (re.compile(r"^\*(?=\[)"), r"\\*"),  # abbreviation definition (*[HTML]: ...)
    # A definition after a paragraph; ":" has no backslash escape in Python-Markdown.
    (re.compile(r"^:(?=[ \t])"), "&#58;"),
]
# An HTML block would pass through as markup; a scraped page only ever meant the text.
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def escape_paragraph(text: str) -> str:
    """Markdown for one plain-text paragraph, escaped only where it would change meaning."""
    for pattern, replacement in _LEADING:
        new = pattern.sub(replacement, text, count=1)
        if new != text:
            text = new
            break
    if text.startswith(("-", "*", "_")) and re.fullmatch(r"(?:[-*_]\s*){3,}", text):
        text = "\\" + text
    return _TAG_START.sub("&lt;", text)


# ------------------------------------------------------------------ naming


def slugify(title: str, max_length: int = _SLUG_MAX) -> str:
    """A file name stem any file system and URL accepts: ASCII, lower case, hyphens."""
    # "Keeper's" is one word: an apostrophe joins, it does not split ("keepers", not "keeper-s").
    joined = re.sub(r"(?<=\w)['\u2019\u02bc`](?=\w)", "", title)
    decomposed = unicodedata.normalize("NFKD", joined)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug.rfind("-", 0, max_length + 1)
        slug = slug[: cut if cut > max_length // 2 else max_length].strip("-")
    if not slug:
        return "article"
    if slug in _WINDOWS_RESERVED:
        slug += "-article"
    return slug


def _reserve(folder: Path, stem: str, suffix: str = ".md") -> Path:
    """Create an empty file with a free name (O_EXCL: an existing file is never touched)."""
    number = 1
    while True:
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        candidate = folder / name
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            number += 1
            continue
        except OSError as exc:
            raise ArticleError(
                f"cannot create a file in {folder}: {exc.strerror or exc}", candidate
            ) from None
        os.close(fd)
        return candidate


def unique_article_path(folder: str | Path, title: str) -> Path:
    """Where an article with ``title`` would be created (the name is not reserved)."""
    folder = Path(folder)
    stem = slugify(title)
    number = 1
    while True:
        name = f"{stem}.md" if number == 1 else f"{stem}-{number}.md"
        if not (folder / name).exists():
            return folder / name
        number += 1


# ------------------------------------------------------------------ links


def title_key(title: str) -> str:
    """Titles match when they read the same: Unicode form and spacing do not count."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", title)).strip()


def folder_title_index(folder: str | Path, library: Library | None = None) -> dict[str, list[str]]:
    """Title -> file names of the articles directly in ``folder`` (unreadable files skipped).

    Built from the library's front-matter index rather than by opening every
    article: the same scan the library view and ``check`` use.
    """
    top = Path(folder).resolve()
    index: dict[str, list[str]] = {}
    if not top.is_dir():
        return index
    if library is None:
        library = _folder_library(top)
    for file in sorted(library.entries):
        entry = library.entries[file]
        path = Path(file)
        if entry.error is not None or path.parent != top or not entry.title.strip():
            continue
        index.setdefault(title_key(entry.title), []).append(path.name)
    return index


def _folder_library(folder: Path) -> Library:
    from editor.core.library import Library

    return Library.open(folder.resolve())


def _link(title: str | None, index: dict[str, list[str]], own_name: str) -> Link | None:
    if not title:
        return None
    if placeholder_reason(title) is not None:
        return Link(title)  # a placeholder names no article; it must not link to one
    names = [n for n in index.get(title_key(title), []) if n != own_name]
    return Link(title, names[0] if len(names) == 1 else None)


# ------------------------------------------------------------------ building


def placeholder_warnings(article: Article) -> list[str]:
    """The placeholder titles in an article, worded for a writer."""
    warnings = []
    reason = placeholder_reason(article.title)
    if reason:
        warnings.append(f"the title '{article.title}' looks like a placeholder ({reason})")
    for label, link in (("previous", article.prev), ("next", article.next)):
        if link is None:
            continue
        reason = placeholder_reason(link.title)
        if reason:
            warnings.append(
                f"the {label} article's title '{link.title}' looks like a placeholder ({reason})"
            )
    return warnings


def build_article(
    page: ScrapedPage,
    index: dict[str, list[str]] | None = None,
    own_name: str = "",
    front_matter_format: str | None = None,
) -> Article:
    """The article for a page; links get a ``path`` when ``index`` knows their title."""
    index = index or {}
    article = new_article(None, front_matter_format)
    article.title = page.title
    article.prev = _link(page.prev_title, index, own_name)
    article.next = _link(page.next_title, index, own_name)
    article.body = page.body
    if page.summary:
        article.summary = page.summary
    return article


def read_scraped_file(path: str | Path) -> ScrapedPage:
    """A scraped page from a file, refusing binary, non-UTF-8 and non-page input."""
    data = read_article_bytes(path)
    if not data.strip():
        raise ArticleError("the file is empty; there is nothing to import", path)
    try:
        text = decode_article_bytes(data, path)
    except ArticleError as exc:
        raise ArticleError(exc.message.replace("text article", "scraped page"), path) from None
    return parse_scraped_text(text, path)


def _write_new(folder: Path, stem: str, article: Article) -> Path:
    target = _reserve(folder, stem)
    try:
        atomic_write_bytes(target, article.to_text().encode("utf-8"))
    except ArticleError:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    return target


def import_pages(
    pages: Iterable[tuple[str, ScrapedPage]],
    folder: str | Path,
    front_matter_format: str | None = None,
) -> list[ImportResult]:
    """Write one new article per page into ``folder``.

    Links resolve against the folder's articles and against the other pages
    of the same import, so a series imported together links up at once. The
    front matter is ``front_matter_format``, or else the one most of the
    folder's articles use (YAML in an empty folder).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ArticleError("the target folder does not exist", folder)
    items = list(pages)
    library = _folder_library(folder)
    index = folder_title_index(folder, library)
    chosen = front_matter_format or library.front_matter_format()
    planned: list[tuple[str, ScrapedPage, str]] = []
    taken = {name.casefold() for names in index.values() for name in names}
    for source, page in items:
        stem = slugify(page.title)
        name = unique_article_path(folder, page.title).name
        number = 2
        while name.casefold() in taken:
            name = f"{stem}-{number}.md"
            number += 1
        taken.add(name.casefold())
        index.setdefault(title_key(page.title), []).append(name)
        planned.append((source, page, name))
    results = []
    for source, page, name in planned:
        article = build_article(page, index, name, chosen)
        path = _write_new(folder, Path(name).stem, article)
        article.path = path
        results.append(ImportResult(source, path, article, tuple(placeholder_warnings(article))))
    return results


def import_files(
    paths: Sequence[str | Path], folder: str | Path, front_matter_format: str | None = None
) -> BatchResult:
    """Import every readable page; refused inputs are reported and create nothing."""
    batch = BatchResult()
    pages: list[tuple[str, ScrapedPage]] = []
    for path in paths:
        try:
            pages.append((str(path), read_scraped_file(path)))
        except ArticleError as exc:
            batch.rejected.append((str(path), exc))
    if pages:
        batch.created.extend(import_pages(pages, folder, front_matter_format))
    return batch


def import_text(
    text: str,
    folder: str | Path,
    source: str = "<clipboard>",
    front_matter_format: str | None = None,
) -> ImportResult:
    """Import one page given as text (paste-as-new-article)."""
    page = parse_scraped_text(text, None if source.startswith("<") else source)
    return import_pages([(source, page)], folder, front_matter_format)[0]
