"""Hostile files: each is refused with a clear ArticleError, promptly, touching nothing.

Every case is opened in a child interpreter, so a segfault in libyaml or a
runaway recursion shows up as a failed test instead of taking pytest down,
and a hang is cut off by the subprocess timeout (a hang guard, not a speed
goal: the times are printed, never asserted).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from editor.core import article as article_module
from editor.core import frontmatter

#: Opens the path in argv[1] and reports the outcome as one JSON line.
CHILD = r"""
import json, sys, time
from editor import ArticleError, load_article
start = time.perf_counter()
try:
    article = load_article(sys.argv[1])
    outcome = {"kind": "loaded", "message": "", "line": None, "path": None}
except ArticleError as error:
    outcome = {"kind": "ArticleError", "message": error.message, "line": error.line,
               "path": None if error.path is None else str(error.path)}
except BaseException as error:
    outcome = {"kind": type(error).__name__, "message": str(error)[:500], "line": None,
               "path": None}
outcome["seconds"] = time.perf_counter() - start
print(json.dumps(outcome))
"""

HANG_GUARD_SECONDS = 10


def _front(yaml_text: str, body: str = "The body.\n") -> bytes:
    return f"---\n{yaml_text}---\n{body}".encode()


def _alias_bomb(folder: Path) -> Path:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]\n")
    path = folder / "bomb.md"
    path.write_bytes(_front("title: Laughs\n" + "".join(lines)))
    return path


def _merge_key_bomb(folder: Path) -> Path:
    path = folder / "merge.md"
    path.write_bytes(_front("base: &b {x: 1}\nthing:\n  <<: *b\n"))
    return path


def _deep_block_mapping(folder: Path) -> Path:
    # 600 levels of indentation: about 180 KB, under the size limit.
    depth = 600
    text = "".join(" " * i + "k:\n" for i in range(depth)) + " " * depth + "leaf\n"
    path = folder / "deep-block.md"
    path.write_bytes(_front(text))
    return path


def _deep_block_sequence(folder: Path) -> Path:
    # Compact nested sequences nest one level per two characters; the line
    # stays under the line-length limit so the YAML guard is what answers.
    path = folder / "deep-sequence.md"
    path.write_bytes(_front("items:\n" + "- " * 45_000 + "x\n"))
    return path


def _deep_flow_sequence(folder: Path) -> Path:
    path = folder / "deep-flow.md"
    path.write_bytes(_front("k: " + "[" * 45_000 + "]" * 45_000 + "\n"))
    return path


def _deep_flow_over_many_lines(folder: Path) -> Path:
    path = folder / "deep-flow-lines.md"
    path.write_bytes(_front("k:\n" + " [\n" * 40_000 + " ]\n" * 40_000))
    return path


def _deep_flow_mapping(folder: Path) -> Path:
    path = folder / "deep-flow-map.md"
    path.write_bytes(_front("k: " + "{a: " * 15_000 + "b" + "}" * 15_000 + "\n"))
    return path


def _ten_mb_front_matter(folder: Path) -> Path:
    line = "key{}: a value that is long enough to fill the block up\n"
    text = "".join(line.format(i) for i in range(10 * 1024 * 1024 // len(line)))
    path = folder / "huge-front.md"
    path.write_bytes(_front(text))
    return path


def _nul_early(folder: Path) -> Path:
    path = folder / "nul-early.md"
    path.write_bytes(b"---\ntitle: Zero\x00\n---\nbody\n")
    return path


def _nul_late(folder: Path) -> Path:
    # Past the first 8 KB, where the binary sniffing stops looking.
    path = folder / "nul-late.md"
    path.write_bytes(_front("title: Late\n", "Plain words.\n" * 1000) + b"tail \x00 end\n")
    return path


def _invalid_utf8(folder: Path) -> Path:
    path = folder / "latin1.md"
    path.write_bytes(b"---\ntitle: Caf\xe9 au lait\n---\nbody\n")
    return path


def _invalid_utf8_in_body(folder: Path) -> Path:
    path = folder / "truncated-utf8.md"
    path.write_bytes(_front("title: Cut\n", "Fine line.\n") + b"half a char \xe2\x82\n")
    return path


def _fifty_mb(folder: Path) -> Path:
    path = folder / "fifty.md"
    chunk = _front("title: Big\n") + b"Another ordinary sentence in a very long file.\n" * 20_000
    with path.open("wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    return path


def _one_mb_line_in_body(folder: Path) -> Path:
    path = folder / "long-line.md"
    path.write_bytes(_front("title: Line\n", "x" * (1024 * 1024) + "\n"))
    return path


def _one_mb_line_no_front_matter(folder: Path) -> Path:
    path = folder / "long-line-plain.md"
    path.write_bytes(b"word" * (256 * 1024))
    return path


def _one_mb_title(folder: Path) -> Path:
    path = folder / "long-title.md"
    path.write_bytes(_front("title: " + "t" * (1024 * 1024) + "\n"))
    return path


def _directory(folder: Path) -> Path:
    path = folder / "looks-like-an-article.md"
    path.mkdir()
    (path / "inside.md").write_bytes(_front("title: Inside\n"))
    return path


def _symlink_loop(folder: Path) -> Path:
    (folder / "ping.md").symlink_to("pong.md")
    (folder / "pong.md").symlink_to("ping.md")
    return folder / "ping.md"


def _symlink_to_itself(folder: Path) -> Path:
    path = folder / "self.md"
    path.symlink_to("self.md")
    return path


def _huge_integer(folder: Path) -> Path:
    path = folder / "huge-number.md"
    path.write_bytes(_front("weight: " + "9" * 50_000 + "\n"))
    return path


def _base_sixty_integer(folder: Path) -> Path:
    # YAML 1.1 reads 1:2:3 as a base-60 integer; building it is quadratic.
    path = folder / "base60.md"
    path.write_bytes(_front("n: " + ":".join(["59"] * 30_000) + "\n"))
    return path


def _impossible_date(folder: Path) -> Path:
    path = folder / "date.md"
    path.write_bytes(_front("title: Dated\ndate: 2024-13-45\n"))
    return path


Case = tuple[Callable[[Path], Path], str]

#: name -> (make the file in a folder and return the path to open, words in the message)
CASES: dict[str, Case] = {
    "alias bomb": (_alias_bomb, "alias"),
    "merge-key alias": (_merge_key_bomb, "alias"),
    "deep block mapping": (_deep_block_mapping, "nested"),
    "deep block sequence": (_deep_block_sequence, "nesting depth"),
    "deep flow sequence": (_deep_flow_sequence, "nested"),
    "deep flow mapping": (_deep_flow_mapping, "nested"),
    "deep flow sequence over many lines": (_deep_flow_over_many_lines, "nested"),
    "10 MB of front matter": (_ten_mb_front_matter, "the limit is"),
    "NUL byte near the top": (_nul_early, "binary"),
    "NUL byte after 8 KB": (_nul_late, "NUL"),
    "invalid UTF-8 in front matter": (_invalid_utf8, "UTF-8"),
    "truncated UTF-8 in body": (_invalid_utf8_in_body, "UTF-8"),
    "50 MB file": (_fifty_mb, "MB"),
    "1 MB single line in body": (_one_mb_line_in_body, "characters long"),
    "1 MB single line, no front matter": (_one_mb_line_no_front_matter, "characters long"),
    "1 MB title": (_one_mb_title, "characters long"),
    "directory named like an article": (_directory, "folder"),
    "symlink loop": (_symlink_loop, "loops"),
    "symlink to itself": (_symlink_to_itself, "loops"),
    "50,000-digit integer": (_huge_integer, "number"),
    "base-60 integer": (_base_sixty_integer, "number"),
    "impossible date": (_impossible_date, "month"),
}


def snapshot(folder: Path) -> dict[str, tuple[str, int, int, str]]:
    """Everything observable about a folder tree, without following links."""
    state: dict[str, tuple[str, int, int, str]] = {}
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(root) / name
            info = path.lstat()
            if path.is_symlink():
                kind, digest = "link", os.readlink(path)
            elif path.is_dir():
                kind, digest = "dir", ""
            else:
                kind = "file"
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[str(path.relative_to(folder))] = (kind, info.st_size, info.st_mtime_ns, digest)
    return state


def open_in_child(path: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    outcome: dict[str, object] = json.loads(lines[-1]) if lines else {}
    return result, outcome


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_is_refused_cleanly(name: str, tmp_path: Path) -> None:
    make, words = CASES[name]
    folder = tmp_path / "library"
    folder.mkdir()
    path = make(folder)
    before = snapshot(folder)

    result, outcome = open_in_child(path)

    assert result.returncode == 0, f"the interpreter died ({result.returncode}): {result.stderr}"
    assert outcome.get("kind") == "ArticleError", outcome
    message = str(outcome["message"])
    assert words in message, message
    assert outcome["path"] == str(path)
    assert snapshot(folder) == before
    print(f"{name}: {float(str(outcome['seconds'])):.3f} s: {message}")


def test_limits_are_the_documented_ones() -> None:
    """The README quotes these numbers; changing one means changing the text too."""
    assert article_module.MAX_FILE_BYTES == 20 * 1024 * 1024
    assert article_module.MAX_LINE_CHARS == 100_000
    assert frontmatter.MAX_FRONT_MATTER_CHARS == 256_000
    assert frontmatter.MAX_NESTING == 50
    assert frontmatter.MAX_NUMBER_CHARS == 100


def test_long_lines_are_only_refused_when_opening_a_file() -> None:
    """Text already in the editor (a paste) is the user's own; only files are refused."""
    text = "---\ntitle: Pasted\n---\n" + "y" * (article_module.MAX_LINE_CHARS + 1) + "\n"
    parsed = article_module.parse_article(text)
    assert parsed.title == "Pasted"


def test_a_line_just_under_the_limit_opens(tmp_path: Path) -> None:
    path = tmp_path / "wide.md"
    path.write_bytes(_front("title: Wide\n", "z" * article_module.MAX_LINE_CHARS + "\n"))
    assert article_module.load_article(path).title == "Wide"


def test_the_raw_text_fallback_refuses_long_lines_too() -> None:
    """The window opens a file with broken front matter as raw text; not this one."""
    data = b"---\ntitle: [broken\n---\n" + b"q" * (article_module.MAX_LINE_CHARS + 1) + b"\n"
    with pytest.raises(article_module.ArticleError, match="line 4 is") as info:
        article_module.decode_article_bytes(data, "raw.md")
    assert info.value.line == 4
