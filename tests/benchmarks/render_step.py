"""Render step only: a one-character edit in a 2 MB article, incremental against full.

Run: ``.venv/bin/python tests/benchmarks/render_step.py`` (add ``--quick`` for
fewer keystrokes).  For each workload in ``workloads.py`` (generated, the real
corpus, footnotes) and each place (start, middle, end of the article), a
writer types ``KEYSTROKES`` characters into a paragraph; every keystroke is one
``IncrementalRenderer.render_blocks`` call, timed.  The full render of the
same edited text (``render_markdown``) is timed in the same run.  Printed per
row: median and worst render step, the full render, the speedup of the
median, and how many render steps fell back to a full render.  Each row's
final output is compared with the full render.

Targets (on the 2-core machine): render step <= 16 ms, >= 50x faster than the
full render, 0 full renders while typing.  The last line is JSON, for
scripts: ``<workload>_ms`` (median over the three places), ``<workload>_speedup``,
``full_renders`` (over all rows).

``measure_render_step(text)`` is what the window benchmark calls for its
render-only table.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workloads import CORPUS_MISSING, WORKLOADS, edit_points, writing_points

from editor.core.incremental import IncrementalRenderer
from editor.core.render import render_markdown

KEYSTROKES = 30
TARGET_MS = 16.0
TARGET_SPEEDUP = 50.0


@dataclass(frozen=True)
class StepTiming:
    """One place in one article: what a keystroke's render step costs there."""

    place: str
    median_ms: float
    worst_ms: float
    full_ms: float
    full_renders: int
    matches_full: bool

    @property
    def speedup(self) -> float:
        return self.full_ms / self.median_ms if self.median_ms else float("inf")


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0


def measure_render_step(
    text: str, keystrokes: int = KEYSTROKES, places: dict[str, int] | None = None
) -> list[StepTiming]:
    """Type ``keystrokes`` characters at each place (start, middle, end); time each render step."""
    rows = []
    renderer = IncrementalRenderer()
    renderer.render_blocks(text)
    for place, pos in (edit_points(text) if places is None else places).items():
        renderer.render_blocks(text)
        before = renderer.full_renders
        steps = []
        edited = text
        for n in range(keystrokes):
            edited = text[:pos] + "x" * (n + 1) + text[pos:]
            gc.collect()
            start = time.perf_counter()
            renderer.render_blocks(edited)
            steps.append(_ms(start))
        full_renders = renderer.full_renders - before
        gc.collect()
        start = time.perf_counter()
        full = render_markdown(edited)
        full_ms = _ms(start)
        rows.append(
            StepTiming(
                place=place,
                median_ms=statistics.median(steps),
                worst_ms=max(steps),
                full_ms=full_ms,
                full_renders=full_renders,
                matches_full=renderer.html == full,
            )
        )
    return rows


def _print_row(name: str, row: StepTiming) -> None:
    print(
        f"{name:<15}{row.place:<14}{row.median_ms:>9.2f}{row.worst_ms:>8.1f}"
        f"{row.full_ms:>9.0f}{row.speedup:>8.0f}x{row.full_renders:>14}  "
        f"{'= full render' if row.matches_full else 'DIFFERS FROM FULL RENDER'}"
    )


def main(argv: list[str]) -> int:
    keystrokes = 8 if "--quick" in argv else KEYSTROKES
    names = [a for a in argv if not a.startswith("--")] or list(WORKLOADS)
    summary: dict[str, float | int] = {}
    total_full = 0
    ok = True
    print(
        f"{'workload':<15}{'place':<14}{'step ms':>9}{'worst':>8}{'full ms':>9}"
        f"{'speedup':>9}{'full renders':>14}  output"
    )
    for name in names:
        text = WORKLOADS[name]()
        if text is None:
            print(CORPUS_MISSING)
            continue
        main_places = edit_points(text)
        rows = measure_render_step(text, keystrokes, {**main_places, **writing_points(text)})
        for row in rows:
            _print_row(name, row)
            total_full += row.full_renders
            ok = ok and row.matches_full
        measured = [row for row in rows if row.place in main_places]
        median = statistics.median(r.median_ms for r in measured)
        speedup = statistics.median(r.speedup for r in measured)
        short = name.removesuffix("_2mb")
        summary[f"{short}_2mb_ms"] = round(median, 2)
        summary[f"{short}_speedup"] = round(speedup, 1)
        ok = ok and median <= TARGET_MS and speedup >= TARGET_SPEEDUP
    summary["full_renders"] = total_full
    ok = ok and total_full == 0
    print(json.dumps(summary))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
