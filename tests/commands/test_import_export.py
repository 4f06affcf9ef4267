"""The import, export and summary commands as a user runs them: exit codes, files, no Qt.

Each command runs in a fresh interpreter where importing PySide6 fails, so a
command that touched Qt would crash instead of passing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.article import Link, load_article, new_article, save_article

REPO = Path(__file__).resolve().parents[2]
SCRAPED = REPO / "tests" / "fixtures" / "scraped"

_RUNNER = (
    "import sys\n"
    "sys.modules['PySide6'] = None\n"
    "sys.modules['shiboken6'] = None\n"
    "from editor.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "assert not any(m.startswith(('PySide6.', 'shiboken6.')) for m in sys.modules), 'Qt loaded'\n"
    "sys.exit(code)\n"
)


def cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])])
    return subprocess.run(
        [sys.executable, "-c", _RUNNER, *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


# ------------------------------------------------------------------ import


def test_import_creates_articles_and_flags_placeholders(tmp_path: Path) -> None:
    result = cli(
        "import", SCRAPED / "placeholder-previous.txt", SCRAPED / "bakery-crlf.txt", "-o", "lib",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    created = [Path(line) for line in result.stdout.splitlines()]
    assert [p.name for p in created] == [
        "volunteers-count-the-swifts-nesting-under-the-old-bridge.md",
        "bakery-cooperative-opens-a-second-shop-near-the-station.md",
    ]
    assert all((tmp_path / p).is_file() for p in created)
    assert "'TODO: headline' looks like a placeholder" in result.stderr


def test_import_with_a_refused_input_exits_1_and_imports_the_rest(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "one-line.txt").write_text("Only a title\n", encoding="utf-8")
    result = cli(
        "import", "empty.txt", SCRAPED / "harbour-night-ferry.txt", "one-line.txt", "-o", "out",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert "empty.txt: the file is empty" in result.stderr
    assert "one-line.txt:1: the page has a single line" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == [
        "night-ferry-to-the-outer-islands-resumes-after-two-quiet-winters.md"
    ]


def test_import_missing_file_is_refused(tmp_path: Path) -> None:
    result = cli("import", "nope.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["import"], ["import", "x.txt", "-o"]])
def test_import_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    assert cli(*args, cwd=tmp_path).returncode == 2


def test_import_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = cli("import", SCRAPED / "bakery-crlf.txt", "-o", "file", cwd=tmp_path)
    assert result.returncode == 2
    assert "not a folder" in result.stderr


# ------------------------------------------------------------------ export


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    first, second = new_article(), new_article()
    first.title, second.title = "First article", "Second article"
    first.summary = "The first one."
    first.body, second.body = "One.\n", "Two.\n"
    first.next = Link("Second article", "second.md")
    second.prev = Link("First article", "first.md")
    save_article(first, folder / "first.md")
    save_article(second, folder / "second.md")
    return folder


def test_export_page_and_site(library: Path, tmp_path: Path) -> None:
    page = cli("export", "lib/first.md", "-o", "page.html", cwd=tmp_path)
    assert page.returncode == 0, page.stderr
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "First article" in html and 'href="second.html"' in html
    into_folder = cli("export", "lib/second.md", "-o", "pages/", cwd=tmp_path)
    assert into_folder.returncode == 0
    assert (tmp_path / "pages" / "second.html").is_file()
    site = cli("export", "lib", "-o", "site", cwd=tmp_path)
    assert site.returncode == 0, site.stderr
    assert {p.name for p in (tmp_path / "site").iterdir()} == {
        "index.html",
        "first.html",
        "second.html",
    }


def test_strict_export_with_a_placeholder_exits_1_and_writes_nothing(
    library: Path, tmp_path: Path
) -> None:
    article = load_article(library / "second.md")
    article.title = "TODO: headline"
    save_article(article)
    result = cli("export", "lib", "-o", "site", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert "'TODO: headline' looks like a placeholder" in result.stderr
    assert not (tmp_path / "site").exists()
    lenient = cli("export", "lib", "-o", "site", cwd=tmp_path)
    assert lenient.returncode == 0
    assert "looks like a placeholder" in lenient.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["export", "lib"], 2),  # no -o
        (["export", "missing", "-o", "x"], 2),
        (["export", "lib/first.md", "-o", "lib/first.md"], 1),  # would replace the article
    ],
)
def test_export_errors(library: Path, tmp_path: Path, args: list[str], code: int) -> None:
    before = (library / "first.md").read_bytes()
    assert cli(*args, cwd=tmp_path).returncode == code
    assert (library / "first.md").read_bytes() == before


# ------------------------------------------------------------------ summary

BODY = (
    "The harbour authority will open a second ferry berth in the spring, doubling the number "
    "of crossings on weekdays.\n\nWork on the berth began last year.\n"
)


def _article(tmp_path: Path, summary: str = "") -> Path:
    article = new_article()
    article.title = "Ferry berth"
    article.summary = summary
    article.body = BODY
    return save_article(article, tmp_path / "a.md")


def test_summary_prints_and_never_writes_by_default(tmp_path: Path) -> None:
    path = _article(tmp_path)
    before = path.read_bytes()
    result = cli("summary", "a.md", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("The harbour authority will open a second ferry berth")
    assert path.read_bytes() == before


def test_summary_write_fills_an_empty_summary(tmp_path: Path) -> None:
    path = _article(tmp_path)
    result = cli("summary", "a.md", "--write", cwd=tmp_path)
    assert result.returncode == 0
    assert load_article(path).summary == result.stdout.strip()


def test_summary_write_never_replaces_an_existing_summary(tmp_path: Path) -> None:
    path = _article(tmp_path, "Mine, by hand.")
    before = path.read_bytes()
    result = cli("summary", "a.md", "--write", cwd=tmp_path)
    assert result.returncode == 1
    assert "already has a summary" in result.stderr
    assert path.read_bytes() == before


def test_summary_write_force_replaces_only_the_summary_line(tmp_path: Path) -> None:
    path = _article(tmp_path, "Mine, by hand.")
    before = path.read_text(encoding="utf-8").splitlines()
    result = cli("summary", "a.md", "--write", "--force", cwd=tmp_path)
    assert result.returncode == 0
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(changed) == 1 and changed[0][0] == 'summary: "Mine, by hand."'
    assert load_article(path).summary == result.stdout.strip()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["summary", "a.md", "--force"], 2),
        (["summary", "missing.md"], 2),
        (["summary"], 2),
    ],
)
def test_summary_usage_errors(tmp_path: Path, args: list[str], code: int) -> None:
    path = _article(tmp_path, "Mine.")
    before = path.read_bytes()
    assert cli(*args, cwd=tmp_path).returncode == code
    assert path.read_bytes() == before


def test_summary_of_an_article_without_prose(tmp_path: Path) -> None:
    (tmp_path / "code.md").write_text("```\nonly code\n```\n", encoding="utf-8")
    result = cli("summary", "code.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "no prose" in result.stderr
