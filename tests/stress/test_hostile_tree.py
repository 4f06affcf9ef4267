"""The hostile-tree script as part of the suite: every operation returns, says why, changes nothing.

Times are printed by the script, never asserted here (a shared, noisy
machine); a hang is cut off by the subprocess timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("hostile_tree.py")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="special files are POSIX files")


def test_every_operation_on_the_hostile_tree_returns_with_a_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--folder", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])["hostile_tree"]
    assert summary["changed_files"] == []
    assert summary["failed"] == []
    assert summary["without_message"] == []
    out = result.stdout
    for expected in (
        "window open zero.md: Could not open zero.md: this is a character device",
        "window open pipe.md: Could not open pipe.md: this is a named pipe (FIFO)",
        "window open socket.md: Could not open socket.md: this is a socket",
        "window open loop.md: Could not open loop.md: the path is a symbolic link that loops",
        "load_article control-char.md:",
        "control character U+0001",
        "load_article cr-only.md: opened: 'Old Mac'",
        "window preview of the hostile article: preview sanitized",
        "the site cannot be written into the folder it is exported from",
    ):
        assert expected in out, expected
    site = tmp_path / "out" / "site"
    copied = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert "images/dot.png" in copied
    assert not any(name in p for p in copied for name in ("passwd", "secret", "environ", "zero"))
    assert not (site / "escape.html").exists()  # a link to a file outside the library
    assert not (site / "brackets.html").exists()  # would stall the renderer for minutes
