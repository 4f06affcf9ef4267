"""The preview pane never fetches from the network and hands article links to the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from pytestqt.qtbot import QtBot

from editor.ui.preview.view import PreviewPane, preview_stylesheet

IMAGE = QTextDocument.ResourceType.ImageResource.value


def test_remote_images_are_never_loaded_and_local_ones_are(qtbot: QtBot, tmp_path: Path) -> None:
    pane = PreviewPane()
    qtbot.addWidget(pane)
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("#ffffff"))
    picture.save(str(tmp_path / "photo.png"))
    remote = pane.loadResource(IMAGE, QUrl("https://example.org/photo.png"))
    assert isinstance(remote, QImage) and remote.isNull()
    relative = pane.loadResource(IMAGE, QUrl("photo.png"))
    assert isinstance(relative, QImage) and relative.isNull()  # no folder known yet
    pane.set_base_folder(tmp_path)
    local = pane.loadResource(IMAGE, QUrl("photo.png"))
    assert isinstance(local, QImage) and local.width() == 8


def test_a_link_to_an_article_is_reported_and_other_links_are_not_followed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.set_base_folder(tmp_path)
    with qtbot.waitSignal(pane.articleLinkActivated, timeout=1000) as opened:
        pane.anchorClicked.emit(QUrl("next-story.md"))
    assert opened.args == [tmp_path / "next-story.md"]
    with qtbot.waitSignal(pane.message, timeout=1000) as told:
        pane.anchorClicked.emit(QUrl("ftp://example.org/file"))
    assert told.args == ["Link not followed: ftp://example.org/file"]


def test_dark_and_light_pages_have_their_own_stylesheet(qtbot: QtBot) -> None:
    pane = PreviewPane()
    qtbot.addWidget(pane)
    assert preview_stylesheet(True) != preview_stylesheet(False)
    assert pane.set_dark(True)
    assert pane.document().defaultStyleSheet() == preview_stylesheet(True)
    assert not pane.set_dark(True)  # unchanged: no need to parse the page again
