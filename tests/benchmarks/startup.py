"""How long a writer waits from starting the editor to seeing the article.

Run ``python tests/benchmarks/startup.py [--runs 5] [--platform xvfb|offscreen|native]``.
Each run is a new process, timed from just before it is spawned to the
first paint of its window: the app's startup probe
(``ARTICLE_EDITOR_STARTUP_PROBE``, see ``editor/ui/shell/startup.py``) writes
the wall-clock time of a timer that fires after the window's first paint
event, and ``ARTICLE_EDITOR_STARTUP_EXIT=paint`` ends the process there.

Measured, interleaved run by run so that the machine's load falls on all
alike, median of ``--runs`` after one untimed warm-up each:

- baseline_s: ``python -c "import PySide6.QtWidgets"``, a QApplication and an
  empty QMainWindow of the editor's size, timed to its first paint the same way;
- source_s: ``python -m editor`` from this checkout opening the first sample
  article (settings, recovery and cache folders are empty temporary ones);
- frozen_s: the PyInstaller bundle in ``packaging/dist`` when it was built
  (``python packaging/build.py``), skipped with a note when it was not;
- ready_s (source): until the work that waits for the first paint (preview
  render started, spelling list loading, recovery offer) has been handed out;
- import_app_s: ``import editor.ui.shell.app`` inside the interpreter;
- *_cpu_s: the CPU time each process had used by its first paint (its own
  work, which a busy machine does not inflate the way it does wall time).

"Cold-ish": every run is a new interpreter with no state of its own, but
the operating system's file cache stays warm (dropping it needs root). The
bytecode of ``src`` is compiled first, as an installed copy's is.

Targets: source <= 0.300 s and <= 1.5 x baseline, frozen <= 0.400 s. It
prints a table and one JSON line for scripts.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
FROZEN = ROOT / "packaging" / "dist" / "article-editor" / "article-editor"
TARGETS = {"source_s": 0.300, "source_vs_baseline": 1.5, "frozen_s": 0.400}
RUN_TIMEOUT_S = 60.0

BASELINE = """
import os, sys, time
import PySide6.QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1360, 860)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if watched is window and event.type() == QEvent.Type.Paint:
            window.removeEventFilter(self)
            QTimer.singleShot(0, self.done)
        return False

    def done(self):
        with open(os.environ["ARTICLE_EDITOR_STARTUP_PROBE"], "a", encoding="utf-8") as out:
            out.write('{"stage": "first_paint", "time": %r, "cpu": %r}\\n'
                      % (time.time(), time.process_time()))
        app.quit()

probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""

IMPORT_APP = (
    "import time; t = time.perf_counter(); import editor.ui.shell.app; "
    "print(time.perf_counter() - t)"
)


