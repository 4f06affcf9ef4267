"""Where two versions of a text differ: what an editor's helpers need to update locally.

The outline, the word count and the hazard check each keep what they found in
the previous version of the body and redo only the stretch an edit touched;
this finds that stretch by comparing the two versions from both ends, in
slices, so the comparison runs at memory speed instead of character by
character in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STEP = 1 << 14


@dataclass(frozen=True, slots=True)
class EditSpan:
    """``old[start:old_end]`` became ``new[start:new_end]``; the rest is the same."""

    start: int
    old_end: int
    new_end: int

    @property
    def delta(self) -> int:
        """How far text after the edit moved."""
        return self.new_end - self.old_end


def _prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    lo = 0
    while lo + _STEP <= n and a[lo : lo + _STEP] == b[lo : lo + _STEP]:
        lo += _STEP
    hi = min(lo + _STEP, n)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _suffix(a: str, b: str, limit: int) -> int:
    la, lb = len(a), len(b)
    n = min(limit, la, lb)
    lo = 0
    while lo + _STEP <= n and a[la - lo - _STEP : la - lo] == b[lb - lo - _STEP : lb - lo]:
        lo += _STEP
    hi = min(lo + _STEP, n)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def edit_span(old: str, new: str) -> EditSpan:
    """The smallest stretch that changed between ``old`` and ``new``."""
    start = _prefix(old, new)
    tail = _suffix(old, new, min(len(old), len(new)) - start)
    return EditSpan(start, len(old) - tail, len(new) - tail)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraph_start(body: str, pos: int) -> int:
    """Start of the line after the last blank line that ends at or before ``pos`` (or 0)."""
    window = 4096
    while True:
        low = max(0, pos - window)
        starts = [m.end() for m in _PARAGRAPH_BREAK.finditer(body, low, pos)]
        if starts:
            return starts[-1]
        if low == 0:
            return 0
        window *= 4
