"""Opening a long article builds its preview in runs of many blocks, one parse each.

What the runs build must be exactly what ``setHtml`` of the whole page gives,
the positions of the blocks must be the ones a block-by-block build gives,
and edits that arrive while the build is under way, or after it inside a run
never looked at, must land where they belong.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QTextBrowser
from pytestqt.qtbot import QtBot

from editor.core.incremental import IncrementalRenderer
from editor.ui.preview import document as preview_document
from editor.ui.preview.document import PreviewDocument
from tests.ui.preview.test_preview_document import EDITS, FOOTERS, HEADERS, assert_like_set_html

WORDS = [
    *("harbour", "ferry", "council", "tide", "crane", "berth", "pilot", "dredge"),
    *("quay", "timetable", "storm", "season", "tram", "bridge", "market", "survey"),
]


def sentence(rnd: random.Random) -> str:
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(6, 18))]
    return " ".join(words).capitalize() + "."


def section(rnd: random.Random, number: int) -> str:
    """One stretch of article with the constructs Qt's HTML import treats by context."""
    kind = number % 12
    prose = " ".join(sentence(rnd) for _ in range(rnd.randint(1, 4)))
    if kind == 0:
        return f"## Berth {number}\n\n{prose}\n"
    if kind == 1:
        return "".join(f"- {sentence(rnd)}\n" for _ in range(rnd.randint(2, 5)))
    if kind == 2:
        return f"| Berth | Ships |\n|---|---|\n| {number} | {rnd.randint(1, 9)} |\n"
    if kind == 3:
        return f"```python\nships = {number}\nberths = ships * 2\n```\n"
    if kind == 4:
        return f"> {prose}\n"
    if kind == 5:
        return f"![berth {number}](images/{number}.jpg)\n"
    if kind == 6:
        return f"{prose} See the note.[^n{number}]\n\n[^n{number}]: {sentence(rnd)}\n"
    if kind == 7:
        return f'<div class="box">\n{prose}\n</div>\n'
    if kind == 8:
        return f"1. {sentence(rnd)}\n2. {sentence(rnd)}\n\n    {sentence(rnd)}\n"
    if kind == 9:
        return f"Term {number}\n: {sentence(rnd)}\n"
    if kind == 10:
        return f"<ul><li>{sentence(rnd)}</li></ul>\n"
    return f"{prose} A [link][l{number % 5}] and *emphasis*.\n"


def article(size: int, seed: int = 3) -> str:
    rnd = random.Random(seed)
    parts = ["# The harbour\n\n" + sentence(rnd) + "\n"]
    total = 0
    number = 0
    while total < size:
        part = section(rnd, number)
        parts.append(part)
        total += len(part) + 1
        number += 1
    parts.extend(f"[l{k}]: https://example.org/{k}\n" for k in range(5))
    return "\n".join(parts)


def built(
    preview: PreviewDocument,
    htmls: tuple[str, ...],
    steps: int | None = None,
    budget_s: float = 0.004,
) -> None:
    """``build`` and run ``steps`` slices of it (all of them when None)."""
    preview.build(htmls)
    done = 0
    while preview.building and (steps is None or done < steps):
        preview.build_step(budget_s)
        done += 1


def browser(qtbot: QtBot) -> QTextBrowser:
    view = QTextBrowser()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    return view


