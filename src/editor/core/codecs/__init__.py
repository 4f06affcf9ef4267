"""Front-matter formats: YAML (``---``), TOML (``+++``) and JSON (``{``).

The article model finds a file's format by how its first line opens and
then talks to that format's codec only; see ``base`` for the interface.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
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


def majority_format(formats: Iterable[str]) -> str:
    """The format most of ``formats`` name ("" for none is not counted); YAML when none.

    A tie goes to the format listed first in CODECS, so YAML wins ties: it is
    what every site generator reads.
    """
    counts = Counter(name for name in formats if name)
    if not counts:
        return DEFAULT_FORMAT
    best = max(counts.values())
    return next(codec.name for codec in CODECS if counts.get(codec.name) == best)


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
    "majority_format",
]
