"""A Hugo writer's TOML and JSON articles in the window: edit, save, see the keys as written."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from editor import load_article
from editor.ui.shell.main_window import MainWindow
from tests.ui.helpers import type_in_title, type_text

Factory = Callable[..., MainWindow]

TOML_TEXT = (
    "+++\n"
    'title = "Harbour lights switched on"  # agreed headline\n'
    "draft = false\n"
    "weight = 0x10\n"
    "date = 2024-12-01T18:00:00+01:00\n"
    'tags = ["harbour", "winter"]\n'
    "+++\n"
    "The lights stay on until January.\n"
)
JSON_TEXT = (
    "{\n"
    '    "title": "Harbour lights switched on",\n'
    '    "draft": false,\n'
    '    "ratio": 1.50\n'
    "}\n"
    "The lights stay on until January.\n"
)


def _items(window: MainWindow) -> dict[str, QTreeWidgetItem]:
    tree = window.panel.other_keys
    return {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
    }


def _other_keys(window: MainWindow) -> dict[str, str]:
    tree = window.panel.other_keys
    return {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1)
        for i in range(tree.topLevelItemCount())
    }


@pytest.mark.parametrize(
    ("text", "reader"),
    [(TOML_TEXT, "toml"), (JSON_TEXT, "json")],
    ids=["toml", "json"],
)
def test_title_typed_in_the_panel_is_saved_in_the_files_own_format(
    text: str, reader: str, make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "lights.md"
    path.write_text(text, encoding="utf-8")
    window = make_window(path)
    assert window.document.raw_error is None
    assert window.panel.title_edit.text() == "Harbour lights switched on"
    type_in_title(qtbot, window, "Lights: on")
    assert window.save()
    saved = path.read_text(encoding="utf-8")
    lines_before = text.splitlines()
    lines_after = saved.splitlines()
    assert [a for a, b in zip(lines_before, lines_after, strict=True) if a != b] == [
        lines_before[1]
    ]
    if reader == "toml":
        values = tomllib.loads(saved.split("+++\n")[1])
        assert "# agreed headline" in lines_after[1]
    else:
        values = json.loads(saved[: saved.index("}\n") + 1])
    assert values["title"] == "Lights: on"
    assert load_article(path).title == "Lights: on"


def test_other_keys_show_values_as_the_file_spells_them(
    make_window: Factory, tmp_path: Path
) -> None:
    toml_path = tmp_path / "lights.md"
    toml_path.write_text(TOML_TEXT, encoding="utf-8")
    window = make_window(toml_path)
    keys = _other_keys(window)
    assert keys["draft"] == "false"
    assert keys["weight"] == "0x10"  # not 16
    assert keys["date"] == "2024-12-01T18:00:00+01:00"
    assert keys["tags"] == '["harbour", "winter"]'  # with its brackets, as written
    yaml_path = tmp_path / "yaml.md"
    yaml_path.write_text("---\ntitle: T\ndraft: no\nversion: 1.10\n---\nBody.\n", encoding="utf-8")
    assert window.open_path(yaml_path)
    keys = _other_keys(window)
    assert keys == {"draft": "no", "version": "1.10"}  # not False and 1.1
    json_path = tmp_path / "json.md"
    json_path.write_text(JSON_TEXT, encoding="utf-8")
    assert window.open_path(json_path)
    assert _other_keys(window) == {"draft": "false", "ratio": "1.50"}


@pytest.mark.parametrize(
    "raw",
    [
        '+++\ntitle = "Never closed"\n\nBody.\n',
        '+++\ntitle = "Twice"\ntitle = "Again"\n+++\nBody.\n',
        '+++\ntitle = "Bad date"\ndate = 2024-13-45\n+++\nBody.\n',
        '{\n  "title": "Twice",\n  "title": "Again"\n}\nBody.\n',
        '[\n  {"title": "An array"}\n]\nBody.\n',
        '{\n  "title": "Never closed",\n\nBody.\n',
    ],
    ids=[
        "toml-unclosed",
        "toml-duplicate",
        "toml-date",
        "json-duplicate",
        "json-array",
        "json-open",
    ],
)
def test_broken_toml_or_json_opens_as_raw_text(
    raw: str, make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "broken.md"
    path.write_text(raw, encoding="utf-8")
    window = make_window(path)
    assert window.document.raw_error is not None
    assert window.document.raw_error.line is not None
    assert window.document.raw_error.column is not None
    assert window.message_bar.isVisible()
    assert "line" in window.message_bar.label.text()
    assert window.document.body_text() == raw
    assert path.read_text(encoding="utf-8") == raw
    # Repaired by hand, it reads as a TOML article again.
    window.editor.selectAll()
    type_text(qtbot, window.editor, '+++\ntitle = "Fixed"\n+++\nBody.\n')
    assert window.save()
    assert window.document.raw_error is None
    assert window.panel.title_edit.text() == "Fixed"
    assert load_article(path).front_matter_format == "toml"


def _window_on_library(qtbot: QtBot, make_window: Factory, folder: Path) -> MainWindow:
    window = make_window(sorted(folder.glob("*.md"))[0])
    with qtbot.waitSignal(window.library_ui.controller.problemsChanged, timeout=10000):
        window.library_ui.open_folder(folder)
    return window


def test_a_new_article_in_a_toml_library_is_saved_as_toml(
    make_window: Factory, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "site"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.md").write_text(TOML_TEXT.replace("lights", name), encoding="utf-8")
    (folder / "c.md").write_text("---\ntitle: A YAML one\n---\nBody.\n", encoding="utf-8")
    window = _window_on_library(qtbot, make_window, folder)
    assert window.new_article_format() == "toml"
    window.new_article()
    type_in_title(qtbot, window, "A brand new article")
    target = folder / "new.md"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert window.save_as()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("+++\n")
    assert tomllib.loads(text.split("+++\n")[1])["title"] == "A brand new article"


def test_the_preferences_choice_beats_the_library(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_text(TOML_TEXT, encoding="utf-8")
    window = _window_on_library(qtbot, make_window, folder)
    window.writing_tools.prefs.front_matter_format = "json"
    assert window.new_article_format() == "json"
    window.new_article()
    assert window.document.article.front_matter_format == "json"


def test_the_front_matter_choice_is_made_in_preferences_and_kept(
    make_window: Factory, tmp_path: Path
) -> None:
    from editor.ui.shell.preferences import load_preferences

    window = make_window()
    tools = window.writing_tools
    dialog = tools.make_preferences_dialog()
    box = dialog.front_matter_box
    assert box.currentData() == ""  # like the library, by default
    box.setCurrentIndex(box.findData("toml"))
    tools.accept_preferences(dialog.preferences())
    dialog.deleteLater()
    assert load_preferences(window.settings).front_matter_format == "toml"
    assert window.new_article_format() == "toml"
    restored = tools.make_preferences_dialog()
    assert restored.front_matter_box.currentData() == "toml"
    restored.deleteLater()


SPELLED_TOML = (
    "+++\n"
    'title = "Harbour lights"\n'
    'tags = [ "harbour",  "winter" ]  # two spaces kept\n'
    "weights = [\n  1,\n  0x10,\n]\n"
    'cover = { image = "lights.jpg", alt = "Lights" }\n'
    "[params]\n"
    "size = 0x1F\n"
    "+++\n"
    "Body.\n"
)
SPELLED_JSON = (
    '{\n  "title": "Harbour lights",\n  "tags": ["harbour", "winter"],\n'
    '  "cover": {"image": "lights.jpg", "ratio": 1.50},\n  "empty": []\n}\nBody.\n'
)
SPELLED_YAML = (
    "---\ntitle: Harbour lights\ntags: [harbour, 'winter']\ncover: {image: lights.jpg}\n"
    "aliases:\n  - /old\n  - '/older'\nauthor:\n  name: Mira\n  draft: no\n---\nBody.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SPELLED_TOML,
            {
                "tags": '[ "harbour",  "winter" ]',
                "weights": "[ 1, 0x10, ]",
                "cover": '{ image = "lights.jpg", alt = "Lights" }',
                "params": "{ size = 0x1F }",
            },
        ),
        (
            SPELLED_JSON,
            {
                "tags": '["harbour", "winter"]',
                "cover": '{"image": "lights.jpg", "ratio": 1.50}',
                "empty": "[]",
            },
        ),
        (
            SPELLED_YAML,
            {
                "tags": "[harbour, 'winter']",
                "cover": "{image: lights.jpg}",
                "aliases": "[/old, '/older']",
                "author": "{name: Mira, draft: no}",
            },
        ),
    ],
    ids=["toml", "json", "yaml"],
)
def test_lists_and_tables_show_as_the_file_writes_them_and_stay_read_only(
    text: str, expected: dict[str, str], make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "spelled.md"
    path.write_text(text, encoding="utf-8")
    window = make_window(path)
    assert _other_keys(window) == expected
    tree = window.panel.other_keys
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        assert not item.flags() & Qt.ItemFlag.ItemIsEditable
        tip = item.toolTip(1)
        assert "read-only" in tip.lower() and "exactly as the file writes it" in tip
    assert _items(window)["tags"].toolTip(1).startswith(expected["tags"] + "\n\n")  # as written
    # Nothing in the table can be edited, and a save after a title edit keeps every byte of it.
    type_in_title(qtbot, window, "Harbour lights on")
    assert window.save()
    saved = path.read_text(encoding="utf-8")
    before, after = text.splitlines(), saved.splitlines()
    assert [b for b, a in zip(before, after, strict=True) if b != a] == [before[1]]
    assert _other_keys(window) == expected


def test_a_multi_line_value_shows_on_one_line_and_whole_in_its_tooltip(
    make_window: Factory, tmp_path: Path
) -> None:
    path = tmp_path / "weights.md"
    path.write_text(SPELLED_TOML, encoding="utf-8")
    window = make_window(path)
    items = _items(window)
    assert items["weights"].text(1) == "[ 1, 0x10, ]"
    assert items["weights"].toolTip(1).startswith("[\n  1,\n  0x10,\n]\n\n")
    assert "several lines" in items["params"].toolTip(1)
