"""The one way the editor reads a file it did not write itself.

A path on a real disk can name anything: a link to ``/dev/zero`` never ends,
a named pipe blocks ``open`` until someone writes to it, a socket cannot be
opened at all, and a ``/proc`` file says it is empty while it is not. Every
reader (the window, the library scan, the file watcher, the command line,
import, export, recovery) goes through ``read_regular_file`` so that each of
these is refused by name at once instead of hanging the program or filling
its memory.

The path is checked with ``stat`` first, so a device is never even opened
(opening a tape or a terminal has effects); it is then opened with
``O_NONBLOCK`` and checked again with ``fstat`` on the open descriptor, so a
file swapped for a pipe in between is caught too. The size limit is enforced
on the bytes actually read, never on what ``stat`` claims; a file whose
``fstat`` size is already over the limit is refused before a byte is read,
with its size in the message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from editor.core.errors import ArticleError

#: open flags: never wait for a writer, never become a controlling terminal
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 20


class SpecialFileError(ArticleError):
    """The path names something other than a regular file (a device, a pipe, a folder)."""


class MissingFileError(ArticleError):
    """Nothing has that name (or a link points nowhere)."""


class TooLargeError(ArticleError):
    """The file holds more bytes than the reader accepts."""


def kind_of_mode(mode: int) -> str | None:
    """What a non-regular file is, in words a writer knows; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def special_file_message(kind: str) -> str:
    """The message for a path that is not a regular file."""
    if kind == "a folder":
        return "this is a folder, not a file"
    return f"this is {kind}, not a regular file; it is not read"


def os_error_message(exc: OSError) -> str:
    """An OSError from reading, said the way the editor says it."""
    if isinstance(exc, FileNotFoundError):
        return "the file does not exist"
    if exc.errno == errno.ELOOP:
        return "the path is a symbolic link that loops"
    if isinstance(exc, PermissionError):
        return "permission denied when reading the file"
    if exc.errno == errno.ENXIO:
        return special_file_message("a socket")
    if exc.errno == errno.ENAMETOOLONG:
        return "the path is too long"
    return f"cannot read the file: {exc.strerror or exc}"


def _raise_for(exc: OSError, path: str | Path) -> ArticleError:
    if isinstance(exc, FileNotFoundError):
        return MissingFileError(os_error_message(exc), path)
    return ArticleError(os_error_message(exc), path)


def too_large_message(size: int | None, limit: int, label: str = "files") -> str:
    """Why a file over the limit is not read: its size (when known) and the limit.

    ``size`` is None when only the bytes read tell (a ``/proc``-like file
    that reports no size).
    """
    if size is None or size <= limit:
        return (
            f"the file is larger than {_megabytes(limit)} MB; {label} larger than that are not read"
        )
    return (
        f"the file is {_size_in_words(size)}; "
        f"{label} larger than {_megabytes(limit)} MB are not read"
    )


def _too_large(path: str | Path, limit: int, label: str, size: int | None = None) -> TooLargeError:
    return TooLargeError(too_large_message(size, limit, label), path)


def _megabytes(limit: int) -> str:
    value = limit / 1_048_576
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _size_in_words(size: int) -> str:
    if size >= 1_073_741_824:
        return f"{size / 1_073_741_824:.1f} GB"
    return f"{size / 1_048_576:.1f} MB"


def read_regular_file(path: str | Path, limit: int, *, label: str = "files") -> bytes:
    """The bytes of a regular file, at most ``limit`` of them (more is an ArticleError).

    A file that says it is larger is refused before anything is read: a 50 MB
    file answers at once, with its size, instead of after reading the limit.
    """
    try:
        fd, st = _open_regular(path, None)
        try:
            if st.st_size > limit:
                raise _too_large(path, limit, label, st.st_size)
            data = _read_fd(fd, limit + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _raise_for(exc, path) from None
    if len(data) > limit:
        raise _too_large(path, limit, label)
    return data


def open_regular(path: str | Path) -> int:
    """A read-only descriptor on a regular file; OSError or SpecialFileError otherwise."""
    return _open_regular(path, None)[0]


def _open_regular(path: str | Path, known_mode: int | None) -> tuple[int, os.stat_result]:
    """``open_regular`` and the descriptor's ``fstat``.

    ``known_mode`` is the mode a ``stat`` of the path just returned (a scan
    has it from its listing); the path is then not asked again before opening.
    """
    kind = kind_of_mode(os.stat(path).st_mode if known_mode is None else known_mode)
    if kind is not None:
        raise SpecialFileError(special_file_message(kind), path)
    fd = os.open(path, _FLAGS)
    try:
        st = os.fstat(fd)
    except OSError:
        os.close(fd)
        raise
    kind = kind_of_mode(st.st_mode)
    if kind is not None:
        os.close(fd)
        raise SpecialFileError(special_file_message(kind), path)
    return fd, st


def _read_fd(fd: int, count: int, known_size: int = -1) -> bytes:
    """Up to ``count`` bytes; ``known_size`` (the descriptor's fstat size) ends reading early.

    Without it the loop ends on the empty read that says end of file; with
    it, a file that holds exactly what fstat says costs one read, not two.
    A ``/proc``-like file that reports size 0 is still read to its end.
    """
    chunks: list[bytes] = []
    got = 0
    while got < count:
        chunk = os.read(fd, min(_CHUNK, count - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        if got == known_size:
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_head(path: str | Path, count: int, known_mode: int | None = None) -> bytes:
    """Up to ``count`` bytes from the start of a regular file.

    Raises OSError as the system reports it (the library scan sorts those
    into its own problem codes) and SpecialFileError for anything that is
    not a regular file, before opening it when ``stat`` (or ``known_mode``,
    the mode the caller's own ``stat`` just returned) already tells. Reading
    stops at the size the open file reports, once that many bytes came: a
    head is an index's business, and the whole-file readers above keep
    counting to the end.
    """
    fd, st = _open_regular(path, known_mode)
    try:
        return _read_fd(fd, count, st.st_size if st.st_size > 0 else -1)
    finally:
        os.close(fd)


#: Exports copy images, audio and video; nothing an article uses is larger.
MAX_COPY_BYTES = 2 * 1024 * 1024 * 1024


def copy_regular_file(source: str | Path, destination: str | Path) -> None:
    """Copy a regular file whose bytes are what ``fstat`` says they are.

    A ``/proc``-like file reports one size and yields other bytes (often
    the process's own secrets); such a file, anything that is not a regular
    file, and anything over MAX_COPY_BYTES raise ArticleError and leave no
    destination behind.
    """
    try:
        fd = open_regular(source)
    except OSError as exc:
        raise _raise_for(exc, source) from None
    with os.fdopen(fd, "rb") as reader:
        expected = os.fstat(reader.fileno()).st_size
        if expected > MAX_COPY_BYTES:
            raise _too_large(source, MAX_COPY_BYTES, "files")
        copied = 0
        try:
            with open(destination, "wb") as writer:
                while copied <= expected:
                    chunk = reader.read(min(_CHUNK, expected + 1 - copied))
                    if not chunk:
                        break
                    writer.write(chunk)
                    copied += len(chunk)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(destination)
            raise
    if copied != expected:
        with contextlib.suppress(OSError):
            os.unlink(destination)
        raise ArticleError(
            "its size is not what the system reports (a /proc-like file or one being written)",
            source,
        )
