"""What the preview may load and follow: nothing from the network, no scripts, no file: links.

An article can come from anywhere (a download, a shared folder, a pull
request), and its raw HTML reaches the preview. Loading a remote image
would tell a stranger's server that, and when, the article was opened (a
tracking pixel); following ``javascript:`` or ``file:`` links hands control
or local files to whatever the link names. So every address is sorted into
three kinds before the preview acts on it:

``local``
    in the page or on this disk: a fragment, a relative or absolute path,
    ``file:`` images (not links), ``data:`` images (not links). Loaded or
    followed inside the editor; nothing leaves the machine.
``remote``
    on the network: http, https, ftp(s), protocol-relative ``//host``,
    ``file://host/...`` (a network share) and, for links only, ``mailto:``.
    Images are shown as a placeholder with their address; links open in
    the system browser only when clicked.
``blocked``
    anything else: ``javascript:``, ``vbscript:``, ``data:`` links,
    ``file:`` links, unknown schemes. Never loaded, never followed.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import urlsplit

UrlKind = Literal["local", "remote", "blocked"]

REMOTE_SCHEMES = frozenset({"http", "https", "ftp", "ftps"})
#: Links the system may open in another program (the browser, the mail client).
REMOTE_LINK_SCHEMES = REMOTE_SCHEMES | {"mailto"}

# Browsers drop ASCII whitespace and control characters anywhere in a URL's
# scheme ("java\tscript:"); treat addresses the way they would.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_WINDOWS_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")
_DATA_IMAGE = re.compile(r"^data:image/[a-z0-9.+\-]+[;,]", re.IGNORECASE)


def classify_url(url: str, *, image: bool = False) -> UrlKind:
    """Sort an address (as written in the article, entities decoded) for a link or an image."""
    cleaned = _IGNORED.sub("", url)
    if not cleaned:
        return "local"
    if cleaned.startswith(("//", "\\\\")):
        return "remote"  # protocol-relative or a Windows network path
    if _WINDOWS_DRIVE.match(cleaned):
        return "local"
    match = _SCHEME.match(cleaned)
    if match is None:
        return "local"  # a path or a #fragment
    scheme = match.group(1).lower()
    if scheme in REMOTE_SCHEMES:
        return "remote"
    if scheme == "file":
        host = urlsplit(cleaned).hostname
        if host not in (None, "", "localhost"):
            return "remote"  # file://server/share is fetched over the network
        return "local" if image else "blocked"
    if scheme == "data":
        return "local" if image and _DATA_IMAGE.match(cleaned) else "blocked"
    if scheme == "mailto" and not image:
        return "remote"
    return "blocked"


# --------------------------------------------------------------- placeholders

#: An <img> start tag, attribute values may hold ">" inside quotes.
_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)

PLACEHOLDER_CLASS = "image-not-loaded"


class _Attributes(HTMLParser):
    """The attributes of one start tag, decoded as a browser would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.attrs:
            for name, value in attrs:
                self.attrs.setdefault(name.lower(), value or "")

    handle_startendtag = handle_starttag


def _img_attributes(tag: str) -> dict[str, str]:
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def placeholder_html(address: str, alt: str, kind: UrlKind) -> str:
    """A visible stand-in for an image that is not loaded, naming its address.

    A remote address becomes a link (clicking opens it in the browser, the
    user's choice); a blocked one is shown as text only.
    """
    shown = address if len(address) <= 200 else address[:199] + "…"
    label = html.escape(alt.strip() or "image", quote=False)
    if kind == "remote":
        target = f'<a href="{html.escape(address, quote=True)}">{html.escape(shown)}</a>'
        why = "remote image not loaded"
    else:
        target = f"<code>{html.escape(shown)}</code>"
        why = "image address blocked"
    return (
        f'<span class="{PLACEHOLDER_CLASS}" style="color: #777777;">'
        f"[{label}: {why}: {target}]</span>"
    )


def rewrite_images(rendered_html: str, *, allow_remote: bool = False) -> str:
    """Replace every <img> the preview must not load with a placeholder showing its address.

    ``allow_remote`` is the per-session View option: remote images then stay
    as they are. Blocked addresses are replaced always.
    """

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        attrs = _img_attributes(tag)
        address = attrs.get("src", "")
        kind = classify_url(address, image=True)
        if kind == "local" or (kind == "remote" and allow_remote):
            return tag
        return placeholder_html(address, attrs.get("alt", ""), kind)

    if "<img" not in rendered_html.lower():
        return rendered_html
    return _IMG_TAG.sub(replace, rendered_html)


