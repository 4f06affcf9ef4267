"""A folder of articles, indexed by their front matter only.

Editors open folders of thousands of scraped or generated articles and want
the list by title at once, so the scan reads only the head of each file (up to
the closing ``---``), parses it with the C YAML loader and never renders
markdown. What it learns is kept in a JSON index cache keyed by path, size and
modification time: reopening a library then costs one ``stat`` per file.

A scan never raises for a single bad file: unreadable files, invalid front
matter, symbolic-link loops and files that vanish while the scan runs become
entries (or notices) that the checks report, so one broken file cannot hide
the other 9,999.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from editor.core.article import BOM, MAX_FILE_BYTES, Link, _validate
from editor.core.atomic_write import atomic_write_bytes, is_temporary_file
from editor.core.errors import ArticleError
from editor.core.frontmatter import MAX_FRONT_MATTER_CHARS, parse_yaml, split_front_matter
from editor.core.reading import (
    SpecialFileError,
    kind_of_mode,
    os_error_message,
    read_head,
    special_file_message,
)

try:  # the C parser: the index reads thousands of front matters
    from yaml import CSafeLoader as _CLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _CLoader  # type: ignore[assignment]

#: File name endings that make a file an article (compared case-insensitively).
ARTICLE_SUFFIXES = (".md", ".markdown")
#: The article a link to a folder means, as site generators read it.
_FOLDER_ARTICLES = ("index.md", "_index.md", "README.md")
#: Bump when the cached fields change, so an old cache is ignored, never misread.
CACHE_FORMAT = 1
#: Enough for the front matter of nearly every article in one read.
_HEAD_BYTES = 16 * 1024

#: error codes an entry can carry (they are also check codes)
UNREADABLE = "unreadable-file"
INVALID = "invalid-front-matter"
SYMLINK_LOOP = "symlink-loop"
SPECIAL_FILE = "special-file"


def _special_entry(file: str, mode: int) -> LibraryEntry:
    """A device, pipe or socket with an article's name: listed as a problem, never opened."""
    return _error_entry(file, SPECIAL_FILE, special_file_message(kind_of_mode(mode) or ""))


@dataclass(slots=True)
class LibraryEntry:
    """What the library knows about one article file without opening it in the editor.

    Treat it as read-only: it is not frozen only because a frozen dataclass
    takes seven times longer to build, which a reopened library of 10,000
    articles would feel.

    ``file`` is the absolute path as text: a library holds thousands of
    entries and ``pathlib`` objects cost more to build and hash than the rest
    of an entry; ``path`` gives the ``Path``. Line numbers are 1-based lines
    of the key in the file, for reporting problems the way a compiler does;
    None when the key is absent.
    """

    file: str
    title: str = ""
    summary: str = ""
    prev: Link | None = None
    next: Link | None = None
    error: str | None = None
    error_code: str | None = None
    error_line: int | None = None
    title_line: int | None = None
    summary_line: int | None = None
    prev_line: int | None = None
    next_line: int | None = None
    size: int = -1
    mtime_ns: int = -1

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def ok(self) -> bool:
        return self.error is None

    def link(self, field: str) -> Link | None:
        """The ``prev`` or ``next`` link by field name."""
        if field == "prev":
            return self.prev
        if field == "next":
            return self.next
        raise ValueError(f"not a link field: {field!r}")

    def line_of(self, field: str) -> int | None:
        return {
            "title": self.title_line,
            "summary": self.summary_line,
            "prev": self.prev_line,
            "next": self.next_line,
        }.get(field)


@dataclass(frozen=True, slots=True)
class ScanNotice:
    """A folder-level problem found while scanning (a loop, a folder that cannot be listed)."""

    file: str
    code: str
    message: str

    @property
    def path(self) -> Path:
        return Path(self.file)


# ------------------------------------------------------------------ indexing


def is_article_name(name: str) -> bool:
    """Articles are visible ``*.md`` / ``*.markdown`` files, never our own temp files."""
    if name.startswith(".") or is_temporary_file(name):
        return False
    return name.lower().endswith(ARTICLE_SUFFIXES)


