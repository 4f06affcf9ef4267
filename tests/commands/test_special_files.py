"""The commands on devices, pipes, sockets and looping links: a clear message, never a hang.

Each command runs in a child interpreter with a hang guard (the subprocess
timeout); before the reading gate a link to /dev/zero made ``summary`` eat
gigabytes and a named pipe made ``export`` and ``import`` block forever.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.commands.test_import_export import cli
from tests.core.libhelp import write_article

pytestmark = pytest.mark.skipif(os.name != "posix", reason="special files are POSIX files")


def _hostile_folder(folder: Path) -> Path:
    folder.mkdir()
    write_article(folder, "harbour.md", "Harbour vote")
    (folder / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.md")
    (folder / "loop.md").symlink_to("loop.md")
    return folder


def test_summary_on_a_link_to_dev_zero_says_what_it_is(tmp_path: Path) -> None:
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    result = cli("summary", "zero.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "zero.md: this is a character device, not a regular file" in result.stderr


def test_summary_on_a_named_pipe_returns(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    result = cli("summary", "pipe.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "named pipe" in result.stderr


@pytest.mark.parametrize("command", ["summary", "export"])
def test_a_symlink_loop_says_it_loops(command: str, tmp_path: Path) -> None:
    (tmp_path / "loop.md").symlink_to("loop.md")
    args = ["loop.md"] if command == "summary" else ["loop.md", "-o", "page.html"]
    result = cli(command, *args, cwd=tmp_path)
    assert result.returncode == 1
    assert "loop.md: the path is a symbolic link that loops" in result.stderr
    assert "no such file" not in result.stderr


def test_check_reports_special_files_as_problems(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path / "lib")
    result = cli("check", "lib", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    zero, pipe, loop = (os.path.join("lib", n) for n in ("zero.md", "pipe.md", "loop.md"))
    assert (
        f"{zero}: special-file: this is a character device, not a regular file; it is not read"
        in lines
    )
    assert (
        f"{pipe}: special-file: this is a named pipe (FIFO), not a regular file; it is not read"
        in lines
    )
    assert any(line.startswith(f"{loop}: symlink-loop:") for line in lines), lines
    assert (folder / "harbour.md").exists()


def test_check_on_a_named_pipe_given_by_name(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    result = cli("check", "pipe.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "pipe.md: special-file: this is a named pipe (FIFO)" in result.stdout


def test_export_of_a_folder_with_special_files_leaves_them_out(tmp_path: Path) -> None:
    _hostile_folder(tmp_path / "lib")
    result = cli("export", "lib", "-o", "site", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "zero.md: this is a character device" in result.stderr
    assert "pipe.md: this is a named pipe" in result.stderr
    assert "loop.md: the path is a symbolic link that loops" in result.stderr
    assert (tmp_path / "site" / "harbour.html").is_file()


def test_import_of_a_named_pipe_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "page.txt")
    result = cli("import", "page.txt", "-o", "lib", cwd=tmp_path)
    assert result.returncode == 1
    assert "page.txt: this is a named pipe" in result.stderr
    assert list((tmp_path / "lib").iterdir()) == []
