"""``python -m editor`` is the same program as ``article-editor``."""

from __future__ import annotations

import os
import subprocess
import sys

import editor.__main__ as entry
from editor import __version__, cli
from tests.import_graph import SRC


def test_the_module_entry_point_is_the_command_line_main() -> None:
    # Importing it runs nothing: main() only runs when executed as a script.
    assert entry.main is cli.main


def test_python_dash_m_editor_prints_the_version() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "editor", "--version"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"article-editor {__version__}"
