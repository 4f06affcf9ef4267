"""Indexing one file: read its head, find the front matter, keep what the library needs.

The scan reads only the head of each file (up to the closing ``---``) and
never renders markdown, so a folder of thousands of articles lists at once.
"""

from __future__ import annotations

import errno
import os
import re
from typing import Any

from editor.core.article import BOM, MAX_FILE_BYTES
from editor.core.codecs import JSON, TOML
from editor.core.codecs.fields import codec_fields
from editor.core.errors import ArticleError
from editor.core.frontmatter import split_front_matter
from editor.core.library.entry import (
    INVALID,
    SPECIAL_FILE,
    SYMLINK_LOOP,
    UNREADABLE,
    LibraryEntry,
    error_entry,
    link_from_value,
)
from editor.core.library.fields import read_fields
from editor.core.library.plain_toml import plain_fields as plain_toml_fields
from editor.core.reading import SpecialFileError, read_head, too_large_message

#: Enough for the front matter of nearly every article in one read.
HEAD_BYTES = 16 * 1024


def _read_head(path: str, size: int, mode: int | None) -> bytes:
    """The first bytes of the file, enough to hold the front matter in all but rare cases."""
    return read_head(path, HEAD_BYTES if size > HEAD_BYTES else max(size, 0) + 1, mode)


def _as_lines(text: str) -> str:
    """Text with old Mac CR-only line ends read as lines, as the editor reads them."""
    return text.replace("\r", "\n") if "\n" not in text and "\r" in text else text


def _front_matter_fields(
    path: str, size: int, mode: int | None
) -> tuple[str, dict[str, Any], dict[str, int]] | None:
    """(format, values, lines) of the file's front matter, read from its head when that holds it."""
    data = _read_head(path, size, mode)
    complete = len(data) < HEAD_BYTES or size <= HEAD_BYTES
    text = _as_lines(_decode_head(data, complete, path).removeprefix(BOM))
    try:
        return _read_front_matter(text, path)
    except ArticleError:
        if complete:
            raise
    # The front matter is longer than the head we read: read it all.
    data = read_head(path, MAX_FILE_BYTES + 1)
    text = _as_lines(_decode_head(data, True, path).removeprefix(BOM))
    return _read_front_matter(text, path)


_OPENER = re.compile(r"---[ \t]*\r?\n")
#: the closing line, found by the line break before it: a literal the engine
#: jumps to (a ``^`` would make it try every position)
_CLOSER = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?:\r(?=\n))?(?=\n|\Z)")


def front_matter_range(text: str, where: str | None = None) -> tuple[int, int, int] | None:
    """(start, end, first line) of the front matter in ``text``, or None when there is none.

    The same answer as ``split_front_matter`` (which it falls back on for
    every unusual case and for its error messages), found with two regular
    expressions instead of a loop over lines: a library scan splits
    thousands of files.
    """
    opener = _OPENER.match(text)
    if opener is not None:
        closer = _CLOSER.search(text, opener.end() - 1)
        if closer is not None:
            return opener.end(), closer.start() + 1, 1
    split = split_front_matter(text, where)
    if not split.has_front_matter:
        return None
    return split.yaml_start, split.yaml_end, split.yaml_first_line


def _decode_head(data: bytes, complete: bool, path: str) -> str:
    if b"\x00" in data[:8192]:
        raise ArticleError("this is a binary file, not a text article", path)
    if not complete:
        # A partial read may end inside a multi-byte character; stop at the last line.
        cut = max(data.rfind(b"\n"), data.rfind(b"\r"))
        data = data[: cut + 1] if cut >= 0 else b""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        raise ArticleError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02X})",
            path,
            before.count(b"\n") + 1,
        ) from None


def _read_front_matter(text: str, where: str) -> tuple[str, dict[str, Any], dict[str, int]] | None:
    """(format, field values, field lines) of the file's front matter; None when it has none.

    YAML goes through the library's own readers, TOML through its quick
    reader when the front matter is plain and its codec otherwise, JSON
    through its codec; ArticleError exactly when opening the file would fail.
    Each format opens with its own first character, so only that format is tried.
    """
    first = text[:1]
    if first == "-":
        found = front_matter_range(text, where)
        if found is None:
            return None
        start, end, first_line = found
        values, lines = read_fields(text[start:end], where, first_line)
        return "yaml", values, lines
    if first == "+":
        region = TOML.find(text, where)
        if region is None:
            return None
        plain = plain_toml_fields(text[region.start : region.end], region.first_line)
        if plain is not None:
            return "toml", plain[0], plain[1]  # its links are Link objects already
        name, values, lines = codec_fields(TOML, text, region, where)
        return name, _with_links(values), lines
    if first in ("{", "["):
        region = JSON.find(text, where)
        if region is None:
            return None
        name, values, lines = codec_fields(JSON, text, region, where)
        return name, _with_links(values), lines
    return None  # no format opens with anything else


def _with_links(values: dict[str, Any]) -> dict[str, Any]:
    for key in ("prev", "next"):
        if key in values:
            values[key] = link_from_value(values[key])
    return values


def index_file(
    path: str, size: int = -1, mtime_ns: int = -1, mode: int | None = None
) -> LibraryEntry:
    """The entry for one file (absolute path), from its front matter only.

    Anything wrong with the file becomes the entry's ``error``; the one
    exception is FileNotFoundError, raised when the file vanished since it was
    listed, so the caller drops it instead of listing a ghost. ``mode`` is the
    file's mode when the caller has just stat'ed it (a scan has), so the
    reading gate need not ask again before opening it.
    """
    try:
        if size < 0:
            st = os.stat(path)
            size, mtime_ns = st.st_size, st.st_mtime_ns
        if size > MAX_FILE_BYTES:
            raise ArticleError(too_large_message(size, MAX_FILE_BYTES, "articles"))
        read = _front_matter_fields(path, size, mode)
        if read is None:
            return LibraryEntry(path, size=size, mtime_ns=mtime_ns)
        front_matter_format, values, lines = read
    except FileNotFoundError:
        raise  # vanished: the caller drops it
    except SpecialFileError as exc:
        return error_entry(path, SPECIAL_FILE, exc.message, size)
    except PermissionError:
        return error_entry(path, UNREADABLE, "permission denied when reading the file", size)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return error_entry(path, SYMLINK_LOOP, "the symbolic link loops", size)
        message = f"cannot read the file: {exc.strerror or exc}"
        return error_entry(path, UNREADABLE, message, size)
    except ArticleError as exc:
        return error_entry(path, INVALID, exc.message, size, mtime_ns, exc.line)
    except (ValueError, TypeError, OverflowError) as exc:
        # PyYAML raises plain ValueError for impossible dates such as 2026-13-45.
        message = f"invalid value in front matter: {exc}"
        return error_entry(path, INVALID, message, size, mtime_ns)
    title = values.get("title")
    summary = values.get("summary")
    get_line = lines.get
    return LibraryEntry(  # by position: this runs once per file of a scan
        path,
        "" if title is None else str(title),
        "" if summary is None else str(summary),
        values.get("prev"),
        values.get("next"),
        None,
        None,
        None,
        get_line("title"),
        get_line("summary"),
        get_line("prev"),
        get_line("next"),
        size,
        mtime_ns,
        front_matter_format,
    )
