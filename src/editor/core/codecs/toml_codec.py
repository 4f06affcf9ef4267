"""TOML front matter (``+++``), Hugo's default.

Values are read with Python's ``tomllib`` (its compiled twin, see
``toml_reader``), the reference reader that agrees with Hugo's go-toml on
TOML 1.0. Saves go through ``tomlkit`` (``toml_edit``), which keeps comments,
key order, tables, inline tables, quoting and dates of everything it is not
asked to change; the result must read back through the same reader as
exactly the values the user edited, or nothing is written.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from editor.core.codecs.base import Codec, ParsedFrontMatter, Region, Spelled
from editor.core.codecs.base_values import deeper_than
from editor.core.codecs.toml_reader import TomlSyntaxError, read_toml
from editor.core.errors import ArticleError
from editor.core.frontmatter import MAX_FRONT_MATTER_CHARS, MAX_NESTING

_OPENER = re.compile(r"\+\+\+[ \t]*\r?\n")
#: the closing line, found by the line break before it (a literal the engine jumps to)
_CLOSER = re.compile(r"\n\+\+\+[ \t]*\r?(?=\n|\Z)")
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\n]*\''
_PART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_KEY_LINE = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=[ \t]*")
_HEADER_LINE = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]")
_PARTS = re.compile(_PART)
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}")

Path_ = tuple[str, ...]


def _key_parts(dotted: str) -> Path_:
    parts = []
    for part in _PARTS.findall(dotted):
        if part[:1] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


def _positions(text: str, first_line: int) -> dict[Path_, tuple[int, int]]:
    """Where each key path's value starts (1-based line and column in the file).

    A line scan, not a parser: it only has to find keys that ``tomllib``
    already accepted, for messages and for the library's line numbers.
    Lines inside multi-line strings are skipped.
    """
    found: dict[Path_, tuple[int, int]] = {}
    table: Path_ = ()
    open_quote = ""
    for number, line in enumerate(text.split("\n"), first_line + 1):
        if open_quote:
            if open_quote in line:
                open_quote = ""
            continue
        header = _HEADER_LINE.match(line)
        if header is not None:
            table = _key_parts(header.group(2))
            for depth in range(1, len(table) + 1):
                found.setdefault(table[:depth], (number, header.start(1) + 1))
            continue
        key = _KEY_LINE.match(line)
        if key is None:
            continue
        path = table + _key_parts(key.group(1))
        for depth in range(len(table) + 1, len(path)):
            found.setdefault(path[:depth], (number, key.start(1) + 1))
        found.setdefault(path, (number, key.end() + 1))
        rest = line[key.end() :]
        for quote in ('"""', "'''"):
            if rest.startswith(quote) and rest.count(quote) == 1:
                open_quote = quote
    return found


_ANY_HEADER = re.compile(r"^[ \t]*\[", re.M)
_TOP_KEY = re.compile(rf"^[ \t]*({_PART})[ \t]*[=.]", re.M)


def _top_key_lines(text: str, first_line: int) -> dict[str, int]:
    """``key_lines`` without a full line scan, for text with no multi-line strings.

    Top-level keys are the ones before the first table header, and each
    header names its own top-level key; a library scan reads thousands.
    """
    found: dict[str, int] = {}
    header = _ANY_HEADER.search(text)
    end = len(text) if header is None else header.start()
    line, counted = first_line + 1, 0
    for match in _TOP_KEY.finditer(text, 0, end):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        name = match.group(1)
        if name[:1] in "\"'":
            name = name[1:-1]
        found.setdefault(name, line)
    if header is not None:
        for match in _HEADER_LINE.finditer(text, header.start()):
            if match.start() and text[match.start() - 1] != "\n":
                continue
            rest_end = text.find("\n", match.end())
            rest = text[match.end() : None if rest_end == -1 else rest_end].strip()
            if rest and rest != "]" and not rest.startswith(("#", "]#", "] #")):
                continue  # an array of arrays on its own line, not a header
            line += text.count("\n", counted, match.start())
            counted = match.start()
            found.setdefault(_key_parts(match.group(2))[0], line)
    return found


