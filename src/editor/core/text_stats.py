"""Counts a writer watches while typing: words, characters, reading time."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: Typical adult silent reading speed for news prose.
WORDS_PER_MINUTE = 230

_WORD = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")


@dataclass(frozen=True)
class TextStats:
    words: int
    characters: int

    @property
    def reading_minutes(self) -> int:
        """Whole minutes, at least one for any non-empty text (what readers expect to see)."""
        if self.words == 0:
            return 0
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def text_stats(text: str) -> TextStats:
    return TextStats(count_words(text), len(text))


_SPACE = re.compile(r"\s")
#: About how many characters one cached count covers.
CHUNK_CHARS = 4_096


class WordCounter:
    """Word counts of successive versions of one text, recounting only what an edit touched.

    Counting a 2 MB article from scratch takes about 100 ms of interpreter
    time, on every keystroke. The text is cut into chunks at whitespace
    (no word spans whitespace, so chunk counts add up to the whole count);
    an edit recounts the chunks it touched.
    """

    def __init__(self) -> None:
        self._text = ""
        #: chunk k is ``text[bounds[k]:bounds[k + 1]]``; each inner bound is at whitespace
        self._bounds: list[int] = [0, 0]
        self._counts: list[int] = [0]
        self._total = 0

    def stats(self, text: str) -> TextStats:
        """The counts of ``text``, the next version of the text counted before."""
        if text is not self._text:
            self._update(text)
        return TextStats(self._total, len(text))

    def _chunks(self, text: str, start: int, end: int) -> tuple[list[int], list[int]]:
        """Inner bounds and counts of ``text[start:end]`` cut into chunks."""
        inner: list[int] = []
        counts: list[int] = []
        pos = start
        while end - pos > 2 * CHUNK_CHARS:
            cut = _SPACE.search(text, pos + CHUNK_CHARS, end - CHUNK_CHARS)
            if cut is None:
                break
            counts.append(sum(1 for _ in _WORD.finditer(text, pos, cut.start())))
            inner.append(cut.start())
            pos = cut.start()
        counts.append(sum(1 for _ in _WORD.finditer(text, pos, end)))
        return inner, counts

    def _update(self, text: str) -> None:
        from bisect import bisect_left, bisect_right

        from editor.core.edit_span import edit_span

        old = self._text
        bounds = self._bounds
        span = edit_span(old, text)
        # A bound stays valid while the whitespace character at it is unchanged.
        first = bisect_right(bounds, span.start) - 1
        if first > 0 and bounds[first] >= span.start:
            first -= 1
        last = max(first + 1, bisect_left(bounds, span.old_end))
        if last < len(bounds) - 1 and bounds[last] < span.old_end:
            last += 1
        start = bounds[first]
        end = bounds[last] + span.delta if last < len(bounds) - 1 else len(text)
        inner, counts = self._chunks(text, start, end)
        self._counts[first:last] = counts
        self._bounds = (
            bounds[: first + 1] + inner + [b + span.delta for b in bounds[last:-1]] + [len(text)]
        )
        self._total = sum(self._counts)
        self._text = text
