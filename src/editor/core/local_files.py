"""Which local files an article may pull into its export or its preview.

An article received from elsewhere can name any file on the reader's disk:
``![p](/etc/passwd)``, ``../../secret.txt``, ``file:///etc/hostname``, a
``<video src="/proc/self/environ">``. Copying those into an exported site
publishes the exporter's own files. So a reference is used only when it is
relative, stays inside the article's library folder (the root) both as
written and after following symbolic links, and names a regular file.
Everything else is refused with a reason the writer can act on; a wider
root can be allowed explicitly (``export --root``).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from editor.core.reading import kind_of_mode

_WINDOWS_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")


@dataclass(frozen=True)
class Refused:
    """A reference that is not used, and why."""

    reference: str
    reason: str


@dataclass(frozen=True)
class Missing:
    """A reference to a file inside the root that does not exist."""

    reference: str


def resolve_local_reference(
    url: str, article_dir: Path, root: Path
) -> Path | Refused | Missing | None:
    """The real file ``url`` names when the article may use it.

    None when the address is not a local file at all (remote, ``data:``, a
    fragment, ``mailto:``): other rules apply to those.
    """
    address = url.strip()
    if not address:
        return None
    if _WINDOWS_DRIVE.match(address) or address.startswith("\\\\"):
        return Refused(url, "an absolute path; only files inside the library folder are used")
    parts = urlsplit(address)
    scheme = parts.scheme.lower()
    if scheme == "file":
        return Refused(
            url, "a file: address; only relative paths inside the library folder are used"
        )
    if scheme or parts.netloc or address.startswith("//") or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith(("/", "\\")) or os.path.isabs(path):
        return Refused(url, "an absolute path; only files inside the library folder are used")
    try:
        root_real = root.resolve()
        written = Path(os.path.normpath(article_dir.resolve() / path))
    except (OSError, RuntimeError):
        return Refused(url, "the library folder cannot be resolved")
    if not _inside(written, root_real):
        return Refused(url, "'..' leads outside the library folder")
    try:
        real = written.resolve(strict=True)
    except FileNotFoundError:
        return Missing(url)
    except (OSError, RuntimeError):
        return Refused(url, "a symbolic link that loops")
    if not _inside(real, root_real):
        return Refused(url, "a symbolic link that leads outside the library folder")
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        return Refused(url, f"cannot be read: {exc.strerror or exc}")
    if stat.S_ISDIR(mode):
        return Refused(url, "a folder, not a file")
    kind = kind_of_mode(mode)
    if kind is not None:
        return Refused(url, f"{kind}, not a regular file")
    return real


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def line_of_reference(body: str, reference: str, first_line: int) -> int | None:
    """The file line where ``reference`` is written in ``body`` (which starts at ``first_line``)."""
    for form in (reference, reference.replace("&", "&amp;")):
        at = body.find(form)
        if at >= 0:
            return first_line + body.count("\n", 0, at)
    return None