def _read_head(path: str, size: int) -> bytes:
    """The first bytes of the file, enough to hold the front matter in all but rare cases."""
    return read_head(path, _HEAD_BYTES if size > _HEAD_BYTES else max(size, 0) + 1)


_OPENER = re.compile(r"---[ \t]*\r?\n")
_CLOSER = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r(?=\n))?$", re.M)


def front_matter_range(text: str, where: str | None = None) -> tuple[int, int, int] | None:
    """(start, end, first line) of the front matter in ``text``, or None when there is none.

    The same answer as ``split_front_matter`` (which it falls back on for
    every unusual case and for its error messages), found with two regular
    expressions instead of a loop over lines: a library scan splits
    thousands of files.
    """
    opener = _OPENER.match(text)
    if opener is not None:
        closer = _CLOSER.search(text, opener.end())
        if closer is not None:
            return opener.end(), closer.start(), 1
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


_FIELDS = ("title", "summary", "prev", "next")
_LINK_SUBKEYS = ("title", "path", "url")
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
#: plain-scalar types the safe constructor always builds without error
_HARMLESS = frozenset(
    {_STR, _NULL, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
)
#: deeper front matter goes to the full parser, which enforces the editor's limits
_FAST_MAX_DEPTH = 20

Fields = tuple[dict[str, Any], dict[str, int]]


def read_fields(yaml_text: str, where: str | None = None, first_line: int = 0) -> Fields:
    """The title, summary, prev and next values and the lines of their keys.

    Raises ArticleError exactly when opening the article in the editor would.
    The common front matter goes through ``fast_fields``; anything it is not
    sure about goes through ``parse_yaml`` and the editor's own validation.
    """
    fast = fast_fields(yaml_text, first_line)
    if fast is not None:
        return fast
    return slow_fields(yaml_text, where, first_line)


def slow_fields(yaml_text: str, where: str | None = None, first_line: int = 0) -> Fields:
    """``read_fields`` through the editor's own parser: the reference behaviour."""
    parsed = parse_yaml(yaml_text, where, first_line)
    _validate(parsed, where, first_line)
    lines: dict[str, int] = {}
    if parsed.root is not None:
        for key_node, _ in parsed.root.value:
            key = key_node.value
            if key in _FIELDS:  # the last one wins, as in YAML
                lines[key] = key_node.start_mark.line + first_line + 1
    values = {key: parsed.data[key] for key in _FIELDS if key in parsed.data}
    return _as_fields(values), lines


def _as_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Links as Link objects: what an entry holds, and what both readers must agree on."""
    for key in ("prev", "next"):
        if key in values:
            values[key] = Link.from_value(values[key])
    return values


class _NotSure(Exception):
    """The fast reader met something only the full parser may judge."""


def fast_fields(yaml_text: str, first_line: int = 0) -> Fields | None:
    """``read_fields`` from the C parser's events, or None to let the full parser decide.

    Building the whole node tree and every value in Python is most of the
    cost of a library scan, and the index needs four keys. This reads the
    event stream once, builds only those values, and still checks every
    other value the way the safe constructor would (unknown tags, anchors,
    aliases, merge keys, impossible dates make it give up). It returns a
    result only when the full path would return the same one; a test
    compares the two on every kind of front matter.
    """
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        return None
    loader = _CLoader(yaml_text)
    try:
        return _walk_events(loader, first_line)
    except (_NotSure, yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return None
    finally:
        loader.dispose()


#: first characters for which some implicit resolver may claim a plain scalar
_RESOLVED_FIRST = frozenset(k for k in _CLoader.yaml_implicit_resolvers if k)
_ALWAYS_RESOLVE = None in _CLoader.yaml_implicit_resolvers or bool(_CLoader.yaml_path_resolvers)


def _scalar_value(loader: Any, event: Any) -> Any:
    """The value the safe constructor would build for a scalar event (str or None), else raise."""
    if event.anchor is not None or event.tag is not None:
        raise _NotSure
    value = event.value
    if not _ALWAYS_RESOLVE and (
        not event.implicit[0] or (value and value[0] not in _RESOLVED_FIRST)
    ):
        return value  # quoted, block, or plain text no resolver claims: a string
    # The composer's own resolution: plain scalars by their look, quoted ones as text.
    tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
    if tag == _STR:
        return event.value
    if tag == _NULL:
        return None
    if tag == _TIMESTAMP:
        loader.construct_yaml_timestamp(yaml.ScalarNode(tag, event.value))
        return _NOT_TEXT
    if tag in _HARMLESS:
        return _NOT_TEXT
    raise _NotSure  # "=" (the value tag) or "<<" (merge): let the full parser decide


_NOT_TEXT = object()


def _skip_node(loader: Any, event: Any, depth: int) -> None:
    """Consume a value's events, checking each the way the constructor would."""
    if isinstance(event, yaml.ScalarEvent):
        _scalar_value(loader, event)
        return
    if isinstance(event, yaml.AliasEvent) or event.anchor is not None or event.tag is not None:
        raise _NotSure
    if depth > _FAST_MAX_DEPTH:
        raise _NotSure
    if isinstance(event, yaml.MappingStartEvent):
        while True:
            key = loader.get_event()
            if isinstance(key, yaml.MappingEndEvent):
                return
            if not isinstance(key, yaml.ScalarEvent):
                raise _NotSure
            _scalar_value(loader, key)
            _skip_node(loader, loader.get_event(), depth + 1)
    if isinstance(event, yaml.SequenceStartEvent):
        while True:
            item = loader.get_event()
            if isinstance(item, yaml.SequenceEndEvent):
                return
            _skip_node(loader, item, depth + 1)
    raise _NotSure


def _walk_events(loader: Any, first_line: int) -> Fields:
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    get = loader.get_event
    if not isinstance(get(), yaml.StreamStartEvent):
        raise _NotSure
    event = get()
    if isinstance(event, yaml.StreamEndEvent):
        return values, lines  # empty front matter
    if not isinstance(event, yaml.DocumentStartEvent):
        raise _NotSure
    start = get()
    if not isinstance(start, yaml.MappingStartEvent) or start.anchor or start.tag:
        raise _NotSure
    while True:
        key = get()
        if isinstance(key, yaml.MappingEndEvent):
            break
        if not isinstance(key, yaml.ScalarEvent):
            raise _NotSure
        name = _scalar_value(loader, key)
        value = get()
        if name not in _FIELDS:
            if name is _NOT_TEXT or name is None:
                raise _NotSure  # keys like 1 or null: rare, and the full parser names them
            _skip_node(loader, value, 2)
            continue
        mark = key.start_mark
        if mark is None:
            raise _NotSure
        lines[name] = mark.line + first_line + 1
        if isinstance(value, yaml.ScalarEvent):
            scalar = _scalar_value(loader, value)
            if scalar is _NOT_TEXT:
                raise _NotSure  # a number or date where text belongs: the full path explains
            values[name] = scalar
        elif name in ("prev", "next") and isinstance(value, yaml.MappingStartEvent):
            if value.anchor is not None or value.tag is not None:
                raise _NotSure
            values[name] = _link_mapping(loader)
        else:
            raise _NotSure
    if not isinstance(get(), yaml.DocumentEndEvent) or not isinstance(get(), yaml.StreamEndEvent):
        raise _NotSure
    return _as_fields(values), lines


def _link_mapping(loader: Any) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    while True:
        key = loader.get_event()
        if isinstance(key, yaml.MappingEndEvent):
            return mapping
        value = loader.get_event()
        if not isinstance(key, yaml.ScalarEvent) or not isinstance(value, yaml.ScalarEvent):
            raise _NotSure
        name = _scalar_value(loader, key)
        if not isinstance(name, str):
            raise _NotSure
        scalar = _scalar_value(loader, value)
        if scalar is _NOT_TEXT:
            if name in _LINK_SUBKEYS:
                raise _NotSure
            continue
        mapping[name] = scalar


def index_file(path: str, size: int = -1, mtime_ns: int = -1) -> LibraryEntry:
    """The entry for one file (absolute path), from its front matter only.

    Anything wrong with the file becomes the entry's ``error``; the one
    exception is FileNotFoundError, raised when the file vanished since it was
    listed, so the caller drops it instead of listing a ghost.
    """
    where = path
    try:
        if size < 0:
            st = os.stat(path)
            size, mtime_ns = st.st_size, st.st_mtime_ns
        if size > MAX_FILE_BYTES:
            raise ArticleError(f"the file is {size / 1_048_576:.1f} MB; too large for an article")
        data = _read_head(path, size)
        complete = len(data) < _HEAD_BYTES or size <= _HEAD_BYTES
        text = _decode_head(data, complete, path)
        if text.startswith(BOM):
            text = text[1:]
        if "\n" not in text and "\r" in text:
            text = text.replace("\r", "\n")  # old Mac line ends, read as the editor does
        try:
            found = front_matter_range(text, where)
        except ArticleError:
            if complete:
                raise
            # The front matter is longer than the head we read: read it all.
            data = read_head(path, MAX_FILE_BYTES + 1)
            text = _decode_head(data, True, path).removeprefix(BOM)
            if "\n" not in text and "\r" in text:
                text = text.replace("\r", "\n")
            found = front_matter_range(text, where)
        if found is None:
            return LibraryEntry(path, size=size, mtime_ns=mtime_ns)
        start, end, first = found
        values, lines = read_fields(text[start:end], where, first)
    except FileNotFoundError:
        raise  # vanished: the caller drops it
    except SpecialFileError as exc:
        return _error_entry(path, SPECIAL_FILE, exc.message, size)
    except PermissionError:
        return _error_entry(path, UNREADABLE, "permission denied when reading the file", size)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _error_entry(path, SYMLINK_LOOP, "the symbolic link loops", size)
        message = f"cannot read the file: {exc.strerror or exc}"
        return _error_entry(path, UNREADABLE, message, size)
    except ArticleError as exc:
        return _error_entry(path, INVALID, exc.message, size, mtime_ns, exc.line)
    except (ValueError, TypeError, OverflowError) as exc:
        # PyYAML raises plain ValueError for impossible dates such as 2026-13-45.
        message = f"invalid value in front matter: {exc}"
        return _error_entry(path, INVALID, message, size, mtime_ns)
    title = values.get("title")
    summary = values.get("summary")
    return LibraryEntry(
        path,
        title="" if title is None else str(title),
        summary="" if summary is None else str(summary),
        prev=values.get("prev"),
        next=values.get("next"),
        title_line=lines.get("title"),
        summary_line=lines.get("summary"),
        prev_line=lines.get("prev"),
        next_line=lines.get("next"),
        size=size,
        mtime_ns=mtime_ns,
    )


def _error_entry(
    path: str,
    code: str,
    message: str,
    size: int = -1,
    mtime_ns: int = -1,
    line: int | None = None,
) -> LibraryEntry:
    return LibraryEntry(
        path, error=message, error_code=code, error_line=line, size=size, mtime_ns=mtime_ns
    )


# ------------------------------------------------------------------ cache


def _link_to_json(link: Link | None) -> list[str | None] | None:
    return None if link is None else [link.title, link.path, link.url]


def _entry_to_json(rel: str, e: LibraryEntry) -> list[Any]:
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
    ]


