"""The article's text is on screen before anything the first screen does not show is loaded.

The order is checked, never the time: a subprocess starts the real editor the
way ``article-editor`` does, its startup probe lists the modules imported at
the first paint, and none of the heavy ones may be among them. In-process
tests show that the work held back does happen after the paint: the preview
renders and misspelled words are underlined.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCharFormat
from pytestqt.qtbot import QtBot

from editor.ui.shell import startup
from editor.ui.shell.app import create_application, create_main_window
from editor.ui.shell.main_window import MainWindow
from editor.ui.shell.startup import StartupGate, after_first_paint

REPO = Path(__file__).resolve().parents[3]

#: What the first screen does not show. PyYAML is not here on purpose: the first
#: screen shows the article's title and summary, which come from its front matter.
HEAVY_BEFORE_PAINT = (
    "markdown",  # the preview renderer and its extensions
    "pygments",  # code colours in the preview
    "spellchecker",  # pyspellchecker and its word lists
    "editor.core.incremental",
    "editor.core.render",
    "editor.core.library",  # the library scan
    "editor.core.checks",
    "editor.core.fixes",
    "editor.ui.library",  # sidebar, chain view, problems, fixes
    "editor.core.recovery",  # the recovery journal
    "editor.ui.safety",
    "editor.ui.editing.writing_tools",  # spelling, outline, focus mode, preferences
    "editor.ui.editing.outline",
    "editor.core.export",
    "editor.core.importer",
    "editor.core.summary",
    "editor.commands.check",
    "editor.core.page",  # the title box and links above and below the preview body
    "editor.core.preview_safety",  # with html.parser, checked as the body renders
    "editor.core.sanitize",  # nh3
    "concurrent.futures",  # the render thread
)


def start_editor(tmp_path: Path, stage: str, *args: str) -> list[dict[str, object]]:
    """Run ``python -m editor`` until ``stage`` and return what its startup probe wrote."""
    probe = tmp_path / "probe.jsonl"
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        ARTICLE_EDITOR_STARTUP_PROBE=str(probe),
        ARTICLE_EDITOR_STARTUP_EXIT=stage,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        PYTHONPATH=str(REPO / "src"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "editor", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert probe.exists(), f"the editor quit without reaching its first paint:\n{result.stderr}"
    return [json.loads(line) for line in probe.read_text(encoding="utf-8").splitlines()]


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_heavy_modules_load_only_after_the_first_paint(tmp_path: Path) -> None:
    records = start_editor(tmp_path, "paint")
    assert [r["stage"] for r in records] == ["first_paint"]
    modules = records[0]["modules"]
    assert isinstance(modules, list)
    assert "editor.ui.shell.main_window" in modules  # the probe saw the real window
    early = loaded(modules, HEAVY_BEFORE_PAINT)
    assert early == [], f"imported before the window's first paint: {early}"


def test_a_folder_on_the_command_line_is_scanned_after_the_paint(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: Harbour vote\n---\nText.\n", encoding="utf-8")
    records = start_editor(tmp_path, "paint", str(folder))
    early = loaded(records[0]["modules"], HEAVY_BEFORE_PAINT)  # type: ignore[arg-type]
    assert early == [], f"imported before the window's first paint: {early}"


def test_the_held_back_work_runs_after_the_paint(tmp_path: Path) -> None:
    records = start_editor(tmp_path, "ready")
    stages = {str(r["stage"]): r for r in records}
    assert list(stages) == ["first_paint", "ready"]
    assert float(stages["first_paint"]["time"]) <= float(stages["ready"]["time"])  # type: ignore[arg-type]


# ------------------------------------------------------------------ in process


def test_without_a_gate_deferred_work_runs_at_once() -> None:
    ran: list[str] = []
    after_first_paint(lambda: ran.append("now"))
    assert ran == ["now"]
    assert not startup.startup_in_progress()


def _underlined(window: MainWindow) -> list[str]:
    words = []
    block = window.document.text_document.begin()
    while block.isValid():
        for f in block.layout().formats():
            if f.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                words.append(block.text()[f.start : f.start + f.length])
        block = block.next()
    return words


@pytest.fixture
def started(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """A window started the way ``article-editor`` starts one, through an open gate."""
    article = tmp_path / "ferry.md"
    article.write_text(
        "---\ntitle: Ferry notes\n---\nTeh ferry leaves at noon.\n\n```python\nx = 1\n```\n",
        encoding="utf-8",
    )
    create_application()
    gate = StartupGate.open()
    window = create_main_window(article)
    gate.watch(window)
    # Before the paint: the text is there, the preview and the spelling wait.
    assert window.editor.toPlainText().startswith("Teh ferry")
    assert "ferry" not in window.preview.toPlainText()
    assert _underlined(window) == []
    assert window.library_ui is None and window.writing_tools is None and window.safety is None
    window.show()
    qtbot.waitUntil(lambda: gate.is_painted, timeout=10_000)
    yield window
    gate.close()
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()


def test_features_arrive_in_the_places_kept_for_them(started: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: started.writing_tools is not None, timeout=20_000)
    assert started.library_ui is not None and started.safety is not None
    titles = [a.text() for a in started.menuBar().actions()]
    assert titles == ["&File", "&Edit", "F&ormat", "&View", "&Tools", "&Go", "&Library", "&Help"]
    outline = started.writing_tools.outline_dock
    assert (
        outline.objectName() == "outlineDock" and outline.widget() is started.writing_tools.outline
    )
    assert started.library_ui.sidebar_dock.widget() is started.library_ui.sidebar


def test_preview_and_spelling_follow_the_first_paint(started: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: "leaves at noon" in started.preview.toPlainText(), timeout=20_000)
    qtbot.waitUntil(lambda: _underlined(started) == ["Teh"], timeout=20_000)
    assert not startup.startup_in_progress()
    # Code colours arrived with the render: the stylesheet has the Pygments classes.
    assert ".k " in started.preview.document().defaultStyleSheet()


def test_a_window_that_never_paints_still_gets_its_features(qtbot: QtBot) -> None:
    create_application()
    gate = StartupGate.open()
    window = create_main_window()
    gate.watch(window)  # never shown: no paint will come
    try:
        assert window.writing_tools is None
        qtbot.waitUntil(lambda: window.writing_tools is not None, timeout=20_000)
        assert window.library_ui is not None and window.safety is not None
    finally:
        gate.close()
        window.close()
        window.deleteLater()
