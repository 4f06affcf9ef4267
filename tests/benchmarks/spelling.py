"""What spell checking costs when a long article opens and while typing.

Run ``python tests/benchmarks/spelling.py [--kilobytes N]``. It builds an
article of about N KB (default 2000) from prose paragraphs, a code fence and
a list, and measures in one run, each the best of a few tries:

- baseline_open_s: highlighting the whole article without spell check, the
  cost every open pays already;
- open_visible_s: the same with spell check as the editor does it (only
  blocks near the visible area); target: at most a third over the baseline;
- open_everything_s: spell checking every block, for comparison: the
  reason only visible blocks are checked;
- keystroke_ms: re-highlighting one edited line with spell check, as each
  key press does; target: under 1 ms.

It prints a table and one JSON line for scripts.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PARAGRAPH = (
    "The ferry crew checked the moorings twice before the evening crossing, "
    "because the forecast promised a strong westerly and a short, steep swell. "
    "Passengers waited in the shelter with coffee from the kiosk, and a few "
    "walked to the end of the pier to watch the lighthouse beam sweep the bay. "
    "A late delivery van, loaded with bread for the island shop, arrived with "
    "minutes to spare and was waved on board by the deckhand.\n\n"
)
EXTRAS = (
    "## Notes from the quay\n\n"
    "- ropes, fenders and a spare lifejaket for the dog\n"
    "- a flask of tea\n\n"
    "```python\ndef tide_height(hour):\n    return 2.1 + 1.4 * hour\n```\n\n"
    "Write to `harbour-office` or see https://example.org/timetable for details.\n\n"
)


def make_article(kilobytes: int) -> str:
    chunk = PARAGRAPH * 4 + EXTRAS
    return chunk * max(1, kilobytes * 1024 // len(chunk))


def best(run: Callable[[], float], tries: int) -> float:
    return min(run() for _ in range(tries))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kilobytes", type=int, default=2000)
    parser.add_argument("--tries", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from editor.core.spelling import SpellChecker
    from editor.ui.editing.highlighter import MarkdownHighlighter
    from editor.ui.editing.markdown_editor import MarkdownEditor
    from editor.ui.editing.spell_highlight import SpellHighlight

    app = QApplication.instance() or QApplication([])
    text = make_article(args.kilobytes)
    checker = SpellChecker("en")
    checker.is_correct("warm")  # load the word list outside the timings

    def open_with(mode: str) -> float:
        editor = MarkdownEditor()
        editor.resize(800, 900)
        editor.show()
        highlighter = MarkdownHighlighter(editor.document())
        if mode == "visible":
            spell = SpellHighlight(editor, highlighter, checker)
            spell.set_enabled(True)
        elif mode == "everything":
            highlighter.set_spell_check(checker.misspelled_ranges)
        start = time.perf_counter()
        editor.setPlainText(text)
        app.processEvents()
        elapsed = time.perf_counter() - start
        editor.close()
        editor.deleteLater()
        return elapsed

    baseline = best(lambda: open_with("none"), args.tries)
    visible = best(lambda: open_with("visible"), args.tries)
    everything = best(lambda: open_with("everything"), args.tries)

    editor = MarkdownEditor()
    editor.resize(800, 900)
    editor.show()
    highlighter = MarkdownHighlighter(editor.document())
    spell = SpellHighlight(editor, highlighter, checker)
    spell.set_enabled(True)
    editor.setPlainText(text)
    app.processEvents()
    cursor = editor.textCursor()
    cursor.setPosition(200)
    editor.setTextCursor(cursor)
    keys = 300
    start = time.perf_counter()
    for number in range(keys):
        editor.textCursor().insertText("x" if number % 2 else " ")
    keystroke_ms = (time.perf_counter() - start) / keys * 1000
    cursor.movePosition(QTextCursor.MoveOperation.End)

    results = {
        "kilobytes": len(text) // 1024,
        "baseline_open_s": round(baseline, 3),
        "open_visible_s": round(visible, 3),
        "open_everything_s": round(everything, 3),
        "visible_over_baseline": round(visible / baseline, 2),
        "keystroke_ms": round(keystroke_ms, 3),
    }
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
