"""Special files (devices, pipes, sockets, folders, loops) are refused by name, at once.

Each reader runs in a child interpreter with a hang guard: before the
reading gate, a link to /dev/zero filled memory and a named pipe blocked
forever. The guard only cuts off a hang; times are printed, never asserted.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from editor.core.article import load_article
from editor.core.errors import ArticleError
from editor.core.reading import TooLargeError, read_regular_file

pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="devices, named pipes and Unix sockets are POSIX files"
)

HANG_GUARD_SECONDS = 20

#: argv[1] is a reader name, argv[2] the path; prints one JSON line.
CHILD = r"""
import json, sys, time
from editor.core.errors import ArticleError
reader, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
try:
    if reader == "load_article":
        from editor import load_article
        load_article(path)
    elif reader == "index_file":
        from editor.core.library import index_file
        entry = index_file(path)
        raise ArticleError(str(entry.error), path)
    elif reader == "sha256_of":
        from editor.core.disk_state import sha256_of
        sha256_of(path)
    outcome = {"kind": "read", "message": ""}
except ArticleError as error:
    outcome = {"kind": "ArticleError", "message": error.message}
except OSError as error:
    outcome = {"kind": "OSError", "message": str(error)}
outcome["seconds"] = time.perf_counter() - start
print(json.dumps(outcome))
"""


def _link_to_dev_zero(folder: Path) -> Path:
    path = folder / "zero.md"
    path.symlink_to("/dev/zero")
    return path


def _link_to_dev_null(folder: Path) -> Path:
    path = folder / "null.md"
    path.symlink_to("/dev/null")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.md"
    os.mkfifo(path)
    return path


def _link_to_fifo(folder: Path) -> Path:
    os.mkfifo(folder / "real-pipe")
    path = folder / "pipe-link.md"
    path.symlink_to("real-pipe")
    return path


def _folder(folder: Path) -> Path:
    path = folder / "folder.md"
    path.mkdir()
    return path


def _loop(folder: Path) -> Path:
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    return folder / "a.md"


SPECIALS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "link to /dev/zero": (_link_to_dev_zero, "character device"),
    "link to /dev/null": (_link_to_dev_null, "character device"),
    "named pipe": (_fifo, "named pipe"),
    "link to a named pipe": (_link_to_fifo, "named pipe"),
    "folder": (_folder, "folder"),
    "symlink loop": (_loop, "loops"),
}


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "sock.md"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
    except OSError as exc:  # pragma: no cover - path too long for AF_UNIX
        server.close()
        pytest.skip(f"cannot bind a Unix socket here: {exc}")
    try:
        yield path
    finally:
        server.close()


def _run(reader: str, path: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, reader, str(path)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outcome: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"{reader} {path.name}: {float(str(outcome['seconds'])):.3f} s: {outcome['message']}")
    return outcome


@pytest.mark.parametrize("reader", ["load_article", "index_file"])
@pytest.mark.parametrize("name", list(SPECIALS))
def test_special_files_are_refused_by_name(reader: str, name: str, tmp_path: Path) -> None:
    make, words = SPECIALS[name]
    path = make(tmp_path)
    outcome = _run(reader, path)
    assert outcome["kind"] == "ArticleError", outcome
    assert words in str(outcome["message"])


def test_a_socket_is_refused_by_name(unix_socket: Path) -> None:
    outcome = _run("load_article", unix_socket)
    assert outcome["kind"] == "ArticleError", outcome
    assert "socket" in str(outcome["message"])


def test_hashing_for_the_watcher_never_reads_a_pipe(tmp_path: Path) -> None:
    outcome = _run("sha256_of", _fifo(tmp_path))
    assert outcome["kind"] == "OSError", outcome
    assert "named pipe" in str(outcome["message"])


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")
def test_the_limit_counts_bytes_read_not_the_size_stat_reports() -> None:
    """/proc files report size 0 and hold more; the limit must still hold."""
    assert os.stat("/proc/self/environ").st_size == 0
    with pytest.raises(TooLargeError, match="larger than"):
        read_regular_file("/proc/self/environ", 1)


def test_a_regular_file_reads_whole(tmp_path: Path) -> None:
    path = tmp_path / "ok.md"
    path.write_bytes(b"x" * 3000)
    assert read_regular_file(path, 3000) == b"x" * 3000
    with pytest.raises(TooLargeError):
        read_regular_file(path, 2999)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="does not exist"):
        read_regular_file(tmp_path / "nothing.md", 10)


def test_the_watcher_refresh_lists_a_pipe_that_appears(tmp_path: Path) -> None:
    from editor.core.library import SPECIAL_FILE, Library

    (tmp_path / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    library = Library(tmp_path)
    library.scan()
    os.mkfifo(tmp_path / "late.md")
    changed = library.refresh([tmp_path / "late.md"])
    entry = library.get(tmp_path / "late.md")
    assert str(tmp_path / "late.md") in changed
    assert entry is not None and entry.error_code == SPECIAL_FILE
    assert "named pipe" in str(entry.error)


def test_a_file_over_the_limit_is_refused_with_its_size_before_it_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "huge.md"
    path.write_bytes(b"---\ntitle: Big\n---\n")
    os.truncate(path, 50 * 1024 * 1024)
    with pytest.raises(TooLargeError) as raised:
        load_article(path)
    assert raised.value.message == ("the file is 50.0 MB; articles larger than 20 MB are not read")
    assert raised.value.path == path
    assert path.stat().st_size == 50 * 1024 * 1024
