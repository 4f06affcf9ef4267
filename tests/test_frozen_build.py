"""The frozen build works: ``python packaging/build.py`` builds, self-tests and measures it.

Slow (a PyInstaller build, 15-40 s here plus the frozen runs), so it is
marked ``slow``; ``.ci/run`` installs the packaging extra and runs it on every
change. Without PyInstaller it skips, saying how to get it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "packaging" / "build.py"
#: the build script's own budget, so the two cannot drift apart
MAX_BUNDLE_MB = float(
    next(
        line.split("=", 1)[1]
        for line in BUILD.read_text(encoding="utf-8").splitlines()
        if line.startswith("MAX_BUNDLE_MB =")
    )
)
#: a build here takes well under a minute. build.py bounds each of its own steps and cleans
#: up after them (about 27 minutes in the worst case); this is only the last resort.
BUILD_TIMEOUT_S = 1800


@pytest.mark.slow
def test_frozen_build_passes_its_self_test_within_budget(tmp_path: Path) -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip('PyInstaller is not installed (pip install -e ".[packaging]")')
    # Its own folders: a build in packaging/dist may be in use by a developer.
    command = [sys.executable, str(BUILD), "--dist", str(tmp_path / "dist")]
    command += ["--work", str(tmp_path / "work")]
    # A session of its own, so a stuck build is ended with everything it started;
    # otherwise a helper still holding the output pipe would keep the test waiting.
    proc = subprocess.Popen(
        command,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=sys.platform != "win32",
    )
    try:
        stdout, stderr = proc.communicate(timeout=BUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        if sys.platform != "win32":
            os.killpg(proc.pid, signal.SIGKILL)
        proc.kill()
        stdout, stderr = proc.communicate(timeout=30)
        pytest.fail(f"packaging/build.py did not finish in {BUILD_TIMEOUT_S} s:\n{stdout}{stderr}")
    output = stdout + stderr
    print(output)
    assert proc.returncode == 0, output
    report = json.loads(stdout.strip().splitlines()[-1])
    assert report["self_test"] == "OK"
    assert report["failures"] == 0
    assert report["bundle_mb"] <= MAX_BUNDLE_MB
