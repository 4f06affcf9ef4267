"""The article: front-matter metadata plus a markdown body, and its file.

An ``Article`` remembers the exact text it was read from. Saving splices only
the values that changed into that text (see ``frontmatter``), so a file from
another tool comes back byte for byte except for what the user edited.
"""

from __future__ import annotations

import copy
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.atomic_write import atomic_write_bytes
from editor.core.codecs import (
    DEFAULT_FORMAT,
    Codec,
    ParsedFrontMatter,
    Region,
    Spelled,
    codec_named,
    find_front_matter,
)
from editor.core.codecs.base_values import same_value
from editor.core.codecs.shown import ShownValue, shown_value, value_text
from editor.core.codecs.yaml_codec import YamlFrontMatter
from editor.core.disk_state import DiskChange, FileFingerprint, change_since
from editor.core.errors import ArticleError
from editor.core.frontmatter import ParsedYaml, detect_newline
from editor.core.reading import read_regular_file

#: Larger files are not articles; refusing them keeps the window responsive.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Qt lays out a line without spaces in time that grows faster than its
#: length (0.4 s at 100,000 characters, a minute at 1 MB); such a line is
#: minified or encoded data, not prose, and would freeze the window.
MAX_LINE_CHARS = 100_000
BOM = "\ufeff"

LINK_KEYS = ("prev", "next")
TEXT_KEYS = ("title", "summary")


class ConflictError(ArticleError):
    """The file changed on disk after it was read; saving would overwrite someone's work."""


@dataclass(frozen=True)
class Link:
    """A link to a neighbouring article: the label readers see and where it points."""

    title: str
    path: str | None = None
    url: str | None = None

    @classmethod
    def from_value(cls, value: Any) -> Link | None:
        """A link from its front-matter value: a mapping, or a plain title string."""
        if value is None:
            return None
        if isinstance(value, str):
            return cls(value)
        if isinstance(value, dict):
            title = value.get("title")
            path = value.get("path")
            url = value.get("url")
            return cls(
                "" if title is None else str(title),
                None if path is None else str(path),
                None if url is None else str(url),
            )
        return None


_deep_same = same_value


@dataclass(frozen=True)
class _Source:
    """What the article was read from; the base every minimal-diff save starts from."""

    text: str  # without BOM
    bom: bool
    newline: str
    codec: Codec | None  # None: the file has no front matter
    region: Region | None
    parsed: ParsedFrontMatter | None
    body: str  # normalised to "\n"
    #: the file ends its lines with a lone "\r" (classic Mac OS); ``text`` holds
    #: them as "\n", and the saved text gets "\r" back
    cr_only: bool = False

    @property
    def data(self) -> dict[str, Any]:
        return {} if self.parsed is None else self.parsed.data

    @property
    def raw_body(self) -> str:
        return self.text if self.region is None else self.text[self.region.body_start :]


