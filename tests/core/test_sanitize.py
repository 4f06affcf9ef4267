"""The sanitizer keeps everything markdown makes and drops what could run or navigate."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from editor.core.render import render_markdown
from editor.core.sanitize import sanitize_html

MARKDOWN_FEATURES = """\
# Harbour works {#works .lead}

[TOC]

Text with *emphasis*, **strong**, `code`, a [link](other.md#part "Title") and a
footnote[^note]. The HTML abbreviation is explained.

*[HTML]: Hyper Text Markup Language

| left | right | centre |
|:-----|------:|:------:|
| 1    | 2     | 3      |

```python
print("hello")
```

    indented code

Term
: Definition

> A quote

1. one
2. two

- [x] item

![A dot](images/dot.png "Dot")

<details><summary>More</summary>Hidden text.</details>

<video src="clip.mp4" poster="poster.png" controls></video>

[^note]: The note itself.
"""


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cleaned = tuple(sorted((k, (v or "").replace(" ", "").rstrip(";")) for k, v in attrs))
        self.seen.append((tag, cleaned))

    handle_startendtag = handle_starttag


def _elements(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.seen


def test_everything_markdown_makes_is_kept() -> None:
    rendered = render_markdown(MARKDOWN_FEATURES)
    assert _elements(sanitize_html(rendered)) == _elements(rendered)


@pytest.mark.parametrize(
    ("markup", "gone"),
    [
        ('<meta http-equiv="refresh" content="0;url=http://x.test/">', "<meta"),
        ('<base href="http://x.test/">', "<base"),
        ("<script>alert(1)</script>", "alert"),
        ('<img src="a.png" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="java&#x09;script:alert(1)">x</a>', "alert"),
        ('<a href="vbscript:msgbox(1)">x</a>', "vbscript"),
        ('<a href="data:text/html,hi">x</a>', "data:"),
        ('<img src="data:text/html,hi">', "data:"),
        ('<iframe src="http://x.test/"></iframe>', "iframe"),
        ('<link rel="icon" href="/etc/group">', "<link"),
        ('<svg onload="alert(1)"></svg>', "onload"),
        ('<form action="http://x.test/"><button>go</button></form>', "<form"),
        ('<div style="background: url(http://x.test/)">s</div>', "x.test"),
        ("<style>body { background: url(http://x.test/) }</style>", "x.test"),
    ],
)
def test_hostile_markup_is_dropped(markup: str, gone: str) -> None:
    assert gone.lower() not in sanitize_html(f"<p>before</p>{markup}<p>after</p>").lower()


def test_data_images_and_web_links_stay() -> None:
    html = '<img src="data:image/png;base64,iVBORw0KGgo=" alt="d"><a href="https://x.test/">w</a>'
    cleaned = sanitize_html(html)
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in cleaned
    assert 'href="https://x.test/"' in cleaned
    assert "rel=" not in cleaned  # nothing added: the preview compares blocks as rendered
