"""What every front-matter format offers the article: find, read, rewrite.

YAML (``---``), TOML (``+++``) and JSON (``{``) front matter hold the same
article fields; the article model talks to one small interface so that a
save keeps the file's own format and changes only what the user changed,
whichever format that is.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

#: A value as the file spells it: the source text of a scalar, and lists and
#: mappings of spellings for collections, so the panel can show ``no`` where
#: the file says ``no`` instead of a reader's guess such as ``False``.
Spelled = str | list["Spelled"] | dict[str, "Spelled"]


@dataclass(frozen=True)
class Region:
    """Where a file's front matter sits in its text (BOM already removed).

    ``start``/``end`` bound the text the codec parses: between the fences for
    YAML and TOML, the whole object with its braces for JSON. The body starts
    at ``body_start``; ``first_line`` is the 0-based line of ``start``.
    """

    start: int
    end: int
    body_start: int
    first_line: int


class ParsedFrontMatter(ABC):
    """The values of one file's front matter and where each one sits."""

    def __init__(self, data: dict[str, Any]) -> None:
        #: every key as read, in file order, as plain Python values
        self.data = data

    @abstractmethod
    def position(self, key: str, sub: str | None = None) -> tuple[int, int] | None:
        """1-based (line, column) in the file of ``key``'s value (or of ``key.sub``)."""

    @abstractmethod
    def key_lines(self) -> dict[str, int]:
        """1-based line of each top-level key (the last one when a key repeats)."""

    def field_lines(self, keys: tuple[str, ...]) -> dict[str, int]:
        """``key_lines`` for just these keys; formats override it with a quicker search."""
        return {key: line for key, line in self.key_lines().items() if key in keys}

    @abstractmethod
    def spelled(self, key: str) -> Spelled | None:
        """``key``'s value as the file writes it; None when the key is absent."""

    def source(self, key: str) -> str | None:
        """The file's own text of ``key``'s value when it is written in one piece.

        A scalar, or a collection in brackets or braces (a flow list, an
        inline table, any JSON value), exactly as written, line breaks
        included; None for a collection written as a block of lines (a YAML
        block list, a TOML table) and for an absent key.
        """
        return None


class Codec(ABC):
    """One front-matter format."""

    #: short name kept in preferences and the index cache: "yaml", "toml", "json"
    name: str
    #: how messages and menus name it
    label: str

    @abstractmethod
    def find(self, text: str, path: str | None = None) -> Region | None:
        """The front matter at the top of ``text``; None when it does not start this format.

        Raises ArticleError when the format opens but never closes.
        """

    @abstractmethod
    def parse(self, text: str, region: Region, path: str | None = None) -> ParsedFrontMatter:
        """Read the front matter; ArticleError with line and column when it is broken."""

    @abstractmethod
    def rewrite(
        self,
        text: str,
        region: Region,
        parsed: ParsedFrontMatter,
        new: dict[str, Any],
        newline: str,
    ) -> str:
        """New text for ``text[region.start:region.end]`` holding ``new``; only changes change."""

    @abstractmethod
    def new_block(self, data: dict[str, Any], newline: str) -> str:
        """A whole front-matter block, fences included, for a file that has none."""
