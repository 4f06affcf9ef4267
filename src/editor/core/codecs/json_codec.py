"""JSON front matter: an object at the very top of the file, as Hugo reads it.

Python's C decoder reads the values (a library scan reads thousands). For
an edit, and to explain a refusal, the object is walked by hand so that every
member's key and value keep their character range: a save splices new value
text into that range and leaves indentation, key order, spacing and escapes
of everything else as they were. Duplicate keys, which Go's reader silently
collapses to the last one, are refused with their line.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from editor.core.codecs.base import Codec, ParsedFrontMatter, Region, Spelled
from editor.core.codecs.base_values import deeper_than, same_value
from editor.core.errors import ArticleError
from editor.core.frontmatter import MAX_FRONT_MATTER_CHARS, MAX_NESTING

_WS = re.compile(r"[ \t\n\r]*")
#: a whole string (unrolled, so the C engine does not backtrack per character),
#: a quote that never closes, or a brace
_SCAN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"|[{}]')
#: After the brace, what makes the file a template, a shortcode or a kramdown
#: attribute list, not JSON: ``{{< figure >}}``, ``{% include %}``,
#: ``{# note #}``, ``{: .lead}``, ``{.class}`` start many bodies.
_TEMPLATE_NEXT = re.compile(r"\{[ \t]*[{%#:.]")
_ARRAY_OF_OBJECTS = re.compile(r"\[[ \t\r\n]*\{")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


@dataclass
class _Node:
    """A value's character range, and its members or items when it is a container."""

    start: int
    end: int
    members: dict[str, tuple[int, _Node]] | None = None  # key -> (start of the key's '"', value)
    items: list[_Node] = field(default_factory=list)


def _string_problem(problem: str) -> str:
    if problem.startswith(("Invalid control character", "Unterminated string")):
        return (
            "invalid JSON in front matter: a string is not closed before the end of its line "
            "(or holds a raw control character); close it with a double quote"
        )
    return f"invalid JSON in front matter: {problem}"


def _line_column(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


class _Walker:
    """Reads one JSON value with positions; raises ArticleError at the offending character."""

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path

    def fail(self, message: str, index: int) -> ArticleError:
        line, column = _line_column(self.text, index)
        return ArticleError(message, self.path, line, column)

    def skip(self, pos: int) -> int:
        match = _WS.match(self.text, pos)
        return pos if match is None else match.end()

    def value(self, pos: int, depth: int) -> tuple[Any, _Node]:
        if depth > MAX_NESTING:
            raise self.fail(f"front matter is nested more than {MAX_NESTING} levels deep", pos)
        ch = self.text[pos : pos + 1]
        if ch == "{":
            return self.object(pos, depth)
        if ch == "[":
            return self.array(pos, depth)
        try:
            value, end = _DECODER.raw_decode(self.text, pos)
        except json.JSONDecodeError as exc:
            raise self.fail(_string_problem(exc.msg), exc.pos) from None
        except ValueError as exc:  # NaN, Infinity, or a number too long to convert
            raise self.fail(f"invalid JSON in front matter: {exc}", pos) from None
        return value, _Node(pos, end)

    def object(self, pos: int, depth: int) -> tuple[dict[str, Any], _Node]:
        text = self.text
        start = pos
        data: dict[str, Any] = {}
        members: dict[str, tuple[int, _Node]] = {}
        pos = self.skip(pos + 1)
        if text.startswith("}", pos):
            return data, _Node(start, pos + 1, members)
        while True:
            if not text.startswith('"', pos):
                raise self.fail(
                    "invalid JSON in front matter: expected a key in double quotes", pos
                )
            key_start = pos
            try:
                key, pos = scanstring(text, pos + 1, True)
            except json.JSONDecodeError as exc:
                raise self.fail(_string_problem(exc.msg), exc.pos) from None
            if key in members:
                raise self.fail(f"'{key}' is set twice; each key may appear only once", key_start)
            pos = self.skip(pos)
            if not text.startswith(":", pos):
                raise self.fail("invalid JSON in front matter: expected ':' after the key", pos)
            pos = self.skip(pos + 1)
            value, node = self.value(pos, depth + 1)
            data[key] = value
            members[key] = (key_start, node)
            pos = self.skip(node.end)
            if text.startswith(",", pos):
                pos = self.skip(pos + 1)
                continue
            if text.startswith("}", pos):
                return data, _Node(start, pos + 1, members)
            raise self.fail("invalid JSON in front matter: expected ',' or '}'", pos)

    def array(self, pos: int, depth: int) -> tuple[list[Any], _Node]:
        text = self.text
        start = pos
        values: list[Any] = []
        items: list[_Node] = []
        pos = self.skip(pos + 1)
        if text.startswith("]", pos):
            return values, _Node(start, pos + 1, None, items)
        while True:
            value, node = self.value(pos, depth + 1)
            values.append(value)
            items.append(node)
            pos = self.skip(node.end)
            if text.startswith(",", pos):
                pos = self.skip(pos + 1)
                continue
            if text.startswith("]", pos):
                return values, _Node(start, pos + 1, None, items)
            raise self.fail("invalid JSON in front matter: expected ',' or ']'", pos)


class JsonFrontMatter(ParsedFrontMatter):
    def __init__(self, data: dict[str, Any], root: _Node | None, text: str) -> None:
        super().__init__(data)
        self._root = root
        self._text = text  # from the start of the file; the object starts at 0

    @property
    def root(self) -> _Node:
        """Every member's position, walked on first use (the library never needs it)."""
        if self._root is None:
            self._root = _Walker(self._text, None).object(0, 0)[1]
        return self._root

    def _node(self, key: str, sub: str | None = None) -> _Node | None:
        members = self.root.members or {}
        if key not in members:
            return None
        node = members[key][1]
        if sub is not None and node.members and sub in node.members:
            node = node.members[sub][1]
        return node

    def position(self, key: str, sub: str | None = None) -> tuple[int, int] | None:
        node = self._node(key, sub)
        return None if node is None else _line_column(self._text, node.start)

    def key_lines(self) -> dict[str, int]:
        if self._root is not None:
            members = self._root.members or {}
            return {key: _line_column(self._text, start)[0] for key, (start, _) in members.items()}
        return _top_key_lines(self._text)

    def field_lines(self, keys: tuple[str, ...]) -> dict[str, int]:
        if self._root is None:
            quick = _pretty_field_lines(self._text, keys, self.data)
            if quick is not None:
                return quick
        return super().field_lines(keys)

    def _spell(self, node: _Node) -> Spelled:
        if node.members is not None:
            return {key: self._spell(value) for key, (_, value) in node.members.items()}
        if self._text[node.start] == "[":
            return [self._spell(item) for item in node.items]
        return self._text[node.start : node.end]

    def spelled(self, key: str) -> Spelled | None:
        node = self._node(key)
        return None if node is None else self._spell(node)

    def source(self, key: str) -> str | None:
        node = self._node(key)
        return None if node is None else self._text[node.start : node.end]


_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],]')


