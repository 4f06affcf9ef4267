"""The modules of the editor import each other one way only, and the core never imports Qt.

Read from the source (tests/import_graph.py), so an import added inside a
function or under ``TYPE_CHECKING`` counts as much as one at the top: a cycle
there still means two modules cannot be understood, tested or moved apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.import_graph import cycles, import_graph, imported_names, module_files

#: What no core or command module may import, at run time or for type checking.
NO_QT = ("PySide6", "shiboken6", "editor.ui")
#: The core also stays below the command line and the package that re-exports it.
NOT_FROM_CORE = (*NO_QT, "editor.commands", "editor.cli")


def _is_within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_import_graph_has_no_cycle() -> None:
    found = cycles(import_graph())
    assert found == [], "modules that import each other (directly or round a loop): " + "; ".join(
        " <-> ".join(group) for group in found
    )


@pytest.mark.parametrize(
    "module",
    [m for m in module_files() if m.startswith(("editor.core", "editor.commands"))],
)
def test_core_and_commands_never_import_qt_or_the_interface(module: str) -> None:
    file = module_files()[module]
    in_core = module.startswith("editor.core")
    forbidden = NOT_FROM_CORE if in_core else NO_QT
    names = set(imported_names(file, module))
    bad = sorted(name for name in names if _is_within(name, forbidden))
    if in_core and "editor" in names:
        bad.append("editor (the package above the core)")
    assert bad == [], f"{module} imports {bad}"


def test_the_walk_finds_imports_inside_functions_and_type_checking(tmp_path: Path) -> None:
    package = tmp_path / "demo"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from demo.b import B\n",
        encoding="utf-8",
    )
    late_import = "def later():\n    from . import c\n    return c\n"
    (package / "b.py").write_text(late_import, encoding="utf-8")
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
    del graph["demo.c"]
    assert cycles({m: t & set(graph) for m, t in graph.items()}) == []