_PADDED_HEADER = re.compile(r"\n[ \t]*\[")


@functools.cache
def _field_patterns(keys: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Searches for lines that set or open one of ``keys``; each starts at a line break.

    A literal line break in front lets the regular-expression engine skip
    ahead to candidates instead of trying every position, as ``^`` would.
    """
    names = "|".join(re.escape(key) for key in keys)
    top = re.compile(rf"\n[ \t]*([\"']?)({names})\1[ \t]*[=.]")
    header = re.compile(
        rf"\n[ \t]*\[\[?[ \t]*([\"']?)({names})\1[ \t]*(?:\.[^\]\n]*)?\]\]?[ \t]*(?:#.*)?\r?$",
        re.M,
    )
    return top, header


def _quick_field_lines(text: str, first_line: int, keys: tuple[str, ...]) -> dict[str, int]:
    """``_top_key_lines`` for a few keys only: a search for just those names."""
    top, header = _field_patterns(keys)
    padded = "\n" + text  # every line, the first one too, now follows a line break
    first_header = _PADDED_HEADER.search(padded)
    end = len(padded) if first_header is None else first_header.start()
    found: dict[str, int] = {}
    for match in top.finditer(padded, 0, end):
        found.setdefault(match.group(2), padded.count("\n", 0, match.start() + 1) + first_line)
    if first_header is not None:
        for match in header.finditer(padded, end):
            line = padded.count("\n", 0, match.start() + 1) + first_line
            found.setdefault(match.group(2), line)
    return found


class TomlFrontMatter(ParsedFrontMatter):
    def __init__(self, data: dict[str, Any], text: str, first_line: int) -> None:
        super().__init__(data)
        self._text = text
        self._first_line = first_line
        self._found: dict[Path_, tuple[int, int]] | None = None
        self._document: Any = None  # tomlkit's document, parsed on first use

    def _paths(self) -> dict[Path_, tuple[int, int]]:
        if self._found is None:
            self._found = _positions(self._text, self._first_line)
        return self._found

    def position(self, key: str, sub: str | None = None) -> tuple[int, int] | None:
        paths = self._paths()
        if sub is not None and (key, sub) in paths:
            return paths[(key, sub)]
        return paths.get((key,))

    def key_lines(self) -> dict[str, int]:
        if self._found is None and '"""' not in self._text and "'''" not in self._text:
            return _top_key_lines(self._text, self._first_line)
        return {path[0]: where[0] for path, where in self._paths().items() if len(path) == 1}

    def field_lines(self, keys: tuple[str, ...]) -> dict[str, int]:
        if self._found is None and '"""' not in self._text and "'''" not in self._text:
            return _quick_field_lines(self._text, self._first_line, keys)
        return super().field_lines(keys)

    def document(self) -> Any:
        """tomlkit's round-trip document (or None when tomlkit cannot read it), parsed once.

        tomlkit is imported only here, when the file is edited or its values
        are shown: a library scan never needs it.
        """
        if self._document is None:
            from editor.core.codecs.toml_edit import parse_document

            self._document = parse_document(self._text)
        return None if self._document is False else self._document

    def spelled(self, key: str) -> Spelled | None:
        if key not in self.data:
            return None
        document = self.document()
        if document is None or key not in document:
            return str(self.data[key])
        from editor.core.codecs.toml_edit import spell

        return spell(document[key])

    def source(self, key: str) -> str | None:
        if key not in self.data:
            return None
        document = self.document()
        if document is None or key not in document:
            return None
        from editor.core.codecs.toml_edit import inline_source

        return inline_source(document[key])


def _explain(problem: str, text: str, line: int, column: int) -> tuple[str, int, int]:
    """Say what a tomllib message means for a writer; (message, line, column) in the text."""
    lines = text.split("\n")
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    key = _KEY_LINE.match(source)
    if problem.startswith("Cannot overwrite a value") and key is not None:
        name = ".".join(_key_parts(key.group(1)))
        return f"'{name}' is set twice; each key may appear only once", line, key.start(1) + 1
    if problem.startswith(("Cannot declare", "Cannot overwrite")):
        indent = len(source) - len(source.lstrip(" \t"))
        return f"{problem}: a table or key is defined twice", line, indent + 1
    if problem.startswith("Illegal character '\\n'") or problem.startswith("Unterminated string"):
        return (
            "invalid TOML in front matter: a string is not closed before the end of its line; "
            "close it with its quote, or use triple quotes for text over several lines",
            line,
            column,
        )
    if key is not None and _DATE_LIKE.match(source, key.end()):
        value = source[key.end() :].split("#", 1)[0].strip()
        name = ".".join(_key_parts(key.group(1)))
        return (
            f"'{name}' is not a valid date or time ({value}); write dates as "
            "YYYY-MM-DD and times as HH:MM:SS",
            line,
            key.end() + 1,
        )
    return f"invalid TOML in front matter: {problem}", line, column


class TomlCodec(Codec):
    name = "toml"
    label = "TOML"

    def find(self, text: str, path: str | None = None) -> Region | None:
        opener = _OPENER.match(text)
        if opener is None:
            return None
        closer = _CLOSER.search(text, opener.end() - 1)
        if closer is None:
            raise ArticleError(
                "the front matter opened by '+++' on line 1 is never closed; "
                "add a line with '+++' after the last key",
                path,
                1,
                1,
            )
        body = text.find("\n", closer.end())
        body_start = len(text) if body == -1 else body + 1
        return Region(opener.end(), closer.start() + 1, body_start, 1)

    def parse(self, text: str, region: Region, path: str | None = None) -> TomlFrontMatter:
        inner = text[region.start : region.end]
        first = region.first_line
        if len(inner) > MAX_FRONT_MATTER_CHARS:
            raise ArticleError(
                f"front matter is {len(inner):,} characters long; the limit is "
                f"{MAX_FRONT_MATTER_CHARS:,}",
                path,
                first + 1,
                1,
            )
        try:
            data = read_toml(inner)
        except TomlSyntaxError as exc:
            message = str(exc)
            where = _POSITION.search(message)
            if where is None:
                raise ArticleError(f"invalid TOML in front matter: {message}", path) from None
            problem = message[: where.start()]
            line, column = int(where.group(1)), int(where.group(2))
            text_message, line, column = _explain(problem, inner, line, column)
            raise ArticleError(text_message, path, line + first, column) from None
        except RecursionError:
            raise ArticleError("front matter is nested too deeply to read", path) from None
        except ValueError as exc:  # a number too long for Python to convert
            raise ArticleError(f"a value in front matter cannot be read: {exc}", path) from None
        # Each level needs a bracket, a brace or a dot: most files cannot nest too deep.
        openers = inner.count("[") + inner.count("{") + inner.count(".")
        if openers > MAX_NESTING and deeper_than(data, MAX_NESTING):
            raise ArticleError(
                f"front matter is nested more than {MAX_NESTING} levels deep", path, first + 1, 1
            )
        return TomlFrontMatter(data, inner, first)

    def rewrite(
        self,
        text: str,
        region: Region,
        parsed: ParsedFrontMatter,
        new: dict[str, Any],
        newline: str,
    ) -> str:
        from editor.core.codecs.toml_edit import rewrite

        assert isinstance(parsed, TomlFrontMatter)
        inner = text[region.start : region.end]
        if parsed.document() is None:
            raise ArticleError(
                "this TOML front matter cannot be edited without rewriting it; nothing was written"
            )
        return rewrite(inner, parsed.data, new, newline)

    def new_block(self, data: dict[str, Any], newline: str) -> str:
        from editor.core.codecs.toml_edit import new_document

        return f"+++{newline}{new_document(data, newline)}+++{newline}"
