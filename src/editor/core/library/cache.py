"""The JSON index cache: what a scan learned, keyed by path, size and modification time.

Reopening a library then costs one ``stat`` per file. The cache only ever
saves time: a missing, damaged or foreign cache file makes the scan read
every file again, and failing to write one is not an error.

The file is JSON lines: a header, then one row per article. The window reads
and writes it in a worker thread; one ``json.loads`` of a 10,000-row
document holds the interpreter lock for tens of milliseconds, which the
window thread would spend frozen, so rows go through ``json`` a few hundred
at a time and the lock changes hands in between.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from editor.core.article import Link
from editor.core.atomic_write import atomic_write_bytes
from editor.core.errors import ArticleError
from editor.core.library.entry import LibraryEntry

#: Bump when the cached fields change, so an old cache is ignored, never misread.
#: 2: JSON lines; 3: each row ends with the front-matter format ("yaml", "toml", "json" or "").
CACHE_FORMAT = 3
#: rows parsed per ``json.loads`` call (about a millisecond of work)
CHUNK_ROWS = 200


def _link_to_json(link: Link | None) -> list[str | None] | None:
    return None if link is None else [link.title, link.path, link.url]


def entry_to_row(rel: str, e: LibraryEntry) -> list[Any]:
    return [
        rel,
        e.size,
        e.mtime_ns,
        e.title,
        e.summary,
        _link_to_json(e.prev),
        _link_to_json(e.next),
        e.error,
        e.error_code,
        e.error_line,
        e.title_line,
        e.summary_line,
        e.prev_line,
        e.next_line,
        e.front_matter_format,
    ]


ROW_LENGTH = 15


def entry_from_row(path: str, row: list[Any]) -> LibraryEntry:
    # Links inline: this runs once per article on every reopen.
    prev, next_ = row[5], row[6]
    return LibraryEntry(
        path,
        row[3],
        row[4],
        None if prev is None else Link(prev[0], prev[1], prev[2]),
        None if next_ is None else Link(next_[0], next_[1], next_[2]),
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
        row[12],
        row[13],
        row[1],
        row[2],
        row[14],
    )


def cache_file_for(root: Path, cache_dir: Path) -> Path:
    """One cache file per library folder, named by a hash of its absolute path."""
    digest = hashlib.sha256(os.fsencode(str(root))).hexdigest()[:20]
    return cache_dir / f"library-{digest}.json"


def load_rows(root: Path, cache_dir: Path | None) -> dict[str, list[Any]]:
    """The cached rows by relative path; empty when there is no usable cache."""
    if cache_dir is None:
        return {}
    try:
        text = cache_file_for(root, cache_dir).read_bytes().decode("utf-8")
        head, _newline, body = text.partition("\n")
        header = json.loads(head)
    except (OSError, ValueError):
        return {}  # no cache or a damaged one: the scan simply reads every file
    if (
        not isinstance(header, dict)
        or header.get("format") != CACHE_FORMAT
        or header.get("root") != str(root)
    ):
        return {}
    return _parse_rows(body.split("\n") if body else [])


def _parse_rows(lines: list[str]) -> dict[str, list[Any]]:
    rows: dict[str, list[Any]] = {}
    for start in range(0, len(lines), CHUNK_ROWS):
        try:
            chunk = json.loads("[" + ",".join(lines[start : start + CHUNK_ROWS]) + "]")
        except ValueError:
            return {}
        for row in chunk:
            if not isinstance(row, list) or len(row) != ROW_LENGTH:
                return {}
            rows[row[0]] = row
    return rows


def save_rows(root: Path, cache_dir: Path, rows: list[list[Any]]) -> bool:
    """Write the cache file; False when it could not be written (it only costs speed)."""
    header = json.dumps({"format": CACHE_FORMAT, "root": str(root)}, ensure_ascii=False)
    # One row per line; json escapes newlines inside strings, so lines split cleanly.
    lines = [header, *(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows)]
    data = "\n".join(lines).encode("utf-8")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cache_file_for(root, cache_dir), data)
    except (OSError, ArticleError):
        return False
    return True
