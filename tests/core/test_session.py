"""One open file's life cycle without Qt: open, fall back to raw text, save, notice changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core import session as session_module
from editor.core.article import ConflictError, content_hash, load_article
from editor.core.errors import ArticleError
from editor.core.session import MAX_RAW_CHARS, OpenFile, read_disk_text

GOOD = (
    "---\ntitle: Lock keeper retires\nsummary: Forty years at the weir.\n---\nShe kept the lock.\n"
)
BROKEN = "---\ntitle: [unclosed\nsummary: fine\n---\nThe body survives the broken header.\n"


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "lock.md"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "broken.md"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_a_new_file_has_no_path_and_nothing_on_disk() -> None:
    opened = OpenFile()
    assert opened.path is None
    assert not opened.is_raw
    assert opened.disk_hash is None
    assert opened.text == ""
    assert not opened.changed_on_disk()
    with pytest.raises(ArticleError, match="no file yet"):
        opened.save("Body\n")


def test_load_reads_the_article_and_remembers_its_bytes(good_file: Path) -> None:
    opened = OpenFile()
    opened.load(good_file)
    assert opened.path == good_file
    assert not opened.is_raw
    assert opened.article.title == "Lock keeper retires"
    assert opened.text == "She kept the lock.\n"
    assert opened.disk_hash == content_hash(good_file.read_bytes())
    assert opened.fingerprint.exists and opened.fingerprint.size == len(GOOD.encode())
    assert not opened.changed_on_disk()
    assert opened.disk_text() == GOOD


def test_broken_front_matter_opens_as_raw_text_with_the_error(broken_file: Path) -> None:
    opened = OpenFile()
    opened.load(broken_file)
    assert opened.is_raw
    assert opened.raw_error is not None and opened.raw_error.line == 2
    assert opened.path == broken_file
    assert opened.text == BROKEN  # the whole file, front matter included, for hand repair
    assert opened.disk_hash == content_hash(broken_file.read_bytes())
    assert not opened.changed_on_disk()


def test_a_huge_broken_file_is_an_error_not_raw_text(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    filler = ("A line of ordinary prose about the river. " * 2 + "\n") * (MAX_RAW_CHARS // 80)
    path.write_text("---\ntitle: [unclosed\n---\n" + filler, encoding="utf-8")
    assert len(path.read_text(encoding="utf-8")) > MAX_RAW_CHARS
    opened = OpenFile()
    with pytest.raises(ArticleError) as info:
        opened.load(path)
    assert info.value.line == 2  # the front-matter error itself, not a vaguer one
    assert opened.path is None and not opened.is_raw  # what was open stays open


def test_files_that_cannot_be_shown_even_as_text_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "picture.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = tmp_path / "latin.md"
    latin.write_bytes("---\ntitle: [x\n---\nCaf\xe9\n".encode("latin-1"))
    opened = OpenFile()
    with pytest.raises(ArticleError, match="binary"):
        opened.load(binary)
    with pytest.raises(ArticleError, match="UTF-8"):
        opened.load(latin)
    with pytest.raises(ArticleError, match="does not exist"):
        opened.load(tmp_path / "missing.md")
    with pytest.raises(ArticleError, match="folder"):
        opened.load(tmp_path)
    assert opened.path is None


def test_saving_repaired_raw_text_makes_it_an_article_again(broken_file: Path) -> None:
    opened = OpenFile()
    opened.load(broken_file)
    repaired = BROKEN.replace("[unclosed", "Repaired by hand")
    assert opened.save(repaired) == broken_file
    assert broken_file.read_text(encoding="utf-8") == repaired
    assert not opened.is_raw
    assert opened.article.title == "Repaired by hand"
    assert opened.text == "The body survives the broken header.\n"
    assert opened.disk_hash == content_hash(broken_file.read_bytes())
    # Saving again is an ordinary article save, not a conflict with our own write.
    opened.article.summary = "Now readable."
    opened.save(opened.text)
    assert load_article(broken_file).summary == "Now readable."


def test_raw_text_still_broken_is_written_as_it_is_and_stays_raw(broken_file: Path) -> None:
    opened = OpenFile()
    opened.load(broken_file)
    edited = BROKEN + "Another paragraph.\n"
    opened.save(edited)
    assert broken_file.read_text(encoding="utf-8") == edited
    assert opened.is_raw and opened.raw_error is not None
    assert opened.raw_error.path == broken_file
    assert not opened.changed_on_disk()


def test_raw_text_saved_elsewhere_gets_the_error_with_its_new_path(tmp_path: Path) -> None:
    opened = OpenFile()
    opened.load_text(BROKEN)  # a recovered buffer: not on disk, no path yet
    assert opened.is_raw and opened.path is None and opened.disk_hash is None
    target = tmp_path / "kept.md"
    opened.save(BROKEN, target)
    assert target.read_text(encoding="utf-8") == BROKEN
    assert opened.path == target
    assert opened.raw_error is not None and opened.raw_error.path == target


def test_a_change_by_another_program_is_a_conflict_until_overwrite(good_file: Path) -> None:
    opened = OpenFile()
    opened.load(good_file)
    theirs = GOOD.replace("Forty", "Fifty")
    good_file.write_text(theirs, encoding="utf-8")
    assert opened.changed_on_disk()
    assert opened.disk_text() == theirs
    with pytest.raises(ConflictError):
        opened.save("My body.\n")
    assert good_file.read_text(encoding="utf-8") == theirs  # nothing lost
    opened.save("My body.\n", overwrite=True)
    assert load_article(good_file).body == "My body.\n"
    assert not opened.changed_on_disk()


def test_raw_text_also_refuses_to_overwrite_a_change(broken_file: Path) -> None:
    opened = OpenFile()
    opened.load(broken_file)
    broken_file.write_text("someone else's repair\n", encoding="utf-8")
    with pytest.raises(ConflictError):
        opened.save(BROKEN + "mine\n")
    assert broken_file.read_text(encoding="utf-8") == "someone else's repair\n"
    opened.save(BROKEN + "mine\n", overwrite=True)
    assert broken_file.read_text(encoding="utf-8") == BROKEN + "mine\n"


def test_same_bytes_written_again_is_not_a_change(good_file: Path) -> None:
    opened = OpenFile()
    opened.load(good_file)
    replacement = good_file.with_name("lock.md.new")
    replacement.write_text(GOOD, encoding="utf-8")
    replacement.replace(good_file)  # another program's save: new file, same text
    assert not opened.changed_on_disk()
    opened.save("Edited.\n")
    assert load_article(good_file).body == "Edited.\n"


def test_a_deleted_file_counts_as_changed_and_saving_writes_it_again(good_file: Path) -> None:
    opened = OpenFile()
    opened.load(good_file)
    good_file.unlink()
    assert opened.changed_on_disk()
    with pytest.raises(ArticleError, match="does not exist"):
        opened.disk_text()
    opened.save("Back on disk.\n")
    assert load_article(good_file).title == "Lock keeper retires"
    assert not opened.changed_on_disk()


def test_a_recovered_buffer_keeps_the_hash_it_was_journaled_with(good_file: Path) -> None:
    journaled_hash = content_hash(good_file.read_bytes())
    good_file.write_text(GOOD.replace("weir", "mill"), encoding="utf-8")
    opened = OpenFile()
    opened.load_text(GOOD.replace("kept", "minded"), good_file)
    assert opened.disk_hash is None  # text not read from disk: nothing to compare with
    opened.assume_read_from(journaled_hash)
    assert opened.disk_hash == journaled_hash
    assert opened.changed_on_disk()  # the file moved on since the text was journaled
    with pytest.raises(ConflictError):
        opened.save(opened.text)


def test_new_drops_the_file(good_file: Path) -> None:
    opened = OpenFile()
    opened.load(good_file)
    opened.new()
    assert opened.path is None and opened.disk_hash is None and opened.text == ""


def test_read_disk_text_names_the_file_when_it_cannot(tmp_path: Path) -> None:
    path = tmp_path / "gone.md"
    with pytest.raises(ArticleError) as info:
        read_disk_text(path)
    assert info.value.path == path
    path.write_text("plain\n", encoding="utf-8")
    assert session_module.read_disk_text(path) == "plain\n"
