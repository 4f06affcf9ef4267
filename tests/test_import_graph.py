"""The modules of the editor import each other one way only, and the core never imports Qt.

Read from the source (tests/import_graph.py), so an import added inside a
function or under ``TYPE_CHECKING`` counts as much as one at the top: a cycle
there still means two modules cannot be understood, tested or moved apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.import_graph import cycles, import_graph, imported_names, module_files

#: Edges that still tie the window to two features it installs: writing tools and the
#: safety net take the whole MainWindow (typed under TYPE_CHECKING) instead of a narrow
#: Protocol host, and Preferences reads the autosave key from the safety net. Each is
#: checked to exist, so the entry must go when the edge does.
PENDING_EDGES = {
    ("editor.ui.editing.writing_tools", "editor.ui.shell.main_window"),
    ("editor.ui.safety.safety_net", "editor.ui.shell.main_window"),
    ("editor.ui.shell.preferences", "editor.ui.safety.safety_net"),
}

#: What the core may never import, at run time or for type checking.
FORBIDDEN_IN_CORE = ("PySide6", "shiboken6", "editor.ui", "editor.commands", "editor.cli")


def _graph_without_pending() -> dict[str, set[str]]:
    graph = import_graph()
    for source, target in PENDING_EDGES:
        graph[source].discard(target)
    return graph


def test_the_import_graph_has_no_cycle() -> None:
    found = cycles(_graph_without_pending())
    assert found == [], "modules that import each other (directly or round a loop): " + "; ".join(
        " <-> ".join(group) for group in found
    )


def test_every_pending_edge_still_exists() -> None:
    graph = import_graph()
    gone = sorted((s, t) for s, t in PENDING_EDGES if t not in graph.get(s, set()))
    assert gone == [], f"no longer imported; remove from PENDING_EDGES: {gone}"


@pytest.mark.parametrize(
    "module",
    [m for m in module_files() if m.startswith(("editor.core", "editor.commands"))],
)
def test_core_and_commands_never_import_qt_or_the_interface(module: str) -> None:
    file = module_files()[module]
    forbidden = FORBIDDEN_IN_CORE if module.startswith("editor.core") else FORBIDDEN_IN_CORE[:3]
    bad = sorted(
        name
        for name in imported_names(file, module)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    )
    assert bad == [], f"{module} imports {bad}"


def test_the_walk_finds_imports_inside_functions_and_type_checking(tmp_path: Path) -> None:
    package = tmp_path / "demo"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from demo.b import B\n",
        encoding="utf-8",
    )
    (package / "b.py").write_text(
        "def later():\n    from . import c\n    return c\n", encoding="utf-8"
    )
    (package / "c.py").write_text("import demo.a\n", encoding="utf-8")
    (package / "d.py").write_text("from demo import a\n", encoding="utf-8")
    files = module_files("demo", tmp_path)
    graph = {
        module: {n for n in imported_names(file, module) if n in files} - {module}
        for module, file in files.items()
    }
    assert graph["demo.a"] == {"demo.b"}
    assert graph["demo.b"] == {"demo", "demo.c"}
    assert graph["demo.d"] == {"demo", "demo.a"}
    assert cycles(graph) == [["demo.a", "demo.b", "demo.c"]]
