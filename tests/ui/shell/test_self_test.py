"""``article-editor --self-test`` passes on a good installation and fails loudly on a broken one.

Each case runs the command in a fresh process, as a user or CI would: the
self-test owns its QApplication and may end the process from its watchdog,
neither of which may happen inside the pytest process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from editor.ui.shell import self_test

REPO = Path(__file__).resolve().parents[3]
SRC = REPO / "src"
#: far above a normal run (a few seconds); only reached when the self-test itself hangs
PROCESS_TIMEOUT_S = 120


def run_self_test(
    tmp_path: Path, env_update: dict[str, str] | None = None, pythonpath: Path = SRC
) -> tuple[int, str, str]:
    """(exit code, stdout, log file text) of ``python -m editor --self-test``; stderr is
    appended to stdout only when the exit code is not 0, to explain the failure."""
    log = tmp_path / "self-test.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(pythonpath), env.get("PYTHONPATH", "")) if p
    )
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["ARTICLE_EDITOR_SELF_TEST_LOG"] = str(log)
    env.update(env_update or {})
    proc = subprocess.run(
        [sys.executable, "-m", "editor", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=PROCESS_TIMEOUT_S,
    )
    logged = log.read_text(encoding="utf-8") if log.exists() else ""
    output = proc.stdout if proc.returncode == 0 else proc.stdout + proc.stderr
    return proc.returncode, output, logged


def test_self_test_passes_and_prints_ok(tmp_path: Path) -> None:
    code, output, logged = run_self_test(tmp_path)
    assert code == 0, output
    assert output.strip().splitlines()[-1] == "OK", output
    assert logged.strip().splitlines()[-1] == "OK"


def test_missing_platform_plugin_is_named_and_fails(tmp_path: Path) -> None:
    code, output, logged = run_self_test(tmp_path, {"QT_QPA_PLATFORM": "no-such-platform"})
    assert code == self_test.EXIT_NO_PLATFORM, output
    assert "missing Qt platform plugin 'no-such-platform'" in output
    assert "offscreen" in output  # lists what is available instead
    assert "missing Qt platform plugin" in logged


def test_missing_resources_are_named_and_fail(tmp_path: Path) -> None:
    # A copy of the package with no resources folder beside it or inside it.
    broken = tmp_path / "broken" / "src"
    shutil.copytree(SRC / "editor", broken / "editor", ignore=shutil.ignore_patterns("__pycache__"))
    assert not (broken / "editor" / "resources").exists()
    code, output, _ = run_self_test(tmp_path, pythonpath=broken)
    assert code == self_test.EXIT_NO_RESOURCE, output
    assert "missing resource" in output
    assert "resources" in output


def test_watchdog_ends_a_self_test_that_runs_too_long(tmp_path: Path) -> None:
    code, output, _ = run_self_test(tmp_path, {"ARTICLE_EDITOR_SELF_TEST_TIMEOUT": "0.001"})
    assert code == self_test.EXIT_TIMEOUT, output
    assert "timed out" in output


def test_a_modal_dialog_fails_instead_of_waiting_for_a_click(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication, QMessageBox
        from editor.ui.shell import self_test

        app = QApplication([])
        reporter = self_test.Reporter()
        reporter.begin("opening a dialog on purpose")
        guard = self_test._guard_modal_dialogs(app, reporter)
        QMessageBox.warning(None, "Cannot open", "the sample vanished")
        print("the dialog returned")
        """
    )
    env = dict(os.environ, PYTHONPATH=str(SRC), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=PROCESS_TIMEOUT_S,
    )
    assert proc.returncode == self_test.EXIT_FAILED, proc.stdout + proc.stderr
    assert "a modal dialog opened" in proc.stdout
    assert "the sample vanished" in proc.stdout
    assert "the dialog returned" not in proc.stdout


def test_only_the_title_line_may_change() -> None:
    before = b"---\ntitle: Old\nsummary: S\n---\nBody\n"
    assert list(self_test.changed_lines(before, before.replace(b"Old", b"New"))) == [1]
    assert self_test.title_line(before) == 1
    with pytest.raises(self_test.SelfTestFailure, match="line count"):
        list(self_test.changed_lines(before, before + b"extra\n"))


@pytest.mark.parametrize(
    ("body", "marker"),
    [
        ("Intro **bold** text\n\n## The vote\n", "The vote"),
        ("Plain *words* here and more\n", "Plain words here"),
        ("", ""),
    ],
)
def test_body_marker_is_text_the_preview_shows(body: str, marker: str) -> None:
    assert self_test.body_marker(body) == marker
