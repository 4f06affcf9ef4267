"""``article-editor import FILE... [-o DIR]``: scraped pages to article files.

Prints the path of each article created, one per line, so a script can pick
them up; warnings (placeholder titles) and refusals go to stderr in the
``path: message`` form editors' tools understand. Exit status: 0 when every
input was imported, 1 when any input was refused (the others are still
imported, a refused one creates nothing), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from editor.core.errors import ArticleError
from editor.core.importer import import_files

HELP = "turn scraped news pages (plain text) into new article files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="a scraped page (plain text)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        default=".",
        help="folder for the new articles (created if missing; default: the current folder); "
        "existing files are never overwritten",
    )


def run(args: argparse.Namespace) -> int:
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        print(f"article-editor import: {folder}: not a folder", file=sys.stderr)
        return 2
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"article-editor import: {folder}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        batch = import_files(args.files, folder)
    except ArticleError as exc:
        print(f"article-editor import: {exc}", file=sys.stderr)
        return 1
    for result in batch.created:
        print(result.path)
        for warning in result.warnings:
            print(f"{result.path}: warning: {warning}", file=sys.stderr)
    for _source, error in batch.rejected:
        print(f"{error}; nothing was created", file=sys.stderr)
    return 1 if batch.rejected else 0
