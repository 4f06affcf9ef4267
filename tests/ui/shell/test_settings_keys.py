"""Every stored setting is named once, in editor.ui.shell.settings.

Two features reading one value under different names (or two values under
one name) is the bug this guards against: a literal key anywhere else fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QSettings

from editor.ui.shell import settings as settings_module
from editor.ui.shell.settings import AUTOSAVE_INTERVAL_KEY, RECENT_FILES_KEY, AppSettings

UI = Path(settings_module.__file__).resolve().parents[1]
ACCESSORS = {
    "bool_value",
    "set_bool",
    "int_value",
    "set_int",
    "str_value",
    "set_str",
    "str_list",
    "set_str_list",
    "bytes_value",
    "set_bytes",
}


def _literal_keys(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ACCESSORS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(f"{path.relative_to(UI)}:{node.lineno}: {node.args[0].value!r}")
    return found


def test_no_interface_module_spells_a_settings_key_itself() -> None:
    modules = sorted(UI.rglob("*.py"))
    assert len(modules) > 40
    literal = [hit for path in modules for hit in _literal_keys(path)]
    assert literal == [], "use a *_KEY constant from editor.ui.shell.settings:\n" + "\n".join(
        literal
    )


def test_the_keys_are_distinct() -> None:
    keys = {
        name: value
        for name, value in vars(settings_module).items()
        if name.endswith("_KEY") and isinstance(value, str)
    }
    assert {"recentFiles", "recovery/interval_seconds", "view/theme"} <= set(keys.values())
    assert len(set(keys.values())) == len(keys), keys


def test_recent_files_are_kept_under_their_key(tmp_path: Path) -> None:
    qsettings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings = AppSettings(qsettings)
    settings.add_recent_file(tmp_path / "a.md")
    settings.set_int(AUTOSAVE_INTERVAL_KEY, 9, 3)
    assert qsettings.value(RECENT_FILES_KEY) in ([str(tmp_path / "a.md")], str(tmp_path / "a.md"))
    assert settings.int_value(AUTOSAVE_INTERVAL_KEY, 3) == 9
