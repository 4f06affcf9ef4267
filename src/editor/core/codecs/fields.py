"""The four fields a library index keeps, read from TOML or JSON front matter.

The YAML path has its own event-stream reader (the library's ``fields``);
TOML and JSON go through their codecs, whose readers are quick enough
(compiled tomli, the C json decoder), with the editor's own validation so
that an entry is an error exactly when opening the file would fail.
"""

from __future__ import annotations

from typing import Any

from editor.core.article import _validate
from editor.core.codecs import JSON, TOML, Codec, Region

FIELDS = ("title", "summary", "prev", "next")

#: (format name, values of the fields present, 1-based line of each field's key)
CodecFields = tuple[str, dict[str, Any], dict[str, int]]


def find_other_format(text: str, where: str | None = None) -> tuple[Codec, Region] | None:
    """TOML or JSON front matter at the top of ``text``; None for YAML or none at all.

    Raises ArticleError when one opens and never closes (for a head read
    that is not the whole file, the caller reads the rest and tries again).
    """
    for codec in (TOML, JSON):
        region = codec.find(text, where)
        if region is not None:
            return codec, region
    return None


def codec_fields(codec: Codec, text: str, region: Region, where: str | None = None) -> CodecFields:
    """The fields of the front matter ``codec`` found at ``region``; ArticleError when broken."""
    parsed = codec.parse(text, region, where)
    _validate(parsed, where)
    data = parsed.data
    values = {key: data[key] for key in FIELDS if key in data}
    return codec.name, values, parsed.field_lines(FIELDS)
