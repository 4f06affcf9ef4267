"""The CommonMark specification's 652 examples as inputs to the incremental renderer.

The examples are the hardest small markdown texts anyone has collected: every
corner of lists, quotes, fences, raw HTML, link definitions and escapes.  Our
reference is Python-Markdown, not CommonMark, so the examples' expected HTML
is not used; what is checked is that ``IncrementalRenderer`` gives exactly
``render_markdown`` for each example alone, for examples put together, and
after edits inside them.

The examples are not part of the project: ``.ci/run`` fetches them from
markdown-it-py's source distribution (``tests/test_cmark_spec/commonmark.json``)
into ``.cache/commonmark/``.  Without that file these tests are skipped.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.incremental import IncrementalRenderer
from editor.core.render import render_markdown

SPEC = Path(__file__).resolve().parents[2] / ".cache" / "commonmark" / "commonmark.json"
SKIP_REASON = (
    f"CommonMark examples not found at {SPEC}: run .ci/run (it fetches them from "
    "markdown-it-py's source distribution) to include these tests"
)

pytestmark = pytest.mark.skipif(not SPEC.is_file(), reason=SKIP_REASON)


@cache
def examples() -> tuple[str, ...]:
    data = json.loads(SPEC.read_text(encoding="utf-8"))
    return tuple(str(entry["markdown"]) for entry in data)


def outcome(render: object, text: str) -> tuple[str, str]:
    """The HTML, or the kind of error, so that a text both renders fail on still compares."""
    assert callable(render)
    try:
        return "html", str(render(text))
    except Exception as exc:  # pragma: no cover - Python-Markdown handles all of them today
        return "error", type(exc).__name__


def test_there_are_652_examples() -> None:
    assert len(examples()) == 652


def test_each_example_alone() -> None:
    renderer = IncrementalRenderer()
    for number, text in enumerate(examples(), 1):
        fresh = IncrementalRenderer()
        assert outcome(fresh.render, text) == outcome(render_markdown, text), number
        # The same renderer following one example to the next (opening another article).
        assert outcome(renderer.render, text) == outcome(render_markdown, text), number


def test_all_examples_as_one_document_then_removed_one_by_one() -> None:
    parts = list(examples())
    renderer = IncrementalRenderer()
    text = "\n\n".join(parts)
    assert renderer.render(text) == render_markdown(text)
    # Remove examples from the middle outwards: every removal is an edit
    # that joins two unrelated examples.
    while len(parts) > 1:
        del parts[len(parts) // 2]
        if len(parts) % 37 and len(parts) > 40:
            continue
        text = "\n\n".join(parts)
        assert renderer.render(text) == render_markdown(text), len(parts)


def _example() -> st.SearchStrategy[str]:
    return st.integers(0, 651).map(lambda i: examples()[i])


SEPARATORS = st.sampled_from(["\n\n", "\n", "\n\n\n", ""])


@st.composite
def spliced(draw: st.DrawFn) -> tuple[str, list[tuple[float, int, str]]]:
    """A few examples in a row, and edits that insert pieces of other examples."""
    chosen = draw(st.lists(_example(), min_size=1, max_size=6))
    text = chosen[0]
    for part in chosen[1:]:
        text += draw(SEPARATORS) + part
    piece = st.builds(
        lambda source, a, b: source[int(a * len(source)) : int(b * len(source))],
        _example(),
        st.floats(0, 1),
        st.floats(0, 1),
    )
    steps = draw(
        st.lists(
            st.tuples(st.floats(0, 1), st.integers(0, 8), st.one_of(piece, SEPARATORS)),
            min_size=1,
            max_size=8,
        )
    )
    return text, steps


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spliced())
def test_edits_inside_examples(case: tuple[str, list[tuple[float, int, str]]]) -> None:
    text, steps = case
    renderer = IncrementalRenderer()
    assert outcome(renderer.render, text) == outcome(render_markdown, text)
    for where, delete, insert in steps:
        pos = int(where * len(text))
        text = text[:pos] + insert + text[pos + delete :]
        assert outcome(renderer.render, text) == outcome(render_markdown, text), text