def _top_key_lines(text: str) -> dict[str, int]:
    """The line of each member of the outer object, from one regular-expression pass.

    Strings are matched whole, so braces inside them do not count; a key is
    a string right after ``{`` or ``,`` at the first level.
    """
    found: dict[str, int] = {}
    depth = 0
    expect_key = False
    line, counted = 1, 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            if expect_key and depth == 1:
                line += text.count("\n", counted, match.start())
                counted = match.start()
                found.setdefault(json.loads(token) if "\\" in token else token[1:-1], line)
            expect_key = False
        elif token in "{[":
            depth += 1
            expect_key = token == "{" and depth == 1
        elif token in "}]":
            depth -= 1
            expect_key = False
        else:  # a comma
            expect_key = depth == 1
    return found


_FIRST_MEMBER = re.compile(r'\{[ \t]*\r?\n([ \t]*)"')


@functools.cache
def _member_pattern(indent: str, keys: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(key) for key in keys)
    # A literal line break first: the engine jumps to candidates (``^`` tries every position).
    return re.compile(rf'\n{re.escape(indent)}"({names})"[ \t]*:')


def _pretty_field_lines(
    text: str, keys: tuple[str, ...], data: dict[str, Any]
) -> dict[str, int] | None:
    """The lines of a few outer keys of pretty-printed JSON, found by their indentation.

    Members of the outer object start their lines at the first member's
    indentation; None (use the full scan) unless exactly the keys the object
    holds are found, each once.
    """
    first = _FIRST_MEMBER.match(text)
    if first is None:
        return None
    found: dict[str, int] = {}
    for match in _member_pattern(first.group(1), keys).finditer(text):
        name = match.group(1)
        if name in found:
            return None
        found[name] = text.count("\n", 0, match.start()) + 2  # the match starts at the break
    if found.keys() != {key for key in keys if key in data}:
        return None
    return found


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise ValueError("a key is set twice")
    return found


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Style:
    """How the file writes its JSON: what new text copies."""

    newline: str
    unit: str  # one level of indentation; "" when members share one line
    colon: str  # the text between a key and its value, e.g. ": "
    comma: str  # between members written on one line, e.g. ", " or ","
    ascii_only: bool  # the file writes non-ASCII text as \\u escapes

    def dump(self, value: Any, indent: str) -> str:
        if not self.unit or not isinstance(value, dict | list) or not value:
            separators = (self.comma, self.colon)
            return json.dumps(value, ensure_ascii=self.ascii_only, separators=separators)
        separators = (",", self.colon)
        text = json.dumps(
            value, ensure_ascii=self.ascii_only, indent=self.unit, separators=separators
        )
        return text.replace("\n", self.newline + indent)

    def glue(self, indent: str) -> str:
        """What goes between two members."""
        return "," + self.newline + indent if self.unit else self.comma


