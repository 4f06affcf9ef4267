"""Hand results from worker threads to the window's thread without a Qt call off it.

A Qt signal emitted from a Python worker thread holds Python's interpreter
lock while it takes Qt's lock for the sending object. The window's thread
takes those locks in the other order: destroying a window, it holds an
object's lock and needs the interpreter lock to drop the Python slots
connected to it. When the two meet, both wait for ever; the window hangs on
close, or in the middle of typing, at random. So workers never call Qt:
they put the result in a queue and write one byte to a socket pair, whose
other end a ``QSocketNotifier`` watches in the window's thread. That thread
takes the results out and calls their handlers. (A socket pair, not a pipe,
because Qt watches sockets on every platform; it never leaves the machine.)
"""

from __future__ import annotations

import contextlib
import queue
import socket
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

Handler = Callable[[Any], None]


class ThreadInbox(QObject):
    """Results posted from any thread; their handlers run in the thread that made the inbox."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.SimpleQueue[tuple[Handler, Any]] = queue.SimpleQueue()
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._closed = False
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self.deliver)

    def post(self, handler: Handler, value: Any) -> None:
        """From any thread: call ``handler(value)`` in the inbox's thread soon.

        Touches nothing of Qt. After ``close`` the result is dropped: the
        window that wanted it is gone.
        """
        if self._closed:
            return
        self._queue.put((handler, value))
        # Full: a wake-up is already pending. Closed meanwhile: nobody to wake.
        with contextlib.suppress(OSError):
            self._writer.send(b"\0")

    def deliver(self, *_activation: object) -> None:
        """Call the handlers of everything posted so far (in the inbox's thread)."""
        if self._closed:
            return
        with contextlib.suppress(OSError):
            while self._reader.recv(4096):
                pass
        while not self._closed:
            try:
                handler, value = self._queue.get_nowait()
            except queue.Empty:
                return
            handler(value)

    def close(self) -> None:
        """Stop delivering; results posted later are dropped."""
        if self._closed:
            return
        self._closed = True
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
