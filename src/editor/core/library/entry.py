"""What the library knows about one file, and the problems a scan can meet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editor.core.article import Link
from editor.core.reading import kind_of_mode, special_file_message

#: error codes an entry can carry (they are also check codes)
UNREADABLE = "unreadable-file"
INVALID = "invalid-front-matter"
SYMLINK_LOOP = "symlink-loop"
SPECIAL_FILE = "special-file"


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
    #: "yaml", "toml" or "json"; "" when the file has no front matter or it cannot be read
    front_matter_format: str = ""

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


_new_object = object.__new__
_set_attribute = object.__setattr__


def link_of(title: str, path: str | None = None, url: str | None = None) -> Link:
    """``Link(title, path, url)``, built without the frozen dataclass's three guarded setattrs.

    A scan builds a link or two per article and a reopened library of 10,000
    articles twenty thousand, where the generated constructor is a tenth of
    the time. The object is the same in every way (equality, hash, repr);
    a test compares the two.
    """
    link = _new_object(Link)
    _set_attribute(link, "__dict__", {"title": title, "path": path, "url": url})
    return link


def link_from_value(value: object) -> Link | None:
    """``Link.from_value``, built with ``link_of``: a title string or a mapping (or a Link)."""
    if value is None or type(value) is Link:
        return value  # type: ignore[return-value]
    if isinstance(value, str):
        return link_of(value, None, None)
    if isinstance(value, dict):
        title, path, url = value.get("title"), value.get("path"), value.get("url")
        return link_of(
            "" if title is None else str(title),
            None if path is None else str(path),
            None if url is None else str(url),
        )
    return None


def error_entry(
    path: str,
    code: str,
    message: str,
    size: int = -1,
    mtime_ns: int = -1,
    line: int | None = None,
) -> LibraryEntry:
    """An entry for a file the library lists but cannot read: the checks report it."""
    return LibraryEntry(
        path, error=message, error_code=code, error_line=line, size=size, mtime_ns=mtime_ns
    )


def special_entry(file: str, mode: int) -> LibraryEntry:
    """A device, pipe or socket with an article's name: listed as a problem, never opened."""
    return error_entry(file, SPECIAL_FILE, special_file_message(kind_of_mode(mode) or ""))