class Article:
    """Metadata and body of one article, editable in memory and savable with minimal change."""

    def __init__(self, source: _Source, path: Path | None, disk_hash: str | None) -> None:
        self._source = source
        self.path = path
        #: sha256 of the bytes last read from or written to ``path``; None for a new article.
        self.disk_hash = disk_hash
        #: every front-matter key as loaded, unknown ones included, in file order
        self.metadata: dict[str, Any] = copy.deepcopy(source.data)
        #: the markdown body with "\n" line endings
        self.body: str = source.body
        self._new_format = DEFAULT_FORMAT

    # ----------------------------------------------------------------- fields
    def _text_field(self, key: str) -> str:
        value = self.metadata.get(key)
        return "" if value is None else str(value)

    def _set_text_field(self, key: str, value: str | None) -> None:
        value = value or ""
        if value == self._text_field(key):
            return
        if value:
            self.metadata[key] = value
        else:
            self.metadata.pop(key, None)

    @property
    def title(self) -> str:
        return self._text_field("title")

    @title.setter
    def title(self, value: str | None) -> None:
        self._set_text_field("title", value)

    @property
    def summary(self) -> str:
        return self._text_field("summary")

    @summary.setter
    def summary(self, value: str | None) -> None:
        self._set_text_field("summary", value)

    def _link(self, key: str) -> Link | None:
        return Link.from_value(self.metadata.get(key))

    def _set_link(self, key: str, link: Link | None) -> None:
        if link == self._link(key):
            return
        if link is None or not (link.title or link.path or link.url):
            self.metadata.pop(key, None)
            return
        existing = self.metadata.get(key)
        if isinstance(existing, str) and link.path is None and link.url is None:
            self.metadata[key] = link.title
            return
        # Keep the user's own sub-keys and their order; set or drop ours.
        merged: dict[str, Any] = dict(existing) if isinstance(existing, dict) else {}
        for sub_key, sub_value in (("title", link.title), ("path", link.path), ("url", link.url)):
            if sub_value:
                merged[sub_key] = sub_value
            else:
                merged.pop(sub_key, None)
        self.metadata[key] = merged

    @property
    def prev(self) -> Link | None:
        return self._link("prev")

    @prev.setter
    def prev(self, link: Link | None) -> None:
        self._set_link("prev", link)

    @property
    def next(self) -> Link | None:
        return self._link("next")

    @next.setter
    def next(self, link: Link | None) -> None:
        self._set_link("next", link)

    # ------------------------------------------------------------------ state
    @property
    def newline(self) -> str:
        """The file's line ending, kept on save."""
        return "\r" if self._source.cr_only else self._source.newline

    @property
    def has_bom(self) -> bool:
        return self._source.bom

    @property
    def body_first_line(self) -> int:
        """The file line the body starts on (1-based), so messages can point into the body."""
        source = self._source
        start = 0 if source.region is None else source.region.body_start
        return source.text.count("\n", 0, start) + 1

    @property
    def front_matter_format(self) -> str:
        """ "yaml", "toml" or "json": the file's own, or the one new front matter will use."""
        codec = self._source.codec
        return self._new_format if codec is None else codec.name

    @front_matter_format.setter
    def front_matter_format(self, name: str) -> None:
        codec_named(name)  # refuses unknown names
        if self._source.codec is not None and self._source.codec.name != name:
            raise ValueError("the file already has front matter; its format is kept")
        self._new_format = name

    def spelled(self, key: str) -> Spelled | None:
        """``key``'s value as the file writes it (``no``, not False); None for a new value.

        A value the user changed since the file was read has no spelling yet.
        """
        parsed = self._source.parsed
        if parsed is None or key not in self.metadata or key not in parsed.data:
            return None
        if not _deep_same(parsed.data[key], self.metadata[key]):
            return None
        return parsed.spelled(key)

    def shown_value(self, key: str) -> ShownValue | None:
        """``key``'s value as the panel shows it: the file's own text, on one line.

        None for a key the article does not have. A value changed since the
        file was read has no spelling yet; it is shown in the notation of the
        format it will be written in.
        """
        if key not in self.metadata:
            return None
        parsed = self._source.parsed
        if (
            parsed is not None
            and key in parsed.data
            and _deep_same(parsed.data[key], self.metadata[key])
        ):
            return shown_value(parsed, key, self.front_matter_format)
        value = self.metadata[key]
        text = value_text(value, self.front_matter_format)
        return ShownValue(text, None, isinstance(value, list | dict))

    def is_modified(self) -> bool:
        """True when saving would write something other than what was read."""
        return self.body != self._source.body or not _deep_same(self.metadata, self._source.data)

    def to_text(self) -> str:
        """The whole file as it would be saved (without the BOM)."""
        text = self._lf_text()
        return text.replace("\n", "\r") if self._source.cr_only else text

    def _lf_text(self) -> str:
        source = self._source
        if not self.is_modified():
            return source.text
        body_changed = self.body != source.body
        # A script may hand over "\r\n" text; normalise first, or a CRLF file
        # would get "\r\r\n".
        body_text = (
            self.body.replace("\r\n", "\n").replace("\n", source.newline)
            if body_changed
            else source.raw_body
        )
        nl = source.newline
        region = source.region
        if source.codec is not None and region is not None and source.parsed is not None:
            if _deep_same(self.metadata, source.data):
                front = source.text[region.start : region.end]
            else:
                front = source.codec.rewrite(source.text, region, source.parsed, self.metadata, nl)
            closer = source.text[region.end : region.body_start]
            if body_text and region.body_start == len(source.text) and not closer.endswith("\n"):
                # The file ended on its closing fence; a body typed after it
                # must start on the next line or the front matter never closes.
                closer += nl
            return source.text[: region.start] + front + closer + body_text
        codec = codec_named(self._new_format)
        if not self.metadata:
            if body_changed and _reads_as_front_matter(body_text):
                # A body that now starts like front matter would be read back
                # as such; an empty block in front keeps it body text.
                return codec.new_block({}, nl) + body_text
            return body_text
        return codec.new_block(self.metadata, nl) + body_text

    def to_bytes(self) -> bytes:
        return ((BOM if self._source.bom else "") + self.to_text()).encode("utf-8")

    def _rebase(self, text: str, path: Path, disk_hash: str) -> None:
        """After a save, the written text becomes the base of the next minimal diff."""
        # ``text`` has no BOM; without it the next save would drop the BOM.
        fresh = parse_article((BOM if self._source.bom else "") + text, path)
        self._source = fresh._source
        self.path = path
        self.disk_hash = disk_hash
        self.metadata = copy.deepcopy(fresh._source.data)
        self.body = fresh._source.body

    def __repr__(self) -> str:
        return f"Article(path={self.path!s}, title={self.title!r})"


