"""A refresh re-reads what changed and reports exactly the files whose entry changed."""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.library.refresh import Refreshing
from tests.core.libhelp import write_article


def test_a_changed_file_is_re_read_and_an_unchanged_one_is_not(tmp_path: Path) -> None:
    a = write_article(tmp_path, "a.md", "A")
    b = write_article(tmp_path, "b.md", "B")
    library = Refreshing(tmp_path)
    library.scan()
    write_article(tmp_path, "a.md", "A, second draft")
    os.utime(a, ns=(1, 1))  # a different modification time, whatever the clock did
    assert library.refresh([a, b]) == {str(a)}
    assert library.entries[str(a)].title == "A, second draft"
    write_article(tmp_path, "b.md", "B, saved by the editor")
    os.utime(b, ns=(2, 2))
    updated = library.update_entry(b)
    assert updated is not None and updated.title == "B, saved by the editor"


def test_new_and_deleted_files_are_found_by_refreshing_their_folder(tmp_path: Path) -> None:
    gone = write_article(tmp_path, "gone.md", "Gone")
    library = Refreshing(tmp_path)
    library.scan()
    gone.unlink()
    added = write_article(tmp_path, "new.md", "New")
    assert library.refresh([tmp_path]) == {str(gone), str(added)}
    assert [e.title for e in library.entries.values()] == ["New"]


def test_paths_outside_the_library_are_ignored(tmp_path: Path) -> None:
    write_article(tmp_path / "lib", "a.md", "A")
    outside = write_article(tmp_path, "elsewhere.md", "Elsewhere")
    library = Refreshing(tmp_path / "lib")
    library.scan()
    assert library.refresh([outside]) == set()
    assert str(outside) not in library.entries


def test_include_makes_any_file_a_member(tmp_path: Path) -> None:
    odd = tmp_path / "draft.txt"
    odd.write_text("---\ntitle: Draft\n---\nText.\n", encoding="utf-8")
    library = Refreshing(tmp_path)
    library.scan()
    assert library.entries == {}
    entry = library.include(odd)
    assert entry is not None and entry.title == "Draft"
    assert library.include(tmp_path / "missing.md") is None
