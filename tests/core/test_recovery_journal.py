"""The recovery journal keeps unsaved text safely and never stops the editor starting."""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.core import atomic_write
from editor.core.errors import ArticleError
from editor.core.recovery import RecoveryJournal, new_entry_id

TEXT = "---\ntitle: Notes from the lighthouse\n---\nThe lamp turns twice a minute.\n"


def test_write_then_read_back(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "recovery")
    entry_id = new_entry_id()
    before = _dt.datetime.now(_dt.UTC)
    journal.write(
        entry_id,
        tmp_path / "lighthouse.md",
        TEXT,
        {"title": "Notes from the lighthouse", "date": _dt.date(2024, 5, 1), "tags": {"b", "a"}},
        "Notes from the lighthouse",
    )
    [entry] = journal.entries()
    assert journal.problems == []
    assert entry.id == entry_id
    assert entry.original_path == tmp_path / "lighthouse.md"
    assert entry.text == TEXT
    assert entry.title == "Notes from the lighthouse"
    assert entry.metadata == {
        "title": "Notes from the lighthouse",
        "date": "2024-05-01",
        "tags": ["a", "b"],
    }
    assert before - _dt.timedelta(seconds=1) <= entry.saved_at <= _dt.datetime.now(_dt.UTC)
    assert entry.pid == os.getpid()
    assert not entry.writer_alive()


def test_a_new_article_has_no_path(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path)
    journal.write(new_entry_id(), None, "Just started typing", {}, "")
    [entry] = journal.entries()
    assert entry.original_path is None
    assert entry.text == "Just started typing"


def test_rewriting_keeps_one_entry_per_buffer_and_the_latest_text(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path)
    first, second = new_entry_id(), new_entry_id()
    for n in range(5):
        journal.write(first, None, f"draft {n}", {}, "First")
    journal.write(second, None, "other buffer", {}, "Second")
    entries = journal.entries()
    assert [e.id for e in entries] == [second, first]  # newest first
    assert entries[1].text == "draft 4"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{first}.json", f"{second}.json"])


def test_remove(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path)
    entry_id = new_entry_id()
    journal.write(entry_id, None, "x", {}, "")
    journal.remove(entry_id)
    journal.remove(entry_id)  # twice is fine
    assert journal.entries() == []
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_an_empty_journal(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "not-yet")
    assert journal.entries() == []
    assert not (tmp_path / "not-yet").exists()  # reading creates nothing


def test_the_folder_is_created_private(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "recovery"
    RecoveryJournal(folder).write(new_entry_id(), None, "private", {}, "")
    assert folder.stat().st_mode & 0o777 == 0o700


def test_awkward_text_survives(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path)
    text = 'Quotes " \\ tabs\t CR\r\n NUL\x00 emoji 🌊 RTL \u202e lone \ud800 surrogate'
    entry_id = new_entry_id()
    journal.write(entry_id, "/some/dir/ü ñ.md", text, {"nan": float("nan"), "b": b"\x00"}, text)
    [entry] = journal.entries()
    assert entry.text == text
    assert entry.title == text
    assert entry.original_path == Path("/some/dir/ü ñ.md")
    assert entry.metadata == {"nan": "nan", "b": "AA=="}


@pytest.mark.parametrize("bad_id", ["", "../escape", "x" * 32, "A" * 32, new_entry_id() + "/"])
def test_ids_cannot_leave_the_folder(tmp_path: Path, bad_id: str) -> None:
    journal = RecoveryJournal(tmp_path / "recovery")
    with pytest.raises(ValueError, match="not a recovery entry id"):
        journal.write(bad_id, None, "x", {}, "")


CORRUPT: dict[str, tuple[bytes | None, str]] = {
    "empty file": (b"", "not valid JSON"),
    "truncated JSON": (b'{"kind": "article-editor recovery", "format": 1, "te', "not valid JSON"),
    "not UTF-8": (b"\xff\xfe{}", "not valid JSON"),
    "a list": (b"[1, 2]", "not a recovery entry"),
    "someone else's JSON": (b'{"name": "settings"}', "not a recovery entry"),
    "a future format": (None, "format 99"),
    "text edited by hand": (None, "checksum"),
    "missing text": (None, "'text'"),
    "bad time": (None, "invalid time"),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
}


@pytest.mark.parametrize("name", list(CORRUPT))
def test_corrupt_files_are_skipped_and_reported(tmp_path: Path, name: str) -> None:
    journal = RecoveryJournal(tmp_path)
    good = new_entry_id()
    journal.write(good, None, "keep me", {}, "Good")
    bad_id = new_entry_id()
    data, words = CORRUPT[name]
    if data is None:
        record = json.loads((tmp_path / f"{good}.json").read_text(encoding="ascii"))
        record["id"] = bad_id
        if name == "a future format":
            record["format"] = 99
        elif name == "text edited by hand":
            record["text"] = "changed"
        elif name == "missing text":
            del record["text"]
        elif name == "bad time":
            record["saved_at"] = "yesterday"
        data = json.dumps(record).encode()
    (tmp_path / f"{bad_id}.json").write_bytes(data)

    entries = journal.entries()

    assert [e.id for e in entries] == [good]
    [problem] = journal.problems
    assert problem.path == tmp_path / f"{bad_id}.json"
    assert words in problem.reason
    # Reported, never deleted: the user may still want to look at it.
    assert (tmp_path / f"{bad_id}.json").exists()


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path)
    entry_id = new_entry_id()
    journal.write(entry_id, None, "x", {}, "")
    (tmp_path / f"{entry_id}.json").rename(tmp_path / f"{new_entry_id()}.json")
    assert journal.entries() == []
    assert "does not match" in journal.problems[0].reason


