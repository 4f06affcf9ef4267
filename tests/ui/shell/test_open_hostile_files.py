"""Opening hostile files in the window: a message, never a hang, nothing lost."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor.ui.shell.main_window import MainWindow

Factory = Callable[..., MainWindow]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="special files are POSIX files")


def _zero(folder: Path) -> Path:
    (folder / "zero.md").symlink_to("/dev/zero")
    return folder / "zero.md"


def _pipe(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.md")
    return folder / "pipe.md"


def _loop(folder: Path) -> Path:
    (folder / "loop.md").symlink_to("loop.md")
    return folder / "loop.md"


@pytest.mark.parametrize(
    ("make", "words"),
    [(_zero, "character device"), (_pipe, "named pipe"), (_loop, "loops")],
    ids=["link to /dev/zero", "named pipe", "symlink loop"],
)
def test_special_file_is_refused_and_the_article_stays(
    make_window: Factory, tmp_path: Path, make: Callable[[Path], Path], words: str
) -> None:
    window = make_window()
    before = window.document.path
    path = make(tmp_path)
    assert not window.open_path(path)
    assert window.document.path == before
    text = window.message_bar.label.text()
    assert path.name in text and words in text, text


def test_an_interrupted_in_place_save_is_pointed_out_on_open(
    make_window: Factory, tmp_path: Path
) -> None:
    path = tmp_path / "linked.md"
    path.write_text("---\ntitle: Half written\n---\nBody.\n", encoding="utf-8")
    backup = tmp_path / ".~article-editor-linked.md.x1y2.in-place-backup"
    backup.write_text("---\ntitle: Whole\n---\nBody.\n", encoding="utf-8")
    window = make_window(path)
    text = window.message_bar.label.text()
    assert "interrupted" in text and str(backup) in text, text
    assert backup.exists()  # never removed by the editor: it is the copy to recover from


def test_save_as_replaces_a_file_only_once_confirmed(
    make_window: Factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from editor.ui.shell import prompts

    window = make_window()
    other = tmp_path / "other.md"
    other.write_text("someone else's text\n", encoding="utf-8")
    # The file dialog is given "other" (no suffix): it never asked about other.md.
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(tmp_path / "other"), "")
    )
    asked: list[str] = []

    def answer(_parent: object, name: str) -> bool:
        asked.append(name)
        return False

    monkeypatch.setattr(prompts, "confirm_replace_file", answer)
    assert not window.save_as()
    assert asked == ["other.md"]
    assert other.read_text(encoding="utf-8") == "someone else's text\n"
    monkeypatch.setattr(prompts, "confirm_replace_file", lambda *_a: True)
    assert window.save_as()
    assert window.document.path == other
    assert "someone else's text" not in other.read_text(encoding="utf-8")


def test_a_50_mb_file_is_refused_with_its_size_and_listed_in_the_library(
    make_window: Factory, tmp_path: Path, qtbot: QtBot
) -> None:
    """Named with its size and the limit, like any file that cannot be opened; never written."""
    folder = tmp_path / "lib"
    folder.mkdir()
    article = folder / "harbour.md"
    article.write_text("---\ntitle: Harbour vote\nsummary: Yes.\n---\nBody.\n", encoding="utf-8")
    huge = folder / "huge.md"
    huge.write_text("---\ntitle: Far too long\n---\n", encoding="utf-8")
    os.truncate(huge, 50 * 1024 * 1024)  # sparse: made at once, takes no disk
    before = huge.stat()
    window = make_window(article)
    words = "the file is 50.0 MB; articles larger than 20 MB are not read"

    assert not window.open_path(huge)
    assert window.document.path == article
    text = window.message_bar.label.text()
    assert "huge.md" in text and words in text, text

    library = window.library_ui
    with qtbot.waitSignal(library.controller.problemsChanged, timeout=10000):
        library.open_folder(folder)
    assert library.sidebar.model.rowCount() == 2
    problems = library.controller.problems_for(huge)
    assert [(p.code, p.message) for p in problems] == [("invalid-front-matter", words)]
    library.sidebar.articleActivated.emit(huge)
    assert window.document.path == article
    assert words in window.message_bar.label.text()
    after = huge.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
