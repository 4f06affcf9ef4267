"""The preview shows local images by the export's rule: regular files inside the library only."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from editor.ui.shell.main_window import MainWindow

Factory = Callable[..., MainWindow]
IMAGE = QTextDocument.ResourceType.ImageResource.value


def _png(path: Path) -> None:
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    assert image.save(str(path), "PNG")


def _loads(window: MainWindow, address: str) -> bool:
    """Whether the preview shows the file's own pixels (a 4x4 teal square) for ``address``."""
    image = window.preview.loadResource(IMAGE, QUrl(address))
    assert isinstance(image, QImage)
    return image.width() == 4 and image.pixelColor(0, 0) == QColor("teal")


def _note(window: MainWindow, address: str) -> str:
    """What the preview says in place of an image it does not show."""
    image = window.preview.loadResource(IMAGE, QUrl(address))
    assert isinstance(image, QImage) and not image.isNull()  # a framed note, not a gap
    return window.preview.image_notes[address]


def test_only_images_inside_the_folder_are_shown(make_window: Factory, tmp_path: Path) -> None:
    folder = tmp_path / "library"
    (folder / "images").mkdir(parents=True)
    _png(folder / "images" / "dot.png")
    _png(tmp_path / "outside.png")
    (folder / "escape.png").symlink_to(tmp_path / "outside.png")
    path = folder / "a.md"
    path.write_text("---\ntitle: A\n---\n![d](images/dot.png)\n", encoding="utf-8")
    window = make_window(path)
    assert _loads(window, "images/dot.png")
    assert not _loads(window, "../outside.png")
    assert not _loads(window, str(tmp_path / "outside.png"))
    assert not _loads(window, (tmp_path / "outside.png").as_uri())
    assert not _loads(window, "escape.png")


def test_an_image_not_shown_leaves_a_note_saying_why(make_window: Factory, tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    _png(tmp_path / "outside.png")
    (folder / "escape.png").symlink_to(tmp_path / "outside.png")
    (folder / "notes.png").write_text("not an image", encoding="utf-8")
    path = folder / "a.md"
    path.write_text("---\ntitle: A\n---\n![o](../outside.png)\n", encoding="utf-8")
    window = make_window(path)
    assert "'..' leads outside the library folder" in _note(window, "../outside.png")
    assert "symbolic link that leads outside" in _note(window, "escape.png")
    assert _note(window, "gone.png") == "Image not found: gone.png"
    assert "not an image the preview can read" in _note(window, "notes.png")


@pytest.mark.skipif(os.name != "posix", reason="named pipes and devices are POSIX files")
def test_a_pipe_or_a_device_named_as_an_image_is_not_read(
    make_window: Factory, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "pipe.png")
    (tmp_path / "zero.png").symlink_to("/dev/zero")
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\n![p](pipe.png)\n", encoding="utf-8")
    window = make_window(path)
    assert not _loads(window, "pipe.png")
    assert not _loads(window, "zero.png")
    assert "not a regular file" in window.preview.image_notes["pipe.png"]
