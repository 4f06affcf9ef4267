"""Which names are articles, and which paths lie inside a folder."""

from __future__ import annotations

import os

from editor.core.library.paths import abs_path, is_article_name, is_under, parent_of


def test_article_names_by_ending_never_hidden_or_temporary_files() -> None:
    assert is_article_name("harbour.md")
    assert is_article_name("Harbour.MARKDOWN")
    assert not is_article_name(".draft.md")
    assert not is_article_name("notes.txt")
    assert not is_article_name("harbour.md.txt")


def test_under_means_the_folder_itself_or_inside_it_never_a_sibling_prefix() -> None:
    folder = os.path.join(os.sep, "lib", "news")
    assert is_under(folder, folder)
    assert is_under(os.path.join(folder, "a.md"), folder)
    assert not is_under(os.path.join(os.sep, "lib", "newsroom", "a.md"), folder)
    assert is_under(os.path.join(os.sep, "lib", "a.md"), os.sep)


def test_paths_are_absolute_and_normalised_text() -> None:
    assert abs_path("a/../b.md") == os.path.join(os.getcwd(), "b.md")
    assert parent_of(abs_path("b.md")) == os.getcwd()