def test_a_long_article_built_in_runs_is_what_set_html_gives(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = browser(qtbot)
    preview = PreviewDocument(view.document(), view)
    preview.set_header(HEADERS[1])
    # A footer that reaches into the block before it (as the links to the
    # previous and next articles do) goes in after the body.
    preview.set_footer(FOOTERS[2])
    update = IncrementalRenderer().render_blocks(article(2_000_000))
    runs: list[int] = []
    insert_run = PreviewDocument._insert_run

    def counted(self: PreviewDocument, index: int, htmls: list[str]) -> int:
        runs.append(len(htmls))
        return insert_run(self, index, htmls)

    monkeypatch.setattr(PreviewDocument, "_insert_run", counted)
    built(preview, update.htmls, budget_s=0.016)
    assert preview.block_count == len(update.htmls)
    # Many blocks per parse, not one.
    assert len(runs) * 5 < len(update.htmls)
    assert_like_set_html(preview)


@pytest.mark.parametrize(("header", "footer"), [(0, 0), (1, 1), (2, 2), (0, 2)])
def test_positions_of_blocks_are_the_ones_a_block_by_block_build_gives(
    qapp: QApplication, header: int, footer: int
) -> None:
    text = article(60_000, seed=header * 3 + footer)
    update = IncrementalRenderer().render_blocks(text)
    by_block = PreviewDocument(QTextDocument())
    by_block.set_header(HEADERS[header])
    by_block.set_footer(FOOTERS[footer])
    by_block.apply(update)
    in_runs = PreviewDocument(QTextDocument())
    in_runs.set_header(HEADERS[header])
    in_runs.set_footer(FOOTERS[footer])
    built(in_runs, update.htmls)
    assert in_runs.document().toPlainText() == by_block.document().toPlainText()
    count = len(update.htmls)
    assert [in_runs.position_of_block(i) for i in range(count)] == [
        by_block.position_of_block(i) for i in range(count)
    ]
    ends = in_runs.document().characterCount() - 1
    for position in range(0, ends, 97):
        assert in_runs.block_at_position(position) == by_block.block_at_position(position)


@pytest.mark.parametrize("seed", range(3))
def test_edits_after_a_build_land_in_runs_never_looked_at(qapp: QApplication, seed: int) -> None:
    rnd = random.Random(seed)
    text = article(40_000, seed=seed)
    renderer = IncrementalRenderer()
    preview = PreviewDocument(QTextDocument())
    preview.set_header(rnd.choice(HEADERS))
    preview.set_footer(rnd.choice(FOOTERS))
    built(preview, renderer.render_blocks(text).htmls)
    assert_like_set_html(preview)
    for step in range(30):
        pos = rnd.randrange(len(text) + 1)
        if rnd.random() < 0.6:
            text = text[:pos] + rnd.choice(EDITS) + text[pos:]
        else:
            text = text[:pos] + text[pos + rnd.randrange(1, 40) :]
        preview.apply(renderer.render_blocks(text))
        assert_like_set_html(preview)
        if step % 10 == 0:
            preview.set_header(rnd.choice(HEADERS))
            preview.set_footer(rnd.choice(FOOTERS))
            assert_like_set_html(preview)


@pytest.mark.parametrize("seed", range(3))
def test_edits_during_a_build_land(qtbot: QtBot, seed: int) -> None:
    rnd = random.Random(seed)
    view = browser(qtbot)
    text = article(80_000, seed=seed)
    renderer = IncrementalRenderer()
    preview = PreviewDocument(view.document(), view)
    preview.set_header(HEADERS[1])
    built(preview, renderer.render_blocks(text).htmls, steps=2)
    assert preview.building
    shown = preview.document().toPlainText()
    for _ in range(12):
        pos = rnd.randrange(len(text) + 1)
        if rnd.random() < 0.7:
            text = text[:pos] + rnd.choice(EDITS) + text[pos:]
        else:
            text = text[:pos] + text[pos + rnd.randrange(1, 40) :]
        preview.apply(renderer.render_blocks(text))
        preview.build_step(0.004)
    # An edit at the very top shows at once, before the build is done.
    text = "Opening words.\n\n" + text
    preview.apply(renderer.render_blocks(text))
    if preview.building:
        assert preview.document().toPlainText() != shown
        assert "Opening words." in preview.document().toPlainText()
    while preview.building:
        preview.build_step(0.004)
    assert "Opening words." in preview.document().toPlainText()
    assert preview.html().endswith(FOOTERS[0] or renderer.render(text).rstrip()[-20:])
    assert_like_set_html(preview)


def test_a_run_whose_blocks_do_not_add_up_is_replaced_whole(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If Qt parsed a run differently from its blocks alone, edits in it still land."""
    text = article(30_000, seed=9)
    renderer = IncrementalRenderer()
    preview = PreviewDocument(QTextDocument())
    built(preview, renderer.render_blocks(text).htmls)
    lengths = PreviewDocument._lengths_side_by_side

    def off_by_one(self: PreviewDocument, segments: list[object], at_top: bool) -> int:
        return lengths(self, segments, at_top) + 1  # type: ignore[arg-type]

    monkeypatch.setattr(PreviewDocument, "_lengths_side_by_side", off_by_one)
    middle = text.index("Berth 24")
    text = text[:middle] + "Moored " + text[middle:]
    preview.apply(renderer.render_blocks(text))
    monkeypatch.undo()
    assert "Moored Berth 24" in preview.document().toPlainText()
    assert_like_set_html(preview)
    text = text.replace("Moored ", "")
    preview.apply(renderer.render_blocks(text))
    assert_like_set_html(preview)


def test_runs_are_sized_from_the_time_they_take(qapp: QApplication) -> None:
    preview = PreviewDocument(QTextDocument())
    update = IncrementalRenderer().render_blocks(article(300_000, seed=4))
    preview.build(update.htmls)
    preview.build_step(0.004)
    first = preview.block_count
    html_of_first = sum(map(len, update.htmls[:first]))
    # The first run is small, so the top of the page shows at once.
    assert html_of_first < 4 * preview_document.FIRST_RUN_CHARS
    steps = 1
    while preview.building:
        preview.build_step(0.004)
        steps += 1
    assert steps > 2
    assert preview.block_count == len(update.htmls)