# --------------------------------------------------------------------- reading


def _validate(
    parsed: ParsedFrontMatter | ParsedYaml, path: str | None, first_line: int = 0
) -> None:
    """Refuse values the editor cannot show as text, pointing at their line."""
    if isinstance(parsed, ParsedYaml):
        if parsed.root is None:
            return
        parsed = YamlFrontMatter(parsed, "", first_line)

    def fail(key: str, message: str, sub: str | None = None) -> ArticleError:
        where = parsed.position(key, sub)
        line, column = (None, None) if where is None else where
        return ArticleError(message, path, line, column)

    data = parsed.data
    for key in TEXT_KEYS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            kind = type(value).__name__
            raise fail(key, f"'{key}' must be text, not {_kind_name(kind)}; put it in quotes")
    for key in LINK_KEYS:
        value = data.get(key)
        if value is None or isinstance(value, str):
            continue
        if not isinstance(value, dict):
            raise fail(key, f"'{key}' must be a title or a mapping with 'title' and 'path'")
        for sub in ("title", "path", "url"):
            sub_value = value.get(sub)
            if sub_value is not None and not isinstance(sub_value, str):
                raise fail(key, f"'{key}.{sub}' must be text; put it in quotes", sub)


def _reads_as_front_matter(text: str) -> bool:
    try:
        return find_front_matter(text) is not None
    except ArticleError:  # an unclosed block: would fail to open
        return True


def _kind_name(kind: str) -> str:
    return {
        "int": "a number",
        "float": "a number",
        "bool": "true/false",
        "list": "a list",
        "dict": "a mapping",
        "date": "a date",
        "datetime": "a date",
    }.get(kind, kind)


def parse_article(text: str, path: str | Path | None = None) -> Article:
    """An article from the text of a file (a leading BOM is remembered and kept)."""
    where = None if path is None else str(path)
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    cr_only = _is_cr_only(text)
    if cr_only:
        # Old Mac files end lines with a lone "\r"; read them as lines (the
        # save writes "\r" back), or the front matter is never found.
        text = text.replace("\r", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ArticleError("the file contains NUL bytes; it is not a text article", where, line)
    found = find_front_matter(text, where)
    if found is None:
        source = _Source(
            text,
            bom,
            detect_newline(text),
            None,
            None,
            None,
            text.replace("\r\n", "\n"),
            cr_only,
        )
    else:
        codec, region = found
        parsed = codec.parse(text, region, where)
        _validate(parsed, where)
        body = text[region.body_start :].replace("\r\n", "\n")
        source = _Source(text, bom, detect_newline(text), codec, region, parsed, body, cr_only)
    return Article(source, None if path is None else Path(path), None)


def _is_cr_only(text: str) -> bool:
    """True for text whose lines end with a lone "\r" (and never with "\n")."""
    return "\r" in text and "\n" not in text


def decode_article_bytes(data: bytes, path: str | Path | None = None) -> str:
    """UTF-8 text of a file, or an ArticleError that says where the bad byte or line is."""
    where = None if path is None else str(path)
    if b"\x00" in data[:8192]:
        raise ArticleError("this is a binary file, not a text article", where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ArticleError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02X}); "
            "save it as UTF-8 in the tool that wrote it",
            where,
            line,
            column,
        ) from None
    # Checked here, not in load_article, so that the window's fallback of
    # opening a broken file as raw text refuses such a line too.
    _check_line_lengths(text, where)
    return text


