"""Outline headings carry the ids the rendered page gives them."""

from __future__ import annotations

import re

from editor.core.outline import heading_index_at, headings
from editor.core.render import render_markdown

BODY = """# Harbour *works* begin

Intro.

## Dredging
Text.

Timetable changes
-----------------

## Dredging

```
# not a heading
```

### Code `x < y` and [links](https://example.org)

## Custom {#own-id}

- a list item
---
"""


def test_headings_levels_lines_and_text() -> None:
    found = headings(BODY)
    assert [(h.level, h.line, h.text) for h in found] == [
        (1, 0, "Harbour works begin"),
        (2, 4, "Dredging"),
        (2, 7, "Timetable changes"),
        (2, 10, "Dredging"),
        (3, 16, "Code x < y and links"),
        (2, 18, "Custom"),
        (2, 20, "- a list item"),  # Python-Markdown's reading, which the preview shows
    ]


def test_anchors_match_the_rendered_page() -> None:
    rendered_ids = re.findall(r'<h[1-6] id="([^"]+)"', render_markdown(BODY))
    assert [h.anchor for h in headings(BODY)] == rendered_ids


def test_section_at_a_line() -> None:
    found = headings(BODY)
    assert heading_index_at(found, 0) == 0
    assert heading_index_at(found, 6) == 1
    assert heading_index_at(found, 100) == 6
    assert heading_index_at(headings("text\n\n# Late"), 0) is None
