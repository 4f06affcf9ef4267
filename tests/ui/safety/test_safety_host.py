"""The safety net works in any window that offers what SafetyHost names, not only MainWindow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from editor.core.recovery import RecoveryJournal
from editor.ui.document import ArticleDocument
from editor.ui.safety.change_banner import BannerKind
from editor.ui.safety.safety_net import SafetyHost, SafetyNet, install_safety_net
from editor.ui.shell.message_bar import MessageBar
from editor.ui.shell.settings import AppSettings

TEXT = "---\ntitle: Pier lights\n---\nThe pier lights were repaired.\n"


class BareWindow(QMainWindow):
    """A window with only the parts SafetyHost names: no preview, no library, no panel."""

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.document = ArticleDocument(self)
        self.settings = settings
        self.message_bar = MessageBar()
        self.editor = QPlainTextEdit()
        self.editor.setDocument(self.document.text_document)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.editor)
        self.setCentralWidget(column)
        self.file_menu = self.menuBar().addMenu("&File")
        self.close_action = QAction("&Close", self)
        self.file_menu.addAction(self.close_action)
        self.saves: list[str] = []
        self.rendering_stopped = False

    def save(self) -> bool:
        self.document.save()
        self.saves.append("save")
        return True

    def save_as(self) -> bool:
        self.saves.append("save as")
        return False

    def maybe_save(self) -> bool:
        return True

    def stop_rendering(self) -> None:
        self.rendering_stopped = True


@pytest.fixture
def bare(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[BareWindow, SafetyNet]]:
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = BareWindow(AppSettings(qsettings))
    qtbot.addWidget(window)
    host: SafetyHost = window  # the type checker proves the window is enough
    net = install_safety_net(window, host)
    net.recovery.journal = RecoveryJournal(tmp_path / "recovery")
    yield window, net
    net.window_closed()


def test_the_bare_window_reloads_a_file_changed_by_another_program(
    bare: tuple[BareWindow, SafetyNet], qtbot: QtBot, tmp_path: Path
) -> None:
    window, net = bare
    path = tmp_path / "pier.md"
    path.write_text(TEXT, encoding="utf-8")
    window.document.load(path)
    assert "Recover Unsaved Work…" in [a.text() for a in window.file_menu.actions()]
    path.write_text(TEXT.replace("repaired", "painted"), encoding="utf-8")
    net.watch.check_now(thorough=True)
    qtbot.waitUntil(lambda: "painted" in window.document.body_text(), timeout=5000)
    assert net.banner.kind is BannerKind.HIDDEN


def test_a_modified_buffer_gets_the_banner_and_its_save_goes_to_the_host(
    bare: tuple[BareWindow, SafetyNet], tmp_path: Path
) -> None:
    window, net = bare
    path = tmp_path / "pier.md"
    path.write_text(TEXT, encoding="utf-8")
    window.document.load(path)
    window.editor.appendPlainText("Mine.")
    path.write_text(TEXT.replace("repaired", "painted"), encoding="utf-8")
    net.watch.check_now(thorough=True)
    assert net.banner.kind is BannerKind.CHANGED
    assert "Mine." in window.document.body_text()  # nothing of the writer's is dropped
    dialog = net.compare_with_disk()
    assert dialog is not None
    assert "Mine." in dialog.left_view.toPlainText()
    assert dialog.right_view.toPlainText() == TEXT.replace("repaired", "painted")
    dialog.close()
    net.simulate_crash()
    assert window.rendering_stopped
