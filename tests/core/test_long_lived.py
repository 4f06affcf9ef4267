"""building_long_lived: no automatic collection inside, what was built frozen after."""

from __future__ import annotations

import gc
import threading

from editor.core.long_lived import building_long_lived, settle_startup


def test_collection_pauses_inside_and_resumes_after() -> None:
    assert gc.isenabled()
    with building_long_lived():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_was_built_is_frozen_when_the_block_ends() -> None:
    before = gc.get_freeze_count()
    with building_long_lived():
        built = [[f"Article {n}"] for n in range(1000)]
    assert gc.get_freeze_count() >= before + len(built)
    gc.unfreeze()


def test_blocks_nest_and_overlap_across_threads() -> None:
    inner_started = threading.Event()
    outer_may_end = threading.Event()
    seen: list[bool] = []

    def worker() -> None:
        with building_long_lived():
            inner_started.set()
            outer_may_end.wait(5)
            seen.append(gc.isenabled())

    with building_long_lived():
        thread = threading.Thread(target=worker)
        thread.start()
        assert inner_started.wait(5)
    # This thread's block ended while the worker's still runs: still paused.
    assert not gc.isenabled()
    outer_may_end.set()
    thread.join(5)
    assert seen == [False]
    assert gc.isenabled()
    gc.unfreeze()


def test_a_failing_block_still_resumes_collection() -> None:
    try:
        with building_long_lived():
            raise ValueError("the scan failed")
    except ValueError:
        pass
    assert gc.isenabled()
    gc.unfreeze()


def test_settle_startup_freezes_what_exists() -> None:
    settle_startup()
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
