"""What a writer feels of the preview: keystroke to preview, opening, typing, memory.

Run ``python tests/benchmarks/preview.py`` (``--quick`` for a smoke run on
small articles, ``--open-only`` for the opening figures alone). Everything
is measured in the real ``MainWindow`` with the panels it shows by default
(outline, spell check, status bar, and the library with the article's folder
open), on the offscreen platform:

- keystroke_ms (start / middle / end): a key event sent to the editor
  (``QTest.keyClick``) until the preview's QTextDocument contains the typed
  character and the block holding it is laid out, debounce included, at the
  start, middle and end of the article; the median of all three is the
  figure the targets apply to;
- typing: 200 keystrokes at typing speed (30-90 ms apart) in the middle of
  the article; the longest gap between ticks of a 5 ms heartbeat timer is
  the longest main-thread stall; ``full_renders`` counts the renders of the
  whole body the incremental renderer fell back to while typing;
- open (2 MB workloads): ``open_path`` until the text is shown, and until
  the preview holds the whole body, with the longest stall in between;
- render step (second table): ``IncrementalRenderer.render_blocks`` +
  ``PreviewDocument.apply`` for a one-character edit in the middle, against
  the full path (``render_markdown`` + ``setHtml``), same run, both laid out;
- memory (2 MB and 8 MB, each in a fresh process): peak RSS with the article
  open after typing, the growth over an empty window, and the Python heap the
  open article keeps (``tracemalloc``: every object beyond the Qt documents)
  as a multiple of the article's size.

Workloads: generated news-like articles of 100 KB, 2 MB and 8 MB,
``corpus_2mb`` (bodies of ``../shared/corpus/jekyll/`` concatenated to 2 MB;
skipped with a message when the corpus is absent) and ``footnotes_2mb``
(300 footnotes, a ``[TOC]``, abbreviations, regexes in code spans).

It prints the tables, the targets met or missed, and one line of JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_REPO = _HERE.parents[1]
sys.path.insert(0, str(_REPO / "src"))
sys.path.insert(0, str(_HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = Path(tempfile.mkdtemp(prefix="article-editor-bench-"))


def _isolate() -> None:
    """Settings, recovery journal and caches in a temporary folder, not the user's."""
    for name in ("CONFIG", "DATA", "CACHE"):
        os.environ[f"XDG_{name}_HOME"] = str(_HOME / name.lower())
    os.environ.setdefault("XDG_RUNTIME_DIR", str(_HOME / "runtime"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, parents=True, exist_ok=True)


import workloads as shared_workloads  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor, QTextDocument  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextBrowser  # noqa: E402

from editor.core.incremental import IncrementalRenderer  # noqa: E402
from editor.core.preview_safety import rewrite_images  # noqa: E402
from editor.core.render import render_markdown  # noqa: E402
from editor.ui.preview.document import PreviewDocument  # noqa: E402
from editor.ui.shell.app import create_application  # noqa: E402
from editor.ui.shell.main_window import MainWindow  # noqa: E402
from editor.ui.shell.settings import AppSettings  # noqa: E402

CORPUS = _REPO.parent / "shared" / "corpus" / "jekyll"
KEYSTROKES = 200
TARGETS = {
    "keystroke_2mb_ms": 50.0,
    "keystroke_100kb_ms": 30.0,
    "keystroke_8mb_ms": 100.0,
    "render_step_ms": 16.0,
    "speedup": 50.0,
    "typing_max_stall_ms": 50.0,
    "open_2mb_text_ms": 300.0,
    "open_2mb_preview_ms": 2000.0,
    "open_2mb_stall_ms": 50.0,
    "full_renders": 0.0,
    "memory_ratio": 4.0,
}


# ================================================================ workloads
def make_article(size_kb: int, seed: int = 7) -> str:
    """A deterministic news-like article body of about ``size_kb`` kilobytes."""
    return shared_workloads.generated_2mb(size_kb * 1024, seed)


def make_footnotes_article(size_kb: int, footnotes: int = 300, seed: int = 11) -> str:
    """A generated article with footnotes, a ``[TOC]``, abbreviations and regexes in code."""
    return shared_workloads.footnotes_2mb(size_kb * 1024, footnotes, seed)


@dataclass
class Workload:
    name: str
    text: str
    #: measure opening, typing and memory on it (the 2 MB ones)
    full: bool = True


def workloads(quick: bool) -> tuple[list[Workload], list[str]]:
    """The workloads of this run and the messages for the ones skipped."""
    skipped: list[str] = []
    big = 200 if quick else 2000
    found: list[Workload] = [
        Workload("100kb", make_article(20 if quick else 100)),
        Workload("2mb", make_article(big)),
    ]
    if not quick:
        found.append(Workload("8mb", make_article(8000)))
    text = shared_workloads.corpus_2mb(big * 1024)
    if text is None:
        skipped.append(f"corpus_2mb: skipped, the corpus is not at {CORPUS}")
    else:
        found.append(Workload("corpus_2mb", text))
    found.append(Workload("footnotes_2mb", make_footnotes_article(big)))
    return found, skipped


# ================================================================== helpers
def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def spin_until(done: Callable[[], bool], timeout_s: float = 900.0) -> None:
    """Run the event loop until ``done()``, checking every 2 ms.

    The loop waits in ``exec`` as the application's does, without the
    interpreter lock: polling ``processEvents`` in a Python loop instead kept
    the lock busy and slowed the render thread by half.
    """
    if done():
        return
    limit = time.perf_counter() + timeout_s
    loop = QEventLoop()
    timed_out: list[bool] = []

    def check() -> None:
        if done():
            loop.quit()
        elif time.perf_counter() > limit:
            timed_out.append(True)
            loop.quit()

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if timed_out:
        raise TimeoutError("the preview did not catch up")


class Heartbeat:
    """A 5 ms timer; the longest gap between ticks is the longest main-thread stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.last = 0.0
        self.max_gap = 0.0

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def start(self) -> None:
        self.clock.start()
        self.last = 0.0
        self.max_gap = 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return self.max_gap


def article_file(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.md"
    path.write_text(f"---\ntitle: Benchmark {name}\n---\n{body}", encoding="utf-8")
    return path


def make_window(folder: Path) -> MainWindow:
    """The window as a writer sees it: default panels, the article's folder as library."""
    create_application()
    settings = QSettings(str(_HOME / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppSettings(settings))
    window.resize(1360, 860)
    window.show()
    window.library_ui.open_folder(folder, open_first=False)
    # The application always starts with an article open; what follows is
    # opening another one in a window in use (the spelling word list loaded).
    window.open_path(article_file(_HOME, "first", "A short first article.\n"))
    settle(window)
    return window


def preview_idle(window: MainWindow) -> bool:
    controller = window.preview_controller
    idle = getattr(controller, "idle", None)
    if callable(idle):
        return bool(idle())
    return not controller.scheduler.busy


def settle(window: MainWindow) -> None:
    spin_until(lambda: preview_idle(window))
    wait(30)
    spin_until(lambda: preview_idle(window))


def full_renders(window: MainWindow) -> int:
    return int(window.preview_controller.full_renders)


def preview_contains(window: MainWindow, token: str) -> bool:
    return not window.preview.document().find(token).isNull()


# =============================================================== in the window
@dataclass
class WindowFigures:
    keystroke_ms: dict[str, float] = field(default_factory=dict)
    keystroke_median_ms: float = 0.0
    typing_max_stall_ms: float = 0.0
    full_renders: int = 0
    open_text_ms: float = 0.0
    #: until the preview shows the first words of the body (``--open-only``)
    open_top_ms: float = 0.0
    open_preview_ms: float = 0.0
    open_stall_ms: float = 0.0
    preview_matches: bool = False


def open_article(
    window: MainWindow, path: Path, figures: WindowFigures, top: str | None = None
) -> None:
    """Open ``path``; time the text shown, the preview complete, and the stalls between.

    With ``top`` (words from the start of the body), also the time until the
    preview shows them.
    """
    heartbeat = Heartbeat()
    clock = QElapsedTimer()
    clock.start()
    window.open_path(path)
    window.editor.viewport().repaint()
    figures.open_text_ms = clock.nsecsElapsed() / 1e6
    heartbeat.start()

    def complete() -> bool:
        if top and not figures.open_top_ms and preview_contains(window, top):
            figures.open_top_ms = clock.nsecsElapsed() / 1e6
        return preview_idle(window)

    spin_until(complete)
    figures.open_preview_ms = clock.nsecsElapsed() / 1e6
    figures.open_stall_ms = heartbeat.stop()
    settle(window)


def _spot(text: str, where: str) -> int:
    """A place inside a word of prose near the start, middle or end of ``text``."""
    fraction = {"start": 0.02, "middle": 0.5, "end": 0.97}[where]
    at = text.rfind("\n", 0, int(len(text) * fraction)) + 1
    for start in (at, 0):
        line_start = start
        while line_start < len(text):
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            line = text[line_start:line_end]
            space = line.find(" ", len(line) // 2)
            if line[:1].isalpha() and space > 0 and line[space + 1 : space + 2].isalpha():
                return line_start + space + 1
            line_start = line_end + 1
    raise ValueError("the article has no prose line to type into")


def keystroke(window: MainWindow, position: int, token: str) -> float:
    """Milliseconds from a key event at ``position`` to the preview showing it, laid out.

    ``token`` is typed there first (not timed); the timed key adds ``k`` to it,
    so the preview's document contains ``token + "k"`` exactly when it shows the
    keystroke.
    """
    editor = window.editor
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    editor.setTextCursor(cursor)
    editor.textCursor().insertText(token)
    settle(window)
    wanted = token + "k"
    doc = window.preview.document()
    controller = window.preview_controller
    line = editor.textCursor().blockNumber()
    clock = QElapsedTimer()
    seen: list[float] = []

    def check() -> None:
        if seen:
            return
        # Search from a few blocks above the edit, not from the top of the page.
        near = controller.page.position_of_block(controller.block_for_line(line) - 3)
        found = doc.find(wanted, near)
        if not found.isNull():
            doc.documentLayout().blockBoundingRect(found.block())  # laid out
            seen.append(clock.nsecsElapsed() / 1e6)

    window.previewUpdated.connect(check)
    try:
        clock.start()
        QTest.keyClick(editor, Qt.Key.Key_K)
        check()
        spin_until(lambda: bool(seen), timeout_s=60)
    finally:
        window.previewUpdated.disconnect(check)
    settle(window)
    return seen[0]


def measure_keystrokes(window: MainWindow, name: str, repeats: int, figures: WindowFigures) -> None:
    samples: list[float] = []
    for where in ("start", "middle", "end"):
        spot_samples = []
        for n in range(repeats):
            text = window.document.body_text()
            token = f" qzx{where}{n}q"
            spot_samples.append(keystroke(window, _spot(text, where), token))
        figures.keystroke_ms[where] = statistics.median(spot_samples)
        samples.extend(spot_samples)
    figures.keystroke_median_ms = statistics.median(samples)


def type_for_a_while(window: MainWindow, count: int, figures: WindowFigures) -> None:
    """``count`` key events at typing speed in the middle; the longest stall."""
    editor = window.editor
    text = window.document.body_text()
    cursor = QTextCursor(editor.document())
    cursor.setPosition(_spot(text, "middle"))
    editor.setTextCursor(cursor)
    settle(window)
    before = full_renders(window)
    rng = random.Random(3)
    keys = [Qt.Key.Key_E, Qt.Key.Key_T, Qt.Key.Key_A, Qt.Key.Key_O, Qt.Key.Key_Space]
    heartbeat = Heartbeat()
    heartbeat.start()
    for _ in range(count):
        QTest.keyClick(editor, rng.choice(keys))
        wait(rng.randint(30, 90))
    spin_until(lambda: preview_idle(window))
    figures.typing_max_stall_ms = heartbeat.stop()
    settle(window)
    figures.full_renders = full_renders(window) - before


def check_preview(window: MainWindow) -> bool:
    """Whether the preview shows exactly the full render of the body (not timed)."""
    controller = window.preview_controller
    # The preview shows remote images as placeholders and sanitizes what it shows:
    # compare with the full render passed through the same two steps.
    from editor.core.sanitize import sanitize_html

    body = sanitize_html(rewrite_images(render_markdown(window.document.body_text()))).strip()
    if controller.body_html() != body:
        return False
    expected = QTextDocument()
    expected.setDefaultStyleSheet(window.preview.document().defaultStyleSheet())
    expected.setDefaultFont(window.preview.document().defaultFont())
    expected.setHtml(controller.page.html())
    return expected.toPlainText() == window.preview.document().toPlainText()


def measure_in_window(
    workload: Workload, folder: Path, repeats: int, keystrokes: int
) -> WindowFigures:
    figures = WindowFigures()
    path = article_file(folder, workload.name, workload.text)
    window = make_window(folder)
    try:
        open_article(window, path, figures)
        measure_keystrokes(window, workload.name, repeats, figures)
        if keystrokes:
            type_for_a_while(window, keystrokes, figures)
        figures.preview_matches = check_preview(window)
    finally:
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
        wait(20)
        gc.collect()
    return figures


# ================================================================ render only
def _type_in_middle(text: str, n: int) -> str:
    middle = _spot(text, "middle")
    return text[:middle] + "x" * n + text[middle:]


def _browser() -> QTextBrowser:
    browser = QTextBrowser()
    browser.resize(700, 900)
    browser.show()
    return browser


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def render_full_ms(text: str, repeats: int) -> float:
    browser = _browser()
    doc = browser.document()
    samples = []
    for n in range(1, repeats + 1):
        edited = _type_in_middle(text, n)

        def update(edited: str = edited) -> None:
            doc.setHtml(render_markdown(edited))
            doc.documentLayout().documentSize()  # lay out the whole document

        samples.append(_timed(update))
        QApplication.processEvents()
    browser.close()
    browser.deleteLater()
    return statistics.median(samples)


def render_step_ms(text: str, repeats: int) -> tuple[float, int]:
    """Median render step and the renderer's full renders during the edits."""
    browser = _browser()
    renderer = IncrementalRenderer()
    preview = PreviewDocument(browser.document(), browser)
    preview.apply(renderer.render_blocks(text))
    browser.document().documentLayout().documentSize()
    before = renderer.full_renders
    samples = []
    for n in range(1, repeats + 1):
        edited = _type_in_middle(text, n)

        def update(edited: str = edited) -> None:
            preview.apply(renderer.render_blocks(edited))
            browser.document().documentLayout().documentSize()

        samples.append(_timed(update))
        QApplication.processEvents()
    browser.close()
    browser.deleteLater()
    return statistics.median(samples), renderer.full_renders - before


# ===================================================================== memory
def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_rss_mb() -> float:
    """This process's peak RSS (``ru_maxrss`` would include the parent's from before exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_child(size_kb: int) -> dict[str, float]:
    """In a fresh process: open a generated article, type, and report memory."""
    import tracemalloc

    folder = Path(tempfile.mkdtemp(prefix="memory-", dir=_HOME))
    text = make_article(size_kb)
    path = article_file(folder, f"memory{size_kb}", text)
    window = make_window(folder)
    settle(window)
    gc.collect()
    empty_rss = _rss_mb()
    tracemalloc.start()
    base_heap = tracemalloc.get_traced_memory()[0]
    window.open_path(path)
    settle(window)
    editor = window.editor
    cursor = QTextCursor(editor.document())
    cursor.setPosition(_spot(text, "middle"))
    editor.setTextCursor(cursor)
    for _ in range(20):
        QTest.keyClick(editor, Qt.Key.Key_E)
        wait(40)
    settle(window)
    gc.collect()
    heap, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss = _peak_rss_mb()
    article_mb = len(text.encode("utf-8")) / 2**20
    window.document.undo_stack.setClean()
    window.close()
    return {
        "article_mb": round(article_mb, 2),
        "peak_rss_mb": round(peak_rss, 1),
        "rss_growth_mb": round(_rss_mb() - empty_rss, 1),
        "python_heap_mb": round((heap - base_heap) / 2**20, 1),
        "python_heap_peak_mb": round((heap_peak - base_heap) / 2**20, 1),
        "heap_ratio": round((heap - base_heap) / 2**20 / article_mb, 2),
    }


def measure_memory(size_kb: int) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(size_kb)],
        capture_output=True,
        text=True,
        check=True,
    )
    last: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return last


# ======================================================================= main
def run(quick: bool) -> dict[str, object]:
    create_application()
    loads, skipped = workloads(quick)
    folder = Path(tempfile.mkdtemp(prefix="articles-", dir=_HOME))
    repeats = 1 if quick else 5
    window_figures: dict[str, WindowFigures] = {}
    steps: dict[str, tuple[float, float, int]] = {}
    for load in loads:
        print(f"measuring {load.name} ({len(load.text):,} characters)", file=sys.stderr)
        is_8mb = load.name == "8mb"
        window_figures[load.name] = measure_in_window(
            load, folder, 2 if is_8mb and not quick else repeats, 20 if quick else KEYSTROKES
        )
        edits = 2 if quick else (3 if is_8mb else 9)
        step, fulls = render_step_ms(load.text, edits)
        full = render_full_ms(load.text, 1 if quick or is_8mb else 3)
        steps[load.name] = (full, step, fulls)
        gc.collect()
    memory = {} if quick else {"2mb": measure_memory(2000), "8mb": measure_memory(8000)}

    print("In the window (key event to the preview laid out, debounce included)")
    print(
        f"{'workload':>14} {'start':>8} {'middle':>8} {'end':>8} {'median':>8}"
        f" {'stall':>8} {'full':>5} {'open text':>10} {'open all':>9} {'open stall':>10}"
    )
    for name, f in window_figures.items():
        k = f.keystroke_ms
        print(
            f"{name:>14} {k['start']:>8.1f} {k['middle']:>8.1f} {k['end']:>8.1f}"
            f" {f.keystroke_median_ms:>8.1f} {f.typing_max_stall_ms:>8.1f} {f.full_renders:>5}"
            f" {f.open_text_ms:>10.0f} {f.open_preview_ms:>9.0f} {f.open_stall_ms:>10.1f}"
            f"{'' if f.preview_matches else '  PREVIEW DIFFERS'}"
        )
    print("Render step alone (one-character edit in the middle, laid out)")
    print(f"{'workload':>14} {'full ms':>10} {'step ms':>9} {'speedup':>8} {'full renders':>13}")
    for name, (full, step, fulls) in steps.items():
        print(f"{name:>14} {full:>10.1f} {step:>9.2f} {full / step:>7.0f}x {fulls:>13}")
    for size, m in memory.items():
        print(
            f"memory {size}: article {m['article_mb']} MB, peak RSS {m['peak_rss_mb']} MB,"
            f" growth {m['rss_growth_mb']} MB, Python heap {m['python_heap_mb']} MB"
            f" ({m['heap_ratio']}x the article; peak {m['python_heap_peak_mb']} MB)"
        )
    for message in skipped:
        print(message)

    big = "2mb"
    checks: dict[str, bool] = {}
    for name in window_figures:
        f = window_figures[name]
        full, step, _ = steps[name]
        target = {"100kb": "keystroke_100kb_ms", "8mb": "keystroke_8mb_ms"}.get(
            name, "keystroke_2mb_ms"
        )
        checks[f"{name} keystroke <= {TARGETS[target]:g} ms"] = (
            f.keystroke_median_ms <= TARGETS[target]
        )
        checks[f"{name} typing stall <= 50 ms"] = (
            f.typing_max_stall_ms <= TARGETS["typing_max_stall_ms"]
        )
        checks[f"{name} full renders == 0"] = f.full_renders == 0
        checks[f"{name} preview equals the full render"] = f.preview_matches
        if name != "100kb" and name != "8mb":
            checks[f"{name} render step <= 16 ms"] = step <= TARGETS["render_step_ms"]
            checks[f"{name} speedup >= 50x"] = full / step >= TARGETS["speedup"]
            checks[f"{name} open: text <= 300 ms"] = f.open_text_ms <= TARGETS["open_2mb_text_ms"]
            checks[f"{name} open: preview <= 2 s"] = (
                f.open_preview_ms <= TARGETS["open_2mb_preview_ms"]
            )
            checks[f"{name} open: stall <= 50 ms"] = f.open_stall_ms <= TARGETS["open_2mb_stall_ms"]
    for size, m in memory.items():
        checks[f"memory {size}: Python heap <= 4x the article"] = (
            m["heap_ratio"] <= TARGETS["memory_ratio"]
        )
    for name, ok in checks.items():
        print(f"  {'met   ' if ok else 'MISSED'} {name}")

    def ms(name: str) -> float | None:
        figures = window_figures.get(name)
        return None if figures is None else round(figures.keystroke_median_ms, 1)

    def speedup(name: str) -> float | None:
        if name not in steps:
            return None
        full, step, _ = steps[name]
        return round(full / step, 1)

    summary: dict[str, object] = {
        "quick": quick,
        "keystroke_100kb_ms": ms("100kb"),
        "keystroke_2mb_ms": ms(big),
        "ms_8mb": ms("8mb"),
        "corpus_2mb_ms": ms("corpus_2mb"),
        "corpus_speedup": speedup("corpus_2mb"),
        "footnotes_2mb_ms": ms("footnotes_2mb"),
        "footnotes_speedup": speedup("footnotes_2mb"),
        "render_step_2mb_ms": round(steps[big][1], 2),
        "speedup_2mb": speedup(big),
        "full_renders": sum(f.full_renders for f in window_figures.values())
        + sum(s[2] for s in steps.values()),
        "typing_max_stall_ms": round(
            max(f.typing_max_stall_ms for f in window_figures.values()), 1
        ),
        "open_2mb_text_ms": round(window_figures[big].open_text_ms, 1),
        "open_2mb_preview_ms": round(window_figures[big].open_preview_ms, 1),
        "open_2mb_stall_ms": round(window_figures[big].open_stall_ms, 1),
        "peak_rss_2mb_mb": memory.get("2mb", {}).get("peak_rss_mb"),
        "peak_rss_8mb_mb": memory.get("8mb", {}).get("peak_rss_mb"),
        "heap_ratio_2mb": memory.get("2mb", {}).get("heap_ratio"),
        "heap_ratio_8mb": memory.get("8mb", {}).get("heap_ratio"),
        "targets_missed": [name for name, ok in checks.items() if not ok],
    }
    print(json.dumps(summary))
    return summary


def run_open_only(quick: bool) -> None:
    """Only the opening figures of the 2 MB workloads (quicker to repeat while tuning)."""
    create_application()
    loads, skipped = workloads(quick)
    folder = Path(tempfile.mkdtemp(prefix="articles-", dir=_HOME))
    print(f"{'workload':>14} {'open text':>10} {'top':>6} {'open all':>9} {'open stall':>10}")
    for load in loads:
        if load.name in ("100kb", "8mb"):
            continue
        figures = WindowFigures()
        window = make_window(folder)
        try:
            words = re.search(r"\b[A-Za-z]+ [A-Za-z]+ [A-Za-z]+\b", load.text)
            top = words.group(0) if words else None
            open_article(window, article_file(folder, load.name, load.text), figures, top)
            matches = check_preview(window)
        finally:
            window.document.undo_stack.setClean()
            window.close()
            window.deleteLater()
            wait(20)
            gc.collect()
        print(
            f"{load.name:>14} {figures.open_text_ms:>10.0f} {figures.open_top_ms:>6.0f}"
            f" {figures.open_preview_ms:>9.0f}"
            f" {figures.open_stall_ms:>10.1f}{'' if matches else '  PREVIEW DIFFERS'}"
        )
    for message in skipped:
        print(message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small articles, one repeat")
    parser.add_argument(
        "--open-only", action="store_true", help="only open the 2 MB articles (no typing)"
    )
    parser.add_argument("--memory-child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    _isolate()
    if args.memory_child:
        print(json.dumps(memory_child(args.memory_child)))
        return 0
    if args.open_only:
        run_open_only(args.quick)
    else:
        run(args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
