"""What a plain (unquoted) YAML scalar is, decided once per spelling.

Both quick YAML readers of the index (the line reader in ``plain_yaml`` and
the event reader in ``fields``) must know whether ``draft: no`` is text, a
boolean or something only the full parser may judge, exactly as the safe
constructor would decide. The answer depends on the spelling alone, and a
library repeats its spellings (dates, booleans, tags, authors) thousands of
times, so it is worked out once per spelling.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from editor.core.frontmatter import MAX_NUMBER_CHARS

try:  # the C parser's classes: the resolution the editor's own parser uses
    from yaml import CSafeLoader as _CLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _CLoader  # type: ignore[assignment]

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
#: tags the safe constructor builds from plain text, each checked by building it
_BUILT = frozenset(
    {
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
    }
)

#: what a plain scalar is
TEXT, NULL, OTHER = 0, 1, 2
#: a spelling only the full parser may judge ("=", "<<", an impossible date, ...)
UNSURE = 3

#: first characters for which some implicit resolver may claim a plain scalar
RESOLVED_FIRST = frozenset(k for k in _CLoader.yaml_implicit_resolvers if k)
#: when a resolver claims every spelling (none does in PyYAML), nothing is quick
ALWAYS_RESOLVE = None in _CLoader.yaml_implicit_resolvers or bool(_CLoader.yaml_path_resolvers)


class _Constructing(yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """The safe constructor and resolver without a parser: what a composed node would get."""

    yaml_implicit_resolvers = _CLoader.yaml_implicit_resolvers
    yaml_constructors = _CLoader.yaml_constructors


_BUILDER: Any = _Constructing()


@functools.lru_cache(maxsize=8192)
def plain_kind(value: str) -> int:
    """TEXT, NULL, OTHER (a valid boolean, number or date) or UNSURE, for a plain scalar."""
    tag = _BUILDER.resolve(yaml.ScalarNode, value, (True, False))
    if tag == STR_TAG:
        return TEXT
    if tag == NULL_TAG:
        return NULL
    if tag not in _BUILT or (tag in _NUMBER_TAGS and len(value) > MAX_NUMBER_CHARS):
        return UNSURE  # "=" or "<<", or a number the editor refuses as too long
    try:
        _build(tag, value)
    except (ValueError, TypeError, OverflowError, LookupError, AttributeError):
        return UNSURE  # 2026-13-45, 0x_: the full parser names the problem
    return OTHER


def _build(tag: str, value: str) -> Any:
    constructor = _BUILDER.yaml_constructors[tag]
    return constructor(_BUILDER, yaml.ScalarNode(tag, value))


def quick_kind(value: str) -> int:
    """``plain_kind`` without the look-up for text no resolver could claim."""
    if not ALWAYS_RESOLVE and (not value or value[0] not in RESOLVED_FIRST):
        return TEXT if value else NULL
    return plain_kind(value)
