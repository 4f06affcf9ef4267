"""Take the README's screenshots of the editor with the sample library.

Run on an X server (a desktop, or Xvfb on a build machine):

    xvfb-run -s "-screen 0 1600x1000x24" python tests/make_screenshots.py resources/screenshots

It opens a private copy of ``resources/samples`` as a library in the window's
default size, in the light and the dark theme, and saves the main window,
focus mode and the Rename Title Everywhere preview. Settings and caches go
to a temporary folder, never the user's.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(out: Path) -> int:
    home = Path(tempfile.mkdtemp(prefix="article-editor-shots-"))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(home / name.lower())
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from editor.core.fixes import rename_title
    from editor.core.library import Library
    from editor.ui.library.fix_dialog import FixDialog
    from editor.ui.shell.app import create_application, create_main_window
    from editor.ui.shell.theme import ThemeChoice
    from tests.ui.screens import copy_samples, settle

    app = create_application()
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    for theme, suffix in ((ThemeChoice.LIGHT, ""), (ThemeChoice.DARK, "-dark")):
        samples = copy_samples(home / theme.value)
        window = create_main_window(samples)
        window.set_theme(theme)
        window.show()
        library = window.library_ui
        library.controller.wait()
        for _ in range(50):
            settle(app)
            if len(library.chain.boxes) == 4:
                break
        app.processEvents()
        _wait(app, 600)
        window.grab().save(str(out / f"main-window{suffix}.png"))
        plan = rename_title(
            Library.open(samples),
            samples / "02-night-ferry.md",
            "Night ferry to the outer islands returns after a two-year pause in service",
        )
        dialog = FixDialog(plan, window)
        dialog.show()
        _wait(app, 200)
        dialog.grab().save(str(out / f"fix-dialog{suffix}.png"))
        dialog.reject()
        window.writing_tools.focus.enter(full_screen=False)
        _wait(app, 300)
        window.grab().save(str(out / f"focus-mode{suffix}.png"))
        window.writing_tools.focus.leave()
        window.document.undo_stack.setClean()
        window.close()
        settle(app)
    print(f"screenshots written to {out}")
    return 0


def _wait(app: object, msecs: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshots"))