def _indent_before(text: str, index: int) -> str:
    line_start = text.rfind("\n", 0, index) + 1
    prefix = text[line_start:index]
    return prefix[: len(prefix) - len(prefix.lstrip(" \t"))]


def _style(text: str, root: _Node, newline: str) -> _Style:
    members = list((root.members or {}).values())
    unit, colon, comma = "", ": ", ", "
    if members:
        key_start, value = members[0]
        key_end = scanstring(text, key_start + 1, True)[1]
        colon = text[key_end : value.start]
        if "\n" in text[root.start : key_start]:
            unit = _indent_before(text, key_start)[len(_indent_before(text, root.start)) :]
        if len(members) > 1:
            between = text[value.end : members[1][0]]
            if "\n" not in between:
                comma = between
    ascii_only = text.isascii() and "\\u" in text
    return _Style(newline, unit, colon, comma, ascii_only)


def _object_edits(
    text: str, node: _Node, old: dict[str, Any], new: dict[str, Any], style: _Style
) -> list[_Edit]:
    """Splices that turn object ``node`` from ``old`` into ``new``."""
    members = node.members or {}
    edits: list[_Edit] = []
    order = list(members)
    kept = [key for key in order if key in new]
    for index, key in enumerate(order):
        if key in new:
            continue
        key_start, value = members[key]
        if not kept:  # the object empties: drop the members' lines, keep the braces'
            last = members[order[-1]][1].end
            start = members[order[0]][0]
            line_start = text.rfind("\n", node.start, start) + 1
            line_end = text.find("\n", last, node.end)
            if line_start > node.start and line_end != -1:
                edits.append(_Edit(line_start, line_end + 1, ""))
            else:
                edits.append(_Edit(node.start + 1, node.end - 1, ""))
            break
        if index + 1 < len(order):  # up to the next member
            after = members[order[index + 1]][0]
            edits.append(_Edit(key_start, after, ""))
        else:  # the last one: from the end of the one before
            previous = members[order[index - 1]][1]
            edits.append(_Edit(previous.end, value.end, ""))
    indent = ""
    if members:
        indent = _indent_before(text, next(iter(members.values()))[0])
    for key in kept:
        key_start, value_node = members[key]
        before, after = old[key], new[key]
        if same_value(before, after):
            continue
        if isinstance(before, dict) and isinstance(after, dict) and value_node.members is not None:
            edits.extend(_object_edits(text, value_node, before, after, style))
            continue
        edits.append(_Edit(value_node.start, value_node.end, style.dump(after, indent)))
    added = [key for key in new if key not in old]
    if not added:
        return edits
    inner = indent if indent or not style.unit else _indent_before(text, node.start) + style.unit
    entries = [
        json.dumps(key, ensure_ascii=style.ascii_only) + style.colon + style.dump(new[key], inner)
        for key in added
    ]
    if kept:
        # Before the first member: the only way to add a key without
        # touching another line (appending would need a comma on the last).
        first = members[kept[0]][0]
        glue = style.glue(inner)
        edits.append(_Edit(first, first, glue.join(entries) + glue))
    else:
        outer = _indent_before(text, node.start)
        if style.unit:
            body = style.newline + inner + ("," + style.newline + inner).join(entries)
            text_in = body + style.newline + outer
        else:
            text_in = style.comma.join(entries)
        edits.append(_Edit(node.start + 1, node.end - 1, text_in))
    return edits


def _apply(text: str, edits: list[_Edit]) -> str:
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


