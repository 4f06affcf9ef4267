"""Front-matter formats: YAML (``---``), TOML (``+++``) and JSON (``{``).

The article model finds a file's format by how its first line opens and
then talks to that format's codec only; see ``base`` for the interface.
"""

from __future__ import annotations

from typing import Literal

from editor.core.codecs.base import Codec, ParsedFrontMatter, Region, Spelled
from editor.core.codecs.json_codec import JsonCodec
from editor.core.codecs.toml_codec import TomlCodec
from editor.core.codecs.yaml_codec import YamlCodec

FormatName = Literal["yaml", "toml", "json"]

YAML = YamlCodec()
TOML = TomlCodec()
JSON = JsonCodec()
#: in the order their openings are tried; each opening excludes the others
CODECS: tuple[Codec, ...] = (YAML, TOML, JSON)
FORMAT_NAMES: tuple[str, ...] = tuple(codec.name for codec in CODECS)
DEFAULT_FORMAT = "yaml"


def codec_named(name: str) -> Codec:
    """The codec for a format name; ValueError for a name the editor does not know."""
    for codec in CODECS:
        if codec.name == name:
            return codec
    raise ValueError(f"unknown front-matter format: {name!r} (known: {', '.join(FORMAT_NAMES)})")


def find_front_matter(text: str, path: str | None = None) -> tuple[Codec, Region] | None:
    """The format and place of the front matter at the top of ``text`` (BOM removed), if any.

    Raises ArticleError when a format opens but never closes, or is not an object.
    """
    for codec in CODECS:
        region = codec.find(text, path)
        if region is not None:
            return codec, region
    return None


__all__ = [
    "CODECS",
    "DEFAULT_FORMAT",
    "FORMAT_NAMES",
    "JSON",
    "TOML",
    "YAML",
    "Codec",
    "FormatName",
    "ParsedFrontMatter",
    "Region",
    "Spelled",
    "codec_named",
    "find_front_matter",
]
