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
