"""The headings of a markdown body, with the ids the rendered page gives them.

The outline panel jumps the editor to a heading's line and the preview to its
anchor, so each heading carries both: the line comes from the source, and the
id is computed the way Python-Markdown's toc extension does (text without
markup, slugified, made unique with ``_1``, ``_2``...), so it matches the
rendered page without rendering it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from editor.core.edit_span import edit_span, paragraph_start

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
#: The start of a line that may open or close a fence or be (or underline) a heading.
_CANDIDATE = re.compile(r"\n(?= {0,3}(?:#|```|~~~|(?:=+|-+)[ \t]*(?:\n|\Z)))")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ATTR_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
_ATTR = re.compile(r"\s*\{[:#.][^}]*\}\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"(?<!\\)(?:[*`]|(?<!\w)_|_(?!\w))")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_MARKUP_CHARS = re.compile(r"[!\[<*`_\\]")


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
    if not _MARKUP_CHARS.search(markup):
        return markup.strip()  # most headings: nothing to take out
    text = _IMAGE.sub("", markup)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _MARKUP.sub("", text)
    return _ESCAPE.sub(r"\1", text).strip()


def headings(body: str) -> list[Heading]:
    """ATX (``## Title``) and setext (underlined) headings outside fenced code."""
    tracker = OutlineTracker()
    tracker.update(body)
    found: list[Heading] = []
    line = 0
    last = 0
    for entry, offset in zip(tracker.entries, tracker.offsets, strict=True):
        line += body.count("\n", last, offset)
        last = offset
        found.append(Heading(entry.level, entry.text, line, entry.anchor))
    return found


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """A heading as the outline shows it; where it is lives in ``OutlineTracker.offsets``."""

    level: int
    text: str
    anchor: str


#: (level, markup as written) of a heading
_Key = tuple[int, str]


class OutlineTracker:
    """The headings of successive versions of one body, rescanning only around each edit.

    ``headings()`` walks every line, 30 ms for a 2 MB article and more with
    each megabyte. The tracker keeps the headings and the fence lines it found
    with their offsets; an edit is rescanned from the blank line before it
    until, after a blank line past it, the scan is inside or outside a fence
    exactly as the previous scan was there. From that line on nothing can
    differ, so the old findings are kept, moved by the edit's length.
    """

    def __init__(self) -> None:
        self._text: str | None = None
        self._fence_offsets: list[int] = []
        #: the opening fence, or None for a closing one
        self._fences: list[str | None] = []
        self._keys: list[_Key] = []
        self._idents: list[tuple[bool, str]] = []
        self._parsed: dict[_Key, tuple[str, bool, str]] = {}
        #: the headings in order, and where each one's line starts in the body
        self.entries: list[OutlineEntry] = []
        self.offsets: list[int] = []

    def update(self, body: str) -> tuple[int, int, int]:
        """Follow ``body``; returns (first, removed, inserted): which entries changed."""
        old = self._text
        self._text = body
        if old is None:
            start, resume, delta = 0, None, 0
        elif old is body:
            return len(self.entries), 0, 0
        else:
            span = edit_span(old, body)
            start = paragraph_start(body, span.start)
            resume, delta = span.new_end, span.delta
        fence_keep = bisect_left(self._fence_offsets, start)
        fence = self._fences[fence_keep - 1] if fence_keep else None
        fence_offsets, fences, head_offsets, keys, end = self._scan(
            body, start, fence, resume, delta
        )
        old_end = end - delta if end < len(body) else (len(old) + 1 if old is not None else 0)
        fence_tail = bisect_left(self._fence_offsets, old_end)
        self._fence_offsets[fence_keep:] = fence_offsets + [
            o + delta for o in self._fence_offsets[fence_tail:]
        ]
        self._fences[fence_keep:] = fences + self._fences[fence_tail:]
        first = bisect_left(self.offsets, start)
        tail = bisect_left(self.offsets, old_end)
        self.offsets[first:] = head_offsets + [o + delta for o in self.offsets[tail:]]
        self._keys[first:tail] = keys
        idents = [self._ident(key) for key in keys]
        same_ids = idents == self._idents[first:tail]
        self._idents[first:tail] = idents
        if same_ids:
            self.entries[first:tail] = [
                OutlineEntry(key[0], self._parsed[key][0], old_entry.anchor)
                for key, old_entry in zip(keys, self.entries[first:tail], strict=True)
            ]
        else:
            self.entries[first:tail] = [OutlineEntry(k[0], "", "") for k in keys]
            self._assign_anchors()
        if len(self._parsed) > 2 * len(self._keys) + 256:
            self._parsed = {key: self._parsed[key] for key in self._keys}
        return first, tail - first, len(keys)

    def _ident(self, key: _Key) -> tuple[bool, str]:
        parsed = self._parsed.get(key)
        if parsed is None:
            # Imported here: Python-Markdown is not needed before the window's first paint.
            from markdown.extensions.toc import slugify

            markup = key[1]
            explicit = _ATTR_ID.search(markup)
            text = plain_heading_text(_ATTR.sub("", markup))
            if explicit:
                parsed = (text, True, explicit.group(1))
            else:
                parsed = (text, False, slugify(text, "-"))
            self._parsed[key] = parsed
        return parsed[1], parsed[2]

    def _assign_anchors(self) -> None:
        """Ids as ``toc`` gives them: explicit ones kept, slugs made unique in order."""
        from markdown.extensions.toc import unique

        ids: set[str] = set()
        # ``unique`` walks slug, slug_1, slug_2... each time; every id on that
        # walk stays taken, so the next walk for the same slug may start at
        # the id the last one returned (a slug repeated 100 times costs 100
        # steps instead of 5,000).
        walked: dict[str, str] = {}
        entries = self.entries
        for k, key in enumerate(self._keys):
            text, explicit, ident = self._parsed[key]
            if explicit:
                ids.add(ident)
                anchor = ident
            else:
                anchor = unique(walked.get(ident, ident), ids)
                walked[ident] = anchor
            old = entries[k]
            if old.anchor != anchor or old.text != text:
                entries[k] = OutlineEntry(key[0], text, anchor)

    def _fence_at(self, offset: int) -> str | None:
        """The fence open at ``offset`` (a line start) in the previous scan."""
        k = bisect_left(self._fence_offsets, offset)
        return self._fences[k - 1] if k else None

    def _scan(
        self, body: str, pos: int, fence: str | None, resume: int | None, delta: int
    ) -> tuple[list[int], list[str | None], list[int], list[_Key], int]:
        """Scan lines from ``pos``; stop past ``resume`` where the old scan agrees.

        Only lines that can open or close a fence or make a heading (they start
        with ``#`` or a fence, or are an underline of ``=`` or ``-``) are looked
        at one by one; a regular expression jumps over the prose between them.
        """
        fence_offsets: list[int] = []
        fences: list[str | None] = []
        head_offsets: list[int] = []
        keys: list[_Key] = []
        length = len(body)
        start = pos
        last_end = -2  # end of the last line looked at
        last_previous = ""  # what it left as the line above the next one
        lines = _CANDIDATE.finditer(body, pos)
        line_start = pos
        while True:
            end = body.find("\n", line_start)
            if end < 0:
                end = length
            if line_start == start:
                previous = ""
            elif last_end == line_start - 1:
                previous = last_previous
            else:
                above = body.rfind("\n", 0, line_start - 1) + 1
                previous = "" if fence is not None else body[above : line_start - 1]
                if resume is not None and above > resume and self._fence_at(above - delta) == fence:
                    # The line above is prose the old scan read the same way:
                    # from there on both scans agree.
                    return fence_offsets, fences, head_offsets, keys, above
            line = body[line_start:end]
            opening = _FENCE.match(line)
            if fence is not None:
                if (
                    opening
                    and opening.group(1)[0] == fence[0]
                    and len(opening.group(1)) >= len(fence)
                ):
                    fence = None
                    fence_offsets.append(line_start)
                    fences.append(None)
                previous = ""
            elif opening:
                fence = opening.group(1)
                fence_offsets.append(line_start)
                fences.append(fence)
                previous = ""
            elif atx := _ATX.match(line):
                head_offsets.append(line_start)
                keys.append((len(atx.group(1)), atx.group(2) or ""))
                previous = ""
            elif (
                _SETEXT.match(line) and previous.strip() and not previous.startswith(("    ", "\t"))
            ):
                # Python-Markdown reads any text line above an underline as a
                # heading, even "- item": the outline follows the renderer.
                level = 1 if line.lstrip()[0] == "=" else 2
                head_offsets.append(body.rfind("\n", 0, line_start - 1) + 1)
                keys.append((level, previous.strip()))
                previous = ""
            else:
                previous = line
            last_end, last_previous = end, previous
            found = next(lines, None)
            if found is None:
                return fence_offsets, fences, head_offsets, keys, length + 1
            line_start = found.end()


def heading_index_at(found: list[Heading], line: int) -> int | None:
    """The heading whose section contains ``line`` (the last one at or above it)."""
    index = None
    for i, heading in enumerate(found):
        if heading.line > line:
            break
        index = i
    return index
