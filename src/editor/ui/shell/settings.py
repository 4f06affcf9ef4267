"""Typed access to the values remembered between runs.

QSettings is created only when the application starts (never at import), so
tests and the command line never touch the user's real configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT_FILES = 10

# Every key the application stores, in one place, so that two features never
# read the same value under different names (or different values under one).
RECENT_FILES_KEY = "recentFiles"
WINDOW_GEOMETRY_KEY = "window/geometry"
WINDOW_STATE_KEY = "window/state"
WINDOW_SPLITTER_KEY = "window/splitter"
PREVIEW_VISIBLE_KEY = "view/preview"
PANEL_VISIBLE_KEY = "view/panel"
SCROLL_SYNC_KEY = "view/scrollSync"
ZOOM_KEY = "view/zoom"
THEME_KEY = "view/theme"
FONT_FAMILY_KEY = "editor/fontFamily"
FONT_SIZE_KEY = "editor/fontSize"
AUTOSAVE_ENABLED_KEY = "autosave/enabled"
#: how often the recovery journal keeps the unsaved buffer (also Preferences' autosave delay)
AUTOSAVE_INTERVAL_KEY = "recovery/interval_seconds"
PLACEHOLDER_PATTERNS_KEY = "checks/placeholderPatterns"
SPELL_ENABLED_KEY = "spelling/enabled"
SPELL_LANGUAGE_KEY = "spelling/language"
IMAGES_FOLDER_KEY = "images/folder"
FRONT_MATTER_FORMAT_KEY = "articles/frontMatterFormat"
#: an opened article among other articles opens their folder as the library
OPEN_FILE_FOLDER_KEY = "library/openFileFolder"


class AppSettings:
    """A thin, typed layer over QSettings; only values that differ from defaults are written."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    @property
    def qsettings(self) -> QSettings:
        return self._settings

    def _get_bool(self, key: str, default: bool) -> bool:
        value: Any = self._settings.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _set(self, key: str, value: Any, default: Any) -> None:
        if value == default:
            self._settings.remove(key)
        else:
            self._settings.setValue(key, value)

    def bool_value(self, key: str, default: bool) -> bool:
        return self._get_bool(key, default)

    def set_bool(self, key: str, value: bool, default: bool) -> None:
        self._set(key, value, default)

    def int_value(self, key: str, default: int) -> int:
        value: Any = self._settings.value(key, default)
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    def set_int(self, key: str, value: int, default: int) -> None:
        self._set(key, value, default)

    def str_value(self, key: str, default: str) -> str:
        value: Any = self._settings.value(key, default)
        return value if isinstance(value, str) else default

    def set_str(self, key: str, value: str, default: str) -> None:
        self._set(key, value, default)

    def str_list(self, key: str) -> list[str]:
        value: Any = self._settings.value(key, [])
        if isinstance(value, str):
            return [value] if value else []
        if isinstance(value, list):
            return [str(v) for v in value]
        return []

    def set_str_list(self, key: str, values: list[str]) -> None:
        self._set(key, values, [])

    def bytes_value(self, key: str) -> QByteArray | None:
        value: Any = self._settings.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self._settings.setValue(key, value)

    # ----------------------------------------------------------- recent files
    def recent_files(self) -> list[str]:
        return self.str_list(RECENT_FILES_KEY)

    def add_recent_file(self, path: Path) -> list[str]:
        text = str(path)
        recent = [p for p in self.recent_files() if p != text]
        recent.insert(0, text)
        recent = recent[:MAX_RECENT_FILES]
        self.set_str_list(RECENT_FILES_KEY, recent)
        return recent

    def clear_recent_files(self) -> None:
        self._settings.remove(RECENT_FILES_KEY)

    def sync(self) -> None:
        self._settings.sync()
