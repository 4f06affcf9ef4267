"""Write YAML scalars that every site generator reads back as the same string.

Jekyll and PyYAML read YAML 1.1, Hugo and Eleventy (js-yaml) read YAML 1.2,
and the two disagree about bare words: ``no`` is false in 1.1 and a string in
1.2, ``0o17`` is a string in 1.1 and fifteen in 1.2. PyYAML's own dumper
follows 1.1 only, so a title it leaves bare can turn into a number in Hugo.
We therefore leave a value bare only when it is plainly prose, and quote
everything else.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

# Words that some YAML version resolves to a bool or null (1.1 is the wider set).
_RESERVED_WORDS = frozenset(
    {
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "",
    }
)  # fmt: skip

# Characters that start a YAML indicator or a non-string resolution.
_BAD_FIRST = set("-?:,[]{}#&*!|>'\"%@`.+~0123456789 \t=<\\")

# Looks like a number in any YAML version or in a sexagesimal 1.1 form.
_NUMBERISH = re.compile(r"^[-+]?(\.?[0-9]|\.(inf|nan))", re.IGNORECASE)

# Characters no YAML reader accepts raw (U+FFFE and U+FFFF are outside YAML's
# printable set) or that some reader takes as a line break or a BOM; they are
# written as escapes inside double quotes.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def is_plain_safe(value: str) -> bool:
    """True when ``value`` can be written bare and read back as this string everywhere."""
    if value.lower() in _RESERVED_WORDS:
        return False
    if value != value.strip() or value[0] in _BAD_FIRST or _NUMBERISH.match(value):
        return False
    if _CONTROL.search(value):
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return False
    # Flow indicators are harmless in block context but break a flow list or
    # mapping that a user may move the value into; quoting them costs nothing.
    return not any(ch in value for ch in ",[]{}")


_DOUBLE_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\x1b": "\\e",
}


def _escape_char(ch: str) -> str:
    known = _DOUBLE_ESCAPES.get(ch)
    if known is not None:
        return known
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}"


def double_quoted(value: str) -> str:
    """A double-quoted scalar; escapes only what must be escaped, keeps UTF-8 text."""
    out = [
        _escape_char(ch) if (ch in _DOUBLE_ESCAPES or _CONTROL.match(ch)) else ch for ch in value
    ]
    return '"' + "".join(out) + '"'


def single_quoted(value: str) -> str | None:
    """A single-quoted scalar, or None when the value has characters it cannot hold."""
    if _CONTROL.search(value):
        return None
    return "'" + value.replace("'", "''") + "'"


def format_string(value: str, preferred_style: str = "") -> str:
    """The text of a string scalar, keeping the file's quoting style where possible.

    ``preferred_style`` is the style of the value being replaced: ``"'"``,
    ``'"'`` or ``""`` for plain. A writer who quoted a title expects the new
    title quoted the same way.
    """
    if preferred_style == "'":
        quoted = single_quoted(value)
        if quoted is not None:
            return quoted
        return double_quoted(value)
    if preferred_style == '"':
        return double_quoted(value)
    if is_plain_safe(value):
        return value
    return double_quoted(value)


def _format_float(value: float) -> str:
    """A float both YAML versions read as a float.

    Python's ``repr`` gives ``inf``, ``nan`` and ``1e+20``: the first two are
    strings in YAML, and PyYAML (1.1) needs a dot in the mantissa.
    """
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, exp_mark, exponent = text.partition("e")
    if exp_mark and "." not in mantissa:
        text = f"{mantissa}.0e{exponent}"
    return text


def format_value(value: Any, preferred_style: str = "") -> str:
    """Inline (flow) text for any value the editor writes into front matter."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _format_float(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return format_string(value, preferred_style)
    if isinstance(value, Mapping):
        items = ", ".join(f"{format_string(str(k))}: {format_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} into front matter")
