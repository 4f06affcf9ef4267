"""The ``article-editor`` command: open the window, or run a subcommand.

``article-editor [PATH]`` opens the window; ``article-editor check|import|
export|summary ...`` runs in a terminal without Qt. Subcommands are found by
name in ``SUBCOMMANDS`` and imported only when used, so ``check`` on a
server never loads PySide6.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType

from editor import __version__

#: subcommand name -> module in editor.commands
SUBCOMMANDS: dict[str, str] = {
    "check": "editor.commands.check",
    "import": "editor.commands.import_text",
    "export": "editor.commands.export",
    "summary": "editor.commands.summary",
}


def _load_subcommand(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(SUBCOMMANDS[name])
    except ModuleNotFoundError:
        return None


def _subcommand_parser(name: str, module: ModuleType) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"article-editor {name}", description=getattr(module, "HELP", None)
    )
    module.add_arguments(parser)
    return parser


def _is_available(name: str) -> bool:
    """Whether this build has the subcommand, without importing it (the window starts faster)."""
    try:
        return importlib.util.find_spec(SUBCOMMANDS[name]) is not None
    except ModuleNotFoundError:
        return False


def _window_parser() -> argparse.ArgumentParser:
    available = [n for n in SUBCOMMANDS if _is_available(n)]
    parser = argparse.ArgumentParser(
        prog="article-editor",
        description="Edit markdown articles with YAML, TOML or JSON front matter, offline.",
        epilog="Subcommands: "
        + ", ".join(available)
        + " (article-editor SUBCOMMAND --help for each).",
    )
    parser.add_argument(
        "path",
        nargs="?",
        help="an article or a folder of articles to open (default: the sample library)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen, edit and save a sample, print OK and exit",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``article-editor`` and ``python -m editor``."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in SUBCOMMANDS:
        name = args_list[0]
        module = _load_subcommand(name)
        if module is None:
            print(f"article-editor: '{name}' is not available in this build", file=sys.stderr)
            return 2
        parser = _subcommand_parser(name, module)
        try:
            args = parser.parse_args(args_list[1:])
        except SystemExit as exit_:
            return int(exit_.code or 0)
        return int(module.run(args))

    if len(args_list) <= 1 and not any(a.startswith("-") for a in args_list):
        # `article-editor` or `article-editor PATH`: argparse would only cost the
        # window's start a few tens of milliseconds (gettext, terminal size).
        from editor.ui.shell.app import run_app

        return run_app(args_list[0] if args_list else None)

    parser = _window_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:
        return int(exit_.code or 0)

    if args.self_test:
        from editor.ui.shell.self_test import run_self_test

        return run_self_test()

    from editor.ui.shell.app import run_app

    return run_app(args.path)
