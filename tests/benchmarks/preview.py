"""How fast the preview follows typing and opening on long articles.

Run ``python tests/benchmarks/preview.py``. It generates deterministic
news-like articles of 10 KB, 100 KB and 2 MB (headings, paragraphs with
links and reference links, lists, tables, code blocks, images) and measures,
in the same run:

- full_ms / incremental_ms: median time from a one-character change in the
  middle of the article to the preview document updated and laid out, for the
  full path (``render_markdown`` + ``QTextDocument.setHtml``) and for the
  incremental path (``IncrementalRenderer.render_blocks`` +
  ``PreviewDocument.apply``), both in a QTextBrowser in an offscreen window;
- typing_max_stall_ms: the longest gap between ticks of a 5 ms heartbeat timer
  while 200 keystrokes go into the 2 MB article in a QPlainTextEdit, with the
  editor's render scheduling (debounce, render in a worker thread, patch the
  preview on the main thread), after ``gc.freeze()`` as the window does once an
  article is open;
- open_2mb_text_ms: opening the 2 MB article until its text is shown;
- open_2mb_preview_ms: until the preview is complete as well (the body is
  rendered whole in a worker thread and shown with one ``setHtml``; the
  block render for later edits follows in the background).

Targets on a 2-core machine: incremental <= 16 ms and >= 50x faster than the
full path at 2 MB, <= 8 ms at 100 KB; no stall over 50 ms while typing; text
shown <= 300 ms and preview complete <= 2 s when opening. It prints a table
and ends with one line of JSON.
"""

from __future__ import annotations

import gc
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from news_words import VERBS, WORDS
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextBrowser

from editor.core.incremental import BlockUpdate, IncrementalRenderer
from editor.core.render import render_markdown
from editor.ui.preview.document import PreviewDocument
from editor.ui.preview.render_scheduler import RenderScheduler

SIZES_KB = (10, 100, 2000)
REPEATS = {10: 15, 100: 15, 2000: 7}
KEYSTROKES = 200
TARGETS = {
    "incremental_2mb_ms": 16.0,
    "incremental_100kb_ms": 8.0,
    "speedup_2mb": 50.0,
    "typing_max_stall_ms": 50.0,
    "open_2mb_text_ms": 300.0,
    "open_2mb_preview_ms": 2000.0,
}

_WORDS = list(WORDS)
_VERBS = list(VERBS)


def _sentence(rng: random.Random, ref_ids: list[str]) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
    words.insert(2, rng.choice(_VERBS))
    roll = rng.random()
    if roll < 0.15:
        k = rng.randrange(len(words))
        words[k] = f"[{words[k]}](https://example.org/{words[k]}/{rng.randint(1, 999)})"
    elif roll < 0.25:
        k = rng.randrange(len(words))
        ref = rng.choice(ref_ids)
        words[k] = f"[{words[k]}][{ref}]"
    elif roll < 0.3:
        k = rng.randrange(len(words))
        words[k] = f"*{words[k]}*"
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, ref_ids: list[str]) -> str:
    return " ".join(_sentence(rng, ref_ids) for _ in range(rng.randint(2, 5)))


