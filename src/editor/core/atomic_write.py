"""Replace a file so that a crash leaves either the old bytes or the new ones.

Truncating a file and writing into it is how editors lose articles on a power
cut or a full disk. We write a hidden temporary file beside the target, flush
and fsync it, give it the target's owner, group, extended attributes and
permissions, and rename it over the target; the directory is fsynced too so
the rename itself survives a crash. A file with hard links, or one whose
owner the new file could not get, is rewritten in place after its new text
is safe in a backup beside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from editor.core.errors import ArticleError
from editor.core.reading import kind_of_mode

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


#: The complete new text of an in-place save, kept beside the file until the
#: file itself holds it; one left behind means a save was cut off midway.
BACKUP_SUFFIX = ".in-place-backup"


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a crash leaves whole text; raise ArticleError on failure.

    The usual way is a temporary file renamed over the target (atomic). A
    rename makes a new file, though: it would split a hard link (the other
    names keep the old text) and, for a file someone else owns, change the
    owner to whoever saves. So when the file has more than one link, or its
    owner and group cannot be given to the new file, the file is rewritten
    in place instead, after its complete new text is safe in a backup beside
    it (vim's ``backupcopy=auto``).
    """
    target = resolve_target(Path(path))
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ArticleError(f"cannot save: {_explain(exc, target)}", path) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError("cannot save: a folder has that name", path)
        kind = kind_of_mode(info.st_mode)
        if kind is not None:
            raise ArticleError(f"cannot save: {kind} has that name; it was left alone", path)
        if not os.access(target, os.W_OK):
            # Renaming over a read-only file would succeed (the folder is what
            # counts), silently defeating the protection its owner set.
            raise ArticleError(
                "cannot save: the file is read-only; the file on disk was left as it was", path
            )
    try:
        if info is not None and (info.st_nlink > 1 or not _can_give_owner(info)):
            _write_in_place(target, data)
        else:
            try:
                _replace(target, data, info)
            except _OwnerRefused:
                # chown said no after all (root squashed on a network disk).
                _write_in_place(target, data)
    except ArticleError:
        raise
    except OSError as exc:
        raise ArticleError(f"cannot save: {_explain(exc, target)}", path) from None


class _OwnerRefused(Exception):
    """The new file could not be given the old one's owner; write in place instead."""


def _can_give_owner(info: os.stat_result) -> bool:
    """True when a new file can get the old one's owner and group (chown permits it)."""
    if os.name != "posix":
        return True  # no owners to keep in the POSIX sense
    euid = os.geteuid()
    if euid == 0:
        return True
    if info.st_uid != euid:
        return False
    return info.st_gid == os.getegid() or info.st_gid in os.getgroups()


def _replace(target: Path, data: bytes, info: os.stat_result | None) -> None:
    """The atomic way: a temporary file beside the target, renamed over it."""
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=TEMP_PREFIX + target.name + ".", suffix=TEMP_SUFFIX, dir=target.parent
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if info is not None:
            _copy_metadata(info, target, tmp_name)
        else:
            # mkstemp makes the file private; a new article gets the usual
            # permissions the user's umask gives.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(target.parent)
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _copy_metadata(info: os.stat_result, source: Path, tmp_name: str) -> None:
    """Give the new file the old one's owner, group, extended attributes (ACLs) and mode."""
    if os.name == "posix":
        tmp_info = os.stat(tmp_name)
        if (tmp_info.st_uid, tmp_info.st_gid) != (info.st_uid, info.st_gid):
            try:
                os.chown(tmp_name, info.st_uid, info.st_gid)
            except PermissionError:
                raise _OwnerRefused from None
    _copy_xattrs(source, tmp_name)
    # After chown, which may clear set-id bits, and after the ACL, which sets
    # the group bits: the mode is the old file's exactly.
    os.chmod(tmp_name, stat.S_IMODE(info.st_mode))


def _copy_xattrs(source: Path, destination: str) -> None:
    """Extended attributes, POSIX ACLs among them, where the platform lets Python read them."""
    listxattr = getattr(os, "listxattr", None)
    if listxattr is None:
        return
    try:
        names = listxattr(source)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):  # e.g. security.* needs privileges; keep the rest
            os.setxattr(destination, name, os.getxattr(source, name))


def _write_in_place(target: Path, data: bytes) -> None:
    """Rewrite the file's own bytes, with the full new text safe in a backup first.

    The order makes every crash recoverable: until the backup is whole the
    file is untouched; while the file is rewritten the backup holds the new
    text; once the file is whole and fsynced the backup goes. Hard links,
    owner, group, mode, extended attributes and ACLs stay: it is the same file.
    """
    fd, backup = tempfile.mkstemp(
        prefix=TEMP_PREFIX + target.name + ".", suffix=BACKUP_SUFFIX, dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(backup)
        raise
    out = os.open(target, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        old = _read_all(out)
        try:
            _rewrite(out, data)
        except OSError as exc:
            # Put the old bytes back (they fit: their blocks are still
            # allocated); only if that fails too is the backup the copy to use.
            try:
                _rewrite(out, old)
            except OSError:
                raise ArticleError(
                    f"cannot save: {exc.strerror or exc}; the file is incomplete and its "
                    f"whole new text is in {backup}",
                    target,
                ) from None
            with contextlib.suppress(OSError):
                os.unlink(backup)
            raise
    finally:
        os.close(out)
    os.unlink(backup)
    _fsync_dir(target.parent)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _rewrite(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def in_place_backups(target: str | Path) -> list[Path]:
    """Backups an in-place save to ``target`` left when it was cut off (the whole new text)."""
    path = Path(target)
    prefix = f"{TEMP_PREFIX}{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return sorted(
        path.parent / n for n in names if n.startswith(prefix) and n.endswith(BACKUP_SUFFIX)
    )


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
