"""One palette per theme: no colour is named outside it, and text on it can be read."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from editor.ui.shell.main_window import MainWindow
from editor.ui.shell.palette import DARK, LIGHT, THEMES, ThemeColours, contrast_ratio
from editor.ui.shell.theme import ThemeChoice

UI = Path(__file__).resolve().parents[3] / "src" / "editor" / "ui"
PALETTE_MODULE = UI / "shell" / "palette.py"

#: '#rgb' / '#rrggbb' in strings, QColor(r, g, b) / QColor("name"), Qt.GlobalColor, CSS names
LITERALS = [
    re.compile(r"[\"'][^\"'\n]*#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b"),
    re.compile(r"QColor\(\s*\d"),
    re.compile(r"QColor\(\s*[\"']"),
    re.compile(r"Qt\.GlobalColor\.|Qt\.(?:white|black|red|green|blue|gray|darkGray|lightGray)\b"),
    re.compile(
        r"(?:color|background(?:-color)?|border)\s*:\s*[^;\"']*\b"
        r"(?:white|black|red|pink|grey|gray|yellow|orange|blue|green)\b"
    ),
]


def test_no_colour_is_named_outside_the_palette_module() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path == PALETTE_MODULE:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            if any(pattern.search(line) for pattern in LITERALS):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert found == [], "colours belong in ui/shell/palette.py:\n" + "\n".join(found)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_every_text_colour_reads_on_its_background(theme: ThemeColours) -> None:
    pairs: list[tuple[str, QColor, QColor]] = [
        ("text", theme.text, theme.base),
        ("window text", theme.window_text, theme.window),
        ("muted", theme.muted_text, theme.base),
        ("muted on window", theme.muted_text, theme.window),
        ("error note", theme.error_text, theme.window),
        ("box", theme.box_text, theme.box_fill),
        ("box on chain", theme.box_text, theme.chain_background),
        ("unsaved badge", theme.badge_text, theme.unsaved_badge),
        ("changed", theme.changed_text, theme.changed_background),
        ("stub", theme.problem_as_text("broken-link"), theme.stub_fill),
    ]
    for kind in ("error", "warning", "info"):
        banner = theme.banner(kind)
        pairs.append((f"{kind} banner", banner.text, banner.background))
    for code in theme.problems:
        pairs.append((f"badge {code}", theme.badge_text, theme.problem(code)))
        pairs.append((f"problem text {code}", theme.problem_as_text(code), theme.base))
    weak = [
        f"{name}: {contrast_ratio(fg, bg):.2f}"
        for name, fg, bg in pairs
        if contrast_ratio(fg, bg) < 4.5
    ]
    assert weak == []


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio(QColor(0, 0, 0), QColor(255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio(QColor(119, 119, 119), QColor(255, 255, 255)) == pytest.approx(
        4.48, abs=0.01
    )


def _banner_colours(widget: object) -> tuple[QColor, QColor]:
    from PySide6.QtWidgets import QLabel, QWidget

    assert isinstance(widget, QWidget)
    label = widget.findChild(QLabel)
    assert label is not None
    label.ensurePolished()
    image = widget.grab().toImage()
    background = image.pixelColor(image.width() // 2, 2)
    return label.palette().color(QPalette.ColorRole.WindowText), background


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_broken_front_matter_banner_reads_in_both_themes(
    make_window: Callable[..., MainWindow], qtbot: QtBot, tmp_path: Path, choice: ThemeChoice
) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: Harbour\nprev: [unclosed\n---\nBody.\n", encoding="utf-8")
    window = make_window(broken)
    window.set_theme(choice)
    qtbot.waitUntil(lambda: window.message_bar.isVisible())
    assert window.message_bar.kind == "error"
    text, background = _banner_colours(window.message_bar)
    assert contrast_ratio(text, background) >= 4.5, (text.name(), background.name())
    expected = DARK if choice is ThemeChoice.DARK else LIGHT
    assert background.name() == expected.error.background.name()
    window.set_theme(ThemeChoice.SYSTEM)


def test_change_banner_and_chain_follow_the_dark_theme(
    make_window: Callable[..., MainWindow], qtbot: QtBot, samples_copy: Path
) -> None:
    window = make_window(samples_copy)
    library = window.library_ui
    qtbot.waitUntil(lambda: bool(getattr(library.chain, "boxes", {})), timeout=10000)
    window.set_theme(ThemeChoice.DARK)
    chain = library.chain
    assert chain.backgroundBrush().color().name() == DARK.chain_background.name()
    banner = window.safety.banner
    banner.show_changed("harbour.md")
    text, background = _banner_colours(banner)
    assert background.name() == DARK.warning.background.name()
    assert contrast_ratio(text, background) >= 4.5
    window.set_theme(ThemeChoice.LIGHT)
    assert chain.backgroundBrush().color().name() == LIGHT.chain_background.name()
    banner.dismiss()
    window.set_theme(ThemeChoice.SYSTEM)
