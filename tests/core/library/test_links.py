"""Where a link leads: by path (relative, rooted, pretty) or by title."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.article import Link
from editor.core.library import Library
from editor.core.library.links import FOLDER_ARTICLES
from tests.core.libhelp import write_article


@pytest.mark.parametrize("name", FOLDER_ARTICLES)
def test_a_link_to_a_folder_leads_to_its_index_article(tmp_path: Path, name: str) -> None:
    write_article(tmp_path / "series", name, "The series")
    library = Library.open(tmp_path)
    source = tmp_path / "a.md"
    target = library.link_target(source, Link("The series", "series/", None))
    assert target == str(tmp_path / "series" / name)


def test_rooted_relative_and_fragment_paths(tmp_path: Path) -> None:
    write_article(tmp_path / "news", "b.md", "B")
    library = Library.open(tmp_path)
    source = tmp_path / "news" / "deep" / "a.md"
    expected = str(tmp_path / "news" / "b.md")
    assert library.link_target(source, Link("B", "/news/b.md", None)) == expected
    assert library.link_target(source, Link("B", "../b#part", None)) == expected
    assert library.link_target(source, Link("B", None, "https://example.org")) is None
    assert library.link_path_between(source, expected) == "../b.md"


def test_a_link_without_a_path_resolves_by_title_and_a_web_link_to_nothing(
    tmp_path: Path,
) -> None:
    write_article(tmp_path, "a.md", "Alpha", next="Beta")
    write_article(tmp_path, "b.md", "Beta", prev="Alpha")
    library = Library.open(tmp_path)
    found = library.neighbour(tmp_path / "a.md", "next")
    assert found is not None and found.title == "Beta"
    assert library.resolve(tmp_path / "a.md", Link("Beta", None, "https://e.org")) is None
    assert library.by_title("  Beta ") == [found]


def test_an_article_outside_the_folder_is_indexed_on_demand_not_a_member(
    tmp_path: Path,
) -> None:
    outside = write_article(tmp_path, "outside.md", "Outside")
    write_article(tmp_path / "lib", "a.md", "A", next=("Outside", "../outside.md"))
    library = Library.open(tmp_path / "lib")
    found = library.neighbour(tmp_path / "lib" / "a.md", "next")
    assert found is not None and found.file == str(outside)
    assert str(outside) in library.outside and outside not in library
