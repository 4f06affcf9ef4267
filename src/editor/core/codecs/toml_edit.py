"""Writing TOML front matter through tomlkit, the round-trip library.

Kept apart from reading so that opening a library never imports tomlkit:
only an edit, or showing values as the file spells them, needs it.
"""

from __future__ import annotations

from typing import Any

import tomlkit
import tomlkit.exceptions
import tomlkit.items

from editor.core.codecs.base import Spelled
from editor.core.codecs.base_values import is_link_like, same_value, with_newline
from editor.core.codecs.toml_reader import TomlSyntaxError, read_toml
from editor.core.errors import ArticleError


def parse_document(text: str) -> Any:
    """tomlkit's document for ``text``; False when tomlkit cannot read it or would change it."""
    try:
        document = tomlkit.parse(text)
    except (tomlkit.exceptions.TOMLKitError, ValueError, RecursionError):
        return False
    return document if document.as_string() == text else False


def spell(item: Any) -> Spelled:
    """The source text of a tomlkit value; tables and arrays by their parts.

    tomlkit hands booleans out as Python's ``bool`` (which cannot carry its
    formatting), but TOML writes a boolean one way only.
    """
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, tomlkit.items.AoT):
        return [spell(table) for table in item.body]
    if isinstance(item, dict):
        return {str(k): spell(item[k]) for k in item}
    if isinstance(item, tomlkit.items.Array):
        return [spell(v) for v in item.value]
    if isinstance(item, list):
        return [spell(v) for v in item]
    if isinstance(item, tomlkit.items.Item):
        return item.as_string().strip()
    return str(item)


def inline_source(item: Any) -> str | None:
    """The source text of a value written in one piece; None for a table or array of tables.

    A table may be a ``[section]``, a dotted key (``a.b = 1``) or a
    ``[[section]]`` list, whose text is spread over the document.
    """
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, tomlkit.items.AoT | tomlkit.items.Table):
        return None
    if isinstance(item, tomlkit.items.Item):
        return item.as_string().strip()
    return None


def _string_like(current: Any, value: str) -> Any:
    """A new string in the quoting of the one it replaces, where the value allows it."""
    if isinstance(current, tomlkit.items.String):
        literal = current.type in (tomlkit.items.StringType.SLL, tomlkit.items.StringType.MLL)
        plain = not any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value)
        if literal and plain and "'" not in value:
            return tomlkit.string(value, literal=True)
    return tomlkit.string(value)


def _new_item(value: Any) -> Any:
    if is_link_like(value):
        table = tomlkit.inline_table()
        table.update({k: _new_item(v) for k, v in value.items()})
        return table
    if isinstance(value, str):
        return tomlkit.string(value)
    return tomlkit.item(value)


def _apply(container: Any, old: dict[str, Any], new: dict[str, Any]) -> None:
    """Change ``container`` (a tomlkit table) from ``old`` to ``new`` key by key."""
    for key in old:
        if key not in new:
            del container[key]
    for key, value in new.items():
        if key not in old:
            container[key] = _new_item(value)
            continue
        before = old[key]
        if same_value(before, value):
            continue
        current = container[key]
        if isinstance(before, dict) and isinstance(value, dict) and isinstance(current, dict):
            _apply(current, before, value)
        elif isinstance(value, str):
            container[key] = _string_like(current, value)
        else:
            container[key] = _new_item(value)


def rewrite(text: str, old: dict[str, Any], new: dict[str, Any], newline: str) -> str:
    """``text`` with ``old`` changed into ``new``; everything not changed keeps its bytes."""
    document = tomlkit.parse(text)
    _apply(document, old, new)
    written = with_newline(document.as_string(), text, newline)
    if written and not written.endswith("\n"):
        written += newline
    _check_toml(written, new)
    return written


def new_document(data: dict[str, Any], newline: str) -> str:
    """The TOML for a file that had no front matter; links as inline tables."""
    document = tomlkit.document()
    for key, value in data.items():
        document[key] = _new_item(value)
    written = document.as_string().replace("\n", newline)
    _check_toml(written, data)
    return written


def _check_toml(written: str, expected: dict[str, Any]) -> None:
    """Refuse TOML that ``tomllib`` would not read back as ``expected``."""
    try:
        back = read_toml(written)
    except TomlSyntaxError as exc:
        raise ArticleError(
            f"the edited TOML would not read back ({exc}); nothing was written"
        ) from None
    if not same_value(_plain(back), _plain(expected)):
        raise ArticleError("the edited TOML would not read back as entered; nothing was written")


def _plain(value: Any) -> Any:
    """tomlkit's own date, string and number types as the plain ones tomllib returns."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tomlkit.items.Item):
        return _plain(value.unwrap())
    return value
