"""The index cache: what a scan learned, keyed by path, size and modification time.

Reopening a library lists it from the cache at once (``load_index``), and a
scan then costs one ``stat`` per file, reading only the files that changed.
The cache only ever saves time: a missing, damaged, foreign or older cache
file makes the scan read every file again, and failing to write one is not
an error.

The file is a JSON header line (format, folder, counts, the folders and
folder notices of the scan, a checksum, the length of each chunk of rows)
and then the rows in ``marshal``, the
interpreter's own serialisation of plain tuples: a tenth of the time
``json`` takes to read 10,000 rows. ``marshal`` changes between Python
versions and trusts its input, so the header names the version that wrote
it and a CRC-32 of the rows, and nothing is unmarshalled unless both match.
Rows are marshalled in chunks: the window reads the cache in a worker
thread, and one call over the whole file would hold the interpreter lock
(freezing the window thread) for as long as it runs.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.atomic_write import atomic_write_bytes
from editor.core.errors import ArticleError
from editor.core.library.entry import LibraryEntry, ScanNotice, link_of
from editor.core.long_lived import building_long_lived

#: Bump when the cached fields or the file's layout change, so an old cache is ignored.
#: 2: JSON lines; 3: each row ends with the front-matter format ("yaml", "toml", "json" or "");
#: 4: a JSON header with the folders, notices and count of other files, then marshalled rows.
CACHE_FORMAT = 4
#: rows per marshalled chunk (about a millisecond to read)
CHUNK_ROWS = 1000
#: what wrote the rows: marshal's format may differ in another Python
_WRITER = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}-{marshal.version}"

Row = tuple[Any, ...]
ROW_LENGTH = 15


@dataclass
class CachedIndex:
    """What the last scan of a folder found, as the cache file holds it."""

    entries: dict[str, LibraryEntry]
    folders: set[str]
    notices: list[ScanNotice]
    other_files: int


def _link_row(link: Any) -> tuple[str, str | None, str | None] | None:
    return None if link is None else (link.title, link.path, link.url)


def entry_to_row(rel: str, e: LibraryEntry) -> Row:
    return (
        rel,
        e.size,
        e.mtime_ns,
        e.title,
        e.summary,
        _link_row(e.prev),
        _link_row(e.next),
        e.error,
        e.error_code,
        e.error_line,
        e.title_line,
        e.summary_line,
        e.prev_line,
        e.next_line,
        e.front_matter_format,
    )


def entry_from_row(path: str, row: Row) -> LibraryEntry:
    return _entry(path, *row[1:])


def _entry(
    file: str,
    size: int,
    mtime_ns: int,
    title: str,
    summary: str,
    prev: tuple[str, str | None, str | None] | None,
    next_: tuple[str, str | None, str | None] | None,
    error: str | None,
    error_code: str | None,
    error_line: int | None,
    title_line: int | None,
    summary_line: int | None,
    prev_line: int | None,
    next_line: int | None,
    front_matter_format: str,
) -> LibraryEntry:
    return LibraryEntry(
        file,
        title,
        summary,
        None if prev is None else link_of(*prev),
        None if next_ is None else link_of(*next_),
        error,
        error_code,
        error_line,
        title_line,
        summary_line,
        prev_line,
        next_line,
        size,
        mtime_ns,
        front_matter_format,
    )


def cache_file_for(root: Path, cache_dir: Path) -> Path:
    """One cache file per library folder, named by a hash of its absolute path."""
    digest = hashlib.sha256(os.fsencode(str(root))).hexdigest()[:20]
    return cache_dir / f"library-{digest}.json"


def _prefix(root: Path) -> str:
    text = str(root)
    return text if text.endswith(os.sep) else text + os.sep


def load_index(root: Path, cache_dir: Path | None) -> CachedIndex | None:
    """The cached index of ``root``; None when there is no usable cache (the scan reads all)."""
    if cache_dir is None:
        return None
    try:
        data = cache_file_for(root, cache_dir).read_bytes()
        cut = data.index(b"\n")
        header = json.loads(data[:cut])
    except (OSError, ValueError):
        return None  # no cache, or a damaged one
    payload = memoryview(data)[cut + 1 :]
    if (
        not isinstance(header, dict)
        or header.get("format") != CACHE_FORMAT
        or header.get("root") != str(root)
        or header.get("writer") != _WRITER
        or header.get("crc32") != zlib.crc32(payload)
    ):
        return None  # older, another folder's, another Python's, or damaged
    try:
        with building_long_lived():
            return _read(root, header, payload)
    except (ValueError, TypeError, EOFError, KeyError, IndexError, AttributeError):
        return None  # a cache this version did not write: read every file again


def _read(root: Path, header: dict[str, Any], payload: memoryview) -> CachedIndex | None:
    prefix = _prefix(root)
    entries: dict[str, LibraryEntry] = {}
    start = 0
    for length in header["chunks"]:
        end = start + int(length)
        if end > len(payload):
            return None
        rows = marshal.loads(payload[start:end])  # a view: no copy of the file's bytes
        if type(rows) is not tuple:
            return None
        _entries_from(prefix, rows, entries)
        start = end
    if start != len(payload):
        return None
    if len(entries) != header["rows"]:
        return None
    folders = {_under(root, prefix, str(rel)) for rel in header["folders"]}
    notices = [
        ScanNotice(_under(root, prefix, str(rel)), str(code), str(message))
        for rel, code, message in header["notices"]
    ]
    return CachedIndex(entries, folders, notices, int(header["other_files"]))


def _entries_from(prefix: str, rows: tuple[Row, ...], into: dict[str, LibraryEntry]) -> None:
    """``entry_from_row`` for every row, written out: it runs 10,000 times on every reopen.

    A row of the wrong length or types raises ValueError or TypeError.
    """
    new, link = LibraryEntry, link_of
    for (
        rel,
        size,
        mtime_ns,
        title,
        summary,
        prev,
        next_,
        error,
        error_code,
        error_line,
        title_line,
        summary_line,
        prev_line,
        next_line,
        front_matter_format,
    ) in rows:
        file = prefix + rel
        into[file] = new(
            file,
            title,
            summary,
            None if prev is None else link(*prev),
            None if next_ is None else link(*next_),
            error,
            error_code,
            error_line,
            title_line,
            summary_line,
            prev_line,
            next_line,
            size,
            mtime_ns,
            front_matter_format,
        )


def _under(root: Path, prefix: str, rel: str) -> str:
    return str(root) if rel == "" else prefix + rel


def _relative(prefix: str, root: str, file: str) -> str | None:
    if file == root:
        return ""
    return file[len(prefix) :] if file.startswith(prefix) else None


def save_index(
    root: Path,
    cache_dir: Path,
    entries: Iterable[LibraryEntry],
    folders: Iterable[str] = (),
    notices: Iterable[ScanNotice] = (),
    other_files: int = 0,
) -> bool:
    """Write the cache file; False when it could not be written (it only costs speed).

    Equal strings are written once (a link's label is usually its target's
    title), which makes the file smaller and its reading faster.
    """
    prefix, text_root = _prefix(root), str(root)
    shared: dict[Any, Any] = {}
    one = shared.setdefault
    rows: list[Row] = []
    for e in entries:
        rel = _relative(prefix, text_root, e.file)
        if rel is None or e.size < 0:
            continue  # outside the folder, or never read: nothing to keep
        row = list(entry_to_row(rel, e))
        row[3], row[4] = one(e.title, e.title), one(e.summary, e.summary)
        for at, link in ((5, e.prev), (6, e.next)):
            if link is not None:
                row[at] = (one(link.title, link.title), link.path, link.url)
        rows.append(tuple(row))
    chunks = [
        marshal.dumps(tuple(rows[start : start + CHUNK_ROWS]))
        for start in range(0, len(rows), CHUNK_ROWS)
    ]
    payload = b"".join(chunks)
    kept_folders = [rel for f in folders if (rel := _relative(prefix, text_root, f)) is not None]
    kept_notices = [
        [rel, n.code, n.message]
        for n in notices
        if (rel := _relative(prefix, text_root, n.file)) is not None
    ]
    header = {
        "format": CACHE_FORMAT,
        "root": text_root,
        "writer": _WRITER,
        "rows": len(rows),
        "crc32": zlib.crc32(payload),
        "chunks": [len(chunk) for chunk in chunks],
        "other_files": other_files,
        "folders": sorted(kept_folders),
        "notices": kept_notices,
    }
    data = json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + payload
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cache_file_for(root, cache_dir), data)
    except (OSError, ArticleError):
        return False
    return True
