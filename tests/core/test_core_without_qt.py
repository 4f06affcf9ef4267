"""The core, the scripting API and the command line work on a machine without Qt.

Scripts, site pipelines and ``article-editor check`` on a server must not
need PySide6; each check runs in a fresh interpreter where importing
PySide6 or shiboken6 fails, as it would where they are not installed.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from editor.cli import SUBCOMMANDS

SRC = Path(__file__).resolve().parents[2] / "src"

BLOCK_QT = """\
import sys
sys.modules["PySide6"] = None
sys.modules["shiboken6"] = None
"""


def run_python(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_scripting_api_works_without_qt(tmp_path: Path) -> None:
    article_file = tmp_path / "harbour.md"
    article_file.write_text(
        "---\ntitle: Harbour dredging\n# a comment\n---\n# Heading\n\nText with *stress*.\n",
        encoding="utf-8",
    )
    code = BLOCK_QT + textwrap.dedent(
        """
        import pkgutil, importlib
        import editor
        from editor import ArticleError, Link, load_article, save_article, render_markdown
        import editor.core

        path = sys.argv[1]
        article = load_article(path)
        assert article.title == "Harbour dredging", article.title
        article.title = "Harbour dredging starts"
        article.next = Link("Ferry fares", "ferry.md")
        save_article(article)
        again = load_article(path)
        assert again.title == "Harbour dredging starts"
        assert again.next == Link("Ferry fares", "ferry.md")
        html = render_markdown(again.body)
        assert "<em>stress</em>" in html and "<h1" in html, html
        try:
            editor.parse_article("---\\ntitle: [x]\\n---\\n")
        except ArticleError as exc:
            assert exc.line == 2
        else:
            raise AssertionError("no ArticleError")
        names = sorted(m.name for m in pkgutil.iter_modules(editor.core.__path__))
        for name in names:
            importlib.import_module("editor.core." + name)
        for name in editor.__all__:
            getattr(editor, name)
        print("core modules:", " ".join(names))
        """
    )
    result = run_python(code, str(article_file))
    assert result.returncode == 0, result.stderr
    assert "core modules:" in result.stdout
    assert "article" in result.stdout.split()
    text = article_file.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Harbour dredging starts\n# a comment\n")


def test_importing_the_core_loads_no_qt_module() -> None:
    code = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        import editor, editor.cli, editor.core
        for module in pkgutil.iter_modules(editor.core.__path__):
            importlib.import_module("editor.core." + module.name)
        for name in editor.__all__:
            getattr(editor, name)
        qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
        print("qt modules:", qt)
        """
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "qt modules: []"


def test_command_line_help_runs_without_qt() -> None:
    code = BLOCK_QT + "import runpy; runpy.run_module('editor', run_name='__main__')"
    result = run_python(code, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: article-editor" in result.stdout


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_subcommand_help_runs_without_qt(name: str) -> None:
    if importlib.util.find_spec(SUBCOMMANDS[name]) is None:
        pytest.skip(f"the '{name}' subcommand does not exist yet")
    code = BLOCK_QT + textwrap.dedent(
        """
        sys.argv = ["article-editor", *sys.argv[1:]]
        import runpy
        runpy.run_module("editor", run_name="__main__")
        """
    )
    result = run_python(code, name, "--help")
    assert result.returncode == 0, result.stderr
    assert f"article-editor {name}" in result.stdout
