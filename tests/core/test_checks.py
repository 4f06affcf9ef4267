"""Every check code on small libraries, both when it fires and when it must not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.checks import CODES, Problem, check_library, find_cycles
from editor.core.library import Library
from tests.core.libhelp import deny_reading, snapshot, write_article, write_chain


def problems(folder: Path, patterns: tuple[str, ...] = ()) -> list[Problem]:
    return check_library(Library.open(folder), patterns)


def codes(folder: Path, patterns: tuple[str, ...] = ()) -> list[tuple[str, str, str | None]]:
    return [(p.path.name, p.code, p.field) for p in problems(folder, patterns)]


def test_a_correct_library_is_clean(tmp_path: Path) -> None:
    write_chain(tmp_path, ["Harbour vote", "Night ferry returns", "Library opens late"])
    write_chain(tmp_path / "titles", ["First by title", "Second by title"], by_path=False)
    assert problems(tmp_path) == []


def test_placeholder_title(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "rewrite_title_placeholder")
    write_article(tmp_path, "b.md", "Untitled portraits go on show at the city gallery")
    write_article(tmp_path, "c.md", "Market hall draft 7", summary="s")
    assert codes(tmp_path) == [("a.md", "placeholder-title", "title")]
    found = problems(tmp_path)[0]
    assert found.line == 2 and "rewrite_title_placeholder" in found.message
    # The user's own patterns count too.
    assert ("c.md", "placeholder-title", "title") in codes(tmp_path, (r".*draft \d+",))


def test_placeholder_link(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("TODO: next article", "b.md"))
    write_article(tmp_path, "b.md", "Real B", prev=("Real A", "a.md"))
    assert ("a.md", "placeholder-link", "next") in codes(tmp_path)
    write_article(tmp_path, "a.md", "Real A", next=("Real B", "b.md"))
    assert codes(tmp_path) == []


def test_broken_link_by_path(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Real B", "missing.md"))
    (tmp_path / "folder.md").mkdir()
    write_article(tmp_path, "c.md", "Real C", prev=("Folder", "folder.md"))
    found = problems(tmp_path)
    assert [(p.path.name, p.code, p.field, p.line) for p in found] == [
        ("a.md", "broken-link", "next", 4),
        ("c.md", "broken-link", "prev", 4),
    ]
    assert found[0].target == tmp_path / "missing.md"


def test_broken_link_by_title_but_not_for_placeholders_or_urls(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next="A title nobody has")
    write_article(tmp_path, "b.md", "Real B", prev="rewrite_title_placeholder")
    write_article(tmp_path, "c.md", "Real C", extra="next:\n  title: Elsewhere\n  url: https://x\n")
    write_article(tmp_path, "d.md", "Real D", extra='next: ""\n')
    assert codes(tmp_path) == [
        ("a.md", "broken-link", "next"),
        ("b.md", "placeholder-link", "prev"),
        ("d.md", "broken-link", "next"),
    ]


def test_asymmetric_link_both_directions(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Real B", "b.md"))
    write_article(tmp_path, "b.md", "Real B")
    write_article(tmp_path, "c.md", "Real C", prev=("Real D", "d.md"))
    write_article(tmp_path, "d.md", "Real D")
    found = problems(tmp_path)
    assert [(p.path.name, p.code, p.field) for p in found] == [
        ("a.md", "asymmetric-link", "next"),
        ("c.md", "asymmetric-link", "prev"),
    ]
    assert "has no prev link" in found[0].message
    assert found[0].target == tmp_path / "b.md"


def test_asymmetric_link_when_the_reverse_points_elsewhere(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Real B", "b.md"))
    write_article(tmp_path, "b.md", "Real B", prev=("Real C", "c.md"))
    write_article(tmp_path, "c.md", "Real C", next=("Real B", "b.md"))
    found = codes(tmp_path)
    assert ("a.md", "asymmetric-link", "next") in found
    assert ("c.md", "asymmetric-link", "next") not in found
    assert ("a.md", "duplicate-next", "next") in found
    assert ("c.md", "duplicate-next", "next") in found


def test_stale_link_title(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Old name of B", "b.md"))
    write_article(tmp_path, "b.md", "Real B", prev=("Real A", "a.md"))
    found = problems(tmp_path)
    assert [(p.path.name, p.code) for p in found] == [("a.md", "stale-link-title")]
    assert "'Real B'" in found[0].message


def test_duplicate_title(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Same headline")
    write_article(tmp_path, "b.md", "  Same headline ")
    write_article(tmp_path, "c.md", "Other headline")
    write_article(tmp_path, "p1.md", "rewrite_title_placeholder")
    write_article(tmp_path, "p2.md", "rewrite_title_placeholder")
    found = codes(tmp_path)
    assert ("a.md", "duplicate-title", "title") in found
    assert ("b.md", "duplicate-title", "title") in found
    assert not [
        f for f in found if f[0] in ("c.md", "p1.md", "p2.md") and f[1] == "duplicate-title"
    ]


def test_missing_title_and_summary(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", None, summary=None)
    write_article(tmp_path, "b.md", "Has both")
    (tmp_path / "c.md").write_text("Just a body, no front matter.\n")
    assert codes(tmp_path) == [
        ("a.md", "missing-summary", "summary"),
        ("a.md", "missing-title", "title"),
        ("c.md", "missing-summary", "summary"),
        ("c.md", "missing-title", "title"),
    ]


def test_invalid_front_matter_reports_the_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: ok\nsummary: [broken\n---\n")
    write_article(tmp_path, "b.md", "Fine")
    found = problems(tmp_path)
    assert [(p.path.name, p.code, p.field) for p in found] == [
        ("a.md", "invalid-front-matter", None)
    ]
    assert found[0].line is not None and found[0].line >= 3


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write_article(tmp_path, "locked.md", "Locked")
    deny_reading(monkeypatch, locked)
    assert codes(tmp_path) == [("locked.md", "unreadable-file", None)]


def test_symlink_loop(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "A")
    os.symlink(tmp_path, tmp_path / "again")
    os.symlink(tmp_path / "loop.md", tmp_path / "loop.md")
    assert codes(tmp_path) == [("again", "symlink-loop", None), ("loop.md", "symlink-loop", None)]


def test_duplicate_prev(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Real B", "b.md"))
    write_article(tmp_path, "b.md", "Real B", prev=("Real A", "a.md"))
    write_article(tmp_path, "c.md", "Real C", prev=("Real A", "a.md"))
    found = codes(tmp_path)
    assert ("b.md", "duplicate-prev", "prev") in found
    assert ("c.md", "duplicate-prev", "prev") in found
    assert not [f for f in found if f[1] == "duplicate-next"]


def test_link_cycle_is_reported_once(tmp_path: Path) -> None:
    names = ["a.md", "b.md", "c.md"]
    for i, name in enumerate(names):
        nxt = names[(i + 1) % 3]
        prv = names[(i - 1) % 3]
        write_article(tmp_path, name, f"Part {i}", prev=(f"Part {(i - 1) % 3}", prv),
                      next=(f"Part {(i + 1) % 3}", nxt))  # fmt: skip
    found = problems(tmp_path)
    assert sorted((p.path.name, p.code, p.field) for p in found) == [
        ("a.md", "link-cycle", "next"),
        ("a.md", "link-cycle", "prev"),
    ]
    assert "a.md → b.md → c.md → a.md" in found[0].message or "a.md → c.md" in found[0].message


def test_self_link_is_a_cycle_and_a_chain_is_not(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "Real A", next=("Real A", "a.md"), prev=("Real A", "a.md"))
    assert sorted(codes(tmp_path)) == [
        ("a.md", "link-cycle", "next"),
        ("a.md", "link-cycle", "prev"),
    ]
    chain = {str(i): str(i + 1) for i in range(10_000)}
    assert find_cycles(chain) == []
    chain["10000"] = "5000"
    cycle = find_cycles(chain)
    assert len(cycle) == 1 and len(cycle[0]) == 5001


def test_checks_never_write(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "rewrite_title_placeholder", next=("x", "b.md"))
    write_article(tmp_path, "b.md", "Real B", prev=("Stale", "a.md"), next=("Real B", "b.md"))
    (tmp_path / "bad.md").write_text("---\ntitle: [\n---\n")
    os.symlink(tmp_path, tmp_path / "loop")
    before = snapshot(tmp_path)
    assert problems(tmp_path)
    assert snapshot(tmp_path) == before
    assert sorted(os.listdir(tmp_path)) == ["a.md", "b.md", "bad.md", "loop"]


def test_paths_filter_limits_the_report(tmp_path: Path) -> None:
    write_article(tmp_path, "a.md", "rewrite_title_placeholder")
    write_article(tmp_path, "b.md", "TODO")
    lib = Library.open(tmp_path)
    only = check_library(lib, paths=[tmp_path / "b.md"])
    assert [p.path.name for p in only] == ["b.md"]


def test_every_code_is_documented() -> None:
    from editor.core import checks

    assert checks.__doc__ is not None
    for code in CODES:
        assert code in checks.__doc__
    assert len(set(CODES)) == len(CODES)
