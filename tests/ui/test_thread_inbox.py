"""Worker threads hand results to the window's thread without calling Qt.

A window closed while its library scan or a render is still running used to
have its objects destroyed under a worker that was about to emit a signal on
them; the inbox makes that harmless.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from editor.ui.library.controller import LibraryController
from editor.ui.thread_inbox import ThreadInbox


def test_results_from_many_threads_arrive_in_the_window_thread_in_order(qtbot: QtBot) -> None:
    inbox = ThreadInbox()
    received: list[tuple[int, int, int]] = []
    main = threading.get_ident()

    def take(value: tuple[int, int]) -> None:
        received.append((*value, threading.get_ident()))

    def work(worker: int) -> None:
        for n in range(200):
            inbox.post(take, (worker, n))

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    qtbot.waitUntil(lambda: len(received) == 800, timeout=5000)
    assert {ident for _w, _n, ident in received} == {main}
    for worker in range(4):
        assert [n for w, n, _i in received if w == worker] == list(range(200))
    inbox.close()


def test_nothing_is_delivered_after_close(qtbot: QtBot) -> None:
    inbox = ThreadInbox()
    received: list[int] = []
    inbox.post(received.append, 1)
    inbox.close()
    inbox.post(received.append, 2)  # from a worker that finished late: dropped, no error
    qtbot.wait(50)
    assert received == []


def test_a_controller_shut_down_mid_task_drops_the_result(qtbot: QtBot, tmp_path: Path) -> None:
    controller = LibraryController(cache_dir=tmp_path / "cache")
    started = threading.Event()
    results: list[object] = []

    def slow() -> str:
        started.set()
        time.sleep(0.3)
        return "late"

    controller.run_in_background("check", slow, results.append)
    assert started.wait(5)
    controller.shutdown()
    controller.deleteLater()
    qtbot.wait(500)  # the task ends meanwhile and posts into a closed inbox
    assert results == []


def test_background_work_result_reaches_its_handler(qtbot: QtBot, tmp_path: Path) -> None:
    controller = LibraryController(cache_dir=tmp_path / "cache")
    results: list[object] = []
    controller.run_in_background("check", lambda: 42, results.append)
    assert controller.wait(5000)
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    controller.shutdown()
