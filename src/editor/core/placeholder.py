"""Recognise titles that are leftovers of a template or a generator.

Scraped and generated articles arrive with titles such as
``rewrite_title_placeholder`` or ``TODO: headline``. The rules look at the
shape of the whole title, never at a single word in it, so that a real title
like "Untitled portraits go on show at the city gallery" is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

# Whole titles (after trimming punctuation and case) that are never real.
_STOCK_TITLES = frozenset(
    {
        "untitled", "untitled article", "untitled post", "untitled document", "untitled draft",
        "no title", "new article", "new post", "new document", "title", "headline", "heading",
        "the title", "article title", "post title", "page title", "your title", "your title here",
        "title here", "headline here", "title goes here", "headline goes here", "insert title",
        "insert title here", "insert headline", "enter title", "enter title here", "add title",
        "add a title", "add title here", "placeholder", "placeholder title", "title placeholder",
        "tbd", "tba", "tbc", "tk", "todo", "fixme", "xxx", "test", "test title", "sample title",
        "example title", "draft", "draft title", "working title", "rewrite title", "lorem ipsum",
        "n/a", "na", "none", "null", "undefined", "-", "...", "?",
    }
)  # fmt: skip

# Markers that mean "fill this in" when a title starts with them and a separator follows.
# ("Placeholder: a history of stand-ins" is a real title, so "placeholder" is not one.)
_MARKER_PREFIX = re.compile(r"^\s*(todo|tbd|tba|tk|fixme|xxx)\s*(?:[:\-–—(\[]|$)", re.I)
# A to-do marker at the end: "Title TBD", "Headline: TBD", "Title (TBC)".
_MARKER_SUFFIX = re.compile(
    r"^(?P<rest>.*?)[\s:\-–—]*[(\[]?\s*(?:TODO|TBD|TBA|TBC|TK|FIXME)\s*[)\]]?\s*$"
)

# Unexpanded template syntax: {{ title }}, {% %}, ${title}, %TITLE%, <<title>>, [insert title].
_TEMPLATE = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|%[A-Za-z_]+%|<<[^>]*>>|<\s*(?:title|headline)\s*>"
    r"|\[\s*(?:insert|enter|add|your|new)?\s*(?:title|headline|heading)[^\]]*\]",
    re.I,
)

# A single identifier-like token (snake_case, kebab-case, CamelCase) made of template words.
_IDENTIFIER = re.compile(r"^[A-Za-z0-9]+(?:[_\-.][A-Za-z0-9]+)+$|^[A-Za-z]+(?:[A-Z][a-z0-9]+)+$")
_TEMPLATE_WORDS = frozenset(
    {
        "title", "headline", "heading", "placeholder", "todo", "tbd", "rewrite", "insert", "dummy",
        "lorem", "ipsum", "sample", "untitled", "fixme", "xxx", "name", "here", "goes", "your",
        "article", "post", "new", "default", "text", "generated", "auto", "tmp", "temp",
    }
)  # fmt: skip

_LOREM = re.compile(r"^\s*lorem ipsum\b", re.I)
_UNTITLED_N = re.compile(
    r"^\s*(untitled|new article|new post|draft)[\s\-_#]*(\d+|\(\d+\))\s*$", re.I
)
# Words that name the missing thing; a title made only of template words needs one of them.
_SUBJECT_WORDS = frozenset({"title", "headline", "heading", "placeholder", "untitled"})


def _normalise(title: str) -> str:
    return re.sub(r"\s+", " ", title.strip().strip("\"'“”‘’`*_#.,;:!").strip()).lower()


def _identifier_words(title: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", title)
    return [w.lower() for w in re.split(r"[_\-.\s]+", spaced) if w]


def _only_template_words(text: str) -> bool:
    """ "Post title here", "Rewrite headline": a few words, all of them template words."""
    words = _identifier_words(re.sub(r"[^\w\s\-.]", " ", text))
    return (
        0 < len(words) <= 5
        and all(w in _TEMPLATE_WORDS for w in words)
        and any(w in _SUBJECT_WORDS for w in words)
    )


def placeholder_reason(title: str, extra_patterns: Sequence[str] = ()) -> str | None:
    """Why ``title`` looks like a placeholder, or None when it looks like a real title."""
    stripped = title.strip()
    if not stripped:
        return None  # missing, not a placeholder: the checks report that separately
    normal = _normalise(stripped)
    if normal in _STOCK_TITLES or not normal.strip("-_.?* "):
        return "a stock placeholder title"
    if _MARKER_PREFIX.match(stripped):
        return "starts with a to-do marker"
    if _TEMPLATE.search(stripped):
        return "contains unexpanded template syntax"
    if _LOREM.match(stripped):
        return "filler text (lorem ipsum)"
    if _UNTITLED_N.match(stripped):
        return "a numbered default title"
    suffix = _MARKER_SUFFIX.match(stripped)
    if suffix is not None and (
        not suffix["rest"].strip()
        or _normalise(suffix["rest"]) in _STOCK_TITLES
        or _only_template_words(suffix["rest"])
    ):
        return "ends with a to-do marker"
    if " " in stripped and _only_template_words(stripped):
        return "made only of template words"
    if " " not in stripped and _IDENTIFIER.match(stripped):
        words = _identifier_words(stripped)
        if any(w in _TEMPLATE_WORDS for w in words) and sum(
            w in _TEMPLATE_WORDS for w in words
        ) * 2 >= len(words):
            return "an identifier made of template words"
    for pattern in _compiled(tuple(extra_patterns)):
        if pattern.fullmatch(stripped):
            return f"matches your pattern '{pattern.pattern}'"
    return None


def looks_like_placeholder(title: str, extra_patterns: Sequence[str] = ()) -> bool:
    """True for titles like ``rewrite_title_placeholder``, ``TODO: headline``, ``{{title}}``."""
    return placeholder_reason(title, extra_patterns) is not None


@lru_cache(maxsize=32)
def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, re.I))
        except re.error:
            continue  # invalid ones are reported by pattern_errors() where they are entered
    return compiled


def pattern_errors(patterns: Iterable[str]) -> list[str]:
    """Messages for user patterns that are not valid regular expressions."""
    errors = []
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            errors.append(f"'{pattern}': {exc}")
    return errors
