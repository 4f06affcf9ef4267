"""``article-editor summary FILE``: suggest a summary from the article's body.

The suggestion is printed and nothing else happens unless asked: ``--write``
stores it only when the article has no summary yet, and replacing a
writer's own summary takes ``--write --force``. Exit status: 0 done, 1 the
article cannot be read, has no prose, or already has a summary that
``--write`` would have replaced, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from editor.core.article import load_article, save_article
from editor.core.errors import ArticleError
from editor.core.summary import SUMMARY_LIMIT, apply_summary, suggest

HELP = "suggest a summary for an article (offline); --write stores it if it has none"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="an article")
    parser.add_argument(
        "--write", action="store_true", help="store the suggestion when the article has no summary"
    )
    parser.add_argument(
        "--force", action="store_true", help="with --write: replace an existing summary too"
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=SUMMARY_LIMIT,
        metavar="N",
        help=f"aim at N characters or fewer (default {SUMMARY_LIMIT})",
    )


def run(args: argparse.Namespace) -> int:
    if args.force and not args.write:
        print("article-editor summary: --force only makes sense with --write", file=sys.stderr)
        return 2
    if args.limit < 20:
        print("article-editor summary: --limit must be at least 20", file=sys.stderr)
        return 2
    path = Path(args.file)
    if not os.path.lexists(path):  # a looping link exists; the reader says it loops
        print(f"article-editor summary: {path}: no such file", file=sys.stderr)
        return 2
    try:
        article = load_article(path)
    except ArticleError as exc:
        print(f"article-editor summary: {exc}", file=sys.stderr)
        return 1
    result = suggest(article.body, args.limit)
    if result is None:
        print(f"{path}: the body has no prose to suggest a summary from", file=sys.stderr)
        return 1
    print(result.text)
    if not args.write:
        return 0
    if article.summary.strip() and not args.force:
        print(
            f"{path}: not written: the article already has a summary (add --force to replace it)",
            file=sys.stderr,
        )
        return 1
    try:
        if apply_summary(article, result.text, replace=args.force):
            save_article(article)
            print(f"{path}: summary written", file=sys.stderr)
    except ArticleError as exc:
        print(f"article-editor summary: {exc}", file=sys.stderr)
        return 1
    return 0
