"""Replace a file so that a crash leaves either the old bytes or the new ones.

Truncating a file and writing into it is how editors lose articles on a power
cut or a full disk. We write a hidden temporary file beside the target, flush
and fsync it, give it the target's permissions, and rename it over the target;
the directory is fsynced too so the rename itself survives a crash.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from editor.core.errors import ArticleError

#: Temporary files start with this prefix and end with TEMP_SUFFIX, so the
#: library scan and site generators never take one for an article.
TEMP_PREFIX = ".~article-editor-"
TEMP_SUFFIX = ".tmp"


def _explain(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full; the file on disk was left as it was"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; the file on disk was left as it was"
    if exc.errno == errno.EROFS:
        return "the disk is read-only; the file on disk was left as it was"
    if exc.errno == errno.ENOENT:
        return f"the folder {path.parent} no longer exists"
    if exc.errno == errno.EISDIR:
        return "a folder has that name"
    return f"{exc.strerror or exc}; the file on disk was left as it was"


def resolve_target(path: Path) -> Path:
    """Write through a symlink to its target, so the link itself stays a link."""
    try:
        return path.resolve(strict=False) if path.is_symlink() else path
    except (OSError, RuntimeError):  # a symlink loop
        raise ArticleError("the path is a symbolic link that loops", path) from None


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raise ArticleError, never leave it half-written."""
    target = resolve_target(Path(path))
    if target.is_dir():
        raise ArticleError("cannot save: a folder has that name", path)
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ArticleError(f"cannot save: {_explain(exc, target)}", path) from None
    if mode is not None and not os.access(target, os.W_OK):
        # Renaming over a read-only file would succeed (the folder is what
        # counts), silently defeating the protection its owner set.
        raise ArticleError(
            "cannot save: the file is read-only; the file on disk was left as it was", path
        )

    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=TEMP_PREFIX + target.name + ".", suffix=TEMP_SUFFIX, dir=target.parent
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        else:
            # mkstemp makes the file private; a new article gets the usual
            # permissions the user's umask gives.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(target.parent)
    except OSError as exc:
        raise ArticleError(f"cannot save: {_explain(exc, target)}", path) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_temporary_file(name: str) -> bool:
    """True for the files atomic_write_bytes leaves behind only if killed mid-save."""
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)
