"""The library benchmark's window path: a big folder opened in the real MainWindow.

``library.py`` calls ``measure_window`` with a generated folder; each
opening runs in its own process (so peak RSS is the window's own) that
starts the editor's window on a sample article, waits until it is idle, then
opens the folder as File > Open Folder does and times, from that moment:

- listed_s: until the sidebar lists every article;
- badges_s: until every article with a problem shows its badges;
- max_stall_ms: the longest the main thread did not turn the event loop, from
  a 5 ms timer that notes how late each tick came (an event-loop lag probe),
  over the whole opening and one second after; max_stall_cpu_ms is how much
  of that gap the window thread spent running (the rest it waited for the
  interpreter lock or for a CPU), max_busy_ms the most CPU time it spent
  between two ticks, and idle_max_stall_ms the same probe's worst lag on the
  idle window for a second before: what the machine's load alone causes;
- rss_growth_mb / peak_rss_mb: peak resident memory after the opening, minus
  that of the idle window before it.

It runs twice: ``first_scan`` with an empty index cache, then ``cached_reopen``
of the same folder with the cache the first run wrote.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {
    "cached_reopen.listed_s": 0.300,
    "first_scan.listed_s": 1.5,
    "first_scan.badges_s": 3.0,
    "cached_reopen.badges_s": 3.0,
    "first_scan.max_stall_ms": 50.0,
    "cached_reopen.max_stall_ms": 50.0,
    "first_scan.rss_growth_mb": 60.0,
    "cached_reopen.rss_growth_mb": 60.0,
}
TICK_MS = 5
SETTLE_S = 1.0
TIMEOUT_S = 120.0


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _window_run(folder: Path, expected_rows: int, expected_badged: int) -> dict[str, float]:
    """In the child process: open ``folder`` in a real window and time it."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.shell.app import create_application, create_main_window

    app = create_application()
    window = create_main_window()
    window.show()
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:  # the sample article, its preview and word list
        app.processEvents()
        time.sleep(0.01)
    before_mb = _rss_mb()

    library = window.library_ui
    model = library.sidebar.model
    marks: dict[str, float] = {}
    clock = QElapsedTimer()
    stall = {"max": 0.0, "last": 0.0, "cpu": 0.0, "last_cpu": 0.0, "max_cpu": 0.0}

    def tick() -> None:
        now, cpu = clock.nsecsElapsed() / 1e6, time.thread_time() * 1000
        late = now - stall["last"] - TICK_MS
        if late > stall["max"]:
            # How much of the gap the window thread spent working (the rest it
            # waited: for the interpreter lock, or for a CPU on a busy machine).
            stall["max"], stall["cpu"] = late, cpu - stall["last_cpu"]
        stall["max_cpu"] = max(stall["max_cpu"], cpu - stall["last_cpu"] - TICK_MS)
        stall["last"], stall["last_cpu"] = now, cpu

    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(TICK_MS)
    probe.timeout.connect(tick)
    # The same probe on the idle window first: what this machine's load alone costs.
    clock.start()
    probe.start()
    QTimer.singleShot(int(SETTLE_S * 1000), QApplication.quit)
    app.exec()
    idle_stall = stall["max"]
    stall.update(max=0.0, cpu=0.0, max_cpu=0.0)

    def badged() -> int:
        return sum(1 for row in model.rows() if row.badges)

    pending = {"look": False}

    def look_soon() -> None:
        if not pending["look"]:  # once per burst of model signals
            pending["look"] = True
            QTimer.singleShot(0, look)

    def look() -> None:
        pending["look"] = False
        now = clock.nsecsElapsed() / 1e9
        if "listed" not in marks and model.rowCount() >= expected_rows:
            marks["listed"] = now
        if "listed" in marks and "badges" not in marks and badged() >= expected_badged:
            marks["badges"] = now
            QTimer.singleShot(int(SETTLE_S * 1000), QApplication.quit)

    for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.layoutChanged):
        signal.connect(lambda *_args: look_soon())
    QTimer.singleShot(int(TIMEOUT_S * 1000), QApplication.quit)

    clock.restart()
    stall["last"], stall["last_cpu"] = 0.0, time.thread_time() * 1000
    library.open_folder(folder)
    app.exec()
    probe.stop()
    if "badges" not in marks:
        raise SystemExit(f"timed out; seen {marks}, rows {model.rowCount()}, badged {badged()}")
    after_mb = _rss_mb()
    window.document.undo_stack.setClean()
    window.close()
    return {
        "listed_s": round(marks["listed"], 3),
        "badges_s": round(marks["badges"], 3),
        "max_stall_ms": round(stall["max"], 1),
        "max_stall_cpu_ms": round(stall["cpu"], 1),
        "max_busy_ms": round(stall["max_cpu"], 1),
        "idle_max_stall_ms": round(idle_stall, 1),
        "rss_growth_mb": round(after_mb - before_mb, 1),
        "peak_rss_mb": round(after_mb, 1),
    }


def _spawn(folder: Path, home: Path, expected_rows: int, expected_badged: int) -> dict[str, float]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env["PYTHONPATH"] = str(ROOT / "src")
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            str(folder),
            str(expected_rows),
            str(expected_badged),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S * 2,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"window run failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def measure_window(
    folder: Path, expected_rows: int, expected_badged: int
) -> dict[str, dict[str, float]]:
    """First scan (empty cache), then cached reopen, each in a fresh window process."""
    with tempfile.TemporaryDirectory(prefix="article-editor-window-") as home:
        first = _spawn(folder, Path(home), expected_rows, expected_badged)
        cached = _spawn(folder, Path(home), expected_rows, expected_badged)
    return {"first_scan": first, "cached_reopen": cached}


def print_window(results: dict[str, dict[str, float]]) -> None:
    print(f"{'window':<28}{'value':>10}{'target':>10}{'ok':>6}")
    for run, values in results.items():
        for key, value in values.items():
            target = TARGETS.get(f"{run}.{key}")
            verdict = "" if target is None else ("yes" if value <= target else "NO")
            shown = "-" if target is None else f"{target:g}"
            print(f"{run + '.' + key:<28}{value:>10g}{shown:>10}{verdict:>6}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    outcome = _window_run(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
    print(json.dumps(outcome))
