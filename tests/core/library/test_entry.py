"""An entry answers by field name, and a file that cannot be read is an entry too."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.article import Link
from editor.core.library.entry import UNREADABLE, LibraryEntry, ScanNotice, error_entry


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
