"""Every module of the editor is imported by name in at least one test.

A module reached only through others is tested only by accident; naming it
in a test (``import editor.x`` or ``from editor.x import ...``) puts its own
behaviour under test where a reader looks for it, in the mirrored folder.
"""

from __future__ import annotations

from tests.import_graph import ROOT, imported_names, module_files

TESTS = ROOT / "tests"


def modules_named_by_tests() -> set[str]:
    """The editor modules the test files import by name."""
    modules = module_files()
    found: set[str] = set()
    for file in TESTS.rglob("*.py"):
        name = ".".join(file.relative_to(ROOT).with_suffix("").parts)
        found |= {n for n in imported_names(file, name) if n in modules}
    return found


def untested(modules: set[str], tested: set[str], packages: set[str]) -> list[str]:
    """Modules no test imports; a package counts as imported with any module inside it."""
    covered = set(tested)
    for module in tested:
        parts = module.split(".")
        covered |= {".".join(parts[:i]) for i in range(1, len(parts))}
    return sorted(m for m in modules if m not in covered)


def test_every_module_is_imported_by_a_test() -> None:
    files = module_files()
    packages = {m for m, f in files.items() if f.name == "__init__.py"}
    missing = untested(set(files), modules_named_by_tests(), packages)
    assert missing == [], f"no test imports these modules: {missing}"


def test_a_module_only_reached_through_others_is_reported() -> None:
    modules = {"editor", "editor.core", "editor.core.a", "editor.core.b", "editor.ui"}
    packages = {"editor", "editor.core", "editor.ui"}
    assert untested(modules, {"editor.core.a"}, packages) == ["editor.core.b", "editor.ui"]