def read_article_bytes(path: str | Path) -> bytes:
    """The bytes of an article file; folders, devices, pipes, loops and huge files refused."""
    return read_regular_file(path, MAX_FILE_BYTES, label="articles")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_article(path: str | Path) -> Article:
    """Read an article; ArticleError with .path .line .column when it cannot be used."""
    data = read_article_bytes(path)
    text = decode_article_bytes(data, path)
    article = parse_article(text, path)
    article.disk_hash = content_hash(data)
    return article


def _check_line_lengths(text: str, path: str | Path | None) -> None:
    """Refuse a file with a line too long to edit, naming that line."""
    if len(text) <= MAX_LINE_CHARS:
        return
    for number, line in enumerate(text.split("\r" if _is_cr_only(text) else "\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            raise ArticleError(
                f"line {number} is {len(line):,} characters long; files with lines over "
                f"{MAX_LINE_CHARS:,} characters are not opened",
                path,
                number,
            )


def new_article(path: str | Path | None = None, front_matter_format: str | None = None) -> Article:
    """An empty article; front matter, in ``front_matter_format``, appears once a field is set.

    The format defaults to YAML; a window passes the one its library uses.
    """
    article = parse_article("", path)
    if front_matter_format is not None:
        article.front_matter_format = front_matter_format
    return article


class ExistingFileError(ArticleError):
    """Saving to another path would replace a file that is already there."""


def save_article(
    article: Article,
    path: str | Path | None = None,
    *,
    force: bool = False,
    overwrite: bool = False,
) -> Path:
    """Write the article atomically; refuse to overwrite a file that changed since it was read.

    ``force=True`` is the user's explicit "overwrite anyway" for the article's
    own file. Saving to another path that already holds a file needs
    ``overwrite=True`` (Save As passes it once the user has confirmed).
    Returns the path written.
    """
    target = Path(path) if path is not None else article.path
    if target is None:
        raise ArticleError("the article has no file yet; choose where to save it")
    same_file = article.path is not None and _same_path(target, article.path)
    if not same_file and not overwrite and os.path.lexists(target):
        raise ExistingFileError(
            "a file with that name already exists; saving would replace it "
            "(choose another name, or confirm the overwrite)",
            target,
        )
    if (
        same_file
        and not force
        and article.disk_hash is not None
        # Deleted meanwhile: saving recreates it.
        and change_since(FileFingerprint.of_hash(article.disk_hash), target)
        in (DiskChange.MODIFIED, DiskChange.REPLACED)
    ):
        raise ConflictError(
            "the file changed on disk since it was opened; reload it or overwrite it",
            target,
        )
    text = article.to_text()
    _check_reads_back(article, text, target)
    data = ((BOM if article.has_bom else "") + text).encode("utf-8")
    atomic_write_bytes(target, data)
    article._rebase(text, target, content_hash(data))
    return target


def _check_reads_back(article: Article, text: str, path: Path) -> None:
    """Refuse to write text that would not open again as what the user edited.

    The minimal-diff splice is the riskiest code here; if it ever produced
    broken YAML or a value that reads back differently, writing it would
    damage the file. Checking costs one front-matter parse per save.
    """
    try:
        fresh = parse_article(text, path)
    except ArticleError as exc:
        raise ArticleError(
            f"the edited front matter would not read back ({exc.message}); nothing was written",
            path,
        ) from None
    expected = (article.title, article.summary, article.prev, article.next)
    # A stray "\r" before a line end survives one normalisation: "\r\r\n" reads
    # as "\r\n", so either form of the body is what the user sees again.
    if (fresh.title, fresh.summary, fresh.prev, fresh.next) != expected or fresh.body not in (
        article.body,
        article.body.replace("\r\n", "\n"),
    ):
        raise ArticleError(
            "the edited article would not read back as entered; nothing was written", path
        )


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
