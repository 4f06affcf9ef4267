"""A library folder holding every kind of special file, loop and hostile article.

Run: ``python tests/stress/hostile_tree.py [--folder DIR]``. The folder is
built (devices through links, named pipes, a Unix socket, folders named like
articles, symbolic-link loops, a file and folder link that lead out, binary
and broken articles, raw HTML that tries to run or leak), then every way the
editor meets it is run and timed: each file opened in the window and by
``load_article``, the library scanned in the window and by the core,
``check``, ``summary`` and ``export`` on the command line. The goal is under
2 s for every operation, a clear message for every refusal, and no file in
the folder changed (compared without following links, never reading a
special file). Prints one line per operation and one JSON line; exits 1 when
a file changed, a refusal had no message, or an operation failed to return.
POSIX only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

GOAL_SECONDS = 2.0


def _png() -> bytes:
    """A real 1x1 image, so the preview shows it without complaint."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x2a\x6f\x8f")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


#: a command that takes longer than this is reported as hung
HANG_SECONDS = 30.0

ARTICLE = "---\ntitle: {title}\nsummary: {summary}\n{links}---\n{body}"

HOSTILE_BODY = (
    "A paragraph before the traps.\n\n"
    '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/refresh">\n\n'
    '<base href="http://127.0.0.1:9/">\n\n'
    "<script>fetch('http://127.0.0.1:9/script')</script>\n\n"
    '<img src="missing.png" onerror="alert(1)">\n\n'
    '<a href="javascript:alert(1)">a trap</a>\n\n'
    "![p](/etc/passwd) ![q](../../secret.txt) ![r](file:///etc/hostname)\n\n"
    '<video src="/etc/shadow"></video> <link rel="icon" href="/etc/group">\n\n'
    '<img src="/proc/self/environ">\n\n'
    "![zero](zero.png) ![pipe](pipe.png) ![out](escape.png)\n"
)


def _article(title: str, body: str = "Body text.\n", links: str = "") -> bytes:
    summary = f"What {title.lower()} says."
    return ARTICLE.format(title=title, summary=summary, links=links, body=body).encode()


def build(root: Path) -> Iterator[socket.socket]:
    """Make the hostile library under ``root``; yields the bound socket while it is used."""
    (root / "images").mkdir(parents=True)
    (root / "images" / "dot.png").write_bytes(_png())
    (root.parent / "secret.txt").write_text("a secret outside the library\n", encoding="utf-8")
    (root.parent / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x01" * 16)
    # Ordinary articles, one chain.
    (root / "a.md").write_bytes(
        _article(
            "Harbour vote", "![dot](images/dot.png)\n", "next:\n  title: Ferry\n  path: b.md\n"
        )
    )
    (root / "b.md").write_bytes(
        _article("Ferry", "Back again.\n", "prev:\n  title: Harbour vote\n  path: a.md\n")
    )
    os.link(root / "a.md", root / "hard-link.md")
    # Hostile articles.
    (root / "hostile-html.md").write_bytes(_article("Received from elsewhere", HOSTILE_BODY))
    (root / "javascript-prev.md").write_bytes(
        _article("Script link", links="prev:\n  title: Back\n  url: javascript:alert(1)\n")
    )
    (root / "control-char.md").write_bytes(b"---\ntitle: Harbour\x01vote\n---\nBody\n")
    (root / "cr-only.md").write_bytes(b"---\rtitle: Old Mac\r---\rBody line.\r")
    (root / "bad-yaml.md").write_bytes(b"---\ntitle: Vote: council agrees\n---\nBody\n")
    (root / "unclosed.md").write_bytes(b"---\ntitle: Never closed\n\nBody\n")
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]\n"] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)
    ]
    (root / "alias-bomb.md").write_bytes(
        ("---\ntitle: Laughs\n" + "".join(lines) + "---\n").encode()
    )
    (root / "deep.md").write_bytes(b"---\ntitle: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n")
    (root / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "latin1.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    (root / "long-line.md").write_bytes(b"---\ntitle: Wide\n---\n" + b"w" * 200_000 + b"\n")
    (root / "brackets.md").write_bytes(_article("Brackets", "[" * 20_000 + "\n"))
    with open(root / "huge.md", "wb") as handle:  # 21 MB: over the limit
        handle.write(b"---\ntitle: Huge\n---\n")
        handle.truncate(21 * 1024 * 1024)
    # Special files with article names, and as images.
    (root / "zero.md").symlink_to("/dev/zero")
    (root / "null.md").symlink_to("/dev/null")
    (root / "zero.png").symlink_to("/dev/zero")
    os.mkfifo(root / "pipe.md")
    os.mkfifo(root / "pipe.png")
    (root / "pipe-link.md").symlink_to("pipe.md")
    (root / "folder.md").mkdir()
    (root / "folder.md" / "inside.md").write_bytes(_article("Inside a folder named like a file"))
    (root / "loop.md").symlink_to("loop.md")
    (root / "ping.md").symlink_to("pong.md")
    (root / "pong.md").symlink_to("ping.md")
    (root / "dangling.md").symlink_to("nowhere.md")
    (root / "escape.png").symlink_to(root.parent / "outside.png")
    (root / "escape.md").symlink_to(root.parent / "secret.txt")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    (root / "sub" / "c.md").write_bytes(_article("In a subfolder"))
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(root / "socket.md"))
    try:
        yield server
    finally:
        server.close()


def snapshot(root: Path) -> dict[str, tuple[str, int, str]]:
    """Kind, size and content hash (or link target) of everything, links not followed."""
    state: dict[str, tuple[str, int, str]] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                kind, digest = "link", os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                kind = "file"
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                kind, digest = stat.filemode(info.st_mode)[0], ""
            state[str(path.relative_to(root))] = (kind, info.st_size, digest)
    return state


