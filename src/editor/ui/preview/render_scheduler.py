"""Keep rendering off the keystroke path: at most one render running, one waiting.

Typing restarts a short debounce timer. When it fires, the newest text goes
to a worker thread; if a render is already running, the text waits as the one
queued job (replacing any older queued text), so a slow render never piles up
work and the preview always ends on the latest text (as in ghostwriter).

The debounce follows what a render costs: waiting longer than a render takes
only delays the preview, so it is the duration of the latest renders (a few
milliseconds for a short article), never more than ``debounce_ms``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from editor.ui.thread_inbox import ThreadInbox


class RenderScheduler(QObject):
    """Debounced, single-flight rendering of text by ``render`` in a worker thread."""

    #: (result of render, the generation number of the text it was made from)
    rendered = Signal(object, int)
    failed = Signal(str)

    def __init__(
        self,
        render: Callable[[str], Any],
        debounce_ms: int = 120,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._render = render
        #: the render thread, started by the first render (after the first paint)
        self._executor: ThreadPoolExecutor | None = None
        self._max_debounce_ms = debounce_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(0)
        #: duration of recent renders that count (milliseconds), newest last
        self._costs: list[float] = []
        self._skip_cost = False
        self._timer.timeout.connect(self._start_pending)
        #: the render thread's results come back through this, never through a signal;
        #: made with the thread
        self._inbox: ThreadInbox | None = None
        self._pending_text: str | None = None
        self._pending_source: Callable[[], str] | None = None
        self._generation = 0
        self._in_flight = False
        self._closed = False

    @property
    def debounce_ms(self) -> int:
        """How long typing must pause before the next render starts."""
        return self._timer.interval()

    def skip_cost(self) -> None:
        """From inside ``render``: this render (a first one, a whole article) is not typical."""
        self._skip_cost = True

    @property
    def busy(self) -> bool:
        return self._in_flight or self._timer.isActive() or self._pending_source is not None

    def request(self, text_source: Callable[[], str], immediate: bool = False) -> None:
        """Ask for a render of the text ``text_source`` returns when the debounce ends.

        Taking a callable instead of the text means a burst of keystrokes reads
        the document once, when the render starts, not once per key.
        """
        if self._closed:
            return
        self._pending_source = text_source
        if immediate:
            self._timer.stop()
            self._start_pending()
        else:
            self._timer.start()

    def _start_pending(self) -> None:
        if self._in_flight or self._pending_source is None or self._closed:
            return  # the running render's completion starts the queued one
        source, self._pending_source = self._pending_source, None
        text = source()
        self._generation += 1
        generation = self._generation
        self._in_flight = True
        if self._executor is None or self._inbox is None:
            from concurrent.futures import ThreadPoolExecutor

            from editor.ui.thread_inbox import ThreadInbox

            self._inbox = ThreadInbox(self)
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="render")
        self._executor.submit(self._work, self._inbox, text, generation)

    def _work(self, inbox: ThreadInbox, text: str, generation: int) -> None:
        self._skip_cost = False
        started = time.perf_counter()
        try:
            result: Any = self._render(text)
            error: Exception | None = None
        except Exception as exc:  # a renderer bug must not kill the preview for good
            result, error = None, exc
        cost = -1.0 if self._skip_cost else (time.perf_counter() - started) * 1000
        inbox.post(self._on_finished, (result, generation, error, cost))

    def _on_finished(self, outcome: tuple[Any, int, Exception | None, float]) -> None:
        self._in_flight = False
        result, generation, error, cost = outcome
        if cost >= 0:
            self._costs = [*self._costs[-4:], cost]
            typical = sorted(self._costs)[len(self._costs) // 2]
            self._timer.setInterval(min(self._max_debounce_ms, round(typical)))
        if error is not None:
            self.failed.emit(f"The preview could not be rendered: {error}")
        else:
            self.rendered.emit(result, generation)
        if self._pending_source is not None and not self._timer.isActive():
            self._start_pending()

    def shutdown(self) -> None:
        """Stop taking work and wait for the running render (called when the window closes)."""
        self._closed = True
        self._timer.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        if self._inbox is not None:
            self._inbox.close()
