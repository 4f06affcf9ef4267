"""Clear away temporary files that killed saves left beside an article.

A save killed between writing its hidden temporary file and renaming it
leaves that file behind (the article itself is whole; see atomic_write).
They are hidden and never taken for articles, but they pile up and hold
old text. One left for longer than any save could take is garbage; a fresh
one may belong to a save in progress in another window, so it stays.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from editor.core.atomic_write import TEMP_PREFIX, TEMP_SUFFIX

#: No save takes this long; a temporary file older than this is abandoned.
STALE_AFTER_SECONDS = 15 * 60


def stale_temporary_files(
    target: str | Path, older_than: float = STALE_AFTER_SECONDS
) -> list[Path]:
    """Abandoned temporary files of saves to ``target`` (regular files only, never links)."""
    path = Path(target)
    prefix = f"{TEMP_PREFIX}{path.name}."
    cutoff = time.time() - older_than
    found: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    for name in names:
        if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
            continue
        candidate = path.parent / name
        try:
            info = candidate.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_mtime <= cutoff:
            found.append(candidate)
    return sorted(found)


def remove_stale_temporary_files(
    target: str | Path, older_than: float = STALE_AFTER_SECONDS
) -> int:
    """Delete them; returns how many went. Failures are ignored: this is tidying only."""
    removed = 0
    for candidate in stale_temporary_files(target, older_than):
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed += 1
    return removed
