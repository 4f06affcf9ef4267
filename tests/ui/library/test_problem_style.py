"""Every check code has its own badge label and a valid colour; unknown codes still show."""

from __future__ import annotations

from editor.core.checks import CODES
from editor.ui.library import problem_style


def test_every_check_code_has_a_label_and_a_valid_colour() -> None:
    for code in CODES:
        assert code in problem_style.STYLES, code
        assert problem_style.label(code) != "problem"
        assert problem_style.colour(code).isValid()


def test_an_unknown_code_gets_the_neutral_style() -> None:
    assert problem_style.label("some-new-check") == "problem"
    assert problem_style.colour("some-new-check").name() == "#757575"


def test_article_alerts_are_check_codes() -> None:
    assert set(CODES) >= problem_style.ARTICLE_ALERTS
