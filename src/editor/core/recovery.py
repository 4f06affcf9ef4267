"""The recovery journal: unsaved text kept on disk so a crash loses seconds, not work.

While a buffer has unsaved changes the window writes its whole text here
every few seconds; a clean save or close removes the entry, so whatever is
left at the next start is work a crash or a kill would otherwise have lost.
One JSON file per buffer, named by a stable id, written atomically (a kill
mid-write leaves the previous snapshot). Reading never raises: a damaged or
foreign file is skipped and reported, because the journal exists to rescue
work and must not itself stop the editor from starting.
"""

from __future__ import annotations

import base64
import datetime as _dt
import errno
import hashlib
import json
import os
import re
import socket
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core.atomic_write import atomic_write_bytes
from editor.core.errors import ArticleError

#: Bumped when a field changes meaning; newer files are reported, not misread.
FORMAT = 1
_KIND = "article-editor recovery"
_SUFFIX = ".json"
_ID = re.compile(r"^[0-9a-f]{32}$")


def new_entry_id() -> str:
    """A fresh id for a buffer; it keeps it for its whole life, across saves."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class RecoveryEntry:
    """One buffer's last unsaved state, as found in the journal."""

    id: str
    original_path: Path | None
    saved_at: _dt.datetime  # timezone-aware, UTC
    title: str
    text: str
    metadata: dict[str, Any]
    #: the process that wrote it; ``writer_alive`` says if it still runs here
    pid: int
    host: str
    journal_file: Path

    def writer_alive(self) -> bool:
        """True when the writing process still runs on this machine (another open window).

        A live window's entries are its own business; offering them for
        recovery would let two windows fight over one buffer.
        """
        if self.pid == os.getpid() or self.host != socket.gethostname():
            return False
        return _pid_alive(self.pid)


@dataclass(frozen=True)
class JournalProblem:
    """A journal file that could not be used, and why (shown to the user, then kept)."""

    path: Path
    reason: str


@dataclass
class RecoveryJournal:
    """The folder of recovery entries; nothing touches the disk until it is used."""

    folder: Path
    #: what the last ``entries()`` call had to skip
    problems: list[JournalProblem] = field(default_factory=list)

    def path_for(self, entry_id: str) -> Path:
        if not _ID.match(entry_id):
            raise ValueError(f"not a recovery entry id: {entry_id!r}")
        return self.folder / f"{entry_id}{_SUFFIX}"

    def write(
        self,
        entry_id: str,
        original_path: str | Path | None,
        text: str,
        metadata: Mapping[str, Any],
        title: str,
    ) -> Path:
        """Replace the entry atomically; ArticleError when the data folder cannot be written."""
        path = self.path_for(entry_id)
        record = {
            "kind": _KIND,
            "format": FORMAT,
            "id": entry_id,
            "original_path": None if original_path is None else str(original_path),
            "saved_at": _dt.datetime.now(_dt.UTC).isoformat(),
            "title": title,
            "metadata": _jsonable(dict(metadata)),
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "text_sha256": _digest(text),
            "text": text,
        }
        # ASCII escapes keep lone surrogates (which a text widget can hold)
        # writable and readable.
        data = json.dumps(record, ensure_ascii=True, indent=1).encode("ascii")
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise ArticleError(
                f"cannot create the recovery folder: {exc.strerror or exc}", self.folder
            ) from None
        atomic_write_bytes(path, data)
        return path

    def remove(self, entry_id: str) -> None:
        """Forget an entry (after a clean save or close); a missing one is fine."""
        try:
            self.path_for(entry_id).unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            if exc.errno != errno.ENOENT:
                raise ArticleError(
                    f"cannot remove the recovery entry: {exc.strerror or exc}",
                    self.path_for(entry_id),
                ) from None

    def entries(self) -> list[RecoveryEntry]:
        """Every readable entry, newest first; unreadable ones go to ``problems``."""
        self.problems = []
        try:
            names = sorted(os.listdir(self.folder))
        except FileNotFoundError:
            return []
        except OSError as exc:
            self.problems.append(JournalProblem(self.folder, exc.strerror or str(exc)))
            return []
        found: list[RecoveryEntry] = []
        for name in names:
            if not name.endswith(_SUFFIX) or name.startswith("."):
                continue  # temporary files of an interrupted write, or foreign files
            path = self.folder / name
            try:
                found.append(_read_entry(path))
            except _Unusable as exc:
                self.problems.append(JournalProblem(path, str(exc)))
        found.sort(key=lambda entry: entry.saved_at, reverse=True)
        return found


class _Unusable(Exception):
    """A journal file that is not a complete entry of a format we know."""


def _read_entry(path: Path) -> RecoveryEntry:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _Unusable(f"cannot be read: {exc.strerror or exc}") from None
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _Unusable("is damaged (not valid JSON)") from None
    if not isinstance(record, dict) or record.get("kind") != _KIND:
        raise _Unusable("is not a recovery entry")
    if record.get("format") != FORMAT:
        raise _Unusable(f"has format {record.get('format')!r}; this version reads {FORMAT}")
    try:
        entry_id = _typed(record, "id", str)
        text = _typed(record, "text", str)
        title = _typed(record, "title", str)
        original = record.get("original_path")
        if original is not None and not isinstance(original, str):
            raise _Unusable("has an invalid original path")
        metadata = record.get("metadata", {})
        if not isinstance(metadata, dict):
            raise _Unusable("has invalid metadata")
        saved_at = _dt.datetime.fromisoformat(_typed(record, "saved_at", str))
        if saved_at.tzinfo is None:
            saved_at = saved_at.replace(tzinfo=_dt.UTC)
        pid = record.get("pid", 0)
        host = record.get("host", "")
        if not isinstance(pid, int) or not isinstance(host, str):
            raise _Unusable("has an invalid writer")
    except ValueError:
        raise _Unusable("has an invalid time") from None
    if path.name != f"{entry_id}{_SUFFIX}" or not _ID.match(entry_id):
        raise _Unusable("has an id that does not match its file name")
    if record.get("text_sha256") != _digest(text):
        raise _Unusable("is damaged (its text does not match its checksum)")
    return RecoveryEntry(
        id=entry_id,
        original_path=None if original is None else Path(original),
        saved_at=saved_at,
        title=title,
        text=text,
        metadata=metadata,
        pid=pid,
        host=host,
        journal_file=path,
    )


def _typed(record: dict[str, Any], key: str, kind: type) -> Any:
    value = record.get(key)
    if not isinstance(value, kind):
        raise _Unusable(f"has no valid {key!r}")
    return value


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _jsonable(value: Any) -> Any:
    """Front-matter values as JSON: dates as ISO text, bytes as base64, sets as lists."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [_jsonable(v) for v in items]
    if isinstance(value, _dt.date | _dt.time):  # datetime is a date too; TOML has times
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return repr(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True
