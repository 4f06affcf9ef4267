"""Which words changed between two short texts (a title, a link label).

A fix preview that shows "Now" and "After" side by side still hides the
change when the two differ in one word near the end; marking the words that
were removed and added makes the difference the first thing a reader sees.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

#: words and the spaces between them, so joining the pieces gives back the text
_TOKENS = re.compile(r"\s+|[^\s]+")

SAME = "same"
REMOVED = "removed"
ADDED = "added"


@dataclass(frozen=True)
class Piece:
    """A run of text that is the same on both sides, only in the old, or only in the new."""

    kind: str
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def word_diff(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """(pieces of ``old``, pieces of ``new``): each side's text split into same and changed runs.

    Joining a side's pieces gives that text back exactly. Spaces between two
    changed words count as changed, so "north quay" stays one marked run.
    """
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    left: list[Piece] = []
    right: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(left, SAME, "".join(a[i1:i2]))
            _add(right, SAME, "".join(b[j1:j2]))
            continue
        _add(left, REMOVED, "".join(a[i1:i2]))
        _add(right, ADDED, "".join(b[j1:j2]))
    return _tidy(left), _tidy(right)


def _add(pieces: list[Piece], kind: str, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].kind == kind:
        pieces[-1] = Piece(kind, pieces[-1].text + text)
    else:
        pieces.append(Piece(kind, text))


def _tidy(pieces: list[Piece]) -> list[Piece]:
    """A lone space between two changed runs is part of the change."""
    out: list[Piece] = []
    for index, piece in enumerate(pieces):
        between = 0 < index < len(pieces) - 1
        if (
            between
            and piece.kind == SAME
            and not piece.text.strip()
            and pieces[index - 1].kind == pieces[index + 1].kind != SAME
        ):
            piece = Piece(pieces[index - 1].kind, piece.text)
        _add(out, piece.kind, piece.text)
    return out


def changed_words(pieces: list[Piece]) -> list[str]:
    """The words of the changed runs, in order (for tests and screen readers)."""
    return [word for p in pieces if p.kind != SAME for word in p.text.split()]
