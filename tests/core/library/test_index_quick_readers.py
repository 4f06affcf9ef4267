"""The quick readers change how fast a file is indexed, never what its entry holds.

Every file is indexed twice: as the scan does it (the plain YAML and TOML
line readers first), and with the quick readers switched off so that each
file goes through the editor's own YAML parser or the TOML and JSON codecs.
The two entries must be equal in every field: title, summary, links, the
line of each key, the error and its line.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from editor.core.library import fields, index
from editor.core.library.entry import LibraryEntry
from editor.core.library.index import index_file

ROOT = Path(__file__).resolve().parents[3]
CORPORA = {
    "jekyll": ROOT.parent / "shared" / "corpus" / "jekyll",
    "hugo-toml": ROOT.parent / "shared" / "corpus" / "hugo-toml",
}
OWN = [ROOT / "tests" / "fixtures", ROOT / "resources" / "samples"]

#: articles in the shapes a library holds, with the defects libraries have
WRITTEN = {
    "yaml-plain.md": "---\ntitle: Harbour vote\nsummary: Tonight.\ndate: 2026-03-04\n"
    "tags: [harbour, vote]\nprev:\n  title: Earlier\n  path: ../a/earlier.md\nnext: Later\n---\n",
    "yaml-quoted.md": "---\ntitle: \"Quotes: and colons\"\nsummary: 'It''s fine'\n---\nBody.\n",
    "yaml-list.md": "---\ntitle: T\ntags:\n  - a\n  - b\naliases:\n- /x\n---\n",
    "yaml-bad-date.md": "---\ntitle: T\ndate: 2026-02-30\n---\n",
    "yaml-number-title.md": "---\ntitle: 2026\n---\n",
    "yaml-unclosed.md": "---\ntitle: [unclosed\n---\n",
    "yaml-crlf.md": "---\r\ntitle: Windows\r\nsummary: CRLF\r\n---\r\nBody.\r\n",
    "yaml-block.md": "---\ntitle: >\n  Folded\n  title\nsummary: |\n  Literal\n---\n",
    "yaml-bom.md": "\ufeff---\ntitle: With a BOM\n---\n",
    "yaml-link-number.md": "---\ntitle: T\nnext:\n  title: 12\n  path: n.md\n---\n",
    "toml-plain.md": '+++\ntitle = "Tram works"\nsummary = "Late."\ndate = 2026-03-04\n'
    'tags = ["a", "b"]\n\n[prev]\n  title = "Earlier"\n  path = "earlier.md"\n+++\n',
    "toml-dup.md": '+++\ntitle = "A"\ntitle = "B"\n+++\n',
    "toml-bad-date.md": '+++\ntitle = "A"\ndate = 2026-13-45\n+++\n',
    "toml-number-title.md": "+++\ntitle = 5\n+++\n",
    "toml-unclosed.md": '+++\ntitle = "never closed"\n',
    "toml-crlf.md": '+++\r\ntitle = "Windows"\r\n+++\r\n',
    "toml-link-number.md": '+++\ntitle = "T"\n[next]\ntitle = 3\n+++\n',
    "json-plain.md": '{\n  "title": "Night ferry",\n  "prev": {"title": "A", "path": "a.md"}\n}\n',
    "json-dup.md": '{"title": "A", "title": "B"}\n',
    "json-array.md": '[{"title": "A"}]\n',
    "none.md": "Just a body.\n",
    "empty.md": "",
    "cr-only.md": "---\rtitle: Old Mac\r---\rBody.\r",
}


def _files(tmp_path: Path) -> Iterator[Path]:
    for name, text in WRITTEN.items():
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        yield path
    for folder in OWN + [c for c in CORPORA.values() if c.is_dir()]:
        yield from sorted(folder.rglob("*.md"))


def _index(path: Path) -> LibraryEntry:
    st = os.stat(path)
    return index_file(str(path), st.st_size, st.st_mtime_ns, st.st_mode)


def test_entries_are_the_same_with_and_without_the_quick_readers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = list(_files(tmp_path))
    answered = {"yaml": 0, "toml": 0}

    def counted(name: str, reader: Callable[..., Any]) -> Callable[..., Any]:
        def read(*args: Any) -> Any:
            found = reader(*args)
            answered[name] += found is not None
            return found

        return read

    monkeypatch.setattr(fields, "plain_fields", counted("yaml", fields.plain_fields))
    monkeypatch.setattr(index, "plain_toml_fields", counted("toml", index.plain_toml_fields))
    quick = [_index(path) for path in files]
    assert answered["yaml"] >= 10 and answered["toml"] >= 5, answered  # they did the reading
    monkeypatch.setattr(fields, "plain_fields", lambda *_args: None)
    monkeypatch.setattr(fields, "fast_fields", lambda *_args: None)
    monkeypatch.setattr(index, "plain_toml_fields", lambda *_args: None)
    reference = [_index(path) for path in files]
    for path, got, expected in zip(files, quick, reference, strict=True):
        assert got == expected, path
    formats = {entry.front_matter_format for entry in quick}
    assert {"yaml", "toml", "json", ""} <= formats


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_the_real_corpus_is_there_to_compare(name: str) -> None:
    """Say plainly when the comparison above ran without the real files."""
    if not CORPORA[name].is_dir():
        pytest.skip(f"the {name} corpus is not at {CORPORA[name]}; only our own files compared")
    assert any(CORPORA[name].glob("*.md"))
