"""Every front-matter codec behind the one interface the article model uses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from editor.core.codecs import CODECS, JSON, TOML, YAML, codec_named, find_front_matter
from editor.core.codecs.base import Codec, ParsedFrontMatter, Region

DATA: dict[str, Any] = {
    "title": "No: 1.10 # not a comment",
    "summary": "Quotes \" and ' and a backslash \\",
    "prev": {"title": "Earlier", "path": "earlier.md"},
    "weight": 3,
    "draft": False,
    "tags": ["a", "b"],
}


@pytest.mark.parametrize("codec", CODECS, ids=lambda c: c.name)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_new_block_reads_back_as_its_values(codec: Codec, newline: str) -> None:
    text = codec.new_block(DATA, newline) + "Body." + newline
    found = find_front_matter(text)
    assert found is not None and found[0] is codec
    region = found[1]
    assert isinstance(region, Region)
    parsed = codec.parse(text, region)
    assert isinstance(parsed, ParsedFrontMatter)
    assert parsed.data == DATA
    assert text[region.body_start :] == "Body." + newline
    assert "\n" not in text.replace("\r\n", "") or newline == "\n"
    assert list(parsed.key_lines()) == list(DATA)


@pytest.mark.parametrize("codec", CODECS, ids=lambda c: c.name)
def test_a_rewrite_changes_only_what_differs(codec: Codec) -> None:
    text = codec.new_block(DATA, "\n")
    region = codec.find(text)
    assert region is not None
    parsed = codec.parse(text, region)
    changed = dict(DATA, title="New", when=dt.date(2024, 1, 2)) if codec is not JSON else None
    if changed is None:
        changed = dict(DATA, title="New", when="2024-01-02")
    del changed["weight"]
    inner = codec.rewrite(text, region, parsed, changed, "\n")
    again = text[: region.start] + inner + text[region.end :]
    new_region = codec.find(again)
    assert new_region is not None
    assert codec.parse(again, new_region).data == changed


def test_codecs_by_name() -> None:
    assert codec_named("yaml") is YAML
    assert codec_named("toml") is TOML
    assert codec_named("json") is JSON
    with pytest.raises(ValueError, match="unknown front-matter format"):
        codec_named("xml")
