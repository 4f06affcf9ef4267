"""Offline spell checking of the prose in a markdown article.

Only words a reader sees as prose are checked: code spans, fenced and
indented code, URLs, link targets, HTML tags and reference definitions are
skipped, because flagging ``def`` or ``https://example.org`` teaches writers
to ignore the underlines. Word lists come from pyspellchecker, which ships
them inside its wheel, so checking works without a network or a system
library. Answers are cached per word: an article repeats the same few
thousand words, so after the first screen almost every lookup is a dict hit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.atomic_write import atomic_write_bytes
from editor.core.extra_words import extra_words

if TYPE_CHECKING:
    from spellchecker import SpellChecker as _WordList

#: Languages whose word lists pyspellchecker ships, with the names shown to users.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "ru": "Russian",
    "ar": "Arabic",
    "eu": "Basque",
    "lv": "Latvian",
    "fa": "Persian",
}
DEFAULT_LANGUAGE = "en"


@cache
def _word_list_folder() -> Path | None:
    """pyspellchecker's folder of word lists, found without importing the package.

    Importing it is part of loading a list, which waits until after the window's
    first paint; the menus only need to know which lists are there.
    """
    try:
        spec = find_spec("spellchecker")
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    return Path(locations[0]) / "resources" if locations else None


def available_languages() -> dict[str, str]:
    """The languages whose word lists are installed (a frozen build may ship fewer)."""
    folder = _word_list_folder()
    if folder is None:
        return {}
    return {
        code: name for code, name in LANGUAGES.items() if (folder / f"{code}.json.gz").is_file()
    }


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s")
_HTML_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")

# Stretches of a line that are not prose, in the order they are blanked out.
_SKIP = re.compile(
    r"(?P<code>(`+)(?!`).+?(?<!`)\2(?!`))"  # `code span`
    r"|<(?:https?|mailto|ftp):[^>\s]*>"  # <https://autolink>
    r"|<!--.*?(?:-->|$)"  # <!-- comment -->
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"  # <tag attr="...">
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # ](target "title")
    r"|\]\[[^\]]*\]"  # ][reference label]
    r"|\[\^[^\]]*\]"  # [^footnote]
    r"|\{[#.:][^}]*\}"  # {#heading-id .class}
    r"|(?:https?|ftp)://\S+|www\.\S+"  # bare URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|&#?\w+;"  # &amp; entities
    r"|(?<!\w)[~/.]?[\w.-]*/[\w./-]+"  # paths like images/a.png or /usr/bin
)
_WORD = re.compile(r"\w(?:[\w'’]*\w)?")
_INNER_CAPITAL = re.compile(r".[A-Z]")


@dataclass(frozen=True)
class Word:
    """A prose word and where it sits in the text that was tokenised."""

    start: int
    end: int
    text: str


def is_code_line(line: str) -> bool:
    """Indented code as the highlighter shows it: four spaces or a tab, not a list item."""
    return line.startswith(("    ", "\t")) and not _LIST.match(line)


def line_words(line: str) -> list[Word]:
    """Prose words of one line that is known to be outside fenced code."""
    if not line or is_code_line(line) or _REF_DEF.match(line) or _HTML_COMMENT_LINE.match(line):
        return []
    if _FENCE.match(line):
        return []
    masked = _SKIP.sub(lambda m: " " * (m.end() - m.start()), line)
    words: list[Word] = []
    for match in _WORD.finditer(masked):
        words.extend(_split_word(match.start(), match.group()))
    return words


def _split_word(start: int, text: str) -> Iterator[Word]:
    """Words worth a lookup: no digits (3rd, mp4), snake_case, ACRONYMS or camelCase."""
    if "_" in text or any(ch.isdigit() for ch in text):
        return
    if len(text) > 1 and text.isupper():
        return
    if _INNER_CAPITAL.search(text.replace("'", "").replace("’", "")):
        return
    yield Word(start, start + len(text), text)


def prose_words(text: str) -> list[Word]:
    """Every prose word of a whole markdown body, with offsets into ``text``."""
    words: list[Word] = []
    fence: str | None = None
    offset = 0
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        else:
            words.extend(Word(w.start + offset, w.end + offset, w.text) for w in line_words(line))
        offset += len(line) + 1
    return words


def _normal(word: str) -> str:
    return word.replace("’", "'").lower()


class SpellChecker:
    """One language's word list, the user's own words and a per-word answer cache.

    The user dictionary is a UTF-8 file of one word per line; the caller says
    where it lives, so tests and the command line never touch the user's own.
    """

    def __init__(
        self, language: str = DEFAULT_LANGUAGE, user_dictionary: Path | None = None
    ) -> None:
        self._language = language if language in available_languages() else DEFAULT_LANGUAGE
        self._word_list: _WordList | None = None
        self._user_dictionary = user_dictionary
        self._user_words: set[str] = set(self._read_user_words())
        self._ignored: set[str] = set()
        self._cache: dict[str, bool] = {}
        #: known words by first letter and length, for suggestions two edits away
        self._index: dict[tuple[str, int], list[str]] | None = None

    # ---------------------------------------------------------------- setup
    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        """Switch word lists; the new list loads on the next lookup."""
        if language not in available_languages():
            raise ValueError(f"no word list for language {language!r}")
        if language != self._language:
            self._language = language
            self._word_list = None
            self._index = None
            self._cache.clear()

    @property
    def ready(self) -> bool:
        """True when the word list is in memory: a lookup will not have to load it."""
        return self._word_list is not None

    def load(self) -> None:
        """Load the current language's word list now (the window does it off its thread)."""
        self._words()

    def _words(self) -> _WordList:
        # Loading a list takes a few tenths of a second: only when first needed.
        word_list = self._word_list
        if word_list is None:
            from spellchecker import SpellChecker as WordList

            language = self._language
            word_list = WordList(language=language, distance=2)
            if language == self._language:  # not switched while loading in another thread
                self._word_list = word_list
        return word_list

    @property
    def user_words(self) -> frozenset[str]:
        return frozenset(self._user_words)

    def _read_user_words(self) -> Iterable[str]:
        path = self._user_dictionary
        if path is None or not path.is_file():
            return ()
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ()  # an unreadable dictionary must not stop the editor from starting
        return (_normal(line.strip()) for line in text.splitlines() if line.strip())

    # --------------------------------------------------------------- lookups
    def is_correct(self, word: str) -> bool:
        known = self._cache.get(word)
        if known is None:
            known = self._check(word)
            self._cache[word] = known
        return known

    def _check(self, word: str) -> bool:
        normal = _normal(word)
        if normal in self._user_words or normal in self._ignored:
            return True
        words = self._words().word_frequency
        extra = extra_words(self._language)
        if normal in words or normal in extra:
            return True
        # Possessives of names and new words: "Ada's" is right when "Ada" is.
        if normal.endswith("'s"):
            stem = normal[:-2]
            return (
                stem in words or stem in extra or stem in self._user_words or stem in self._ignored
            )
        if self._language == "en":
            # The English list spells the American way; British and Commonwealth
            # writers' "harbour", "metres", "programme" are right too.
            return any(variant in words for variant in american_variants(normal))
        return False

    def misspelled(self, text: str) -> list[Word]:
        """Misspelled prose words of one line outside fenced code."""
        return [w for w in line_words(text) if not self.is_correct(w.text)]

    def misspelled_ranges(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of each misspelled word in one line: what the highlighter needs."""
        return [(w.start, w.end - w.start) for w in self.misspelled(text)]

    def suggestions(self, word: str, limit: int = 8) -> list[str]:
        """Likely corrections, most common first, in the word's own capitalisation."""
        normal = _normal(word)
        words = self._words()
        found = words.known(words.edit_distance_1(normal)) or self._near(normal)
        found.discard(normal)
        ranked = sorted(
            found, key=lambda w: (edit_distance(normal, w), -words.word_usage_frequency(w), w)
        )[:limit]
        return [_match_case(word, s) for s in ranked]

    def _near(self, normal: str, limit: int = 2) -> set[str]:
        """Words within ``limit`` edits that share the first letter.

        pyspellchecker builds every string two edits away, which takes seconds
        for a long word; comparing against the few thousand words of a similar
        length that start alike takes milliseconds. A typo in the very first
        letter is rare and is still found when it is a single edit.
        """
        if not normal:
            return set()
        if self._index is None:
            index: dict[tuple[str, int], list[str]] = {}
            for known in self._words().word_frequency.dictionary:
                index.setdefault((known[:1], len(known)), []).append(known)
            self._index = index
        first, size = normal[0], len(normal)
        return {
            known
            for length in range(size - limit, size + limit + 1)
            for known in self._index.get((first, length), ())
            if edit_distance(normal, known, limit) <= limit
        }

    # --------------------------------------------------------- user's words
    def add_to_dictionary(self, word: str) -> None:
        """Accept ``word`` from now on, in every article, and remember it in the file."""
        normal = _normal(word)
        if normal in self._user_words:
            return
        self._user_words.add(normal)
        self._forget(normal)
        if self._user_dictionary is not None:
            text = "".join(f"{w}\n" for w in sorted(self._user_words))
            self._user_dictionary.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self._user_dictionary, text.encode("utf-8"))

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the editor closes (a name that appears in one article)."""
        normal = _normal(word)
        self._ignored.add(normal)
        self._forget(normal)

    def _forget(self, normal: str) -> None:
        for cached in [w for w in self._cache if _normal(w) == normal]:
            del self._cache[cached]


_BRITISH_ENDINGS: tuple[tuple[str, str], ...] = (
    ("our", "or"),  # harbour, colour
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ourite", "orite"),
    ("ourites", "orites"),
    ("tre", "ter"),  # metre, centre, theatre
    ("tres", "ters"),
    ("bre", "ber"),  # fibre
    ("bres", "bers"),
    ("mme", "m"),  # programme
    ("mmes", "ms"),
    ("ise", "ize"),  # organise
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("yse", "yze"),  # analyse
    ("ysed", "yzed"),
    ("ysing", "yzing"),
    ("ence", "ense"),  # licence, defence
    ("ogue", "og"),  # catalogue
    ("ogues", "ogs"),
    ("elled", "eled"),  # travelled
    ("elling", "eling"),
    ("eller", "eler"),
)


def american_variants(word: str) -> list[str]:
    """American spellings a British or Commonwealth spelling may stand for."""
    variants = []
    for british, american in _BRITISH_ENDINGS:
        if word.endswith(british) and len(word) > len(british) + 1:
            variants.append(word[: -len(british)] + american)
    return variants


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment distance: a swap of neighbours counts as one typo.

    With ``limit``, stops as soon as the distance must exceed it (and returns
    ``limit + 1``): most words are far apart and are rejected in a few rows.
    """
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if limit is not None and min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _match_case(original: str, suggestion: str) -> str:
    if original.isupper() and len(original) > 1:
        return suggestion.upper()
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
