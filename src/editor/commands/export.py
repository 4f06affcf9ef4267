"""``article-editor export ARTICLE.md -o page.html`` or ``export DIR -o SITE/``.

One article becomes a standalone page; a folder becomes a static site with
an index page. Placeholder titles are reported before anything is written,
and ``--strict`` makes them stop the export. Nothing is fetched from the
network and Qt is never loaded. Exit status: 0 exported, 1 refused
(``--strict``) or some articles could not be read, 2 usage error or a path
that does not exist. Only local files inside the exported folder (or the
article's own folder, or ``--root``) are copied; each other file an article
names is reported with its line and left out. A site is written only into a
new or empty folder, or one an earlier export made (it holds
``.article-editor-export.json``); a page replaces only a page the editor
wrote. ``--force`` overrides both.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from editor.core.errors import ArticleError
from editor.core.export import ExportReport, export_article_file, export_site

HELP = "export an article as a standalone HTML page, or a folder as a static site"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="ARTICLE_OR_DIR", help="an article file or a folder")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="the page to write (for a folder: the site folder to write into)",
    )
    parser.add_argument("--strict", action="store_true", help="refuse to export placeholder titles")
    parser.add_argument("--title", help="title of the site's index page (default: folder name)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty and was not made by an export, "
        "and replace files there",
    )
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="copy local files from anywhere inside DIR (default: only files inside the "
        "exported folder, or the article's own folder); anything else an article names "
        "is reported and not copied",
    )


def _warn(line: str) -> None:
    print(f"warning: {line}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    source = Path(args.source)
    output = Path(args.output)
    report: ExportReport
    try:
        if source.is_dir():
            if output.exists() and not output.is_dir():
                print(f"article-editor export: {output}: not a folder", file=sys.stderr)
                return 2
            report = export_site(
                source,
                output,
                strict=args.strict,
                title=args.title,
                warn=_warn,
                root=args.root,
                force=args.force,
            )
        elif os.path.lexists(source):  # a looping link exists; the reader says it loops
            if output.is_dir() or args.output.endswith(("/", "\\")):
                output = output / (source.stem + ".html")
            report = export_article_file(
                source, output, strict=args.strict, warn=_warn, root=args.root, force=args.force
            )
        else:
            print(f"article-editor export: {source}: no such file or folder", file=sys.stderr)
            return 2
    except ArticleError as exc:
        print(f"article-editor export: {exc}", file=sys.stderr)
        return 1
    for error in report.errors:
        print(f"{error}; left out of the site", file=sys.stderr)
    if source.is_dir():
        articles = len(report.written) - 1
        print(f"{output}: index.html and {articles} article page(s)")
    else:
        print(output)
    return 1 if report.errors else 0
