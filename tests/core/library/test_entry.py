"""An entry answers by field name, and a file that cannot be read is an entry too."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.article import Link
from editor.core.library.entry import (
    UNREADABLE,
    LibraryEntry,
    ScanNotice,
    error_entry,
    link_from_value,
    link_of,
)


def test_links_and_lines_by_field_name() -> None:
    entry = LibraryEntry("/lib/a.md", "A", prev=Link("P", "p.md", None), prev_line=3, title_line=1)
    assert entry.link("prev") == Link("P", "p.md", None)
    assert entry.link("next") is None
    assert entry.line_of("prev") == 3
    assert entry.line_of("title") == 1
    assert entry.line_of("author") is None
    with pytest.raises(ValueError, match="not a link field: 'title'"):
        entry.link("title")


def test_an_error_entry_is_not_ok_and_keeps_its_code_and_line() -> None:
    entry = error_entry("/lib/a.md", UNREADABLE, "permission denied", size=5, line=2)
    assert not entry.ok
    assert (entry.error_code, entry.error, entry.error_line, entry.size) == (
        UNREADABLE,
        "permission denied",
        2,
        5,
    )
    assert entry.path == Path("/lib/a.md")
    assert ScanNotice("/lib/x", UNREADABLE, "cannot list").path == Path("/lib/x")


@pytest.mark.parametrize(
    "value",
    [
        None,
        "Plain title",
        {"title": "T", "path": "a.md"},
        {"title": "T", "path": "a.md", "url": "https://example.org", "weight": 3},
        {"path": "only-a-path.md"},
        {},
        {"title": None, "path": None},
        5,
        ["not", "a", "link"],
    ],
)
def test_the_quick_link_is_the_link_the_model_builds(value: object) -> None:
    quick = link_from_value(value)
    model = Link.from_value(value)
    assert quick == model
    assert repr(quick) == repr(model)
    if model is not None:
        assert quick is not None and hash(quick) == hash(model)
        assert {quick: 1}[model] == 1
        with pytest.raises(AttributeError):
            quick.title = "changed"  # type: ignore[misc]
    assert link_of("T", None, "u") == Link("T", None, "u")
