"""Rich text from the clipboard (a web page, a word processor) as markdown.

Writers paste from browsers and documents; pasting plain text would lose the
headings, links and emphasis, and pasting HTML into a markdown article would
be noise. The converter keeps what an article uses (headings, paragraphs,
bold, italic, links, lists, code, quotes, images, simple tables) and drops
the rest (styles, scripts, layout). It is written on the standard library's
html.parser rather than markdownify, which would pull in BeautifulSoup and
its own escaping rules for a few hundred lines of work, and whose output is
tuned to other markdown dialects than the Python-Markdown the preview uses
(nested lists need four spaces here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_SKIP = frozenset({"script", "style", "head", "title", "template", "noscript", "svg", "button"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CONTAINERS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
        "figcaption", "body", "html", "center", "dl", "dd", "dt", "address", "details", "summary",
    }
)  # fmt: skip
_BLOCKS = _CONTAINERS | set(_HEADINGS) | {"ul", "ol", "li", "blockquote", "pre", "hr", "table"}
#: an open <p> or <li> ends when one of these starts, as browsers do
_CLOSES_P = _BLOCKS
_STRONG = frozenset({"strong", "b"})
_EMPHASIS = frozenset({"em", "i", "cite", "dfn"})
_CODE = frozenset({"code", "kbd", "samp", "tt"})
_BOLD = re.compile(r"font-weight:(?:bold|[6-9]00)")
#: Google Docs wraps a whole paste in <b style="font-weight:normal">
_NOT_BOLD = re.compile(r"font-weight:(?:normal|[1-4]00)")
_INDENT = "    "  # Python-Markdown needs four spaces for content inside list items


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving tree: clipboard HTML is often a fragment with unclosed tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self._stack = [self.root]
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping or tag in _SKIP:
            if tag not in _VOID:
                self._skipping += 1
            return
        if tag in _CLOSES_P:
            self._close_open("p")
        if tag == "li":
            self._close_open("li", stop_at=("ul", "ol"))
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self._stack[-1].children.append(node)
        if tag not in _VOID:
            self._stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and not self._skipping and self._stack[-1].tag == tag:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag in _SKIP or tag not in _VOID:
                self._skipping -= 1
            return
        for index in range(len(self._stack) - 1, 0, -1):
            if self._stack[index].tag == tag:
                del self._stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._stack[-1].children.append(data)

    def _close_open(self, tag: str, stop_at: tuple[str, ...] = ()) -> None:
        for index in range(len(self._stack) - 1, 0, -1):
            current = self._stack[index].tag
            if current in stop_at:
                return
            if current == tag:
                del self._stack[index:]
                return


def html_to_markdown(html: str) -> str:
    """Markdown for an HTML fragment or page; empty when it holds no text or images."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    text = _render_blocks(builder.root.children)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n" if text.strip() else ""


# ------------------------------------------------------------------ blocks
def _render_blocks(children: list[_Node | str]) -> str:
    blocks: list[str] = []
    inline: list[_Node | str] = []

    def flush() -> None:
        paragraph = _paragraph(_render_inline(inline))
        if paragraph:
            blocks.append(paragraph)
        inline.clear()

    for child in children:
        if isinstance(child, _Node) and child.tag in _BLOCKS:
            flush()
            rendered = _render_block(child)
            if rendered.strip():
                blocks.append(rendered)
        elif isinstance(child, _Node) and any(
            isinstance(c, _Node) and c.tag in _BLOCKS for c in child.children
        ):
            # <b id="docs-internal-guid"><p>…</p><p>…</p></b>: paragraphs in an inline wrapper.
            flush()
            rendered = _render_blocks(child.children)
            if rendered.strip():
                blocks.append(rendered)
        else:
            inline.append(child)
    flush()
    return "\n\n".join(blocks)


def _render_block(node: _Node) -> str:
    tag = node.tag
    if tag in _HEADINGS:
        text = _one_line(_render_inline(node.children))
        return f"{'#' * _HEADINGS[tag]} {text}" if text else ""
    if tag in ("ul", "ol"):
        return _render_list(node)
    if tag == "li":
        return _list_item("- ", node)
    if tag == "blockquote":
        inner = _render_blocks(node.children)
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
    if tag == "pre":
        return _render_pre(node)
    if tag == "hr":
        return "---"
    if tag == "table":
        return _render_table(node)
    return _render_blocks(node.children)


def _render_list(node: _Node) -> str:
    ordered = node.tag == "ol"
    try:
        number = int(node.attrs.get("start", "1"))
    except ValueError:
        number = 1
    items = []
    for child in node.children:
        if isinstance(child, _Node) and child.tag == "li":
            marker = f"{number}. " if ordered else "- "
            items.append(_list_item(marker, child))
            number += 1
        elif isinstance(child, _Node) and child.tag in ("ul", "ol") and items:
            nested = _render_list(child)  # a list nested without its <li>, as some editors do
            items[-1] += "\n" + _indent(nested)
    loose = any("\n\n" in item for item in items)
    return ("\n\n" if loose else "\n").join(items)