def test_temporary_and_foreign_files_are_ignored(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path)
    temp = f"{atomic_write.TEMP_PREFIX}{new_entry_id()}.json.abc{atomic_write.TEMP_SUFFIX}"
    (tmp_path / temp).write_text('{"kind": "half written', encoding="ascii")
    (tmp_path / f".{new_entry_id()}.json").write_text("{}", encoding="ascii")
    (tmp_path / "notes.txt").write_text("hello", encoding="ascii")
    (tmp_path / "sub.json").mkdir()
    assert journal.entries() == []
    assert [p.reason for p in journal.problems] == ["cannot be read: Is a directory"]


def test_unwritable_folder_is_an_article_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way", encoding="ascii")
    journal = RecoveryJournal(blocker / "recovery")
    with pytest.raises(ArticleError, match="recovery folder"):
        journal.write(new_entry_id(), None, "x", {}, "")


def test_an_entry_of_a_running_window_is_marked_alive(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path)
    script = (
        "import sys, time\n"
        "from editor.core.recovery import RecoveryJournal\n"
        "RecoveryJournal(__import__('pathlib').Path(sys.argv[1]))"
        ".write(sys.argv[2], None, 'live', {}, 'Live')\n"
        "print('ready', flush=True)\n"
        "time.sleep(30)\n"
    )
    entry_id = new_entry_id()
    other = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path), entry_id],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "ready"
        [entry] = journal.entries()
        assert entry.writer_alive()
    finally:
        other.kill()
        other.wait()
    # Gone (and reaped): its entry is now recoverable.
    deadline = time.monotonic() + 5
    while journal.entries()[0].writer_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not journal.entries()[0].writer_alive()


@pytest.mark.parametrize(
    "original",
    [
        '+++\ntitle = "Tide notes"  # kept\nwhen = 1979-05-27T07:32:00Z\nat = 07:32:00\n'
        "+++\nBody.\n",
        '{\n    "title": "Tide notes",\n    "ratio": 1.50\n}\nBody.\n',
    ],
    ids=["toml", "json"],
)
def test_unsaved_toml_and_json_articles_come_back_in_their_own_format(
    original: str, tmp_path: Path
) -> None:
    from editor.core.article import load_article, parse_article

    path = tmp_path / "tide.md"
    path.write_text(original, encoding="utf-8")
    article = load_article(path)
    article.title = "Tide notes, corrected"
    article.body = "Body, edited.\n"
    journal = RecoveryJournal(tmp_path / "recovery")
    journal.write(new_entry_id(), path, article.to_text(), dict(article.metadata), article.title)
    [entry] = journal.entries()
    recovered = parse_article(entry.text, path)
    assert recovered.front_matter_format == article.front_matter_format
    assert (recovered.title, recovered.body) == ("Tide notes, corrected", "Body, edited.\n")
    assert entry.metadata["title"] == "Tide notes, corrected"
    # only the title line and the body differ from the file on disk
    changed = [
        a for a, b in zip(original.splitlines(), entry.text.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 2
    assert path.read_text(encoding="utf-8") == original
