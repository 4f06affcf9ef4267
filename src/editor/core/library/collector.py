"""Building a library's index without the cyclic garbage collector walking it meanwhile.

A scan or a cache load creates tens of thousands of entries, links and
strings that are kept, none of them in a reference cycle; each collection
pass the allocations trigger walks them all again for nothing, a tenth of
a reopen's time. The collector is paused while they are built and runs as
usual after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause automatic collection for the block (left alone if someone else paused it)."""
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
