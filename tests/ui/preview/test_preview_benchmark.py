"""The preview benchmark's own code path, once, on a small article (no timing checked)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pytestqt.qtbot import QtBot

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "preview.py"


@pytest.fixture(scope="module")
def benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("preview_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_window_measurement_types_and_sees_the_preview(
    benchmark: ModuleType, qtbot: QtBot, tmp_path: Path
) -> None:
    text = benchmark.make_footnotes_article(6, footnotes=3)
    assert "[TOC]" in text and "[^n3]:" in text and "*[HTML]:" in text
    figures = benchmark.measure_in_window(
        benchmark.Workload("small", text), tmp_path, repeats=1, keystrokes=5
    )
    assert set(figures.keystroke_ms) == {"start", "middle", "end"}
    assert figures.preview_matches  # the preview ended on the full render of what was typed
    assert figures.open_preview_ms >= figures.open_text_ms


def test_render_step_and_generated_workloads(benchmark: ModuleType, qtbot: QtBot) -> None:
    text = benchmark.make_article(8)
    step, full_renders = benchmark.render_step_ms(text, 2)
    assert step > 0 and full_renders == 0
    spot = benchmark._spot(text, "end")
    assert text[spot - 1] == " " and text[spot].isalpha()
