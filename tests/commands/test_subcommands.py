"""Each subcommand module keeps the contract ``cli`` relies on, and runs on parsed arguments.

``cli`` loads a subcommand only when it is used, so a module that lost its
``HELP`` or ``add_arguments`` would fail only when someone types its name.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from types import ModuleType

import pytest

import editor.commands
from editor.cli import SUBCOMMANDS, main
from editor.commands import check, export, import_text, summary
from tests.core.libhelp import write_article, write_chain

MODULES = {"check": check, "import": import_text, "export": export, "summary": summary}


def parse(module: ModuleType, *args: str | Path) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    return parser.parse_args([str(a) for a in args])


def test_every_subcommand_lives_in_the_commands_package() -> None:
    assert set(MODULES) == set(SUBCOMMANDS)
    for name, module in MODULES.items():
        assert SUBCOMMANDS[name] == module.__name__
        assert module.__name__.startswith(editor.commands.__name__ + ".")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_help_is_one_line_shown_by_the_subcommand(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    module = MODULES[name]
    assert module.HELP and "\n" not in module.HELP
    assert main([name, "--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert module.HELP in shown


def test_check_run_reports_through_its_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_chain(tmp_path / "clean", ["Harbour vote", "Night ferry returns"])
    assert check.run(parse(check, tmp_path / "clean")) == 0
    write_article(tmp_path / "broken", "a.md", "Alone", next=("Gone", "gone.md"))
    assert check.run(parse(check, tmp_path / "broken")) == 1
    assert "broken-link" in capsys.readouterr().out
    assert check.run(parse(check, tmp_path / "nowhere")) == 2


def test_import_run_refuses_a_missing_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_text.run(parse(import_text, tmp_path / "nope.txt", "-o", tmp_path)) == 1
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_run_writes_a_page(tmp_path: Path) -> None:
    article = write_article(tmp_path, "a.md", "Harbour vote", body="The council voted.\n")
    page = tmp_path / "out" / "a.html"
    assert export.run(parse(export, article, "-o", page)) == 0
    assert "The council voted." in page.read_text(encoding="utf-8")


def test_summary_run_prints_without_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write_article(
        tmp_path,
        "a.md",
        "Harbour vote",
        summary=None,
        body="The council approved the harbour plan on Tuesday. Work starts in May.\n",
    )
    before = article.read_bytes()
    assert summary.run(parse(summary, article)) == 0
    assert "harbour plan" in capsys.readouterr().out
    assert article.read_bytes() == before
