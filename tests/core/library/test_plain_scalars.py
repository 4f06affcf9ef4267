"""A plain scalar's kind is what the editor's own parser makes of the same spelling."""

from __future__ import annotations

import pytest

from editor.core.errors import ArticleError
from editor.core.frontmatter import parse_yaml
from editor.core.library.plain_scalars import NULL, OTHER, TEXT, UNSURE, plain_kind, quick_kind

SPELLINGS = [
    "Harbour vote", "no", "yes", "On", "off", "true", "False", "~", "null", "Null", "",
    "2026-03-04", "2026-02-30", "2026-13-45", "2026-03-04 10:00:00 +02:00",
    "2026-03-04T25:00:00Z", "12", "0o17", "017", "0x1F", "0x_", "0b101", "1_000", "1:20",
    "1.5", "1.10", ".5", ".inf", "-.inf", ".nan", "._", "1e3", "1.0e+3", "1" * 150,
    "1.2.3", "../a.md", "=", "<<", "+12", "-1", "3 things", "2026-03-04 and more",
]  # fmt: skip


def _reference(spelling: str) -> int:
    """The kind the editor's own parser gives ``key: <spelling>``."""
    try:
        parsed = parse_yaml(f"key: {spelling}\n")
    except ArticleError:
        return UNSURE
    value = parsed.data["key"]
    if value is None:
        return NULL
    return TEXT if isinstance(value, str) else OTHER


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_spelling_is_judged_as_the_parser_judges_it(spelling: str) -> None:
    expected = _reference(spelling)
    assert plain_kind(spelling) == expected or plain_kind(spelling) == UNSURE, spelling
    assert quick_kind(spelling) == plain_kind(spelling)
    if expected == UNSURE:
        assert plain_kind(spelling) == UNSURE, spelling  # never an answer the parser refuses


def test_ordinary_spellings_get_an_answer() -> None:
    assert plain_kind("no") == OTHER and plain_kind("Harbour vote") == TEXT
    assert plain_kind("2026-03-04") == OTHER and plain_kind("~") == NULL
    assert plain_kind("2026-02-30") == UNSURE and plain_kind("=") == UNSURE