_ROW_LENGTH = 14


def _entry_from_json(path: str, row: list[Any]) -> LibraryEntry:
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
    )


def cache_file_for(root: Path, cache_dir: Path) -> Path:
    """One cache file per library folder, named by a hash of its absolute path."""
    digest = hashlib.sha256(os.fsencode(str(root))).hexdigest()[:20]
    return cache_dir / f"library-{digest}.json"


# ------------------------------------------------------------------ library

StrPath = str | os.PathLike[str]


def _abs(path: StrPath) -> str:
    return os.path.abspath(os.fspath(path))


def _under(path: str, folder: str) -> bool:
    """True for ``folder`` itself and anything inside it (both absolute, normalised)."""
    if path == folder:
        return True
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return path.startswith(prefix)


def _parent(path: str) -> str:
    return os.path.dirname(path)


class Library:
    """The articles under one folder, their index, and link resolution between them.

    Keys are absolute paths (as text) under ``root`` as found by the scan;
    symbolic links are not resolved, so the paths are the ones the user sees.
    Articles outside the folder that a ``path`` link reaches are indexed on
    demand into ``outside`` so links to them can be checked, but they are not
    members and are never reported on.
    """

    def __init__(
        self, root: StrPath, cache_dir: StrPath | None = None, *, recursive: bool = True
    ) -> None:
        self.root = Path(_abs(root))
        #: False: only the folder's own files (checking single files against their neighbours)
        self.recursive = recursive
        self._root = str(self.root)
        self.cache_dir = None if cache_dir is None else Path(cache_dir)
        self.entries: dict[str, LibraryEntry] = {}
        self.outside: dict[str, LibraryEntry | None] = {}
        self.notices: list[ScanNotice] = []
        #: folders the scan listed: what a file-system watcher should watch
        self.folders: set[str] = set()
        self._by_title: dict[str, list[LibraryEntry]] | None = None
        self._cached: dict[str, list[Any]] = {}
        self._cache_loaded = False
        #: files indexed from disk (not taken from the cache) by the last scan
        self.indexed_count = 0
        #: True when the entries differ from what the cache file holds
        self.cache_stale = False

    # -------------------------------------------------------------- opening
    @classmethod
    def open(cls, root: StrPath, cache_dir: StrPath | None = None) -> Library:
        """Scan ``root``, using and updating the index cache when ``cache_dir`` is given."""
        library = cls(root, cache_dir)
        library.scan()
        if library.cache_stale:
            library.save_cache()
        return library

    def scan(self) -> None:
        """Index every article under ``root`` again, reusing entries whose file did not change."""
        if not self._cache_loaded:
            self._load_cache()
        cached = self._cached
        for file, entry in self.entries.items():
            cached[self._rel(file)] = _entry_to_json(self._rel(file), entry)
        self.entries = {}
        self.notices = []
        self.folders = set()
        self.outside = {}
        self.indexed_count = 0
        self._scan_folder(self._root, frozenset())
        self.cache_stale = self.cache_dir is not None and (
            self.indexed_count > 0 or len(self._cached) != len(self.entries)
        )
        self._cached = {}
        self._by_title = None

    def _rel(self, file: str) -> str:
        return os.path.relpath(file, self._root)

    def _scan_folder(
        self,
        folder: str,
        ancestors: frozenset[tuple[int, int]],
        known: set[str] | None = None,
        seen: set[str] | None = None,
    ) -> None:
        """List one folder and recurse; every failure becomes an entry or a notice.

        Subfolders in ``known`` are not entered again (a refresh of one folder
        leaves its indexed subfolders alone); those found are added to ``seen``.
        """
        try:
            st = os.stat(folder)
        except FileNotFoundError:
            return
        except OSError as exc:
            self._notice_for(folder, exc)
            return
        identity = (st.st_dev, st.st_ino)
        if identity in ancestors:
            message = "this folder link leads back to a folder that contains it; not followed"
            self.notices.append(ScanNotice(folder, SYMLINK_LOOP, message))
            return
        try:
            with os.scandir(folder) as it:
                listing = list(it)
        except FileNotFoundError:
            return
        except OSError as exc:
            self._notice_for(folder, exc)
            return
        self.folders.add(folder)
        inner = ancestors | {identity}
        cached = self._cached
        entries = self.entries
        prefix_len = len(self._root) + (0 if self._root.endswith(os.sep) else 1)
        for item in listing:
            name = item.name
            if name.startswith("."):
                continue  # hidden files and folders, and our own temporary files
            try:
                is_dir = item.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if known is not None and item.path in known:
                    if seen is not None:
                        seen.add(item.path)
                elif self.recursive:
                    self._scan_folder(item.path, inner)
                continue
            if not name.lower().endswith(ARTICLE_SUFFIXES):
                continue  # (hidden names, our temporary files among them, are skipped above)
            file = item.path
            try:
                st = item.stat()
            except FileNotFoundError:
                if item.is_symlink():
                    message = "the symbolic link points to a file that does not exist"
                    entries[file] = _error_entry(file, UNREADABLE, message)
                continue  # otherwise it vanished between listing and stat
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    entries[file] = _error_entry(file, SYMLINK_LOOP, "the symbolic link loops")
                else:
                    message = f"cannot read the file: {exc.strerror or exc}"
                    entries[file] = _error_entry(file, UNREADABLE, message)
                continue
            if not stat.S_ISREG(st.st_mode):
                entries[file] = _special_entry(file, st.st_mode)
                continue
            row = cached.get(file[prefix_len:])
            if row is not None and row[1] == st.st_size and row[2] == st.st_mtime_ns:
                entries[file] = _entry_from_json(file, row)
                continue
            try:
                entries[file] = index_file(file, st.st_size, st.st_mtime_ns)
            except FileNotFoundError:
                continue  # vanished between stat and read
            self.indexed_count += 1

    def _notice_for(self, folder: str, exc: OSError) -> None:
        if exc.errno == errno.ELOOP:
            self.notices.append(ScanNotice(folder, SYMLINK_LOOP, "the folder link loops"))
            return
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        message = f"cannot list the folder: {reason or exc}"
        self.notices.append(ScanNotice(folder, UNREADABLE, message))

    # -------------------------------------------------------------- cache
    def _load_cache(self) -> None:
        self._cache_loaded = True
        self._cached = {}
        if self.cache_dir is None:
            return
        try:
            raw = cache_file_for(self.root, self.cache_dir).read_bytes()
            data = json.loads(raw)
        except (OSError, ValueError):
            return  # no cache or a damaged one: the scan simply reads every file
        if (
            not isinstance(data, dict)
            or data.get("format") != CACHE_FORMAT
            or data.get("root") != self._root
            or not isinstance(data.get("entries"), list)
        ):
            return
        rows = data["entries"]
        if all(isinstance(r, list) and len(r) == _ROW_LENGTH for r in rows):
            self._cached = {r[0]: r for r in rows}

    def save_cache(self) -> None:
        """Write the index cache; failing to write it only costs speed next time."""
        if self.cache_dir is None:
            return
        rows = [_entry_to_json(self._rel(f), e) for f, e in self.entries.items() if e.size >= 0]
        payload = {"format": CACHE_FORMAT, "root": self._root, "entries": rows}
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with contextlib.suppress(OSError, ArticleError):
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(cache_file_for(self.root, self.cache_dir), data)
            self.cache_stale = False

    # -------------------------------------------------------------- refresh
    def refresh(self, paths: Iterable[StrPath]) -> set[str]:
        """Re-index files or folders after a change on disk; return the files whose entry changed.

        The window's file-system watcher calls this with the paths it reports:
        a changed file is read again, a changed folder is listed again (finding
        new and deleted articles), a deleted path drops its entries. Paths
        outside the library are ignored.
        """
        changed: set[str] = set()
        for raw in paths:
            path = _abs(raw)
            if not _under(path, self._root):
                continue
            try:
                st: os.stat_result | None = os.stat(path)
            except OSError:
                st = None
            if st is not None and stat.S_ISDIR(st.st_mode):
                changed |= self._refresh_folder(path)
            elif (
                st is not None
                and is_article_name(os.path.basename(path))
                and not (stat.S_ISREG(st.st_mode))
            ):
                self.entries[path] = _special_entry(path, st.st_mode)
                changed.add(path)
            elif (
                st is not None
                and stat.S_ISREG(st.st_mode)
                and is_article_name(os.path.basename(path))
            ):
                old = self.entries.get(path)
                if old is not None and old.size == st.st_size and old.mtime_ns == st.st_mtime_ns:
                    continue
                try:
                    self.entries[path] = index_file(path, st.st_size, st.st_mtime_ns)
                except FileNotFoundError:
                    self.entries.pop(path, None)
                changed.add(path)
            else:
                changed |= self._drop_under(path)
        if changed:
            self.cache_stale = self.cache_dir is not None
            self._by_title = None
            self.outside = {}
        return changed

    def _drop_under(self, path: str) -> set[str]:
        gone = {f for f in self.entries if _under(f, path)}
        for f in gone:
            del self.entries[f]
        self.folders = {f for f in self.folders if not _under(f, path)}
        return gone

    def _refresh_folder(self, folder: str) -> set[str]:
        """List one folder again: its own files, new subfolders (scanned) and vanished ones.

        Subfolders already indexed are left alone: a watcher reports their own
        changes, and re-reading a whole 10,000-article tree because one file
        was added at the top would be wasted work.
        """
        if folder in self.folders:
            known = {d for d in self.folders if _parent(d) == folder}
            before = {f: e for f, e in self.entries.items() if _parent(f) == folder}
            self.notices = [n for n in self.notices if _parent(n.file) != folder]
        else:
            known = set()
            before = {f: e for f, e in self.entries.items() if _under(f, folder)}
            self.notices = [n for n in self.notices if not _under(n.file, folder)]
            self.folders = {f for f in self.folders if not _under(f, folder)}
        for f in before:
            del self.entries[f]
        self._cached = {self._rel(f): _entry_to_json(self._rel(f), e) for f, e in before.items()}
        ancestors: set[tuple[int, int]] = set()
        parent = _parent(folder)
        while _under(parent, self._root):
            with contextlib.suppress(OSError):
                st = os.stat(parent)
                ancestors.add((st.st_dev, st.st_ino))
            if parent == self._root:
                break
            parent = _parent(parent)
        seen: set[str] = set()
        kept = set(self.entries)
        self._scan_folder(folder, frozenset(ancestors), known, seen)
        self._cached = {}
        changed = {f for f in self.entries if f not in kept and before.get(f) != self.entries[f]}
        changed |= {f for f in before if f not in self.entries}
        for gone in known - seen:
            changed |= self._drop_under(gone)
        return changed

    def include(self, path: StrPath) -> LibraryEntry | None:
        """Make one file a member whatever its name (a file named on the command line)."""
        file = _abs(path)
        try:
            st = os.stat(file)
            if stat.S_ISDIR(st.st_mode):
                return None
            if not stat.S_ISREG(st.st_mode):
                entry = _special_entry(file, st.st_mode)
            else:
                entry = index_file(file, st.st_size, st.st_mtime_ns)
        except FileNotFoundError:
            return None
        except OSError as exc:
            code = SYMLINK_LOOP if exc.errno == errno.ELOOP else UNREADABLE
            entry = _error_entry(file, code, os_error_message(exc))
        self.entries[file] = entry
        self._by_title = None
        self.outside.pop(file, None)
        return entry

    def update_entry(self, path: StrPath) -> LibraryEntry | None:
        """Re-index one file now (after the editor saved it) and return its entry."""
        self.refresh([path])
        return self.entries.get(_abs(path))

    def snapshot(self) -> Library:
        """A copy whose entries later refreshes do not change, for checking in another thread."""
        copy = Library.__new__(Library)
        copy.__dict__.update(self.__dict__)
        copy.entries = dict(self.entries)
        copy.outside = {}
        copy.notices = list(self.notices)
        copy.folders = set(self.folders)
        copy._by_title = None
        copy._cached = {}
        return copy

    # -------------------------------------------------------------- queries
    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[LibraryEntry]:
        return iter(self.articles())

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str | os.PathLike) and _abs(path) in self.entries

    def articles(self) -> list[LibraryEntry]:
        """Every member entry, in path order."""
        return [self.entries[f] for f in sorted(self.entries)]

    def get(self, path: StrPath) -> LibraryEntry | None:
        return self.entries.get(_abs(path))

    def relative(self, path: StrPath) -> str:
        """``path`` relative to the library folder with ``/`` (how messages name files)."""
        rel = os.path.relpath(_abs(path), self._root)
        return rel.replace(os.sep, "/")

    def by_title(self, title: str) -> list[LibraryEntry]:
        """Member articles whose title is exactly ``title`` (surrounding spaces ignored)."""
        if self._by_title is None:
            index: dict[str, list[LibraryEntry]] = {}
            for file in sorted(self.entries):
                entry = self.entries[file]
                key = entry.title.strip()
                if key:
                    index.setdefault(key, []).append(entry)
            self._by_title = index
        return self._by_title.get(title.strip(), [])

    def link_target(self, source: StrPath, link: Link) -> str | None:
        """Where a link's ``path`` points (absolute); None for links without a path.

        A relative path is relative to the linking article's folder, like a
        markdown link; a path starting with ``/`` is relative to the library
        folder, as site generators read it. A ``#fragment`` or ``?query`` is
        ignored. A path without the ``.md`` ending or naming a folder (the
        way Hugo and Jekyll write pretty links) leads to ``NAME.md`` or the
        folder's ``index.md`` / ``_index.md`` when that article exists.
        """
        if not link.path:
            return None
        target = link.path.split("#", 1)[0].split("?", 1)[0]
        if not target:
            return None
        base = self._root if target.startswith("/") else _parent(_abs(source))
        file = os.path.normpath(os.path.join(base, target.lstrip("/")))
        if file in self.entries:
            return file
        stem = file.rstrip(os.sep)
        candidates = [stem + suffix for suffix in ARTICLE_SUFFIXES]
        candidates += [os.path.join(stem, name) for name in _FOLDER_ARTICLES]
        for candidate in candidates:
            if candidate in self.entries:
                return candidate
        if os.path.isfile(file):
            return file
        for candidate in candidates:
            if os.path.isfile(candidate):
                return candidate
        return file

    def resolve(self, source: LibraryEntry | StrPath, link: Link | None) -> LibraryEntry | None:
        """The article a link points to: by ``path`` when it has one, else by title.

        A link with only a ``url`` points at a web page and resolves to
        nothing. A title that several articles share resolves to the first by
        path (the checks report the duplicate).
        """
        if link is None:
            return None
        source_file = source.file if isinstance(source, LibraryEntry) else _abs(source)
        target = self.link_target(source_file, link)
        if target is not None:
            return self.entry_at(target)
        if link.url:
            return None
        matches = self.by_title(link.title)
        return matches[0] if matches else None

    def entry_at(self, path: StrPath) -> LibraryEntry | None:
        """The entry for a path: a member, or an article outside the folder indexed on demand."""
        file = _abs(path)
        entry = self.entries.get(file)
        if entry is not None:
            return entry
        if file in self.outside:
            return self.outside[file]
        found: LibraryEntry | None = None
        try:
            st = os.stat(file)
            if stat.S_ISREG(st.st_mode):
                found = index_file(file, st.st_size, st.st_mtime_ns)
        except OSError:
            found = None
        self.outside[file] = found
        return found

    def link_path_between(self, source: StrPath, target: StrPath) -> str:
        """The ``path`` value a link from ``source`` to ``target`` carries (relative, ``/``)."""
        rel = os.path.relpath(_abs(target), _parent(_abs(source)))
        return rel.replace(os.sep, "/")

    def neighbour(self, path: StrPath, field: str) -> LibraryEntry | None:
        """The article the ``prev`` or ``next`` link of ``path`` leads to (Go > Previous/Next)."""
        entry = self.get(path)
        if entry is None:
            return None
        return self.resolve(entry, entry.link(field))
