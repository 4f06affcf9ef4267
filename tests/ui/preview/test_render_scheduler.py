"""The render scheduler: latest text wins, and the debounce follows what a render costs."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from editor.ui.preview.render_scheduler import RenderScheduler


def test_a_burst_of_requests_renders_the_latest_text(qtbot: QtBot) -> None:
    seen: list[str] = []

    def render(text: str) -> str:
        time.sleep(0.02)
        seen.append(text)
        return text.upper()

    scheduler = RenderScheduler(render, debounce_ms=50)
    results: list[object] = []
    scheduler.rendered.connect(lambda result, _generation: results.append(result))
    texts = iter(["a", "ab", "abc", "abcd"])
    for _ in range(4):
        text = next(texts)
        scheduler.request(lambda text=text: text)
    qtbot.waitUntil(lambda: not scheduler.busy and results[-1:] == ["ABCD"], timeout=3000)
    assert len(seen) <= 2  # the burst did not queue one render per request
    scheduler.shutdown()


def test_debounce_is_the_recent_render_time_capped(qtbot: QtBot) -> None:
    costs = iter([0.0, 0.0, 0.0, 0.3, 0.3, 0.3])

    def render(text: str) -> str:
        time.sleep(next(costs))
        return text

    scheduler = RenderScheduler(render, debounce_ms=120)
    assert scheduler.debounce_ms == 0  # nothing known yet: render at once
    for number in range(3):
        scheduler.request(lambda number=number: str(number), immediate=True)
        qtbot.waitUntil(lambda: not scheduler.busy, timeout=3000)
    assert scheduler.debounce_ms < 20  # quick renders: hardly any wait
    for number in range(3):
        scheduler.request(lambda number=number: str(number), immediate=True)
        qtbot.waitUntil(lambda: not scheduler.busy, timeout=3000)
    assert scheduler.debounce_ms == 120  # slow renders: never more than the cap
    scheduler.shutdown()


def test_a_first_render_does_not_set_the_debounce(qtbot: QtBot) -> None:
    scheduler: RenderScheduler

    def render(text: str) -> str:
        scheduler.skip_cost()
        time.sleep(0.2)
        return text

    scheduler = RenderScheduler(render, debounce_ms=120)
    scheduler.request(lambda: "whole article", immediate=True)
    qtbot.waitUntil(lambda: not scheduler.busy, timeout=3000)
    assert scheduler.debounce_ms == 0
    scheduler.shutdown()
