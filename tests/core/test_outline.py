"""Outline headings carry the ids the rendered page gives them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.outline import OutlineTracker, heading_index_at, headings
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


LINES = ["# Harbour", "## Dredging {#own}", "Text.", "===", "---", "```", "~~~~", "    code"]
LINES.append("- item")
line_pieces = st.lists(st.sampled_from([*LINES, "", "## Dredging"]), max_size=8).map("\n".join)


@settings(max_examples=80, deadline=None)
@given(
    start=st.lists(st.sampled_from([*LINES, ""]), max_size=60).map("\n".join),
    steps=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 30), line_pieces), max_size=20),
)
def test_tracker_equals_a_fresh_scan_after_any_edits(
    start: str, steps: list[tuple[float, int, str]]
) -> None:
    """Fences opened and closed by an edit, setext lines, repeated ids: all as from scratch."""
    tracker = OutlineTracker()
    text = start
    tracker.update(text)
    for where, removed, inserted in steps:
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + removed :]
        first, _removed, added = tracker.update(text)
        fresh = headings(text)
        lines = [text.count("\n", 0, offset) for offset in tracker.offsets]
        assert [(e.level, e.text, e.anchor) for e in tracker.entries] == [
            (h.level, h.text, h.anchor) for h in fresh
        ]
        assert lines == [h.line for h in fresh]
        assert first >= 0 and first + added <= len(tracker.entries)


def test_tracker_reports_only_the_heading_that_changed() -> None:
    body = "".join(f"## Part {n}\n\nText of part {n}.\n\n" for n in range(200))
    tracker = OutlineTracker()
    tracker.update(body)
    at = body.index("Part 120") + len("Part 120")
    assert tracker.update(body[:at] + "b" + body[at:]) == (120, 1, 1)
    assert tracker.entries[120].text == "Part 120b"
    assert tracker.entries[121].anchor == "part-121"
