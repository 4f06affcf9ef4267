"""``article-editor check``: exit codes, compiler-style text, JSON shape, no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from editor.cli import main
from tests.core.libhelp import deny_reading, snapshot, write_article, write_chain

SRC = Path(__file__).resolve().parents[2] / "src"


def run_check(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_library_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_chain(tmp_path, ["Harbour vote", "Night ferry returns"])
    assert run_check(capsys, tmp_path) == (0, "", "")


def test_problems_exit_1_in_compiler_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_article(tmp_path / "lib", "a.md", "rewrite_title_placeholder", summary=None)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_check(capsys, "lib")
    assert code == 1
    assert out.splitlines() == [
        f"{os.path.join('lib', 'a.md')}: missing-summary: the article has no summary",
        f"{os.path.join('lib', 'a.md')}:2: placeholder-title: the title "
        "'rewrite_title_placeholder' looks like a placeholder (an identifier made of template "
        "words)",
    ]
    assert "2 problem(s) in 1 file(s)" in err


def test_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Old label", "b.md"))
    write_article(tmp_path, "b.md", "Real B", prev=("Real A", "a.md"))
    (tmp_path / "bad.md").write_text("---\ntitle: [\n---\n")
    code, out, _err = run_check(capsys, tmp_path, "--format", "json")
    assert code == 1
    rows = json.loads(out)
    assert isinstance(rows, list) and len(rows) == 2
    for row in rows:
        assert set(row) == {"path", "code", "field", "message", "line"}
        assert isinstance(row["message"], str)
        assert row["line"] is None or isinstance(row["line"], int)
    stale = next(r for r in rows if r["code"] == "stale-link-title")
    assert stale["path"] == str(tmp_path / "a.md") and stale["field"] == "next"
    assert stale["line"] == 4
    bad = next(r for r in rows if r["code"] == "invalid-front-matter")
    assert bad["field"] is None


def test_json_of_a_clean_library_is_an_empty_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_article(tmp_path, "a.md", "Real A")
    code, out, _ = run_check(capsys, "--format", "json", tmp_path)
    assert (code, json.loads(out)) == (0, [])


def test_a_file_is_checked_against_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write_article(tmp_path, "a.md", "Real A", next="Real B")
    write_article(tmp_path, "b.md", "TODO", prev="Real A")
    code, out, _ = run_check(capsys, a)
    assert code == 1  # b.md is not named, so only a.md's own problem is listed
    assert [line.split(": ")[1] for line in out.splitlines()] == ["broken-link"]
    code, out, _ = run_check(capsys, a, "--placeholder-pattern", "Real A")
    assert "placeholder-title" in out


def test_missing_path_and_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_article(tmp_path, "a.md", "Real A")
    code, _out, err = run_check(capsys, tmp_path / "nope")
    assert code == 2 and "no such file or folder" in err
    assert run_check(capsys)[0] == 2  # no PATH
    assert run_check(capsys, tmp_path, "--format", "xml")[0] == 2
    code, _out, err = run_check(capsys, tmp_path, "--placeholder-pattern", "[unclosed")
    assert code == 2 and "invalid --placeholder-pattern" in err


def test_unreadable_path_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write_article(tmp_path, "locked.md", "Locked")
    deny_reading(monkeypatch, locked)
    code, out, _ = run_check(capsys, locked)
    assert code == 2 and "unreadable-file" in out


def test_bad_library_is_reported_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_article(tmp_path, "a.md", "Part A", prev=("Part C", "c.md"), next=("Part B", "b.md"))
    write_article(tmp_path, "b.md", "Part B", prev=("Part A", "a.md"), next=("Part C", "c.md"))
    write_article(tmp_path, "c.md", "Part C", prev=("Part B", "b.md"), next=("Part A", "a.md"))
    write_article(tmp_path, "d.md", "Part D", next=("Part B", "b.md"))
    (tmp_path / "bad.md").write_text("---\ntitle: x\n  broken: [\n---\n")
    os.symlink(tmp_path, tmp_path / "loop")
    before = snapshot(tmp_path)
    code, out, _ = run_check(capsys, tmp_path, "--format", "json")
    assert code == 1
    found = {r["code"] for r in json.loads(out)}
    assert {"link-cycle", "duplicate-next", "invalid-front-matter", "symlink-loop"} <= found
    assert snapshot(tmp_path) == before


def test_check_runs_without_qt(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "TODO: headline")
    code = textwrap.dedent(
        """
        import sys
        sys.modules["PySide6"] = None
        sys.modules["shiboken6"] = None
        from editor.cli import main
        status = main(["check", "--format", "json", sys.argv[1]])
        assert not any(name.startswith("PySide6") and sys.modules[name] is not None
                       for name in sys.modules), "Qt was imported"
        sys.exit(status)
        """
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert [r["code"] for r in json.loads(result.stdout)] == ["placeholder-title"]


def test_toml_and_json_articles_are_checked_with_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = tmp_path / "site"
    lib.mkdir()
    (lib / "a.md").write_text(
        '+++\ntitle = "rewrite_title_placeholder"\nsummary = "S"\n+++\nBody.\n', encoding="utf-8"
    )
    (lib / "b.md").write_text(
        '{\n  "summary": "S",\n  "title": "Harbour",\n  "title": "Again"\n}\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_check(capsys, "site")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{os.path.join('site', 'a.md')}:2: placeholder-title:")
    assert lines[1] == (
        f"{os.path.join('site', 'b.md')}:4: invalid-front-matter: "
        "'title' is set twice; each key may appear only once"
    )


def _fifty_megabytes(path: Path) -> Path:
    """A 50 MB article file, sparse (made in an instant, takes no disk)."""
    path.write_text("---\ntitle: Far too long\n---\n", encoding="utf-8")
    os.truncate(path, 50 * 1024 * 1024)
    return path


@pytest.mark.parametrize("given", ["folder", "file"])
def test_a_50_mb_file_is_reported_with_its_size_and_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    write_chain(tmp_path, ["Harbour vote", "Night ferry returns"])
    huge = _fifty_megabytes(tmp_path / "huge.md")
    before = snapshot(tmp_path)
    target = tmp_path if given == "folder" else huge
    code, out, _err = run_check(capsys, target)
    assert code == 1
    lines = [line for line in out.splitlines() if "huge.md" in line]
    assert lines == [
        f"{huge}: invalid-front-matter: the file is 50.0 MB; "
        "articles larger than 20 MB are not read"
    ]
    assert snapshot(tmp_path) == before