class JsonCodec(Codec):
    name = "json"
    label = "JSON"

    def find(self, text: str, path: str | None = None) -> Region | None:
        if _ARRAY_OF_OBJECTS.match(text):
            raise ArticleError(
                "JSON front matter must be an object in braces ({ ... }), not an array",
                path,
                1,
                1,
            )
        if not text.startswith("{") or _TEMPLATE_NEXT.match(text):
            return None
        end = _object_end(text)
        if end is None:
            if len(text) > MAX_FRONT_MATTER_CHARS:
                raise ArticleError(
                    f"the JSON front matter is not closed within {MAX_FRONT_MATTER_CHARS:,} "
                    f"characters; the limit is {MAX_FRONT_MATTER_CHARS:,}",
                    path,
                    1,
                    1,
                )
            _report_unclosed_string(text, path)
            raise ArticleError(
                "the JSON front matter opened by '{' on line 1 is never closed; "
                "add the closing '}' after the last key",
                path,
                1,
                1,
            )
        body_start = end
        if text.startswith("\r\n", end):
            body_start += 2
        elif text.startswith("\n", end):
            body_start += 1
        return Region(0, end, body_start, 0)

    def parse(self, text: str, region: Region, path: str | None = None) -> JsonFrontMatter:
        inner = text[region.start : region.end]
        if len(inner) > MAX_FRONT_MATTER_CHARS:
            raise ArticleError(
                f"front matter is {len(inner):,} characters long; the limit is "
                f"{MAX_FRONT_MATTER_CHARS:,}",
                path,
                1,
                1,
            )
        try:  # the C reader first; the walker only to explain what it refuses
            data = _decoded(text, region.end)
            openers = inner.count("[") + inner.count("{")  # each level needs one
            if isinstance(data, dict) and (
                openers <= MAX_NESTING or not deeper_than(data, MAX_NESTING)
            ):
                return JsonFrontMatter(data, None, inner)
        except (ValueError, RecursionError):
            pass
        try:
            data, root = _Walker(inner, path).object(0, 0)
        except RecursionError:
            raise ArticleError("front matter is nested too deeply to read", path) from None
        return JsonFrontMatter(data, root, inner)

    def rewrite(
        self,
        text: str,
        region: Region,
        parsed: ParsedFrontMatter,
        new: dict[str, Any],
        newline: str,
    ) -> str:
        assert isinstance(parsed, JsonFrontMatter)
        inner = text[region.start : region.end]
        style = _style(inner, parsed.root, newline)
        written = _apply(inner, _object_edits(inner, parsed.root, parsed.data, new, style))
        _check_json(written, new)
        return written

    def new_block(self, data: dict[str, Any], newline: str) -> str:
        written = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", newline)
        _check_json(written, data)
        return written + newline


def _report_unclosed_string(text: str, path: str | None) -> None:
    """Raise the walker's error when a string, not the object, is what never closes.

    A missing quote makes the brace count run to the end of the file; the
    writer needs the line of that string, not line 1.
    """
    try:
        _Walker(text, path).object(0, 0)
    except ArticleError as exc:
        if "string" in exc.message:
            raise
    except RecursionError:
        return


_STRICT = json.JSONDecoder(object_pairs_hook=_unique_pairs, parse_constant=_reject_constant)
#: (text, end, values) of the last object ``find`` decoded, so that ``parse``
#: of the same text does not decode it again; taken (and cleared) by ``parse``.
_last_decoded: tuple[str, int, Any] | None = None


def _object_end(text: str) -> int | None:
    """Where the object at the top of ``text`` ends: the C reader's answer when it is valid JSON.

    For valid JSON that is the brace Hugo's own count finds, at a fraction of
    the cost; anything else is counted the way Hugo counts.
    """
    global _last_decoded
    try:
        data, end = _STRICT.raw_decode(text)
    except (ValueError, RecursionError):
        return _closing_brace(text)
    _last_decoded = (text, end, data)
    return int(end)


def _decoded(text: str, end: int) -> Any:
    """The values ``find`` already decoded for this very text, else the C reader's."""
    global _last_decoded
    last, _last_decoded = _last_decoded, None
    if last is not None and last[0] is text and last[1] == end:
        return last[2]
    return json.loads(text[:end], object_pairs_hook=_unique_pairs, parse_constant=_reject_constant)


def _closing_brace(text: str) -> int | None:
    """The index after the brace that closes the opening one, found the way Hugo finds it.

    Hugo counts braces outside double quotes, skipping the character after
    a backslash; a longer search than the front-matter limit is never needed.
    """
    level = 0
    limit = min(len(text), MAX_FRONT_MATTER_CHARS + 1)
    for match in _SCAN.finditer(text, 0, limit):
        ch = match.group()
        if ch == "{":
            level += 1
        elif ch == "}":
            level -= 1
            if level == 0:
                return match.end()
        elif ch == '"':
            return None  # a string that never closes: the quote runs to the end
    return None


def _check_json(written: str, expected: dict[str, Any]) -> None:
    """Refuse JSON that would not read back as ``expected``."""
    try:
        back, _ = _Walker(written, None).object(0, 0)
    except ArticleError as exc:
        raise ArticleError(
            f"the edited JSON would not read back ({exc.message}); nothing was written"
        ) from None
    if not same_value(back, expected) or json.loads(written) != expected:
        raise ArticleError("the edited JSON would not read back as entered; nothing was written")
