"""Regression test for the PySide6 release that leaks a reference to None.

PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to ``None`` on
every void Qt call; after a few thousand calls (one highlighting pass over a
long article) the interpreter aborts with ``none_dealloc``. pyproject.toml
excludes that release; this test fails if a leaking build comes back.

The calls run in chunks and the count is checked after each one, so a leak
fails the test long before None's count could reach zero and abort the run.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QPlainTextEdit

TOTAL_CALLS = 20_000
CHUNK = 1_000
#: A leak moves the count by one per call; a few references may come and go
#: for unrelated reasons (caches, the garbage collector).
NOISE = 20


def _void_calls(edit: QPlainTextEdit, char_format: QTextCharFormat, count: int) -> None:
    for i in range(count // 4):
        edit.setPlainText("a" if i % 2 else "b")
        edit.setReadOnly(bool(i % 2))
        char_format.setFontWeight(700 if i % 2 else 400)
        char_format.setFontItalic(bool(i % 2))


def test_void_qt_calls_keep_the_reference_count_of_none(qapp: QApplication) -> None:
    edit = QPlainTextEdit()
    char_format = QTextCharFormat()
    _void_calls(edit, char_format, 400)  # warm up caches and lazy imports
    gc.collect()
    before = sys.getrefcount(None)
    for done in range(CHUNK, TOTAL_CALLS + 1, CHUNK):
        _void_calls(edit, char_format, CHUNK)
        drift = sys.getrefcount(None) - before
        if abs(drift) > NOISE:
            pytest.fail(
                f"sys.getrefcount(None) moved by {drift} after {done} void Qt calls: "
                "this PySide6 build leaks references to None (see pyproject.toml)"
            )
    gc.collect()
    assert abs(sys.getrefcount(None) - before) <= NOISE
    edit.deleteLater()
