"""``article-editor check PATH...``: the library checks for editors' pipelines.

Output reads like a compiler's so editors and CI logs can jump to the line:
``path:line: code: message`` (``path: code: message`` when the line is not
known). ``--format json`` prints a list of ``{path, code, field, message,
line}``. Exit status: 0 clean, 1 problems found, 2 usage error or a path that
cannot be read. A folder is checked as a library; a file is checked against
the other articles in its own folder, so links between them resolve, but only
the named file is reported on. Nothing is written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from editor.core.checks import CODES, Problem, check_library
from editor.core.library import UNREADABLE, Library
from editor.core.placeholder import pattern_errors

HELP = "check articles and folders of articles for placeholder titles and broken links"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="an article or a folder")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    parser.add_argument(
        "--placeholder-pattern",
        action="append",
        default=[],
        metavar="REGEX",
        help="a title matching this regular expression (whole title, any case) "
        "counts as a placeholder; may be repeated",
    )
    parser.epilog = (
        "Exit status: 0 no problems, 1 problems found, 2 usage error or a path that cannot "
        "be read. Problem codes: " + ", ".join(CODES) + "."
    )


def _shown(path: Path, root: Path, given: str) -> str:
    """Name files the way the user named the folder, as compilers do."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return str(path)
    if str(rel) == ".":
        return given
    return os.path.join(given, str(rel))


Results = list[tuple[Problem, str]]


def run(args: argparse.Namespace) -> int:
    errors = pattern_errors(args.placeholder_pattern)
    if errors:
        for message in errors:
            print(f"article-editor check: invalid --placeholder-pattern {message}", file=sys.stderr)
        return 2
    status = 0
    results: Results = []
    folder_files: dict[Path, list[Path]] = {}
    given_names: dict[Path, str] = {}
    for given in args.paths:
        path = Path(os.path.abspath(given))
        if path.is_dir():
            status = max(status, _check_folder(path, given, args.placeholder_pattern, results))
        elif path.exists() or path.is_symlink():
            folder_files.setdefault(path.parent, []).append(path)
            given_names[path] = given
        else:
            print(f"article-editor check: {given}: no such file or folder", file=sys.stderr)
            status = 2
    for folder, files in folder_files.items():
        status = max(
            status, _check_files(folder, files, given_names, args.placeholder_pattern, results)
        )
    _report(results, args.format)
    if status:
        return status
    return 1 if results else 0


def _check_folder(path: Path, given: str, patterns: list[str], results: Results) -> int:
    """Check a whole folder; 2 when the folder itself cannot be listed, else 0."""
    library = Library(path)
    library.scan()
    status = 2 if any(n.path == path for n in library.notices) else 0
    for problem in check_library(library, patterns):
        results.append((problem, _shown(problem.path, path, given)))
    return status


def _check_files(
    folder: Path,
    files: list[Path],
    given_names: dict[Path, str],
    patterns: list[str],
    results: Results,
) -> int:
    """Check single files against their folder's neighbours; 2 when one cannot be read."""
    status = 0
    library = Library(folder, recursive=False)
    library.scan()
    for file in files:
        entry = library.include(file)
        if entry is None:
            print(f"article-editor check: {given_names[file]}: not a file", file=sys.stderr)
            status = 2
        elif entry.error_code == UNREADABLE:
            status = 2
    for problem in check_library(library, patterns, paths=files):
        results.append((problem, given_names.get(problem.path, str(problem.path))))
    return status


def _report(results: Results, output_format: str) -> None:
    if output_format == "json":
        rows = [problem.as_json() | {"path": shown} for problem, shown in results]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for problem, shown in results:
        where = f"{shown}:{problem.line}" if problem.line is not None else shown
        print(f"{where}: {problem.code}: {problem.message}")
    if results:
        count = len({shown for _, shown in results})
        print(f"{len(results)} problem(s) in {count} file(s)", file=sys.stderr)
