"""A library that mixes YAML, TOML and JSON articles: index, checks, fixes, import, export.

Hugo sites grow over years and keep whatever format each file was written
in; every library feature has to treat the three alike and every write has
to keep each file's own format.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from editor.core.article import load_article
from editor.core.checks import check_library
from editor.core.fixes import rename_title, sync_link_labels
from editor.core.library import Library
from tests.core.libhelp import write_article
from tests.core.linediff import changed_lines


def write_toml(folder: Path, name: str, title: str, **links: tuple[str, str]) -> Path:
    lines = [f"title = {json.dumps(title)}  # the headline", 'summary = "A TOML summary."']
    lines.append("date = 2024-05-01T08:00:00Z")
    for key, (label, path) in links.items():
        lines.append(f"{key} = {{ title = {json.dumps(label)}, path = {json.dumps(path)} }}")
    lines.append("\n[params]\nlayout = 'wide'")
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("+++\n" + "\n".join(lines) + "\n+++\nA TOML body.\n", encoding="utf-8")
    return path


def write_json(folder: Path, name: str, title: str, **links: tuple[str, str]) -> Path:
    data: dict[str, object] = {"title": title, "summary": "A JSON summary.", "draft": False}
    for key, (label, path) in links.items():
        data[key] = {"title": label, "path": path}
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=4) + "\nA JSON body.\n", encoding="utf-8")
    return path


def mixed_chain(folder: Path) -> Library:
    """a (YAML) -> b (TOML) -> c (JSON) -> d (TOML), linked both ways by path."""
    write_article(folder, "a.md", "Alpha story", next=("Beta story", "b.md"))
    write_toml(folder, "b.md", "Beta story", prev=("Alpha story", "a.md"), next=("Gamma", "c.md"))
    write_json(folder, "c.md", "Gamma", prev=("Beta story", "b.md"), next=("Delta", "d.md"))
    write_toml(folder, "d.md", "Delta", prev=("Gamma", "c.md"))
    return Library.open(folder)


def test_the_index_reads_every_format(tmp_path: Path) -> None:
    library = mixed_chain(tmp_path)
    entries = {e.path.name: e for e in library.articles()}
    assert [entries[n].title for n in "abcd" for n in [n + ".md"]] == [
        "Alpha story",
        "Beta story",
        "Gamma",
        "Delta",
    ]
    assert [entries[n + ".md"].front_matter_format for n in "abcd"] == [
        "yaml",
        "toml",
        "json",
        "toml",
    ]
    b = entries["b.md"]
    assert b.summary == "A TOML summary."
    assert b.next is not None and b.next.path == "c.md"
    assert (b.title_line, b.summary_line, b.prev_line, b.next_line) == (2, 3, 5, 6)
    c = entries["c.md"]
    assert (c.title_line, c.prev_line, c.next_line) == (2, 5, 9)
    assert library.neighbour(tmp_path / "b.md", "next") is c
    assert library.front_matter_format() == "toml"  # two of four


def test_the_cache_keeps_the_format(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    mixed_chain(folder)
    Library.open(folder, tmp_path / "cache")
    reopened = Library.open(folder, tmp_path / "cache")
    assert reopened.indexed_count == 0
    assert [e.front_matter_format for e in reopened.articles()] == ["yaml", "toml", "json", "toml"]


def test_a_clean_mixed_chain_has_no_problems(tmp_path: Path) -> None:
    library = mixed_chain(tmp_path)
    assert check_library(library) == []


def test_broken_toml_and_json_are_reported_with_their_line(tmp_path: Path) -> None:
    mixed_chain(tmp_path)
    (tmp_path / "e.md").write_text('+++\ntitle = "E"\ntitle = "again"\n+++\n', encoding="utf-8")
    (tmp_path / "f.md").write_text('{\n  "title": "F",\n  "x": [1,\n}\n', encoding="utf-8")
    problems = {p.path.name: p for p in check_library(Library.open(tmp_path))}
    assert problems["e.md"].code == "invalid-front-matter"
    assert problems["e.md"].line == 3
    assert problems["f.md"].code == "invalid-front-matter"
    assert problems["f.md"].line is not None


def test_placeholders_and_stale_labels_are_found_in_toml_and_json(tmp_path: Path) -> None:
    write_toml(tmp_path, "a.md", "rewrite_title_placeholder", next=("Old label", "b.md"))
    write_json(tmp_path, "b.md", "New label", prev=("rewrite_title_placeholder", "a.md"))
    codes = {(p.path.name, p.code) for p in check_library(Library.open(tmp_path))}
    assert ("a.md", "placeholder-title") in codes
    assert ("a.md", "stale-link-title") in codes
    assert ("b.md", "placeholder-link") in codes


def test_rename_everywhere_edits_each_file_in_its_own_format(tmp_path: Path) -> None:
    library = mixed_chain(tmp_path)
    before = {p.name: p.read_text("utf-8") for p in tmp_path.glob("*.md")}
    rename_title(library, tmp_path / "b.md", "Beta, renamed: 1.10").apply()
    after = {p.name: p.read_text("utf-8") for p in tmp_path.glob("*.md")}
    for name in ("a.md", "b.md", "c.md"):
        removed, added = changed_lines(before[name], after[name])
        assert len(removed) == len(added) == 1, (name, removed, added)
    assert after["d.md"] == before["d.md"]
    assert after["b.md"].startswith("+++\n") and "# the headline" in after["b.md"]
    assert tomllib.loads(after["b.md"].split("+++\n")[1])["title"] == "Beta, renamed: 1.10"
    c_front = json.loads(after["c.md"][: after["c.md"].index("\n}\n") + 2])
    assert c_front["prev"] == {"title": "Beta, renamed: 1.10", "path": "b.md"}
    assert load_article(tmp_path / "a.md").next.title == "Beta, renamed: 1.10"  # type: ignore[union-attr]


def test_sync_labels_in_toml_and_json(tmp_path: Path) -> None:
    write_toml(tmp_path, "a.md", "Real A", next=("Stale B", "b.md"))
    write_json(tmp_path, "b.md", "Real B", prev=("Stale A", "a.md"))
    plan = sync_link_labels(Library.open(tmp_path))
    assert len(plan.changes) == 2
    plan.apply()
    assert load_article(tmp_path / "a.md").next.title == "Real B"  # type: ignore[union-attr]
    assert load_article(tmp_path / "b.md").prev.title == "Real A"  # type: ignore[union-attr]
    assert (tmp_path / "a.md").read_text("utf-8").startswith("+++\n")
    assert (tmp_path / "b.md").read_text("utf-8").startswith("{\n    ")


def test_import_writes_the_folders_own_format(tmp_path: Path) -> None:
    from editor.core.importer import import_text

    write_toml(tmp_path, "a.md", "Harbour opens")
    write_toml(tmp_path, "b.md", "Harbour closes")
    write_article(tmp_path, "c.md", "A YAML one")
    page = "Ferry returns\n\nThe ferry is back on Monday.\n\nPrevious Article\nHarbour opens\n"
    result = import_text(page, tmp_path)
    text = result.path.read_text("utf-8")
    assert text.startswith("+++\n")
    values = tomllib.loads(text.split("+++\n")[1])
    assert values["title"] == "Ferry returns"
    assert values["prev"] == {"title": "Harbour opens", "path": "a.md"}
    chosen = import_text("Another page\n\nWith a line.\n", tmp_path, front_matter_format="json")
    assert json.loads(chosen.path.read_text("utf-8").split("\n}\n")[0] + "\n}")["title"] == (
        "Another page"
    )


def test_an_empty_folder_imports_yaml(tmp_path: Path) -> None:
    from editor.core.importer import import_text

    result = import_text("First page\n\nA line of text.\n", tmp_path)
    assert result.path.read_text("utf-8").startswith("---\n")


def test_export_reads_every_format(tmp_path: Path) -> None:
    from editor.core.export import export_site

    source = tmp_path / "lib"
    mixed_chain(source)
    report = export_site(source, tmp_path / "site")
    assert not report.errors
    pages = {p.name: p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.html")}
    assert "Beta story" in pages["b.html"] and "A TOML summary." in pages["b.html"]
    assert "Gamma" in pages["c.html"] and "A JSON summary." in pages["c.html"]
    assert "Delta" in pages["c.html"]  # the next link, resolved through the JSON file


def test_missing_reverse_links_are_added_in_each_format(tmp_path: Path) -> None:
    from editor.core.fixes import make_links_symmetric

    write_article(tmp_path, "a.md", "Alpha", next=("Beta", "b.md"))
    write_toml(tmp_path, "b.md", "Beta", next=("Gamma", "c.md"))
    write_json(tmp_path, "c.md", "Gamma")
    before = {p.name: p.read_text("utf-8") for p in tmp_path.glob("*.md")}
    make_links_symmetric(Library.open(tmp_path)).apply()
    b_text = (tmp_path / "b.md").read_text("utf-8")
    c_text = (tmp_path / "c.md").read_text("utf-8")
    assert tomllib.loads(b_text.split("+++\n")[1])["prev"] == {"title": "Alpha", "path": "a.md"}
    assert json.loads(c_text[: c_text.index("\n}\n") + 2])["prev"] == {
        "title": "Beta",
        "path": "b.md",
    }
    for name, text in (("b.md", b_text), ("c.md", c_text)):
        removed, added = changed_lines(before[name], text)
        assert removed == [] and len(added) in (1, 4), (name, added)  # only new lines