class Run:
    """The operations performed and what each of them said."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []

    def time(self, name: str, action: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            message = action()
            ok = True
        except Exception as exc:  # the script reports; it must go on to the next operation
            message, ok = f"{type(exc).__name__}: {exc}", False
        seconds = time.perf_counter() - started
        self.rows.append({"operation": name, "seconds": seconds, "message": message, "ok": ok})
        flag = "" if seconds < GOAL_SECONDS else "  (over the 2 s goal)"
        print(f"{seconds:7.3f} s  {name}: {message[:400]}{flag}", flush=True)


def _cli(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "editor", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=HANG_SECONDS,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    lines = (result.stdout + result.stderr).strip().splitlines()
    return f"exit {result.returncode}; {len(lines)} line(s); " + " | ".join(lines[:3])


def core_operations(run: Run, root: Path, out: Path) -> None:
    from editor.core.article import load_article
    from editor.core.checks import check_library
    from editor.core.errors import ArticleError
    from editor.core.library import Library

    for path in sorted(root.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".md"):
            continue

        def load(path: Path = path) -> str:
            try:
                article = load_article(path)
            except ArticleError as error:
                return str(error)
            return f"opened: {article.title!r}"

        run.time(f"load_article {path.name}", load)

    def scan() -> str:
        library = Library(root)
        library.scan()
        problems = check_library(library)
        entries, notices = len(library.entries), len(library.notices)
        return f"{entries} entries, {notices} notices, {len(problems)} problems"

    run.time("library scan and check", scan)
    run.time("check (command)", lambda: _cli("check", str(root), cwd=out))
    for name in ("zero.md", "pipe.md", "loop.md", "hostile-html.md", "socket.md"):
        run.time(
            f"summary {name} (command)", lambda n=name: _cli("summary", str(root / n), cwd=out)
        )
    run.time(
        "export site (command)", lambda: _cli("export", str(root), "-o", str(out / "site"), cwd=out)
    )
    run.time(
        "export hostile page (command)",
        lambda: _cli(
            "export", str(root / "hostile-html.md"), "-o", str(out / "page.html"), cwd=out
        ),
    )
    run.time(
        "export into itself (command)", lambda: _cli("export", str(root), "-o", str(root), cwd=out)
    )


def window_operations(run: Run, root: Path) -> None:
    from PySide6.QtCore import QCoreApplication

    from editor.ui.shell.app import create_application, create_main_window

    create_application()
    window = create_main_window(None)
    window.show()

    def settle(until: Callable[[], bool], seconds: float = HANG_SECONDS) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            QCoreApplication.processEvents()
            if until():
                return True
            time.sleep(0.005)
        return False

    for path in sorted(root.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".md"):
            continue

        def open_it(path: Path = path) -> str:
            window.document.undo_stack.setClean()
            opened = window.open_path(path)
            QCoreApplication.processEvents()
            if opened:
                return f"opened: {window.document.display_name}"
            return window.message_bar.label.text()

        run.time(f"window open {path.name}", open_it)

    def open_library() -> str:
        controller = window.library_ui.controller
        window.library_ui.open_folder(root)
        if not settle(lambda: controller.library is not None and not controller._scanning):
            return "the scan did not finish"
        settle(lambda: bool(controller.problems), 5)
        return f"{len(controller.entries())} listed, {len(controller.problems)} problems"

    run.time("window library scan", open_library)

    def preview_hostile() -> str:
        window.open_path(root / "hostile-html.md")
        if not settle(lambda: "traps" in window.preview.toPlainText(), 10):
            return "the preview did not show the article"
        html = window.preview_controller.body_html()
        leaked = [w for w in ("<meta", "<script", "javascript:", "onerror") if w in html]
        return "preview sanitized" if not leaked else f"preview kept {leaked}"

    run.time("window preview of the hostile article", preview_hostile)
    window.document.undo_stack.setClean()
    window.library_ui.controller.wait(5000)
    window.close()
    QCoreApplication.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--folder", type=Path, help="build the tree here (default: a temporary folder)"
    )
    parser.add_argument("--no-window", action="store_true", help="skip the window's operations")
    args = parser.parse_args(argv)
    if os.name != "posix":
        print("hostile_tree.py needs POSIX special files (named pipes, sockets, /dev/zero)")
        return 0
    base = args.folder or Path(tempfile.mkdtemp(prefix="hostile-tree-"))
    # The window must not touch the user's own settings or recovery journal.
    for key, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        os.environ[key] = str(base / "home" / sub)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    root = base / "library"
    out = base / "out"
    out.mkdir(parents=True, exist_ok=True)
    run = Run()
    builder = build(root)
    next(builder)  # the tree exists; the socket stays bound until the end
    try:
        before = snapshot(root)
        core_operations(run, root, out)
        if not args.no_window:
            window_operations(run, root)
        after = snapshot(root)
    finally:
        builder.close()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    silent = [r["operation"] for r in run.rows if not str(r["message"]).strip()]
    failed = [r["operation"] for r in run.rows if not r["ok"]]
    slowest = max(run.rows, key=lambda r: float(str(r["seconds"])))
    summary = {
        "hostile_tree": {
            "operations": len(run.rows),
            "slowest": {
                "operation": slowest["operation"],
                "seconds": round(float(str(slowest["seconds"])), 3),
            },
            "over_goal": [
                r["operation"] for r in run.rows if float(str(r["seconds"])) >= GOAL_SECONDS
            ],
            "changed_files": changed,
            "without_message": silent,
            "failed": failed,
            "folder": str(base),
        }
    }
    print(json.dumps(summary))
    return 1 if changed or silent or failed else 0


if __name__ == "__main__":
    sys.exit(main())
