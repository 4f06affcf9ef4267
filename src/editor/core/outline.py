"""The headings of a markdown body, with the ids the rendered page gives them.

The outline panel jumps the editor to a heading's line and the preview to its
anchor, so each heading carries both: the line comes from the source, and the
id is computed the way Python-Markdown's toc extension does (text without
markup, slugified, made unique with ``_1``, ``_2``...), so it matches the
rendered page without rendering it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ATTR_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
_ATTR = re.compile(r"\s*\{[:#.][^}]*\}\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"(?<!\\)(?:[*`]|(?<!\w)_|_(?!\w))")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    #: 0-based line of the heading's text in the body
    line: int
    #: the id attribute of the heading in the rendered page
    anchor: str


def plain_heading_text(markup: str) -> str:
    """What a reader sees of a heading: links and emphasis without their syntax."""
    text = _IMAGE.sub("", markup)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _MARKUP.sub("", text)
    return _ESCAPE.sub(r"\1", text).strip()


def headings(body: str) -> list[Heading]:
    """ATX (``## Title``) and setext (underlined) headings outside fenced code."""
    found: list[Heading] = []
    ids: set[str] = set()
    fence: str | None = None
    previous = ""
    for number, line in enumerate(body.split("\n")):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            previous = ""
            continue
        if opening:
            fence = opening.group(1)
            previous = ""
            continue
        atx = _ATX.match(line)
        setext = _SETEXT.match(line)
        if atx:
            found.append(_heading(len(atx.group(1)), atx.group(2) or "", number, ids))
            previous = ""
            continue
        # Python-Markdown reads any text line above an underline as a heading,
        # even "- item": the outline follows the renderer, not CommonMark.
        if setext and previous.strip() and not previous.startswith(("    ", "\t")):
            level = 1 if setext.group(1)[0] == "=" else 2
            found.append(_heading(level, previous.strip(), number - 1, ids))
            previous = ""
            continue
        previous = line
    return found


def _heading(level: int, markup: str, line: int, ids: set[str]) -> Heading:
    explicit = _ATTR_ID.search(markup)
    markup = _ATTR.sub("", markup)
    text = plain_heading_text(markup)
    if explicit:
        ids.add(explicit.group(1))
        return Heading(level, text, line, explicit.group(1))
    # Imported here: Python-Markdown is not needed before the window's first paint.
    from markdown.extensions.toc import slugify, unique

    return Heading(level, text, line, unique(slugify(text, "-"), ids))


def heading_index_at(found: list[Heading], line: int) -> int | None:
    """The heading whose section contains ``line`` (the last one at or above it)."""
    index = None
    for i, heading in enumerate(found):
        if heading.line > line:
            break
        index = i
    return index
