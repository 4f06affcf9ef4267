"""The article's text first: everything the first screen does not show waits for its paint.

A writer opening the editor is waiting for the article. The preview render
(Python-Markdown and Pygments), the spelling word list, the outline, the
library scan, the recovery journal and the chain view are not on that first
screen, and importing or building them first would double the time to it.
While a ``StartupGate`` is open, features hand such work to
``after_first_paint``; the gate runs it, one piece per turn of the event
loop, once the window has painted for the first time. Without a gate (a
window made by a test or a script) the work runs at once, as it always did.

``ARTICLE_EDITOR_STARTUP_PROBE=FILE`` makes the gate write what it saw as
JSON lines: the wall-clock time of the first paint with the modules imported
by then, and the time the deferred work was done.
``ARTICLE_EDITOR_STARTUP_EXIT=paint`` (or ``ready``) then quits the
application, so a benchmark or a test can start the real editor and stop it.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from editor.core.long_lived import settle_startup

PROBE_ENV = "ARTICLE_EDITOR_STARTUP_PROBE"
EXIT_ENV = "ARTICLE_EDITOR_STARTUP_EXIT"

Work = Callable[[], object]
#: the deferred work runs by then even if the window never painted
NO_PAINT_DEADLINE_MS = 3000

_open_gate: StartupGate | None = None


def after_first_paint(work: Work) -> None:
    """Run ``work`` after the starting window's first paint, or now when nothing is starting."""
    gate = _open_gate
    if gate is None:
        work()
    else:
        gate.defer(work)


def first_paint_done() -> bool:
    """True unless a starting window has yet to paint for the first time."""
    return _open_gate is None or _open_gate.is_painted


def startup_in_progress() -> bool:
    """True until the starting window has painted and its deferred work has run."""
    return _open_gate is not None


class StartupGate(QObject):
    """Holds deferred work until ``window`` has painted, then runs it a piece per turn."""

    #: the window painted for the first time
    painted = Signal()
    #: every piece of deferred work has run (some may have started background work)
    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[Work] = deque()
        self._window: QWidget | None = None
        self._painted = False
        self._probe = os.environ.get(PROBE_ENV) or None
        self._exit_after = os.environ.get(EXIT_ENV, "")

    # ----------------------------------------------------------- lifecycle
    @classmethod
    def open(cls, parent: QObject | None = None) -> StartupGate:
        """Start holding deferred work (one gate at a time)."""
        global _open_gate
        gate = cls(parent)
        _open_gate = gate
        return gate

    def watch(self, window: QWidget) -> None:
        """The window whose first paint opens the gate (or, failing that, a deadline)."""
        self._window = window
        window.installEventFilter(self)
        # A window that starts minimised or on a hidden desktop may not paint at
        # all: its features must still arrive.
        QTimer.singleShot(NO_PAINT_DEADLINE_MS, self._paint_overdue)

    def _paint_overdue(self) -> None:
        if not self._painted:
            self._painted = True
            if self._window is not None:
                self._window.removeEventFilter(self)
            self._on_painted()

    def close(self) -> None:
        """Stop holding work: whatever is queued runs now, later work runs at once."""
        global _open_gate
        if _open_gate is self:
            _open_gate = None
        while self._queue:
            self._queue.popleft()()

    @property
    def is_painted(self) -> bool:
        return self._painted

    def defer(self, work: Work) -> None:
        self._queue.append(work)

    # ------------------------------------------------------------- events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            watched.removeEventFilter(self)
            # The paint handlers run inside this event; the timer fires once they
            # are done and the frame has gone to the screen.
            QTimer.singleShot(0, self._on_painted)
        return False

    def _on_painted(self) -> None:
        self._record("first_paint", modules=sorted(sys.modules))
        self.painted.emit()
        if self._exit_after == "paint":
            self._quit()
            return
        self._run_next()

    def _run_next(self) -> None:
        if self._queue:
            work = self._queue.popleft()
            try:
                work()
            finally:
                # One piece per turn: input and paint events come in between.
                QTimer.singleShot(0, self._run_next)
            return
        global _open_gate
        if _open_gate is self:
            _open_gate = None
        # What starting made (modules, classes, the window) lives until the end:
        # later full collections need not walk it again (long_lived.py).
        settle_startup()
        self._record("ready")
        self.ready.emit()
        if self._exit_after == "ready":
            self._quit()

    # -------------------------------------------------------------- probe
    def _record(self, stage: str, **extra: object) -> None:
        if self._probe is None:
            return
        import json

        # Wall-clock time for the waiting writer; CPU time of the whole process
        # for what the editor itself did (a busy machine inflates only the first).
        record = {"stage": stage, "time": time.time(), "cpu": time.process_time(), **extra}
        line = json.dumps(record)
        try:
            with Path(self._probe).open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        except OSError as exc:  # a probe that cannot write must not stop the editor
            print(f"article-editor: startup probe: {exc}", file=sys.stderr)

    def _quit(self) -> None:
        global _open_gate
        if _open_gate is self:
            _open_gate = None
        self._queue.clear()
        if self._window is not None:
            self._window.close()  # the normal way out: settings saved, threads stopped
        QCoreApplication.exit(0)
