"""Read YAML front matter and write it back changing only what was changed.

A file written by Hugo, Jekyll or a person must survive a save here byte for
byte except for the values the user edited. Instead of dumping the whole
mapping again (which loses comments, quoting, key order and flow styles) we
keep the original text and PyYAML's node marks, and splice new text into the
exact character range of each changed value: replace a value, append a new key
at the end of its mapping, or remove a key's lines.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from editor.core.errors import ArticleError
from editor.core.yaml_scalar import format_string, format_value

try:  # the C loader is about ten times faster on a library of thousands of files
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

#: A front-matter block larger than this is not metadata; refusing it keeps a
#: hostile file from stalling the window. Composing dense YAML (many tiny
#: nodes) runs at about 1 MB/s, so this bounds a parse to about a quarter second.
MAX_FRONT_MATTER_CHARS = 256_000
#: Deeper nesting than this is never metadata and risks deep recursion.
MAX_NESTING = 50
#: A longer integer or float is not a number anyone writes; YAML 1.1's
#: base-60 integers (``1:2:3``) take quadratic time to construct, and Python
#: refuses to print integers over 4300 digits.
MAX_NUMBER_CHARS = 100
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")

_OPEN = "---"
_CLOSERS = ("---", "...")


@dataclass(frozen=True)
class Split:
    """Where the front matter sits in a file's text (BOM already removed)."""

    has_front_matter: bool
    yaml_start: int  # index of the first character after the opening line
    yaml_end: int  # index of the first character of the closing line
    body_start: int  # index of the first character after the closing line
    newline: str  # the file's line ending, "\n" or "\r\n"
    yaml_first_line: int  # 0-based line number of yaml_start in the file


def detect_newline(text: str) -> str:
    """The line ending the file uses first; new lines we write follow it."""
    index = text.find("\n")
    if index > 0 and text[index - 1] == "\r":
        return "\r\n"
    return "\n"


def _line_end(text: str, start: int) -> tuple[int, int]:
    """(end of line content, start of next line) for the line starting at ``start``."""
    nl = text.find("\n", start)
    if nl == -1:
        return len(text), len(text)
    content_end = nl - 1 if nl > start and text[nl - 1] == "\r" else nl
    return content_end, nl + 1


def split_front_matter(text: str, path: str | None = None) -> Split:
    """Find the ``---`` block at the top of ``text``.

    Only a first line that is exactly ``---`` (trailing spaces allowed) opens
    front matter, as in Jekyll and Hugo; a thematic break later in the body is
    left alone.
    """
    newline = detect_newline(text)
    content_end, next_start = _line_end(text, 0)
    if text[:content_end].rstrip(" \t") != _OPEN or next_start == content_end:
        return Split(False, 0, 0, 0, newline, 0)
    pos = next_start
    while pos < len(text):
        content_end, next_start = _line_end(text, pos)
        if text[pos:content_end].rstrip(" \t") in _CLOSERS:
            return Split(True, _line_end(text, 0)[1], pos, next_start, newline, 1)
        pos = next_start
    raise ArticleError(
        "the front matter opened by '---' on line 1 is never closed; "
        "add a line with '---' after the last key",
        path,
        1,
        1,
    )


# --------------------------------------------------------------------------- parse


@dataclass
class ParsedYaml:
    """The front matter's values and the node tree that says where each one sits."""

    data: dict[str, Any]
    root: yaml.MappingNode | None


ErrorAt = Callable[[str, int | None, int | None], ArticleError]


def _check_tree(node: yaml.Node, seen: set[int], depth: int, error: ErrorAt) -> None:
    """Reject aliases and absurd nesting before anything expands them.

    An alias bomb composes in a millisecond but expands to gigabytes when
    constructed or printed; front matter never needs aliases, so any node
    reached twice is refused.
    """
    if depth > MAX_NESTING:
        mark = node.start_mark
        raise error(
            f"front matter is nested more than {MAX_NESTING} levels deep", mark.line, mark.column
        )
    if id(node) in seen:
        mark = node.start_mark
        raise error(
            "front matter uses a YAML alias (*name); aliases are not allowed in front matter",
            mark.line,
            mark.column,
        )
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
            mark = node.start_mark
            raise error(
                f"a number in front matter is {len(node.value):,} characters long; "
                "put it in quotes if it is text",
                mark.line,
                mark.column,
            )
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _check_tree(key, seen, depth + 1, error)
            _check_tree(value, seen, depth + 1, error)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_tree(item, seen, depth + 1, error)


