"""Build small libraries of articles in a test's temporary folder."""

from __future__ import annotations

import builtins
import errno
import json
import os
from pathlib import Path

import pytest

LinkSpec = str | tuple[str, str] | None


def _link(key: str, spec: LinkSpec) -> str:
    if spec is None:
        return ""
    if isinstance(spec, str):
        return f"{key}: {json.dumps(spec)}\n"
    title, path = spec
    return f"{key}:\n  title: {json.dumps(title)}\n  path: {path}\n"


def write_article(
    folder: Path,
    name: str,
    title: str | None = "A real headline",
    summary: str | None = "A short summary of the piece.",
    prev: LinkSpec = None,
    next: LinkSpec = None,
    extra: str = "",
    body: str = "Some text of the article.\n",
) -> Path:
    """Write one article; ``prev``/``next`` are a title, or (title, path)."""
    lines = []
    if title is not None:
        lines.append(f"title: {json.dumps(title)}\n")
    if summary is not None:
        lines.append(f"summary: {json.dumps(summary)}\n")
    lines.append(_link("prev", prev))
    lines.append(_link("next", next))
    lines.append(extra)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + "".join(lines) + "---\n" + body, encoding="utf-8")
    return path


def write_chain(folder: Path, titles: list[str], by_path: bool = True) -> list[Path]:
    """A correct series: each article links to its neighbours both ways."""
    names = [f"{i + 1:02d}.md" for i in range(len(titles))]
    paths = []
    for i, title in enumerate(titles):
        prev: LinkSpec = None
        nxt: LinkSpec = None
        if i > 0:
            prev = (titles[i - 1], names[i - 1]) if by_path else titles[i - 1]
        if i + 1 < len(titles):
            nxt = (titles[i + 1], names[i + 1]) if by_path else titles[i + 1]
        paths.append(write_article(folder, names[i], title, prev=prev, next=nxt))
    return paths


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every file, to prove nothing was written."""
    result: dict[str, tuple[bytes, int]] = {}
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue
            try:
                result[str(path)] = (path.read_bytes(), path.stat().st_mtime_ns)
            except OSError:
                continue
    return result


def deny_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make ``path`` unreadable the way chmod 000 does for a normal user (tests run as root)."""
    real_os_open = os.open
    real_open = builtins.open

    def os_open(file: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_os_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    def open_(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
