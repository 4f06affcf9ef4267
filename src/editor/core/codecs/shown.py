"""A front-matter value as the metadata panel shows it: the file's own text, on one line.

The panel must not present one reader's guess as the truth: ``draft: no``
is ``no`` to Hugo and ``false`` to Jekyll, ``tags = ["a", "b"]`` is a list
with its brackets, ``{"n": 1.50}`` keeps its ``1.50``. A value written in
one piece (a scalar, a flow list, an inline table, any JSON value) is shown
as written, its line breaks folded into spaces; a collection written as a
block of lines (a YAML block list, a TOML ``[table]``) has no one-line
spelling in the file, so it is shown in its format's own bracket notation
built from the spellings of its items.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from editor.core.codecs.base import ParsedFrontMatter, Spelled


@dataclass(frozen=True)
class ShownValue:
    """How the panel shows one value, and what it says about it."""

    #: one line: the file's own text, or its format's notation for a block
    text: str
    #: the file's exact text when the value is written in one piece (else None)
    exact: str | None
    #: a list or a mapping/table, not a single value
    collection: bool


def one_line(text: str) -> str:
    """Text written over several lines as one: each line's own spaces trimmed, joined by one."""
    if "\n" not in text:
        return text
    return " ".join(part for line in text.splitlines() if (part := line.strip()))


def notation(spelled: Spelled, format_name: str) -> str:
    """A collection in its format's flow notation, each item as the file spells it."""
    if isinstance(spelled, list):
        return "[" + ", ".join(notation(item, format_name) for item in spelled) + "]"
    if isinstance(spelled, dict):
        if format_name == "toml":
            inner = ", ".join(f"{k} = {notation(v, format_name)}" for k, v in spelled.items())
            return "{ " + inner + " }" if inner else "{}"
        if format_name == "json":
            return (
                "{"
                + ", ".join(
                    f"{json.dumps(k, ensure_ascii=False)}: {notation(v, format_name)}"
                    for k, v in spelled.items()
                )
                + "}"
            )
        return "{" + ", ".join(f"{k}: {notation(v, format_name)}" for k, v in spelled.items()) + "}"
    return one_line(spelled)


def shown_value(parsed: ParsedFrontMatter, key: str, format_name: str) -> ShownValue | None:
    """``key`` as the file writes it; None when the key is absent."""
    spelled = parsed.spelled(key)
    if spelled is None:
        return None
    collection = isinstance(spelled, list | dict)
    exact = parsed.source(key)
    if exact is not None:
        return ShownValue(one_line(exact), exact, collection)
    return ShownValue(notation(spelled, format_name), None, collection)


def value_text(value: Any, format_name: str) -> str:
    """A value with no spelling yet (a script set it since it was read), in its notation."""
    if isinstance(value, list):
        return notation([value_text(v, format_name) for v in value], format_name)
    if isinstance(value, dict):
        return notation({str(k): value_text(v, format_name) for k, v in value.items()}, format_name)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return one_line(str(value))