def _list_item(marker: str, node: _Node) -> str:
    body = _render_blocks(node.children).strip("\n")
    # A nested list right after the item's text keeps the list tight.
    body = re.sub(r"\n\n(?=(?:- |\d+\. ))", "\n", body)
    lines = body.split("\n")
    first = f"{marker}{lines[0]}".rstrip()
    rest = _indent("\n".join(lines[1:])) if len(lines) > 1 else ""
    return f"{first}\n{rest}" if rest else first


def _indent(text: str) -> str:
    return "\n".join(f"{_INDENT}{line}" if line else "" for line in text.split("\n"))


def _render_pre(node: _Node) -> str:
    code = _text_content(node).strip("\n")
    language = ""
    for child in node.children:
        if isinstance(child, _Node) and child.tag == "code":
            for css in child.attrs.get("class", "").split():
                if css.startswith(("language-", "lang-")):
                    language = css.split("-", 1)[1]
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code}\n{fence}"


def _render_table(node: _Node) -> str:
    rows: list[list[str]] = []

    def collect(parent: _Node) -> None:
        for child in parent.children:
            if not isinstance(child, _Node):
                continue
            if child.tag == "tr":
                cells = [
                    _one_line(_render_inline(c.children)).replace("|", "\\|")
                    for c in child.children
                    if isinstance(c, _Node) and c.tag in ("td", "th")
                ]
                if cells:
                    rows.append(cells)
            elif child.tag in ("thead", "tbody", "tfoot"):
                collect(child)

    collect(node)
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] * width) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


# ------------------------------------------------------------------ inline
def _render_inline(children: list[_Node | str]) -> str:
    return "".join(_inline(child) for child in children)


def _inline(child: _Node | str) -> str:
    if isinstance(child, str):
        return _escape(re.sub(r"\s+", " ", child))
    tag = child.tag
    if tag == "br":
        return "  \n"
    if tag == "img":
        src = child.attrs.get("src", "")
        if not src or src.startswith("data:"):
            return ""
        alt = child.attrs.get("alt", "").replace("[", "").replace("]", "")
        return f"![{alt}]({_url(src)})"
    style = child.attrs.get("style", "").replace(" ", "").lower()
    if tag in _STRONG and not _NOT_BOLD.search(style):
        return _wrap("**", _render_inline(child.children))
    if tag == "span" and style:  # word processors style spans instead of using <b> and <i>
        text = _render_inline(child.children)
        if _BOLD.search(style):
            text = _wrap("**", text)
        if "font-style:italic" in style:
            text = _wrap("*", text)
        return text
    if tag in _EMPHASIS:
        return _wrap("*", _render_inline(child.children))
    if tag in _CODE:
        return _code_span(_text_content(child))
    if tag == "a":
        text = _render_inline(child.children)
        href = child.attrs.get("href", "")
        if not href or href.startswith("javascript:") or not text.strip():
            return text
        title = child.attrs.get("title", "")
        suffix = f' "{title}"' if title and '"' not in title else ""
        lead, core, trail = _split_space(text)
        return f"{lead}[{core}]({_url(href)}{suffix}){trail}"
    if tag in _BLOCKS:  # a block inside inline content: keep its text on its own line
        return "  \n" + _render_inline(child.children) + "  \n"
    return _render_inline(child.children)


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip(" ")
    if not core:
        return text, "", ""
    start = text.index(core[0])
    return text[:start], core, text[start + len(core) :]


def _wrap(marker: str, text: str) -> str:
    """``<b> bold </b>`` → `` **bold** ``: markdown emphasis may not start or end with a space."""
    lead, core, trail = _split_space(text)
    if not core:
        return text
    if core.startswith(marker) and core.endswith(marker):
        return text  # <b><strong>x</strong></b>: once is enough
    return f"{lead}{marker}{core}{marker}{trail}"


def _code_span(code: str) -> str:
    code = re.sub(r"\s+", " ", code)
    if not code.strip():
        return code
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{ticks}{pad}{code}{pad}{ticks}"


def _url(url: str) -> str:
    url = url.strip()
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _text_content(node: _Node) -> str:
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append("\n")
        else:
            parts.append(_text_content(child))
    return "".join(parts)


_ESCAPES = re.compile(r"([\\`*\[\]])|(?<!\w)_|_(?!\w)|<(?=[A-Za-z/!?])")


def _escape(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        found = match.group(0)
        return "&lt;" if found == "<" else "\\" + found

    return _ESCAPES.sub(repl, text)


_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s)|(\d+)([.)])(?=\s)|=+\s*$|-+\s*$)")


def _paragraph(text: str) -> str:
    """Tidy a run of inline markdown into a paragraph that reads back as one."""
    lines = [line.strip() for line in text.split("\n")]
    out = []
    for line in lines:
        if not line:
            continue
        line = re.sub(r"(?<=\S) {2,}(?=\S)", " ", line)
        match = _LINE_START.match(line)
        if match:
            if match.group(3):  # "1999. was a year" must not become a list
                line = f"{match.group(3)}\\{match.group(4)}{line[match.end(4) :]}"
            else:
                line = "\\" + line
        out.append(line)
    # Text whitespace is already collapsed: the only line breaks left are <br>s.
    return "  \n".join(out)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
