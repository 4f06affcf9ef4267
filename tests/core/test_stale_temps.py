"""Temporary files left by killed saves are tidied away, and only those."""

from __future__ import annotations

import os
import time
from pathlib import Path

from editor.core.atomic_write import TEMP_PREFIX, TEMP_SUFFIX
from editor.core.stale_temps import remove_stale_temporary_files, stale_temporary_files


def _make(folder: Path, name: str, age_seconds: float) -> Path:
    path = folder / name
    path.write_text("old text", encoding="utf-8")
    when = time.time() - age_seconds
    os.utime(path, (when, when))
    return path


def test_only_old_temporaries_of_this_article_go(tmp_path: Path) -> None:
    article = tmp_path / "tides.md"
    article.write_text("---\ntitle: Tides\n---\n", encoding="utf-8")
    old = _make(tmp_path, f"{TEMP_PREFIX}tides.md.abc123{TEMP_SUFFIX}", 3600)
    fresh = _make(tmp_path, f"{TEMP_PREFIX}tides.md.def456{TEMP_SUFFIX}", 5)
    other = _make(tmp_path, f"{TEMP_PREFIX}harbour.md.abc{TEMP_SUFFIX}", 3600)
    similar = _make(tmp_path, f"{TEMP_PREFIX}tides.md.abc.txt", 3600)
    link = tmp_path / f"{TEMP_PREFIX}tides.md.link{TEMP_SUFFIX}"
    link.symlink_to(article)
    os.utime(link, (1, 1), follow_symlinks=False)

    assert stale_temporary_files(article) == [old]
    assert remove_stale_temporary_files(article) == 1
    assert not old.exists()
    for kept in (article, fresh, other, similar, link):
        assert kept.exists() or kept.is_symlink()
    assert article.read_text(encoding="utf-8") == "---\ntitle: Tides\n---\n"


def test_a_missing_folder_is_nothing_to_do(tmp_path: Path) -> None:
    assert remove_stale_temporary_files(tmp_path / "gone" / "a.md") == 0
