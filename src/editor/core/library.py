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
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.article import BOM, MAX_FILE_BYTES, Link, _validate
from editor.core.atomic_write import atomic_write_bytes, is_temporary_file
from editor.core.errors import ArticleError
from editor.core.frontmatter import parse_yaml, split_front_matter

#: File name endings that make a file an article (compared case-insensitively).
ARTICLE_SUFFIXES = (".md", ".markdown")
#: Bump when the cached fields change, so an old cache is ignored, never misread.
CACHE_FORMAT = 1
#: Enough for the front matter of nearly every article in one read.
_HEAD_BYTES = 16 * 1024

#: error codes an entry can carry (they are also check codes)
UNREADABLE = "unreadable-file"
INVALID = "invalid-front-matter"
SYMLINK_LOOP = "symlink-loop"


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
    with open(path, "rb") as handle:
        if size <= _HEAD_BYTES:
            return handle.read()
        return handle.read(_HEAD_BYTES)


def _decode_head(data: bytes, complete: bool, path: str) -> str:
    if b"\x00" in data[:8192]:
        raise ArticleError("this is a binary file, not a text article", path)
    if not complete:
        # A partial read may end inside a multi-byte character; stop at the last line.
        cut = data.rfind(b"\n")
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
        try:
            split = split_front_matter(text, where)
        except ArticleError:
            if complete:
                raise
            # The front matter is longer than the head we read: read it all.
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
            text = _decode_head(data, True, path).removeprefix(BOM)
            split = split_front_matter(text, where)
        if not split.has_front_matter:
            return LibraryEntry(path, size=size, mtime_ns=mtime_ns)
        first = split.yaml_first_line
        parsed = parse_yaml(text[split.yaml_start : split.yaml_end], where, first)
        _validate(parsed, where, first)
    except FileNotFoundError:
        raise  # vanished: the caller drops it
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
    data_map = parsed.data
    lines: dict[str, int] = {}
    if parsed.root is not None:
        for key_node, _ in parsed.root.value:
            key = key_node.value
            if key in ("title", "summary", "prev", "next"):  # the last one wins, as in YAML
                lines[key] = key_node.start_mark.line + first + 1
    title = data_map.get("title")
    summary = data_map.get("summary")
    return LibraryEntry(
        path,
        title="" if title is None else str(title),
        summary="" if summary is None else str(summary),
        prev=Link.from_value(data_map.get("prev")),
        next=Link.from_value(data_map.get("next")),
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


def _link_from_json(value: Any) -> Link | None:
    if value is None:
        return None
    return Link(value[0], value[1], value[2])


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
    return LibraryEntry(
        path,
        row[3],
        row[4],
        _link_from_json(row[5]),
        _link_from_json(row[6]),
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

    def _scan_folder(self, folder: str, ancestors: frozenset[tuple[int, int]]) -> None:
        """List one folder and recurse; every failure becomes an entry or a notice."""
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
                if self.recursive:
                    self._scan_folder(item.path, inner)
                continue
            if not is_article_name(name):
                continue
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
        before = {f: e for f, e in self.entries.items() if _under(f, folder)}
        for f in before:
            del self.entries[f]
        self._cached = {self._rel(f): _entry_to_json(self._rel(f), e) for f, e in before.items()}
        self.notices = [n for n in self.notices if not _under(n.file, folder)]
        self.folders = {f for f in self.folders if not _under(f, folder)}
        ancestors: set[tuple[int, int]] = set()
        parent = _parent(folder)
        while _under(parent, self._root):
            with contextlib.suppress(OSError):
                st = os.stat(parent)
                ancestors.add((st.st_dev, st.st_ino))
            if parent == self._root:
                break
            parent = _parent(parent)
        self._scan_folder(folder, frozenset(ancestors))
        self._cached = {}
        after = {f: e for f, e in self.entries.items() if _under(f, folder)}
        return {f for f in before.keys() | after.keys() if before.get(f) != after.get(f)}

    def include(self, path: StrPath) -> LibraryEntry | None:
        """Make one file a member whatever its name (a file named on the command line)."""
        file = _abs(path)
        try:
            st = os.stat(file)
            if not stat.S_ISREG(st.st_mode):
                return None
            entry = index_file(file, st.st_size, st.st_mtime_ns)
        except FileNotFoundError:
            return None
        except OSError as exc:
            code = SYMLINK_LOOP if exc.errno == errno.ELOOP else UNREADABLE
            entry = _error_entry(file, code, f"cannot read the file: {exc.strerror or exc}")
        self.entries[file] = entry
        self._by_title = None
        self.outside.pop(file, None)
        return entry

    def update_entry(self, path: StrPath) -> LibraryEntry | None:
        """Re-index one file now (after the editor saved it) and return its entry."""
        self.refresh([path])
        return self.entries.get(_abs(path))

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
        ignored.
        """
        if not link.path:
            return None
        target = link.path.split("#", 1)[0].split("?", 1)[0]
        if not target:
            return None
        base = self._root if target.startswith("/") else _parent(_abs(source))
        return os.path.normpath(os.path.join(base, target.lstrip("/")))

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
