"""Start the application: QApplication, settings, the window and the first article."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from editor.resources import resource, samples_folder
from editor.ui.shell.file_open_events import FileOpenFilter
from editor.ui.shell.main_window import APP_NAME, MainWindow
from editor.ui.shell.settings import AppSettings
from editor.ui.shell.startup import StartupGate

ORGANIZATION = "ArticleEditor"
UI_SWITCH_INTERVAL_S = 0.001
APPLICATION = "article-editor"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the names QSettings and the data folders are keyed by."""
    # The scan, the checks, the preview render and the word list run in Python
    # threads; each time the window thread wants the interpreter back it waits
    # up to this long (5 ms by default, and a Qt call may release and retake it
    # many times in one event). 1 ms keeps the window responsive under that load.
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName(APP_NAME)
    icon_file = resource("icons", "article-editor.svg")
    app.setWindowIcon(QIcon(str(icon_file)))
    return app


def default_article() -> Path:
    """The first sample article: what a newcomer sees on the first start."""
    folder = samples_folder()
    # A listing, not Path.glob: glob compiles a pattern, a cost the first paint would pay.
    names = sorted(name for name in os.listdir(folder) if name.endswith(".md"))
    if not names:
        raise FileNotFoundError("the sample library is missing from this installation")
    return folder / names[0]


def create_main_window(
    path: str | Path | None = None, settings: AppSettings | None = None
) -> MainWindow:
    """A window showing ``path`` (or the first sample article when None)."""
    window = MainWindow(settings if settings is not None else AppSettings(QSettings()))
    target = Path(path) if path is not None else default_article()
    if target.is_dir():  # `article-editor DIR` opens the folder as a library
        window.open_folder(target, open_first=True)
    else:
        window.open_path(target)
    return window


def run_app(path: str | None = None) -> int:
    app = create_application()
    # macOS Finder passes files as QFileOpenEvent, not as arguments; the filter
    # keeps any that arrive before the window exists.
    opener = FileOpenFilter(app)
    app.installEventFilter(opener)
    # The article's text goes on screen first; the preview, spelling, library
    # scan and recovery journal wait for that first paint (startup.py).
    gate = StartupGate.open(app)
    window = create_main_window(path)
    opener.set_handler(lambda opened: window.open_path_prompting(Path(opened)))
    gate.watch(window)
    gate.defer(window.offer_recovery)
    window.show()
    return app.exec()
