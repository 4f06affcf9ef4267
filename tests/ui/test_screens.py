"""The main window, focus mode, the fix dialog and the chain at two sizes in both themes.

What a screenshot shows a writer is checked mechanically here: no text in the
article panel, the dialog or the chain is cut off (its width against the room
it has, every chain item inside the view), and every label, banner and badge
reaches a contrast of 4.5:1 (WCAG AA) on what is drawn behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.core.fixes import rename_title
from editor.core.library import Library
from editor.ui.library.fix_dialog import FixDialog
from editor.ui.shell.main_window import MainWindow
from editor.ui.shell.palette import contrast_ratio, palette_for
from editor.ui.shell.theme import ThemeChoice
from tests.ui.screens import SIZES, chain_findings, clipped_text, weak_contrast

Factory = Callable[..., MainWindow]
THEMES = [ThemeChoice.LIGHT, ThemeChoice.DARK]


def _ids(value: object) -> str:
    if isinstance(value, ThemeChoice):
        return value.value
    if isinstance(value, tuple):
        return "x".join(str(v) for v in value)
    return str(value)


def _library_window(
    make_window: Factory, qtbot: QtBot, folder: Path, size: tuple[int, int], theme: ThemeChoice
) -> MainWindow:
    window = make_window(folder)
    window.resize(*size)
    window.set_theme(theme)
    library = window.library_ui
    qtbot.waitUntil(lambda: len(getattr(library.chain, "boxes", {})) == 4, timeout=10000)
    qtbot.waitUntil(lambda: library.chain.viewport().height() >= library.chain.content_height())
    qtbot.waitUntil(lambda: window.size().width() == size[0])
    QApplication.processEvents()
    return window


@pytest.mark.parametrize("theme", THEMES, ids=_ids)
@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_main_window_and_chain_read_well(
    make_window: Factory,
    qtbot: QtBot,
    samples_copy: Path,
    size: tuple[int, int],
    theme: ThemeChoice,
) -> None:
    window = _library_window(make_window, qtbot, samples_copy, size, theme)
    image = window.grab().toImage()
    scale = image.devicePixelRatio()
    findings = [
        *clipped_text(window.panel),
        *chain_findings(window.library_ui.chain),
        *weak_contrast(window, image, scale),
    ]
    assert [str(f) for f in findings] == []
    # The error banner, as a broken front matter shows it.
    window.message_bar.show_message("The front matter could not be read (line 3).", "error")
    QApplication.processEvents()
    image = window.grab().toImage()
    findings = list(weak_contrast(window.message_bar.parentWidget(), image, scale))
    assert [str(f) for f in findings] == []
    window.message_bar.dismiss()
    # Badges: the sidebar paints each in the theme it is drawn in.
    colours = palette_for(window.library_ui.sidebar.view)
    assert colours.dark == (theme is ThemeChoice.DARK)
    for code in colours.problems:
        assert contrast_ratio(colours.badge_text, colours.problem(code)) >= 4.5, code
    window.set_theme(ThemeChoice.SYSTEM)


@pytest.mark.parametrize("theme", THEMES, ids=_ids)
@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_focus_mode_reads_well(
    make_window: Factory,
    qtbot: QtBot,
    samples_copy: Path,
    size: tuple[int, int],
    theme: ThemeChoice,
) -> None:
    window = _library_window(make_window, qtbot, samples_copy, size, theme)
    focus = window.writing_tools.focus
    focus.enter(full_screen=False)
    try:
        QApplication.processEvents()
        image = window.grab().toImage()
        assert [str(f) for f in weak_contrast(window, image, image.devicePixelRatio())] == []
        assert not window.library_ui.chain_dock.isVisible()
        assert window.editor.isVisible()
    finally:
        focus.leave()
    window.set_theme(ThemeChoice.SYSTEM)


@pytest.mark.parametrize("theme", THEMES, ids=_ids)
@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_fix_dialog_reads_well(
    make_window: Factory,
    qtbot: QtBot,
    samples_copy: Path,
    size: tuple[int, int],
    theme: ThemeChoice,
) -> None:
    window = _library_window(make_window, qtbot, samples_copy, size, theme)
    plan = rename_title(
        Library.open(samples_copy),
        samples_copy / "02-night-ferry.md",
        "Night ferry to the outer islands returns after a two-year pause in service",
    )
    dialog = FixDialog(plan, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab().toImage()
    findings = [*clipped_text(dialog), *weak_contrast(dialog, image, image.devicePixelRatio())]
    assert [str(f) for f in findings] == []
    for now, after in dialog.value_labels:
        assert now.height() >= now.heightForWidth(now.width())
        assert after.height() >= after.heightForWidth(after.width())
    dialog.reject()
    window.set_theme(ThemeChoice.SYSTEM)
