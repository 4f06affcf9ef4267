"""Export copies only files inside the library folder; every other reference is reported.

An article received from elsewhere named /etc/passwd, ../../secret.txt,
file:///etc/hostname and /proc/self/environ, and the export copied them all
into the site. Each is now refused, named with its file and line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.export import MANIFEST_NAME, export_article_file, export_site
from editor.core.local_files import Missing, Refused, resolve_local_reference
from tests.commands.test_import_export import cli

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16

HOSTILE_BODY = (
    "Intro paragraph.\n"
    "\n"
    "![p](/etc/passwd)\n"
    "![q](../../secret.txt)\n"
    "![r](file:///etc/hostname)\n"
    '<video src="/etc/shadow"></video>\n'
    '<link rel="icon" href="/etc/group">\n'
    '<img src="/proc/self/environ">\n'
    "![linked out](escape.png)\n"
    "![kept](images/dot.png)\n"
)


def _library(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_text("my secret", encoding="utf-8")
    folder = tmp_path / "outer" / "library"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "dot.png").write_bytes(PNG)
    (tmp_path / "outer" / "outside.png").write_bytes(PNG)
    (folder / "escape.png").symlink_to(tmp_path / "outer" / "outside.png")
    text = "---\ntitle: Received from elsewhere\n---\n" + HOSTILE_BODY
    (folder / "article.md").write_text(text, encoding="utf-8")
    return folder


def _every_file(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


EXPECTED_LINES = {
    "/etc/passwd": 6,
    "../../secret.txt": 7,
    "file:///etc/hostname": 8,
    "/etc/shadow": 9,
    "/etc/group": 10,
    "/proc/self/environ": 11,
    "escape.png": 12,
}


def test_single_page_copies_only_files_inside_the_folder(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    out = tmp_path / "out" / "article.html"
    report = export_article_file(folder / "article.md", out)
    assert _every_file(out.parent) == {"article.html", "images/dot.png"}
    refused = {r.reference: r for r in report.refused}
    assert {k: r.line for k, r in refused.items()} == EXPECTED_LINES
    assert all(r.path == str(folder / "article.md") for r in report.refused)
    assert "absolute path" in refused["/etc/passwd"].reason
    assert "outside the library" in refused["../../secret.txt"].reason
    assert "file:" in refused["file:///etc/hostname"].reason
    assert "symbolic link" in refused["escape.png"].reason
    html = out.read_text(encoding="utf-8")
    assert "my secret" not in html
    assert 'src="images/dot.png"' in html


def test_site_copies_only_files_inside_the_folder(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    warnings: list[str] = []
    report = export_site(folder, tmp_path / "site", warn=warnings.append)
    assert _every_file(tmp_path / "site") == {
        "index.html",
        "article.html",
        "images/dot.png",
        MANIFEST_NAME,
    }
    assert {r.reference for r in report.refused} == set(EXPECTED_LINES)
    assert f"{folder / 'article.md'}:6: /etc/passwd was not copied" in "\n".join(warnings)


def test_a_wider_root_is_allowed_explicitly(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    report = export_site(folder, tmp_path / "site", root=tmp_path / "outer")
    assert (tmp_path / "site" / "images" / "outside.png").read_bytes() == PNG
    assert "escape.png" not in {r.reference for r in report.refused}
    assert "/etc/passwd" in {r.reference for r in report.refused}  # still absolute


@pytest.mark.skipif(os.name != "posix", reason="devices and named pipes are POSIX files")
def test_special_files_inside_the_folder_are_not_copied(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    os.mkfifo(folder / "pipe.png")
    (folder / "zero.png").symlink_to("/dev/zero")
    text = "---\ntitle: Pipes\n---\n![a](pipe.png)\n\n![b](zero.png)\n"
    (folder / "a.md").write_text(text, encoding="utf-8")
    report = export_site(folder, tmp_path / "site")
    reasons = {r.reference: r.reason for r in report.refused}
    assert "named pipe" in reasons["pipe.png"]
    assert "outside the library" in reasons["zero.png"]
    assert _every_file(tmp_path / "site") == {"index.html", "a.html", MANIFEST_NAME}


def test_the_rule_in_one_place(tmp_path: Path) -> None:
    (tmp_path / "in.png").write_bytes(PNG)
    assert resolve_local_reference("in.png", tmp_path, tmp_path) == (tmp_path / "in.png").resolve()
    assert resolve_local_reference("https://x.test/a.png", tmp_path, tmp_path) is None
    assert resolve_local_reference("data:image/png;base64,AA", tmp_path, tmp_path) is None
    assert resolve_local_reference("#top", tmp_path, tmp_path) is None
    assert isinstance(resolve_local_reference("gone.png", tmp_path, tmp_path), Missing)
    for hostile in ("/etc/passwd", "file:///etc/passwd", "../x.png", "C:\\x.png", "%2Fetc"):
        assert isinstance(resolve_local_reference(hostile, tmp_path, tmp_path), Refused), hostile


def test_the_command_names_each_refused_file_and_line(tmp_path: Path) -> None:
    _library(tmp_path)
    result = cli("export", "outer/library", "-o", "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    where = os.path.join(str(tmp_path), "outer", "library", "article.md")
    for reference, line in EXPECTED_LINES.items():
        assert f"warning: {where}:{line}: {reference} was not copied" in result.stderr
    assert not (tmp_path / "site" / "images" / "passwd").exists()


def test_an_article_link_to_a_file_outside_is_not_published(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    (folder / "leak.md").symlink_to(tmp_path / "secret.txt")
    report = export_site(folder, tmp_path / "site")
    assert not (tmp_path / "site" / "leak.html").exists()
    assert any(
        e.path == folder / "leak.md" and "outside the folder" in e.message for e in report.errors
    )
    assert "my secret" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_body_that_would_stall_the_renderer_is_left_out(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    (folder / "brackets.md").write_text("---\ntitle: B\n---\n" + "[" * 5000 + "\n", "utf-8")
    report = export_site(folder, tmp_path / "site")
    assert not (tmp_path / "site" / "brackets.html").exists()
    assert any("an export allows at most" in e.message for e in report.errors)