def _flow_depth_exceeds(text: str, limit: int) -> bool:
    """Cheap guard against ``[[[[...`` that would recurse deep inside the parser."""
    depth = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth = max(0, depth - 1)
    return False


#: Parser contexts whose start, not the place the error was noticed, is the mistake.
_OPENED_CONTEXTS = (
    "while scanning a quoted scalar",
    "while parsing a flow",
    "while scanning a block scalar",
)


def _reject_aliases(yaml_text: str, error: ErrorAt) -> None:
    """Refuse an alias at the alias itself.

    The composed tree only shows an alias as a second visit to its anchored
    node, whose mark is the anchor's; a writer needs the line of the ``*``.
    """
    loader = _SafeLoader(yaml_text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                raise error(
                    f"front matter uses a YAML alias (*{event.anchor}); aliases are not "
                    "allowed in front matter, write the value out instead",
                    None if mark is None else mark.line,
                    None if mark is None else mark.column,
                )
    except yaml.YAMLError:
        return  # malformed: the full parse below reports it with its position
    finally:
        loader.dispose()


def _check_limits(yaml_text: str, error: ErrorAt) -> None:
    """Refuse front matter too long, too deep or too aliased before the parser sees it."""
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise error(
            f"front matter is {len(yaml_text):,} characters long; the limit is "
            f"{MAX_FRONT_MATTER_CHARS:,}",
            0,
            0,
        )
    if _flow_depth_exceeds(yaml_text, MAX_NESTING):
        raise error(f"front matter is nested more than {MAX_NESTING} levels deep", 0, 0)
    if "*" in yaml_text:
        _reject_aliases(yaml_text, error)


def _check_root(node: yaml.Node, error: ErrorAt) -> yaml.MappingNode:
    """Front matter is a mapping with plain-name keys, within the editor's limits."""
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise error(
            f"front matter must be a mapping of keys to values, not {kind}",
            mark.line,
            mark.column,
        )
    _check_tree(node, set(), 0, error)
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            mark = key_node.start_mark
            raise error("front-matter keys must be plain names", mark.line, mark.column)
    return node


def _syntax_error(exc: yaml.MarkedYAMLError, first_line: int, error: ErrorAt) -> ArticleError:
    """The parser's complaint, placed where the writer has to look."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context_mark is not None and (exc.context or "").startswith(_OPENED_CONTEXTS):
        # An unclosed quote or bracket is noticed lines later (often at
        # the closing '---'); the writer needs the line where it opened.
        problem = f"{problem} {exc.context}"
        if mark is not None and mark.line != exc.context_mark.line:
            problem += f" (noticed on line {mark.line + first_line + 1})"
        mark = exc.context_mark
    if mark is None:
        return error(f"invalid YAML in front matter: {problem}", None, None)
    return error(f"invalid YAML in front matter: {problem}", mark.line, mark.column)


def parse_yaml(yaml_text: str, path: str | None = None, first_line: int = 0) -> ParsedYaml:
    """Parse front-matter text into values plus node marks (offsets into ``yaml_text``)."""

    def error(message: str, line: int | None = None, column: int | None = None) -> ArticleError:
        return ArticleError(
            message,
            path,
            None if line is None else line + first_line + 1,
            None if column is None else column + 1,
        )

    _check_limits(yaml_text, error)
    loader = _SafeLoader(yaml_text)
    node: yaml.Node | None = None
    try:
        node = loader.get_single_node()
        if node is None:
            return ParsedYaml({}, None)
        root = _check_root(node, error)
        # Keys are named by their text, not their YAML 1.1 value: 'on:' or
        # 'yes:' would otherwise become the key 'True', and the next save
        # would find no such key in the file and rewrite the whole block.
        data = {
            str(key_node.value): loader.construct_object(value_node, deep=True)
            for key_node, value_node in root.value
        }
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, first_line, error) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML in front matter: {exc}") from None
    except RecursionError:
        raise error("front matter is nested too deeply to read") from None
    except ArticleError:
        raise
    except (ValueError, TypeError, AttributeError, OverflowError, LookupError) as exc:
        # PyYAML's constructors let Python's own errors through for values
        # that parse but cannot exist (2024-13-45, !!int 'abc').
        line, column = _failing_value_mark(node)
        why = str(exc) if isinstance(exc, ValueError | OverflowError) else "it does not fit its tag"
        raise error(f"a value in front matter cannot be read: {why}", line, column) from None
    finally:
        loader.dispose()
    return ParsedYaml(data, root)


def _failing_value_mark(root: yaml.Node | None) -> tuple[int | None, int | None]:
    """Where the first top-level value that cannot be constructed starts."""
    if not isinstance(root, yaml.MappingNode):
        return None, None
    for _, value_node in root.value:
        try:
            yaml.constructor.SafeConstructor().construct_object(value_node, deep=True)
        except Exception:
            return value_node.start_mark.line, value_node.start_mark.column
    return None, None


# --------------------------------------------------------------------------- edit


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def _scalar_style(node: yaml.Node) -> str:
    style = getattr(node, "style", None)
    return style if style in ("'", '"') else ""


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _value_text(node: yaml.Node, value: Any) -> str:
    """New text for a value that replaces ``node``, in the node's own style."""
    if isinstance(value, str) and isinstance(node, yaml.ScalarNode):
        return format_string(value, _scalar_style(node))
    return format_value(value)


def _same(old: Any, new: Any) -> bool:
    """Equal as YAML values, all the way down.

    bool == int in Python, but a change from 1 to True is a change in YAML,
    also inside a list or mapping; and NaN must equal NaN, or an untouched
    '.NaN' would count as changed and be rewritten.
    """
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, float) and math.isnan(old):
        return math.isnan(new)
    return bool(old == new)


