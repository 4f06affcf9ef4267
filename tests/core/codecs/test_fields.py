"""The four fields a library index keeps, from TOML and JSON front matter."""

from __future__ import annotations

import pytest

from editor.core.codecs.fields import codec_fields, find_other_format
from editor.core.errors import ArticleError

TOML_TEXT = (
    '+++\ntitle = "T"\ndate = 2024-01-01\nprev = { title = "P", path = "p.md" }\n'
    '[next]\ntitle = "N"\n+++\nBody.\n'
)
JSON_TEXT = '{\n  "draft": true,\n  "title": "T",\n  "summary": "S"\n}\nBody.\n'


def test_toml_fields_and_their_lines() -> None:
    found = find_other_format(TOML_TEXT)
    assert found is not None
    name, values, lines = codec_fields(found[0], TOML_TEXT, found[1])
    assert name == "toml"
    assert values == {"title": "T", "prev": {"title": "P", "path": "p.md"}, "next": {"title": "N"}}
    assert lines == {"title": 2, "prev": 4, "next": 5}


def test_json_fields_and_their_lines() -> None:
    found = find_other_format(JSON_TEXT)
    assert found is not None
    assert codec_fields(found[0], JSON_TEXT, found[1]) == (
        "json",
        {"title": "T", "summary": "S"},
        {"title": 3, "summary": 4},
    )


def test_yaml_and_plain_text_are_not_other_formats() -> None:
    assert find_other_format("---\ntitle: T\n---\n") is None
    assert find_other_format("Just text.\n") is None


def test_a_title_that_is_not_text_is_refused_as_the_editor_refuses_it() -> None:
    text = "+++\ntitle = 12\n+++\n"
    found = find_other_format(text)
    assert found is not None
    with pytest.raises(ArticleError, match="'title' must be text") as info:
        codec_fields(found[0], text, found[1], "a.md")
    assert (info.value.line, info.value.column) == (2, 9)
