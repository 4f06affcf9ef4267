"""Keep the cycle collector from holding the window while long-lived objects pile up.

Python's full (generation 2) collection walks every object the program
holds, with the interpreter lock held the whole time. With the window, its
modules and a 10,000-article library in memory that is 40-55 ms in one go,
started by whichever thread happens to allocate: a scan in the worker pool
stalled the window past 50 ms that way. The objects a scan, a check or a
first render makes are meant to live as long as the library or the article,
so walking them again and again finds nothing to free.

``building_long_lived()`` wraps such work: automatic collection pauses while
any such block runs (they nest, in any thread), and when the last one ends
what was built moves out of the collector's reach (``gc.freeze``), so later
collections walk only what is new. Reference counting still frees every
object nobody holds; only garbage caught in a reference cycle inside a
frozen batch stays until the program ends, a few objects at most.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def building_long_lived() -> Iterator[None]:
    """Pause automatic collection while the block runs; freeze what it built when it ends."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.freeze()
                if _was_enabled:
                    gc.enable()


def settle_startup() -> None:
    """Move everything the program made while starting out of the collector's reach.

    Modules, classes and the window live until the program ends; without
    this each full collection walks them all again.
    """
    gc.freeze()
