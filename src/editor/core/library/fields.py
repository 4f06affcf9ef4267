"""The four fields the index needs (title, summary, prev, next), read fast from front matter.

Building the whole YAML node tree in Python is most of the cost of a library
scan, so plain front matter is read line by line (``plain_yaml``), the rest
of the common front matter from the C parser's event stream; anything
unusual goes to the editor's own parser, which stays the reference.
"""

from __future__ import annotations

from typing import Any

import yaml

from editor.core.article import _validate
from editor.core.frontmatter import MAX_FRONT_MATTER_CHARS, parse_yaml
from editor.core.library.entry import link_from_value
from editor.core.library.plain_scalars import NULL, TEXT, UNSURE, quick_kind
from editor.core.library.plain_yaml import plain_fields

try:  # the C parser: the index reads thousands of front matters
    from yaml import CSafeLoader as _CLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _CLoader  # type: ignore[assignment]

_FIELDS = ("title", "summary", "prev", "next")
_LINK_SUBKEYS = ("title", "path", "url")
#: deeper front matter goes to the full parser, which enforces the editor's limits
_FAST_MAX_DEPTH = 20

Fields = tuple[dict[str, Any], dict[str, int]]


def read_fields(yaml_text: str, where: str | None = None, first_line: int = 0) -> Fields:
    """The title, summary, prev and next values and the lines of their keys.

    Raises ArticleError exactly when opening the article in the editor would.
    Plain front matter goes through ``plain_fields``, the rest of the common
    front matter through ``fast_fields``; anything neither is sure about goes
    through ``parse_yaml`` and the editor's own validation.
    """
    plain = plain_fields(yaml_text, first_line)
    if plain is not None:
        return plain  # its links are Link objects already
    fast = fast_fields(yaml_text, first_line)
    if fast is not None:
        return fast
    return slow_fields(yaml_text, where, first_line)


def slow_fields(yaml_text: str, where: str | None = None, first_line: int = 0) -> Fields:
    """``read_fields`` through the editor's own parser: the reference behaviour."""
    parsed = parse_yaml(yaml_text, where, first_line)
    _validate(parsed, where, first_line)
    lines: dict[str, int] = {}
    if parsed.root is not None:
        for key_node, _ in parsed.root.value:
            key = key_node.value
            if key in _FIELDS:  # the last one wins, as in YAML
                lines[key] = key_node.start_mark.line + first_line + 1
    values = {key: parsed.data[key] for key in _FIELDS if key in parsed.data}
    return _as_fields(values), lines


def _as_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Links as Link objects: what an entry holds, and what both readers must agree on."""
    for key in ("prev", "next"):
        if key in values:
            values[key] = link_from_value(values[key])
    return values


class _NotSure(Exception):
    """The fast reader met something only the full parser may judge."""


def fast_fields(yaml_text: str, first_line: int = 0) -> Fields | None:
    """``read_fields`` from the C parser's events, or None to let the full parser decide.

    Building the whole node tree and every value in Python is most of the
    cost of a library scan, and the index needs four keys. This reads the
    event stream once, builds only those values, and still checks every
    other value the way the safe constructor would (unknown tags, anchors,
    aliases, merge keys, impossible dates make it give up). It returns a
    result only when the full path would return the same one; a test
    compares the two on every kind of front matter.
    """
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        return None
    loader = _CLoader(yaml_text)
    try:
        return _walk_events(loader, first_line)
    except (_NotSure, yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return None
    finally:
        loader.dispose()


def _scalar_value(loader: Any, event: Any) -> Any:
    """The value the safe constructor would build for a scalar event (str or None), else raise."""
    if event.anchor is not None or event.tag is not None:
        raise _NotSure
    value = event.value
    if not event.implicit[0]:
        return value  # quoted or block: a string
    kind = quick_kind(value)  # plain: the composer's own resolution, then the constructor's
    if kind == TEXT:
        return value
    if kind == NULL:
        return None
    if kind == UNSURE:
        raise _NotSure  # "=", "<<", an impossible date: let the full parser decide
    return _NOT_TEXT


_NOT_TEXT = object()


def _skip_node(loader: Any, event: Any, depth: int) -> None:
    """Consume a value's events, checking each the way the constructor would."""
    if isinstance(event, yaml.ScalarEvent):
        _scalar_value(loader, event)
        return
    if isinstance(event, yaml.AliasEvent) or event.anchor is not None or event.tag is not None:
        raise _NotSure
    if depth > _FAST_MAX_DEPTH:
        raise _NotSure
    if isinstance(event, yaml.MappingStartEvent):
        while True:
            key = loader.get_event()
            if isinstance(key, yaml.MappingEndEvent):
                return
            if not isinstance(key, yaml.ScalarEvent):
                raise _NotSure
            _scalar_value(loader, key)
            _skip_node(loader, loader.get_event(), depth + 1)
    if isinstance(event, yaml.SequenceStartEvent):
        while True:
            item = loader.get_event()
            if isinstance(item, yaml.SequenceEndEvent):
                return
            _skip_node(loader, item, depth + 1)
    raise _NotSure


def _enter_mapping(get: Any) -> bool:
    """Consume the events before the top-level mapping's keys; False for empty front matter."""
    if not isinstance(get(), yaml.StreamStartEvent):
        raise _NotSure
    event = get()
    if isinstance(event, yaml.StreamEndEvent):
        return False
    if not isinstance(event, yaml.DocumentStartEvent):
        raise _NotSure
    start = get()
    if not isinstance(start, yaml.MappingStartEvent) or start.anchor or start.tag:
        raise _NotSure
    return True


def _walk_events(loader: Any, first_line: int) -> Fields:
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    get = loader.get_event
    if not _enter_mapping(get):
        return values, lines  # empty front matter
    while True:
        key = get()
        if isinstance(key, yaml.MappingEndEvent):
            break
        if not isinstance(key, yaml.ScalarEvent):
            raise _NotSure
        name = _scalar_value(loader, key)
        value = get()
        if name not in _FIELDS:
            if name is _NOT_TEXT or name is None:
                raise _NotSure  # keys like 1 or null: rare, and the full parser names them
            _skip_node(loader, value, 2)
            continue
        mark = key.start_mark
        if mark is None:
            raise _NotSure
        lines[name] = mark.line + first_line + 1
        if isinstance(value, yaml.ScalarEvent):
            scalar = _scalar_value(loader, value)
            if scalar is _NOT_TEXT:
                raise _NotSure  # a number or date where text belongs: the full path explains
            values[name] = scalar
        elif name in ("prev", "next") and isinstance(value, yaml.MappingStartEvent):
            if value.anchor is not None or value.tag is not None:
                raise _NotSure
            values[name] = _link_mapping(loader)
        else:
            raise _NotSure
    if not isinstance(get(), yaml.DocumentEndEvent) or not isinstance(get(), yaml.StreamEndEvent):
        raise _NotSure
    return _as_fields(values), lines


def _link_mapping(loader: Any) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    while True:
        key = loader.get_event()
        if isinstance(key, yaml.MappingEndEvent):
            return mapping
        value = loader.get_event()
        if not isinstance(key, yaml.ScalarEvent) or not isinstance(value, yaml.ScalarEvent):
            raise _NotSure
        name = _scalar_value(loader, key)
        if not isinstance(name, str):
            raise _NotSure
        scalar = _scalar_value(loader, value)
        if scalar is _NOT_TEXT:
            if name in _LINK_SUBKEYS:
                raise _NotSure
            continue
        mapping[name] = scalar
