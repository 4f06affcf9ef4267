"""The index's four fields from YAML front matter in its plainest shape.

Most front matter is a column of ``key: value`` lines, a list or two, and
links as a mapping of two or three indented keys. One regular expression
checks that the whole text has that shape, and a few more pick out the four
fields and the values whose spelling needs a closer look (numbers and
dates): all of it runs in the regular-expression engine, which costs a
fraction of walking even the C parser's event stream, and a library scan
reads thousands of front matters. Anything else (block scalars, anchors,
tags, flow mappings, continuation lines, escapes, tabs, indented comments,
keys that are not plain names, a field set twice) returns None and goes to
the event reader in ``fields``, and from there to the editor's own parser,
which stays the reference: an answer from here is exactly the answer it
gives, and tests compare the two on real and made-up front matter.
"""

from __future__ import annotations

import re
from typing import Any

from editor.core.article import Link
from editor.core.frontmatter import MAX_FRONT_MATTER_CHARS
from editor.core.library.entry import link_of
from editor.core.library.plain_scalars import NULL, TEXT, UNSURE, quick_kind

FIELDS = ("title", "summary", "prev", "next")
_LINKS = ("prev", "next")
_LINK_SUBKEYS = frozenset(("title", "path", "url"))

# The shape, piece by piece. Every line is one of: blank, a comment in the
# first column, ``key: value``, ``key:`` opening a block of ``key: value``
# lines at one indentation or of ``- value`` items at one indentation. No
# character the reader does not judge may appear anywhere: control
# characters, tabs, a lone CR, YAML 1.1's other line breaks (NEL, LS, PS),
# the BOM, non-characters; each character class below leaves them out.
_NOT = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff"
_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
#: after a value: a comment (after a space) and spaces
_TAIL = rf"(?: +#[^{_NOT}]*)? *"
_DOUBLE = rf'"[^"\\{_NOT}]*"'
_SINGLE = rf"'(?:[^'{_NOT}]|'')*'"
#: what may not start plain text: indicators, spaces
_NOT_FIRST = rf"""[^\s\-?:,\[\]{{}}#&*!|>'"%@`{_NOT}]"""
#: plain text: no indicator first, no ": " or " #" inside, no ":" at the end
_PLAIN = rf"{_NOT_FIRST}[^:#{_NOT}]*(?:(?::(?=\S)|(?<! )#)[^:#{_NOT}]*)*"
_FLOW_PLAIN = rf"{_NOT_FIRST}[^:?,\[\]{{}}#{_NOT}]*"
_FLOW_ITEM = rf"(?:{_DOUBLE}|{_SINGLE}|{_FLOW_PLAIN})"
_FLOW = rf"\[ *(?:{_FLOW_ITEM} *(?:, *{_FLOW_ITEM} *)*)?\]"
_SCALAR = rf"(?:{_DOUBLE}|{_SINGLE}|{_PLAIN})"
_VALUE = rf"(?:{_SCALAR}|{_FLOW}){_TAIL}"
_BLANK = rf"(?: *|#[^{_NOT}]*)\n"
_BLANKS = rf"(?:{_BLANK})*+"
_MAPPING_BLOCK = (
    rf"{_BLANKS}(?P<indent> +){_KEY}:(?: +{_VALUE}|{_TAIL})\n"
    rf"(?:{_BLANKS}(?P=indent){_KEY}:(?: +{_VALUE}|{_TAIL})\n)*+"
)
_LIST_BLOCK = (
    rf"{_BLANKS}(?P<dash> *)- +{_SCALAR}{_TAIL}\n(?:{_BLANKS}(?P=dash)- +{_SCALAR}{_TAIL}\n)*+"
)
_SHAPE = re.compile(
    rf"(?:{_BLANK}|{_KEY}: +{_VALUE}\n|{_KEY}:{_TAIL}\n(?:{_MAPPING_BLOCK}|{_LIST_BLOCK})?)*+"
)

# The searches below run over the text with a line break put in front, so
# that each starts with a literal the engine jumps to (``^`` would make it
# try every position).

#: A field's line: its value (with any comment) in group 2, None when the line
#: has none; then the block of blank, comment and indented lines under it, in group 3.
_FIELD = re.compile(
    r"\n(title|summary|prev|next):(?: +([^\s#][^\n]*))?[^\n]*((?:\n(?:[ #][^\n]*)?(?=\n))*)"
)
#: the first indented line of a block with something on it: "-" for a list
_INDENTED = re.compile(r"\n +([^ \n])")
_NESTED = re.compile(rf"\n +({_KEY}):(?: +([^\s#][^\n]*))?")
#: Values whose spelling may be a number or a date (the rest is text, a boolean
#: or null): a block value, and the first and the next items of a flow list.
_RISKY_VALUE = re.compile(rf"\n *(?:- +|{_KEY}: +)([0-9+.<=][^\n]*)")
_RISKY_FIRST_ITEM = re.compile(r"\[ *([0-9+.<=][^\n,\]]*)")
_RISKY_NEXT_ITEM = re.compile(r", *([0-9+.<=][^\n,\]]*)")
_SINGLE_VALUE = re.compile(r"'((?:[^'\n]|'')*)'")

