"""Comparing front-matter values the way a save must."""

from __future__ import annotations

import math
from typing import Any


def same_value(old: Any, new: Any) -> bool:
    """Equal as front-matter values, all the way down.

    ``True == 1`` in Python but not in a file, also inside a list; and NaN
    must equal NaN, or an untouched ``nan`` would count as changed.
    """
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(same_value(old[k], new[k]) for k in old)
    if isinstance(old, list):
        return len(old) == len(new) and all(same_value(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, float) and math.isnan(old):
        return math.isnan(new)
    return bool(old == new)


def is_link_like(value: Any) -> bool:
    """A non-empty mapping of plain values (a prev/next link): written on one line."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(not isinstance(v, dict | list) for v in value.values())
    )


def _has_lone_lf(text: str) -> bool:
    return text.count("\n") != text.count("\r\n")


def with_newline(written: str, original: str, newline: str) -> str:
    """``written`` with the file's CRLF endings where a library wrote bare LFs.

    Left alone when the original already mixed endings: a multi-line string
    holding a bare LF must keep it.
    """
    if newline != "\r\n" or _has_lone_lf(original) or not _has_lone_lf(written):
        return written
    return written.replace("\r\n", "\n").replace("\n", "\r\n")


def deeper_than(value: Any, limit: int) -> bool:
    """True when lists and mappings nest more than ``limit`` levels below ``value``."""
    stack = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(current, dict):
            stack.extend((v, depth + 1) for v in current.values())
        elif isinstance(current, list):
            stack.extend((v, depth + 1) for v in current)
    return False