def make_article(size_kb: int, seed: int = 7) -> str:
    """A deterministic news-like article body of about ``size_kb`` kilobytes."""
    rng = random.Random(seed)
    ref_ids = [f"src{i}" for i in range(12)]
    parts: list[str] = []
    size = 0
    section = 0
    target = size_kb * 1024
    while size < target:
        section += 1
        block: list[str] = [f"## {rng.choice(_WORDS).capitalize()} update {section}"]
        for _ in range(rng.randint(2, 5)):
            block.append(_paragraph(rng, ref_ids))
        roll = section % 6
        if roll == 0:
            block.append("\n".join(f"- {_sentence(rng, ref_ids)}" for _ in range(4)))
        elif roll == 1:
            rows = [f"| {rng.choice(_WORDS)} | {rng.randint(1, 500)} |" for _ in range(4)]
            block.append("| Place | Count |\n|-------|------:|\n" + "\n".join(rows))
        elif roll == 2:
            block.append(
                "```python\n"
                f"visitors = {{'{rng.choice(_WORDS)}': {rng.randint(1, 900)}}}\n"
                "total = sum(visitors.values())\n```"
            )
        elif roll == 3:
            block.append(f"![{rng.choice(_WORDS)}](images/{section}.jpg)")
        elif roll == 4:
            block.append("\n".join(f"{i}. {_sentence(rng, ref_ids)}" for i in range(1, 4)))
        else:
            block.append(f"> {_sentence(rng, ref_ids)}")
        text = "\n\n".join(block)
        parts.append(text)
        size += len(text) + 2
    definitions = "\n".join(
        f'[{ref}]: https://example.org/sources/{ref} "Source {ref}"' for ref in ref_ids
    )
    return "\n\n".join(parts) + "\n\n" + definitions + "\n"