Fields = tuple[dict[str, Any], dict[str, int]]


class _NotPlain(Exception):
    """Something the reader leaves to the parsers."""


def plain_fields(yaml_text: str, first_line: int = 0) -> Fields | None:
    """(values, lines) as ``read_fields`` gives them, or None when the text is not plain enough.

    Links are ``Link`` objects, as the index keeps them.
    """
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        return None
    if "\r" in yaml_text:
        yaml_text = yaml_text.replace("\r\n", "\n")
    if yaml_text and not yaml_text.endswith("\n"):
        yaml_text += "\n"
    if _SHAPE.fullmatch(yaml_text) is None:
        return None
    padded = "\n" + yaml_text
    try:
        _check_numbers_and_dates(padded)
        return _fields(padded, first_line)
    except _NotPlain:
        return None


def _check_numbers_and_dates(padded: str) -> None:
    """Every value spelled like a number or a date must be one the safe constructor builds.

    The item searches also look inside quoted text and block values, which
    can only make a value look doubtful, never hide one.
    """
    patterns = (
        (_RISKY_VALUE, _RISKY_FIRST_ITEM, _RISKY_NEXT_ITEM) if "[" in padded else (_RISKY_VALUE,)
    )
    for pattern in patterns:
        for match in pattern.finditer(padded):
            value = match.group(1)
            cut = value.find(" #")
            if quick_kind((value if cut == -1 else value[:cut]).rstrip(" ")) == UNSURE:
                raise _NotPlain  # 2026-13-45, "=", a 150-digit number: the parser explains


def _fields(padded: str, first_line: int) -> Fields:
    values: dict[str, Any] = {}
    where: dict[str, int] = {}
    for match in _FIELD.finditer(padded):
        key, value = match.group(1), match.group(2)
        if key in where:
            raise _NotPlain  # set twice: the last one wins, which the parser settles
        # the match starts at the line break before the key's line; the first is ours
        where[key] = padded.count("\n", 0, match.start()) + first_line + 1
        if value is not None:
            kind, spelled = _scalar(value)
            if kind not in (TEXT, NULL):
                raise _NotPlain  # a number, date or list where text belongs
            values[key] = spelled if spelled is None or key not in _LINKS else link_of(spelled)
        else:
            values[key] = _block(padded, match.start(3), match.end(3), key in _LINKS)
    return values, where


def _scalar(value: str) -> tuple[int, str | None]:
    """(kind, text) of a one-line scalar the shape allows, its comment and spaces included."""
    first = value[0]
    if first == '"':  # the shape allows no escape and no other quote inside
        return TEXT, value[1 : value.index('"', 1)]
    if first == "'":
        match = _SINGLE_VALUE.match(value)
        if match is None:  # pragma: no cover - the shape allowed it
            raise _NotPlain
        return TEXT, match.group(1).replace("''", "'")
    if first == "[":
        return UNSURE, None
    cut = value.find(" #")
    text = (value if cut == -1 else value[:cut]).rstrip(" ")
    kind = quick_kind(text)
    return kind, text if kind == TEXT else None


def _block(padded: str, start: int, end: int, link: bool) -> Link | None:
    """The value of a field whose line has none: null, or a link from its mapping.

    ``start`` and ``end`` bound the blank, comment and indented lines under it.
    """
    indented = _INDENTED.search(padded, start, end)
    if indented is None:
        if padded.startswith("\n-", end):
            raise _NotPlain  # a list in the first column where text or a link belongs
        return None  # the next top-level key follows (or nothing): the field is null
    if not link or indented.group(1) == "-":
        raise _NotPlain  # a mapping or list where text belongs, a list where a link belongs
    mapping: dict[str, str | None] = {}
    for nested in _NESTED.finditer(padded, start, end):
        key, value = nested.group(1), nested.group(2)
        kind, spelled = (NULL, None) if value is None else _scalar(value)
        if kind in (TEXT, NULL):
            mapping[key] = spelled
        elif key in _LINK_SUBKEYS:
            raise _NotPlain  # a number, date or list where a link's text belongs
        else:
            mapping.pop(key, None)  # the last one wins, and it is not text
    title = mapping.get("title")
    return link_of("" if title is None else title, mapping.get("path"), mapping.get("url"))