@contextlib.contextmanager
def display(kind: str) -> Iterator[dict[str, str]]:
    """Environment for the runs: a private Xvfb server, Qt's offscreen platform, or this one."""
    if kind == "offscreen":
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    if kind == "native":
        yield {}
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb is not installed: use --platform offscreen")
    read_end, write_end = os.pipe()  # Xvfb picks a free display and writes its number here
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        if not number or server.poll() is not None:
            raise SystemExit("Xvfb could not start")
        yield {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    finally:
        server.terminate()
        server.wait(10)


def timed_start(command: list[str], env: dict[str, str], work: Path) -> dict[str, float]:
    """Seconds from spawning ``command`` to each stage its probe reports."""
    probe = work / "probe.jsonl"
    probe.unlink(missing_ok=True)
    run_env = env | {"ARTICLE_EDITOR_STARTUP_PROBE": str(probe)}
    start = time.time()
    result = subprocess.run(
        command,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0 or not probe.exists():
        raise SystemExit(
            f"{' '.join(command[:3])} failed ({result.returncode}):\n{result.stderr[-2000:]}"
        )
    stages: dict[str, float] = {}
    for line in probe.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        stages[record["stage"]] = record["time"] - start
        stages[record["stage"] + "_cpu"] = record["cpu"]
    return stages


def base_environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        folder = work / name.lower()
        folder.mkdir(exist_ok=True)
        env[name] = str(folder)
    env["PYTHONPATH"] = str(SRC)
    return env


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--platform",
        choices=("xvfb", "offscreen", "native"),
        default="xvfb" if shutil.which("Xvfb") and not os.environ.get("DISPLAY") else "native",
    )
    args = parser.parse_args()

    compileall.compile_dir(SRC, quiet=1)  # an installed copy has its bytecode
    work = Path(tempfile.mkdtemp(prefix="article-editor-startup-"))
    frozen = FROZEN if FROZEN.exists() else None
    samples: dict[str, list[float]] = {
        "baseline_s": [],
        "source_s": [],
        "ready_s": [],
        "baseline_cpu_s": [],
        "source_cpu_s": [],
    }
    if frozen is not None:
        samples["frozen_s"] = []
    imports: list[float] = []
    try:
        with display(args.platform) as screen:
            env = base_environment(work) | screen
            baseline = [sys.executable, "-c", BASELINE]
            source = [sys.executable, "-m", "editor"]
            paint = env | {"ARTICLE_EDITOR_STARTUP_EXIT": "paint"}
            ready = env | {"ARTICLE_EDITOR_STARTUP_EXIT": "ready"}
            for run in range(args.runs + 1):
                timed = run > 0  # the first round warms caches and writes bytecode
                b_run = timed_start(baseline, env, work)
                s_run = timed_start(source, paint, work)
                b, s = b_run["first_paint"], s_run["first_paint"]
                r = timed_start(source, ready, work)["ready"]
                f = timed_start([str(frozen)], paint, work)["first_paint"] if frozen else None
                i = float(
                    subprocess.run(
                        [sys.executable, "-c", IMPORT_APP],
                        env=env,
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                )
                if timed:
                    samples["baseline_s"].append(b)
                    samples["source_s"].append(s)
                    samples["baseline_cpu_s"].append(b_run["first_paint_cpu"])
                    samples["source_cpu_s"].append(s_run["first_paint_cpu"])
                    samples["ready_s"].append(r)
                    imports.append(i)
                    if f is not None:
                        samples["frozen_s"].append(f)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    results = {key: round(median(values), 3) for key, values in samples.items()}
    results["import_app_s"] = round(median(imports), 3)
    results["source_vs_baseline"] = round(results["source_s"] / results["baseline_s"], 2)
    results["cpu_vs_baseline"] = round(results["source_cpu_s"] / results["baseline_cpu_s"], 2)
    results["platform"] = args.platform  # type: ignore[assignment]
    print(f"platform: {args.platform}; median of {args.runs} runs each, interleaved")
    print(f"{'measure':<20}{'median':>10}{'min':>10}{'max':>10}{'target':>10}{'ok':>6}")
    for key, values in samples.items():
        target = TARGETS.get(key)
        verdict = "" if target is None else ("yes" if results[key] <= target else "NO")
        shown_target = "-" if target is None else f"{target:.3f}"
        print(
            f"{key:<20}{results[key]:>10.3f}{min(values):>10.3f}{max(values):>10.3f}"
            f"{shown_target:>10}{verdict:>6}"
        )
    ratio_ok = "yes" if results["source_vs_baseline"] <= TARGETS["source_vs_baseline"] else "NO"
    ratio = results["source_vs_baseline"]
    print(f"{'source / baseline':<20}{ratio:>10.2f}{'':>20}{1.5:>10.2f}{ratio_ok:>6}")
    print(f"{'cpu / baseline cpu':<20}{results['cpu_vs_baseline']:>10.2f}")
    print(f"{'import_app_s':<20}{results['import_app_s']:>10.3f}")
    if frozen is None:
        print(f"frozen: skipped, no bundle at {FROZEN} (build it with python packaging/build.py)")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