def type_in_middle(text: str, n: int) -> str:
    """The text after the n-th keystroke in the middle of a paragraph."""
    middle = text.index(" ", len(text) // 2)
    return text[:middle] + "x" * n + text[middle:]


def wait(app: QApplication, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def make_browser() -> QTextBrowser:
    browser = QTextBrowser()
    browser.resize(700, 900)
    browser.show()
    return browser


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure_full(app: QApplication, text: str, repeats: int) -> float:
    browser = make_browser()
    doc = browser.document()
    doc.setHtml(render_markdown(text))
    doc.documentLayout().documentSize()
    app.processEvents()
    samples = []
    for n in range(1, repeats + 1):
        edited = type_in_middle(text, n)

        def update(edited: str = edited) -> None:
            doc.setHtml(render_markdown(edited))
            doc.documentLayout().documentSize()  # lay out the whole document

        samples.append(timed(update))
        app.processEvents()
    browser.close()
    browser.deleteLater()
    app.processEvents()
    return statistics.median(samples)


def measure_incremental(app: QApplication, text: str, repeats: int) -> float:
    browser = make_browser()
    renderer = IncrementalRenderer()
    preview = PreviewDocument(browser.document(), browser)
    preview.apply(renderer.render_blocks(text))
    browser.document().documentLayout().documentSize()
    app.processEvents()
    samples = []
    for n in range(1, repeats + 1):
        edited = type_in_middle(text, n)

        def update(edited: str = edited) -> None:
            preview.apply(renderer.render_blocks(edited))
            browser.document().documentLayout().documentSize()

        samples.append(timed(update))
        app.processEvents()
    browser.close()
    browser.deleteLater()
    app.processEvents()
    return statistics.median(samples)


class Heartbeat:
    """A 5 ms timer; the longest gap between ticks is the longest main-thread stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.last = 0.0
        self.max_gap = 0.0

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def start(self) -> None:
        self.clock.start()
        self.last = 0.0
        self.max_gap = 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.max_gap


def open_and_type(app: QApplication, text: str) -> tuple[float, float, float]:
    """Open the article (text first, then the preview), then type into it.

    Opening renders the whole body once in a worker and shows it with one
    ``setHtml`` (``PreviewDocument.show_full``); the block render that makes
    later edits incremental follows in the worker and takes the document over.
    """
    editor = QPlainTextEdit()
    editor.resize(700, 900)
    browser = make_browser()
    editor.show()
    app.processEvents()
    renderer = IncrementalRenderer()
    preview = PreviewDocument(browser.document(), browser)
    opener = RenderScheduler(render_markdown, debounce_ms=0)
    scheduler = RenderScheduler(renderer.render_blocks, debounce_ms=25)
    done: dict[str, float] = {}
    clock = QElapsedTimer()

    def on_opened(html: object, _generation: int) -> None:
        assert isinstance(html, str)
        preview.show_full(html)
        browser.document().documentLayout().documentSize()
        done["preview"] = clock.nsecsElapsed() / 1e6
        scheduler.request(editor.toPlainText, immediate=True)

    def on_rendered(update: object, _generation: int) -> None:
        assert isinstance(update, BlockUpdate)
        preview.apply(update)
        done["blocks"] = clock.nsecsElapsed() / 1e6

    opener.rendered.connect(on_opened)
    scheduler.rendered.connect(on_rendered)

    clock.start()
    editor.setPlainText(text)
    editor.repaint()
    text_ms = clock.nsecsElapsed() / 1e6
    opener.request(editor.toPlainText, immediate=True)
    while "blocks" not in done:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    preview_ms = done["preview"]
    assert preview.block_count > 0
    # What the window does once an article is open: the article's objects
    # live as long as it does, and a full collection walking them all would
    # hold the interpreter lock for 40 ms and more in the middle of typing.
    gc.collect()
    gc.freeze()

    # Typing: 200 keystrokes in the middle, 30 to 90 ms apart, once the
    # editor has scrolled there.
    cursor = editor.textCursor()
    cursor.setPosition(text.index(" ", len(text) // 2))
    editor.setTextCursor(cursor)
    wait(app, 300)
    rng = random.Random(3)
    heartbeat = Heartbeat()
    heartbeat.start()
    for _ in range(KEYSTROKES):
        editor.textCursor().insertText(rng.choice("etaoin shrdlu"))
        scheduler.request(editor.toPlainText)
        wait(app, rng.randint(30, 90))
    while scheduler.busy:
        wait(app, 10)
    stall = heartbeat.stop()
    assert renderer.html == render_markdown(editor.toPlainText())
    assert preview.html().strip() == renderer.html
    gc.unfreeze()
    opener.shutdown()
    scheduler.shutdown()
    editor.close()
    browser.close()
    app.processEvents()
    return text_ms, preview_ms, stall


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    full_ms: list[float] = []
    incremental_ms: list[float] = []
    for size in SIZES_KB:
        text = make_article(size)
        assert IncrementalRenderer().render(text) == render_markdown(text)
        full_ms.append(measure_full(app, text, REPEATS[size]))
        incremental_ms.append(measure_incremental(app, text, REPEATS[size]))
    speedup = [f / i for f, i in zip(full_ms, incremental_ms, strict=True)]
    text_ms, preview_ms, stall = open_and_type(app, make_article(2000))

    print(f"{'size':>8} {'full ms':>10} {'incremental ms':>15} {'speedup':>9}")
    for size, f, i, s in zip(SIZES_KB, full_ms, incremental_ms, speedup, strict=True):
        print(f"{size:>6}KB {f:>10.1f} {i:>15.2f} {s:>8.0f}x")
    print(f"typing into 2 MB, longest main-thread stall: {stall:.1f} ms")
    print(f"opening 2 MB: text shown {text_ms:.0f} ms, preview complete {preview_ms:.0f} ms")
    checks = {
        "incremental_2mb_ms": incremental_ms[2] <= TARGETS["incremental_2mb_ms"],
        "incremental_100kb_ms": incremental_ms[1] <= TARGETS["incremental_100kb_ms"],
        "speedup_2mb": speedup[2] >= TARGETS["speedup_2mb"],
        "typing_max_stall_ms": stall <= TARGETS["typing_max_stall_ms"],
        "open_2mb_text_ms": text_ms <= TARGETS["open_2mb_text_ms"],
        "open_2mb_preview_ms": preview_ms <= TARGETS["open_2mb_preview_ms"],
    }
    for name, ok in checks.items():
        print(f"  {'met ' if ok else 'MISSED'} {name} (target {TARGETS[name]:g})")
    print(
        json.dumps(
            {
                "sizes_kb": list(SIZES_KB),
                "full_ms": [round(x, 1) for x in full_ms],
                "incremental_ms": [round(x, 2) for x in incremental_ms],
                "speedup": [round(x, 1) for x in speedup],
                "typing_max_stall_ms": round(stall, 1),
                "open_2mb_text_ms": round(text_ms, 1),
                "open_2mb_preview_ms": round(preview_ms, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
