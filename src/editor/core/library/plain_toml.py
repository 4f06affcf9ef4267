"""The index's four fields from TOML front matter in its plainest shape.

Hugo's front matter is nearly always ``key = value`` lines of strings,
numbers, booleans, dates and lists of those, with the links as a ``[prev]``
or ``[next]`` table. One regular expression checks that the whole text has
that shape, and a few more check what a regular expression cannot (no key
set twice, no 30 February) and pick out the four fields: all of it runs in
the regular-expression engine, a fraction of the cost of a full TOML parse
(compiled as that is), and a library scan reads thousands. Anything else
(escapes, multi-line strings, local times, inf and nan, dotted or quoted
keys, inline tables, arrays of tables or of arrays, tabs) returns None and
goes to the TOML codec, which stays the reference: an answer from here is
exactly the answer it gives, and tests compare the two on the real Hugo
corpus and on made-up front matter.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from editor.core.frontmatter import MAX_FRONT_MATTER_CHARS
from editor.core.library.entry import link_of

_FIELDS = frozenset(("title", "summary", "prev", "next"))
_LINKS = frozenset(("prev", "next"))
_LINK_SUBKEYS = frozenset(("title", "path", "url"))

# The shape, piece by piece: every line is blank, a comment, ``key = value``
# or a ``[table]`` header; a value is a string without escapes, a boolean, a
# number, a date or date-time, or an array of those over one or more lines.
# No control character (tabs included) is allowed anywhere: the codec names it.
_KEY = r"[A-Za-z0-9_-]+"
_COMMENT = r"#[^\x00-\x1f\x7f]*"
_END = rf" *(?:{_COMMENT})?\n"
_BASIC = r'"[^"\\\x00-\x1f\x7f]*"'
_LITERAL = r"'[^'\x00-\x1f\x7f]*'"
#: TOML's date and date-time (the reference reader's own expression)
_DATE = (
    r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"(?:[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
    r"(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?)?"
)
#: a number as TOML writes it (the reference reader's expression, without inf
#: and nan), with its digits bounded so that Python converts every match
_NUMBER = (
    r"0(?:x[0-9A-Fa-f](?:_?[0-9A-Fa-f]){0,60}|b[01](?:_?[01]){0,200}|o[0-7](?:_?[0-7]){0,80})"
    r"|[+-]?(?:0|[1-9](?:_?[0-9]){0,60})"
    r"(?:\.[0-9](?:_?[0-9]){0,60})?(?:[eE][+-]?[0-9](?:_?[0-9]){0,5})?"
)
_SCALAR = rf"(?:{_BASIC}|{_LITERAL}|true|false|{_DATE}|{_NUMBER})"
#: between array items: spaces, line breaks and comments
_GAP = rf"(?:[ \n]|{_COMMENT})*"
_ARRAY = rf"\[{_GAP}(?:{_SCALAR}{_GAP}(?:,{_GAP}{_SCALAR}{_GAP})*(?:,{_GAP})?)?\]"
_SHAPE = re.compile(
    rf"(?:{_END}| *{_KEY} *= *(?:{_SCALAR}|{_ARRAY}){_END}| *\[ *{_KEY} *\]{_END})*+"
)

#: Each statement after the shape was checked: a table header (group 1), or a
#: key (group 2) with its string value if it has one (group 3 or 4). It runs
#: over the text with a line break put in front, so that it starts with a
#: literal the engine jumps to.
_STATEMENT = re.compile(
    rf"""\n *(?:\[ *({_KEY}) *\]|({_KEY}) *= *(?:"([^"]*)"(?!")|'([^']*)'(?!'))?)"""
)
#: a day a month may not have, the 29th to the 31st (after its year and month)
_LATE_DAY = re.compile(r"(?<=[0-9]{4}-[01][0-9])-(?:29|30|31)")

Fields = tuple[dict[str, Any], dict[str, int]]


class _NotPlain(Exception):
    """Something the quick reader leaves to the TOML codec."""


def plain_fields(toml_text: str, first_line: int) -> Fields | None:
    """(values, lines) as the TOML codec's field reader gives them, or None when not plain.

    ``first_line`` is the 0-based line of the text in the file, as in the
    codec's ``Region``. Links are ``Link`` objects, as the index keeps them.
    """
    if len(toml_text) > MAX_FRONT_MATTER_CHARS:
        return None
    if "\r" in toml_text:
        toml_text = toml_text.replace("\r\n", "\n")
    if toml_text and not toml_text.endswith("\n"):
        toml_text += "\n"
    if _SHAPE.fullmatch(toml_text) is None:
        return None
    if ("-29" in toml_text or "-30" in toml_text or "-31" in toml_text) and not _real_dates(
        toml_text
    ):
        return None  # 30 February: the codec names it
    try:
        return _fields("\n" + toml_text, first_line)
    except _NotPlain:
        return None


def _real_dates(text: str) -> bool:
    """False when a date names a day its month does not have (or may be one: inside a string)."""
    for late in _LATE_DAY.finditer(text):
        day = late.start()
        try:
            datetime.date(
                int(text[day - 7 : day - 3]), int(text[day - 2 : day]), int(text[day + 1 : day + 3])
            )
        except ValueError:
            return False
    return True


def _fields(padded: str, first_line: int) -> Fields:
    """The four fields, each table's keys checked for one that is set twice."""
    values: dict[str, Any] = {}
    where: dict[str, int] = {}
    top: set[str] = set()  # top-level keys and tables
    keys = top  # the keys of the table being read
    link: dict[str, Any] | None = None  # the link table being read
    for match in _STATEMENT.finditer(padded):
        table, key = match.group(1), match.group(2)
        if table is not None:
            if table in top or table in ("title", "summary"):
                raise _NotPlain  # set twice, or a table where text belongs
            top.add(table)
            keys = set()
            link = None
            if table in _LINKS:
                link = values[table] = {}
                where[table] = padded.count("\n", 0, match.start()) + first_line + 1
            continue
        if key in keys:
            raise _NotPlain  # set twice: the codec says where
        keys.add(key)
        if keys is top:
            if key in _FIELDS:
                values[key] = _text(match)
                where[key] = padded.count("\n", 0, match.start()) + first_line + 1
        elif link is not None and key in _LINK_SUBKEYS:
            link[key] = _text(match)
    for name in _LINKS & values.keys():
        value = values[name]
        if isinstance(value, str):
            values[name] = link_of(value)
        else:
            values[name] = link_of(value.get("title", ""), value.get("path"), value.get("url"))
    return values, where


def _text(match: re.Match[str]) -> str:
    """The string a key's line holds; anything else is left to the codec to refuse."""
    basic, literal = match.group(3), match.group(4)
    if basic is not None:
        return basic
    if literal is not None:
        return literal
    raise _NotPlain  # a number, date or list where text belongs