def _block_indent(yaml_text: str, mapping: yaml.MappingNode) -> str:
    """Indentation of the keys of a block mapping, as written in the file."""
    first_key = mapping.value[0][0] if mapping.value else None
    if first_key is None:
        return ""
    line_start = _line_start(yaml_text, first_key.start_mark.index)
    prefix = yaml_text[line_start : first_key.start_mark.index]
    # Only the spaces: an explicit-key "? " or an anchor before the first
    # key belongs to that key, and copying it would break the new entry.
    return prefix[: len(prefix) - len(prefix.lstrip(" "))]


def _is_simple_mapping(value: Any) -> bool:
    """A non-empty mapping of plain values, like a link: written in block form."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(not isinstance(v, dict | list) for v in value.values())
    )


def _block_lines(value: dict[str, Any], indent: str) -> list[str]:
    return [f"{indent}  {format_string(str(k))}: {format_value(v)}" for k, v in value.items()]


def _new_entry_text(key: str, value: Any, indent: str, newline: str) -> str:
    """A whole new ``key: value`` entry; link mappings get the block form readers expect."""
    key_text = format_string(key)
    if _is_simple_mapping(value):
        lines = [f"{indent}{key_text}:", *_block_lines(value, indent)]
        return newline.join(lines) + newline
    return f"{indent}{key_text}: {format_value(value)}{newline}"


def _content_end(node: yaml.Node) -> int:
    """Where ``node``'s own text ends.

    The end mark of a block mapping or sequence lies where the parser met the
    next key, after any comment lines in between. Those comments belong to
    what follows, so a collection ends at the end of its last value instead.
    """
    if (
        isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        and not node.flow_style
        and node.value
    ):
        last = node.value[-1]
        return _content_end(last[1] if isinstance(node, yaml.MappingNode) else last)
    return int(node.end_mark.index)


def _next_line_start(yaml_text: str, index: int) -> int:
    """Start of the line after the one ``index`` ends in (a trailing comment goes along)."""
    if index > 0 and yaml_text[index - 1] == "\n":
        return index
    nl = yaml_text.find("\n", index)
    return len(yaml_text) if nl == -1 else nl + 1


def _removal_range(yaml_text: str, key: yaml.Node, value: yaml.Node) -> tuple[int, int]:
    start = _line_start(yaml_text, key.start_mark.index)
    return start, _next_line_start(yaml_text, _content_end(value))


def _mapping_edits(
    yaml_text: str,
    node: yaml.MappingNode,
    old: dict[str, Any],
    new: dict[str, Any],
    newline: str,
    append_at: int,
) -> list[_Edit] | None:
    """Edits turning mapping ``old`` into ``new``; None when the node can't be edited in place."""
    edits: list[_Edit] = []
    entries = {str(k.value): (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    for key, old_value in old.items():
        if key not in entries:
            return None
        key_node, value_node = entries[key]
        if key not in new:
            if node.flow_style:
                return None
            start, end = _removal_range(yaml_text, key_node, value_node)
            edits.append(_Edit(start, end, ""))
            continue
        new_value = new[key]
        if _same(old_value, new_value):
            continue
        if (
            isinstance(old_value, dict)
            and isinstance(new_value, dict)
            and isinstance(value_node, yaml.MappingNode)
            and not value_node.flow_style
        ):
            nested = _mapping_edits(
                yaml_text,
                value_node,
                old_value,
                new_value,
                newline,
                _after_last_line(yaml_text, value_node),
            )
            if nested is not None:
                edits.extend(nested)
                continue
        edits.append(
            _replace_value(yaml_text, key_node, value_node, new_value, newline, not node.flow_style)
        )
    added = [key for key in new if key not in old]
    if added and node.flow_style:
        # '{title: T, tags: [a]}' stays a flow mapping: new entries go after
        # the last value (before any comment or trailing comma), or inside '{}'.
        if node.value:
            at = _content_end(node.value[-1][1])
            sep = ", "
        else:
            at = yaml_text.rfind("}", 0, node.end_mark.index)
            sep = ""
        text = sep + ", ".join(f"{format_string(k)}: {format_value(new[k])}" for k in added)
        edits.append(_Edit(at, at, text))
    elif added:
        indent = _block_indent(yaml_text, node)
        text = "".join(_new_entry_text(key, new[key], indent, newline) for key in added)
        edits.append(_Edit(append_at, append_at, text))
    return edits


def _after_last_line(yaml_text: str, node: yaml.Node) -> int:
    """Where a new line can be inserted right after ``node``'s last line."""
    return _next_line_start(yaml_text, _content_end(node))


def _replace_value(
    yaml_text: str, key: yaml.Node, node: yaml.Node, value: Any, newline: str, in_block: bool
) -> _Edit:
    start, end = node.start_mark.index, node.end_mark.index
    original = yaml_text[start:end]
    trailing = original[len(original.rstrip("\r\n")) :]
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
        # A block collection starts on the line after its key; replace it
        # with a flow value on the key's line. The colon is searched after the
        # key, not before the value: a comment on the key's line may hold one,
        # and that comment is kept.
        colon = yaml_text.find(":", key.end_mark.index)
        line_end = yaml_text.find("\n", colon)
        line_end = len(yaml_text) if line_end == -1 else line_end
        rest = yaml_text[colon + 1 : line_end].rstrip("\r")
        comment = rest if rest.lstrip().startswith("#") else ""
        text = " " + format_value(value) + comment + newline
        return _Edit(colon + 1, _next_line_start(yaml_text, _content_end(node)), text)
    if isinstance(node, yaml.ScalarNode) and start == end:
        # An empty value ('title:' and nothing else) has no text to replace;
        # its mark sits right after the colon, so the new text needs a space
        # ('title:T' would be a single plain word), and a link in a block
        # mapping gets the block form of a new entry.
        if in_block and _is_simple_mapping(value):
            line_end = yaml_text.find("\n", start)
            line_end = len(yaml_text) if line_end == -1 else line_end
            if line_end > start and yaml_text[line_end - 1] == "\r":
                line_end -= 1
            lines = _block_lines(value, " " * key.start_mark.column)
            return _Edit(line_end, line_end, "".join(newline + line for line in lines))
        return _Edit(start, end, " " + _value_text(node, value))
    if isinstance(value, str) and isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        text = format_string(value)
    else:
        text = _value_text(node, value)
    return _Edit(start, end, text + trailing)


def apply_edits(text: str, edits: list[_Edit]) -> str:
    """Apply edits from the end backwards so earlier offsets stay valid.

    Insertions at the same offset keep their list order in the result: a key
    added to the last nested mapping (listed first) must come before a key
    added to the top level at the same place, or it would land under the
    wrong parent.
    """
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))
    for _, edit in reversed(ordered):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def rewrite_front_matter(
    yaml_text: str,
    root: yaml.MappingNode | None,
    old: dict[str, Any],
    new: dict[str, Any],
    newline: str,
) -> str:
    """The front-matter text with only the differences between ``old`` and ``new`` spliced in."""
    if yaml_text and not yaml_text.endswith("\n"):
        yaml_text += newline
    if root is None:
        # Empty front matter, or only comments: keep them and add below.
        return yaml_text + "".join(
            _new_entry_text(key, value, "", newline) for key, value in new.items()
        )
    append_at = len(yaml_text)
    edits = _mapping_edits(yaml_text, root, old, new, newline, append_at)
    if edits is None:  # a flow mapping at the top: rare; write it again
        return "".join(_new_entry_text(key, value, "", newline) for key, value in new.items())
    return apply_edits(yaml_text, edits)


def jsonable(value: Any) -> Any:
    """Dates as ISO text: what the panel shows and what scripts can compare."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value
