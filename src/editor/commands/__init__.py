"""Subcommands of ``article-editor``, one module each.

Every module exposes ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``. None of them may import Qt: they run in pipelines on
machines without a display.
"""