# ----------------------------------------------------------- render hazards

#: Python-Markdown matches each "[" against every later "]" in its paragraph:
#: time grows with the square of the brackets in one paragraph (0.4 s for
#: 2,000, 18 s for 8,000). Real paragraphs hold a few dozen links.
MAX_BRACKETS_PER_PARAGRAPH = 1_500
#: Python-Markdown parses each nested list or quote level by recursion: a line
#: that opens a few hundred levels ends in a RecursionError (or a crash of the
#: thread's stack) after seconds of work. Real articles nest a handful.
MAX_NESTING = 64
#: One paragraph this long (a pasted log, a single-line dump) takes the
#: renderer about a second per 2.5 MB while the window waits for its thread.
MAX_PARAGRAPH_CHARS = 1_000_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MARKERS = rf"(?:[ \t]*(?:[-*+>]|\d{{1,9}}[.)])(?:[ \t]+|$)){{{MAX_NESTING}}}"
_INDENT = rf"(?: {{4}}|\t){{{MAX_NESTING}}}"
# Led by a newline rather than ``^``: the regex engine then jumps from line to
# line instead of trying every character of a 20 MB line.
_DEEP_LINE = re.compile(rf"(?:{_MARKERS}|{_INDENT})", re.MULTILINE)
_DEEP_NEXT_LINE = re.compile(rf"\n(?:{_MARKERS}|{_INDENT})", re.MULTILINE)


def _deep_line(body: str, start: int, end: int) -> int | None:
    """Where the first line of ``body[start:end]`` nested too deep starts, if any."""
    if _DEEP_LINE.match(body, start, end):
        return start
    found = _DEEP_NEXT_LINE.search(body, start, end)
    return None if found is None else found.start() + 1


def _region_hazard(body: str, start: int, end: int) -> str | None:
    """The first hazard in the whole paragraphs of ``body[start:end]``."""
    deep = _deep_line(body, start, end)
    if deep is not None:
        line = body.count("\n", 0, deep) + 1
        return (
            f"line {line} nests lists or quotes more than {MAX_NESTING} levels deep; "
            "the preview is paused until it is shallower"
        )
    if body.count("[", start, end) <= MAX_BRACKETS_PER_PARAGRAPH and (
        end - start <= MAX_PARAGRAPH_CHARS
    ):
        return None
    para = start
    for match in [*_PARAGRAPH_BREAK.finditer(body, start, end), None]:
        para_end = end if match is None else match.start()
        brackets = body.count("[", para, para_end)
        if brackets > MAX_BRACKETS_PER_PARAGRAPH:
            line = body.count("\n", 0, para) + 1
            return (
                f"the paragraph at line {line} has {brackets:,} '[' characters; "
                f"the preview is paused above {MAX_BRACKETS_PER_PARAGRAPH:,} per paragraph"
            )
        if para_end - para > MAX_PARAGRAPH_CHARS:
            line = body.count("\n", 0, para) + 1
            return (
                f"the paragraph at line {line} is {para_end - para:,} characters long; "
                f"the preview is paused above {MAX_PARAGRAPH_CHARS:,}"
            )
        if match is not None:
            para = match.end()
    return None


def render_hazard(body: str) -> str | None:
    """Why rendering ``body`` would stall the preview for seconds, or None when it is fine.

    A cheap linear scan the preview can run before handing text to the
    renderer, whose thread cannot be interrupted once it starts.
    """
    return _region_hazard(body, 0, len(body))


class HazardWatch:
    """``render_hazard`` for successive versions of one body, checking only edited paragraphs.

    While nothing is paused, an edit can only bring a hazard into the
    paragraphs it touched; a whole scan is made for the first version and
    while a hazard stands (it may have been fixed, or another may remain).
    """

    def __init__(self) -> None:
        self._text: str | None = None
        self._hazard: str | None = None

    def check(self, body: str) -> str | None:
        from editor.core.edit_span import edit_span, paragraph_start

        old, self._text = self._text, body
        if old is None or self._hazard is not None:
            self._hazard = render_hazard(body)
        elif old is not body:
            span = edit_span(old, body)
            start = paragraph_start(body, span.start)
            after = _PARAGRAPH_BREAK.search(body, span.new_end)
            end = len(body) if after is None else after.start()
            self._hazard = _region_hazard(body, start, end)
        return self._hazard
