"""Settings are typed, only differences from the defaults are stored, recent files stay short."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from editor.ui.shell.settings import (
    FONT_SIZE_KEY,
    MAX_RECENT_FILES,
    PLACEHOLDER_PATTERNS_KEY,
    PREVIEW_VISIBLE_KEY,
    THEME_KEY,
    WINDOW_GEOMETRY_KEY,
    WINDOW_STATE_KEY,
    AppSettings,
)


def make(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_values_round_trip_and_defaults_are_not_written(tmp_path: Path) -> None:
    settings = make(tmp_path)
    settings.set_bool(PREVIEW_VISIBLE_KEY, False, default=True)
    settings.set_int(FONT_SIZE_KEY, 14, default=12)
    settings.set_str(THEME_KEY, "dark", default="system")
    settings.set_str_list(PLACEHOLDER_PATTERNS_KEY, ["^DRAFT:", "TODO"])
    settings.set_bytes(WINDOW_STATE_KEY, QByteArray(b"\x00\x01"))
    settings.sync()
    reread = make(tmp_path)
    assert reread.bool_value(PREVIEW_VISIBLE_KEY, True) is False
    assert reread.int_value(FONT_SIZE_KEY, 12) == 14
    assert reread.str_value(THEME_KEY, "system") == "dark"
    assert reread.str_list(PLACEHOLDER_PATTERNS_KEY) == ["^DRAFT:", "TODO"]
    assert reread.bytes_value(WINDOW_STATE_KEY) == QByteArray(b"\x00\x01")
    reread.set_int(FONT_SIZE_KEY, 12, default=12)
    assert not reread.qsettings.contains(FONT_SIZE_KEY)


def test_damaged_values_fall_back_to_the_default(tmp_path: Path) -> None:
    settings = make(tmp_path)
    settings.qsettings.setValue(FONT_SIZE_KEY, "large")
    settings.qsettings.setValue(PREVIEW_VISIBLE_KEY, "no")
    assert settings.int_value(FONT_SIZE_KEY, 12) == 12
    assert settings.bool_value(PREVIEW_VISIBLE_KEY, True) is False
    assert settings.bytes_value(WINDOW_GEOMETRY_KEY) is None


def test_recent_files_newest_first_without_repeats_and_capped(tmp_path: Path) -> None:
    settings = make(tmp_path)
    for i in range(MAX_RECENT_FILES + 2):
        settings.add_recent_file(tmp_path / f"{i}.md")
    recent = settings.add_recent_file(tmp_path / "3.md")
    assert recent[0] == str(tmp_path / "3.md")
    assert len(recent) == MAX_RECENT_FILES and len(set(recent)) == len(recent)
    assert settings.recent_files() == recent
    settings.clear_recent_files()
    assert settings.recent_files() == []
