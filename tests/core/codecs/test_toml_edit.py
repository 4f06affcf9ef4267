"""Writing TOML through tomlkit: only the edited keys change, and the result must read back."""

from __future__ import annotations

import pytest

from editor.core.codecs.toml_edit import new_document, parse_document, rewrite, spell
from editor.core.codecs.toml_reader import read_toml
from editor.core.errors import ArticleError

TEXT = """\
# a comment first
title = 'Literal title'  # why
draft = false
[prev]
title = "Earlier"  # label
path = "earlier.md"
"""


def test_a_literal_title_stays_literal_and_comments_stay() -> None:
    old = read_toml(TEXT)
    written = rewrite(TEXT, old, dict(old, title="New title"), "\n")
    assert written == TEXT.replace("'Literal title'", "'New title'")


def test_a_title_a_literal_string_cannot_hold_becomes_a_basic_string() -> None:
    old = read_toml(TEXT)
    written = rewrite(TEXT, old, dict(old, title="It's here"), "\n")
    assert 'title = "It\'s here"  # why\n' in written
    assert read_toml(written)["title"] == "It's here"


def test_a_nested_label_changes_in_its_table() -> None:
    old = read_toml(TEXT)
    new = dict(old, prev={"title": "Renamed", "path": "earlier.md"})
    written = rewrite(TEXT, old, new, "\n")
    assert written == TEXT.replace('"Earlier"  # label', '"Renamed"  # label')


def test_new_keys_and_links_go_before_the_tables_on_one_line_each() -> None:
    old = read_toml(TEXT)
    new = dict(old, summary="S", next={"title": "Later", "path": "later.md"})
    written = rewrite(TEXT, old, new, "\n")
    assert read_toml(written) == new
    head = written.split("[prev]")[0]
    assert 'summary = "S"\n' in head
    assert 'next = {title = "Later", path = "later.md"}\n' in head


def test_a_new_document_and_its_spellings() -> None:
    written = new_document({"title": "T", "weight": 16}, "\r\n")
    assert written == 'title = "T"\r\nweight = 16\r\n'
    document = parse_document("weight = 0x10\nok = true\nlist = [1, 0o7]\n")
    assert spell(document["weight"]) == "0x10"
    assert spell(document["ok"]) == "true"
    assert spell(document["list"]) == ["1", "0o7"]


def test_text_tomlkit_would_change_is_not_edited() -> None:
    assert parse_document("a = [\n") is False


def test_a_rewrite_that_reads_back_differently_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from editor.core.codecs import toml_edit

    monkeypatch.setattr(toml_edit, "read_toml", lambda text: {"title": "something else"})
    old = read_toml(TEXT)
    with pytest.raises(ArticleError, match="would not read back"):
        rewrite(TEXT, old, dict(old, title="New"), "\n")
