"""The Library as its users see it: one object for scan, refresh and links, and snapshots."""

from __future__ import annotations

from pathlib import Path

import editor.core.library as library_package
from editor.core.library.folder import Library
from editor.core.library.state import LibraryState
from tests.core.libhelp import write_article


def test_the_package_gives_the_same_library() -> None:
    assert library_package.Library is Library
    assert issubclass(Library, LibraryState)


def test_members_in_path_order_with_relative_names(tmp_path: Path) -> None:
    write_article(tmp_path / "b", "z.md", "Z")
    write_article(tmp_path, "a.md", "A")
    library = Library.open(tmp_path)
    assert [e.title for e in library] == ["A", "Z"]
    assert len(library) == 2
    assert tmp_path / "a.md" in library and "nope.md" not in library
    assert library.relative(tmp_path / "b" / "z.md") == "b/z.md"
    assert library.get(tmp_path / "a.md") is library.articles()[0]


def test_a_snapshot_does_not_change_when_the_library_refreshes(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "A")
    library = Library.open(tmp_path)
    snapshot = library.snapshot()
    added = write_article(tmp_path, "b.md", "B")
    assert library.refresh([tmp_path]) == {str(added)}
    assert [e.title for e in library] == ["A", "B"]
    assert [e.title for e in snapshot] == ["A"]


def test_state_keys_the_folder_by_its_absolute_normalised_path(tmp_path: Path) -> None:
    state = LibraryState(tmp_path / "x" / "..", recursive=False)
    assert state.root == tmp_path
    assert not state.recursive and state.cache_dir is None
    assert state.entries == {} and state.folders == set()
