"""Every check code has its own badge label and a colour in each theme; unknown codes still show."""

from __future__ import annotations

import pytest

from editor.core.checks import CODES
from editor.ui.library import problem_style
from editor.ui.shell.palette import THEMES, ThemeColours


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_every_check_code_has_a_label_and_a_colour(theme: ThemeColours) -> None:
    for code in CODES:
        assert code in problem_style.LABELS, code
        assert problem_style.label(code) != "problem"
        assert code in theme.problems and code in theme.problem_text, code
        assert problem_style.colour(code, theme).isValid()


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_an_unknown_code_gets_the_neutral_style(theme: ThemeColours) -> None:
    assert problem_style.label("some-new-check") == "problem"
    neutral = theme.problems["default"].name()
    assert problem_style.colour("some-new-check", theme).name() == neutral
    assert problem_style.colour("missing-summary", theme).name() == neutral


def test_article_alerts_are_check_codes() -> None:
    assert set(CODES) >= problem_style.ARTICLE_ALERTS
