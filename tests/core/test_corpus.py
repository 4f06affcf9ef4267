"""Real front-matter files from another project survive the editor untouched.

The corpus (193 Jekyll documentation pages) lives beside the checkout in
``../shared/corpus/jekyll`` and is only read here, never copied into the
project. Each file must save untouched to the same bytes, and changing its
title or adding a summary must change only those lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from editor.core.article import load_article, parse_article, save_article
from tests.core.linediff import changed_lines

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "jekyll"
EXPECTED_FILES = 193
NEW_TITLE = "Changed by the editor: ünïcode, #hash & 'quotes'"
NEW_SUMMARY = "A summary added by the corpus test."

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the corpus folder {CORPUS} does not exist beside the checkout; "
    "the real-file round-trip tests are skipped",
)


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file())


def variants(path: Path) -> Iterator[tuple[str, str]]:
    """The file as it is, and in memory with CRLF endings and a BOM."""
    text = path.read_bytes().decode("utf-8")
    yield "as is", text
    yield "crlf", text.replace("\r\n", "\n").replace("\n", "\r\n")
    yield "bom", "\ufeff" + text


def front_matter_lines(text: str) -> tuple[list[str], int]:
    """The file's lines and the index of the closing '---' line."""
    lines = text.splitlines(keepends=True)
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    return lines, closing


def title_line_range(text: str) -> tuple[int, int, int] | None:
    """[first, last) line indexes of the title entry and its value's column, found by PyYAML."""
    lines, closing = front_matter_lines(text)
    root = yaml.compose("".join(lines[1:closing]), Loader=yaml.SafeLoader)
    for key, value in [] if root is None else root.value:
        if key.value == "title":
            end = value.end_mark
            last = end.line if end.column > 0 else end.line - 1
            return key.start_mark.line + 1, last + 2, value.start_mark.column
    return None


def test_corpus_has_all_files() -> None:
    files = corpus_files()
    print(f"corpus: {len(files)} files in {CORPUS.resolve()}")
    assert len(files) == EXPECTED_FILES


def test_every_file_loads_and_saves_untouched_to_the_same_bytes(tmp_path: Path) -> None:
    failures = []
    saved = 0
    for path in corpus_files():
        data = path.read_bytes()
        article = load_article(path)
        target = tmp_path / path.name
        save_article(article, target)
        if target.read_bytes() != data:
            failures.append(f"{path.name}: saved bytes differ")
        for variant, text in variants(path):
            if parse_article(text).to_bytes() != text.encode("utf-8"):
                failures.append(f"{path.name} ({variant}): untouched text differs")
        saved += 1
        target.unlink()
    print(f"corpus: {saved} files saved untouched, {len(failures)} differed")
    assert failures == []
    assert saved == EXPECTED_FILES
    assert path.read_bytes() == data  # the corpus itself is only read


def test_title_change_changes_only_the_title_lines() -> None:
    failures = []
    changed = added = 0
    for path in corpus_files():
        for variant, text in variants(path):
            plain = text.removeprefix("\ufeff")
            newline = "\r\n" if variant == "crlf" else "\n"
            before = parse_article(text)
            article = parse_article(text)
            article.title = NEW_TITLE
            after = article.to_text()
            removed_lines, added_lines = changed_lines(plain, after)
            span = title_line_range(plain)
            lines, closing = front_matter_lines(plain)
            if span is None:
                # No title yet: it is added as the last line of the block.
                expected_removed: list[str] = []
                prefix = "title: "
                ok_position = after.splitlines(keepends=True)[closing].startswith(prefix)
                added += variant == "as is"
            else:
                # The value is replaced in place: the text before it stays.
                expected_removed = lines[span[0] : span[1]]
                prefix = expected_removed[0][: span[2]]
                ok_position = True
                changed += variant == "as is"
            if (
                removed_lines != expected_removed
                or len(added_lines) != 1
                or not added_lines[0].startswith((prefix + '"Changed', prefix + "'Changed"))
                or not added_lines[0].endswith(newline)
                or not ok_position
            ):
                failures.append(f"{path.name} ({variant}): -{removed_lines} +{added_lines}")
                continue
            again = parse_article(after)
            if again.title != NEW_TITLE or again.metadata != {
                **before.metadata,
                "title": NEW_TITLE,
            }:
                failures.append(f"{path.name} ({variant}): reads back differently")
            if again.body != before.body:
                failures.append(f"{path.name} ({variant}): body changed")
    print(f"corpus: title replaced in {changed} files, added to {added}; {len(failures)} failures")
    assert failures == []
    assert changed + added == EXPECTED_FILES


def test_summary_is_added_at_the_end_without_touching_other_lines() -> None:
    failures = []
    for path in corpus_files():
        for variant, text in variants(path):
            plain = text.removeprefix("\ufeff")
            newline = "\r\n" if variant == "crlf" else "\n"
            before = parse_article(text)
            article = parse_article(text)
            article.summary = NEW_SUMMARY
            after = article.to_text()
            lines, closing = front_matter_lines(plain)
            expected = "".join(lines[:closing]) + f"summary: {NEW_SUMMARY}{newline}"
            expected += "".join(lines[closing:])
            if after != expected:
                failures.append(f"{path.name} ({variant}): {changed_lines(plain, after)}")
                continue
            again = parse_article(after)
            if list(again.metadata) != [*before.metadata, "summary"] or again.metadata != {
                **before.metadata,
                "summary": NEW_SUMMARY,
            }:
                failures.append(f"{path.name} ({variant}): reads back differently")
    print(f"corpus: summary added to {len(corpus_files())} files; {len(failures)} failures")
    assert failures == []
