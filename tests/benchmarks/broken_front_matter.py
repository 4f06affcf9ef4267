"""How long a writer waits for the message about a broken TOML or JSON file.

Run ``python tests/benchmarks/broken_front_matter.py``. For each kind of
broken file (an unclosed fence, a key set twice, an impossible date, an
array where an object belongs, a 50 MB file, front matter over the size
limit) it times ``load_article`` from the call to the ArticleError, best of
five, against a baseline in the same run: opening a valid article of the
same format. The 50 MB file is also timed the two other ways a writer meets
it: opened in the window (``OpenFile.load``, which tries the raw-text view
too) and reported by ``check`` on a folder holding it (scan and checks). It
checks the file is untouched, prints a table (target: each under 1 s) and one
JSON line for scripts.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from editor.core.article import load_article
from editor.core.checks import check_library
from editor.core.errors import ArticleError
from editor.core.library import Library
from editor.core.session import OpenFile

TARGET_S = 1.0
FILLER_TOML = b'note = "one more line of front matter in a file far too large to be an article"\n'
FILLER_JSON = (
    b'  "note": "one more line of front matter in a file far too large to be an article",\n'
)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _fifty(folder: Path, name: str, opening: bytes, line: bytes, closing: bytes) -> Path:
    path = folder / name
    with path.open("wb") as handle:
        handle.write(opening)
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line * 10_000)
        handle.write(closing)
    return path


def _cases(folder: Path) -> dict[str, Path]:
    long_toml = b'+++\ntitle = "Long"\n' + b"".join(
        FILLER_TOML.replace(b"note", b"k%d" % i) for i in range(4_000)
    )
    long_json = b'{\n  "title": "Long",\n' + b"".join(
        FILLER_JSON.replace(b"note", b"k%d" % i) for i in range(4_000)
    )
    return {
        "toml unclosed fence": _write(
            folder, "a.md", b'+++\ntitle = "Open"\n' + b"Body.\n" * 2_000
        ),
        "json unclosed object": _write(
            folder, "b.md", b'{\n  "title": "Open",\n' + b"Body.\n" * 2_000
        ),
        "toml duplicate key": _write(folder, "c.md", b'+++\ntitle = "A"\ntitle = "B"\n+++\n'),
        "json duplicate key": _write(folder, "d.md", b'{"title": "A", "title": "B"}\n'),
        "toml invalid date": _write(folder, "e.md", b'+++\ntitle = "A"\ndate = 2024-13-45\n+++\n'),
        "json top-level array": _write(folder, "f.md", b'[{"title": "A"}]\n'),
        "toml 50 MB file": _fifty(folder, "g.md", b'+++\ntitle = "Big"\n', FILLER_TOML, b"+++\n"),
        "json 50 MB file": _fifty(folder, "h.md", b'{\n  "title": "Big",\n', FILLER_JSON, b"}\n"),
        "toml front matter over the limit": _write(folder, "i.md", long_toml + b"+++\nBody.\n"),
        "json front matter over the limit": _write(folder, "j.md", long_json + b'  "z": 1\n}\n'),
    }


def _best(action: Callable[[], object], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _refusal(path: Path) -> Callable[[], ArticleError]:
    def run() -> ArticleError:
        try:
            load_article(path)
        except ArticleError as error:
            return error
        raise AssertionError(f"{path.name} opened without an error")

    return run


def _window_refusal(path: Path) -> Callable[[], ArticleError]:
    def run() -> ArticleError:
        try:
            OpenFile().load(path)
        except ArticleError as error:
            return error
        raise AssertionError(f"{path.name} opened in the window without an error")

    return run


def _check_refusal(path: Path) -> Callable[[], ArticleError]:
    """``check`` of the folder holding only ``path``: its one problem, as an ArticleError."""

    def run() -> ArticleError:
        library = Library.open(path.parent)
        problems = [p for p in check_library(library) if p.path == path]
        assert problems, f"check found nothing wrong with {path.name}"
        return ArticleError(problems[0].message, path, problems[0].line)

    return run


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="article-editor-broken-") as work:
        folder = Path(work)
        good_toml = _write(
            folder, "good-toml.md", b'+++\ntitle = "Fine"\ndraft = false\n+++\nBody.\n'
        )
        good_json = _write(folder, "good-json.md", b'{\n  "title": "Fine"\n}\nBody.\n')
        baseline = {
            "toml": _best(lambda: load_article(good_toml)),
            "json": _best(lambda: load_article(good_json)),
        }
        results: dict[str, float] = {}
        print(f"{'broken file':<34}{'seconds':>10}{'line:col':>10}  message")
        cases = {name: (path, _refusal(path)) for name, path in _cases(folder).items()}
        alone = folder / "alone"
        alone.mkdir()
        fifty = cases["toml 50 MB file"][0].rename(alone / "g.md")
        cases["toml 50 MB file"] = (fifty, _refusal(fifty))
        cases["50 MB file in the window"] = (fifty, _window_refusal(fifty))
        cases["50 MB file in check"] = (fifty, _check_refusal(fifty))
        for name, (path, refusal) in cases.items():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            seconds = _best(refusal)
            error = refusal()
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, "file changed"
            where = f"{error.line}:{error.column}" if error.line is not None else "-"
            results[name] = round(seconds, 4)
            verdict = "" if seconds <= TARGET_S else "  (over the 1 s target)"
            print(f"{name:<34}{seconds:>10.4f}{where:>10}  {error.message[:70]}{verdict}")
        print(f"baseline: valid TOML {baseline['toml']:.5f} s, valid JSON {baseline['json']:.5f} s")
        worst = max(results.values())
        verdict = "yes" if worst <= TARGET_S else "NO"
        print(f"slowest refusal {worst:.3f} s; target {TARGET_S:.1f} s: {verdict}")
        print(json.dumps(results | {f"baseline_{k}_s": round(v, 5) for k, v in baseline.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
