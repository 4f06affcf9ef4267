"""The frozen build works: ``python packaging/build.py`` builds, self-tests and measures it.

Slow (a PyInstaller build, about 20 s here plus the frozen runs), so it is
marked ``slow``; ``.ci/run`` installs the packaging extra and runs it on every
change. Without PyInstaller it skips, saying how to get it.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "packaging" / "build.py"
#: a build here takes well under a minute; far past that it is stuck, not slow
BUILD_TIMEOUT_S = 900


@pytest.mark.slow
def test_frozen_build_passes_its_self_test_within_budget(tmp_path: Path) -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip('PyInstaller is not installed (pip install -e ".[packaging]")')
    proc = subprocess.run(
        # Its own folders: a build in packaging/dist may be in use by a developer.
        [
            sys.executable,
            str(BUILD),
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        timeout=BUILD_TIMEOUT_S,
    )
    output = proc.stdout + proc.stderr
    print(output)
    assert proc.returncode == 0, output
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["self_test"] == "OK"
    assert report["failures"] == 0
    assert report["bundle_mb"] <= 120
