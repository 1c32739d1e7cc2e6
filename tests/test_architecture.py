"""Who may import whom (docs/architecture.md): read from the code's syntax trees, lazy imports included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("flows", "extractors", "schemas", "reconcile", "store")
# The packages each package may import besides itself; `flows` wires them all and nothing imports it.
# `store` and `reconcile` are leaves side by side: the flow passes what one makes to the other.
ALLOWED = {
    "store": {"extractors", "schemas"},
    "reconcile": {"extractors", "schemas"},
    "extractors": set(),
    "schemas": {"extractors"},  # extractors.model only: the value sets of its Literal types
}


def imported_packages(path: Path) -> dict[str, int]:
    """Our packages a module imports (first line of each), wherever the import is: at the top, inside a
    function, or by name through importlib."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and _calls_importlib(node.func):
            names = [arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        for name in names:
            package = name.split(".")[0]
            if package in OURS:
                found.setdefault(package, node.lineno)
    return found


def _calls_importlib(func: ast.expr) -> bool:
    """importlib.import_module(...), importlib.util.find_spec(...), or either imported by name."""
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in {"import_module", "find_spec"}


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_what_the_architecture_allows(package):
    modules = sorted((ROOT / package).rglob("*.py"))
    assert modules, f"no modules found in {package}/"
    wrong = [f"{path.relative_to(ROOT)}:{line} imports {other}"
             for path in modules for other, line in imported_packages(path).items()
             if other != package and other not in ALLOWED[package]]
    assert not wrong, "\n".join(wrong)


def test_the_checker_sees_imports_in_every_form(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text("import store.datasets\n"
                      "def later():\n"
                      "    from reconcile.subjects import assign_subject_keys\n"
                      "    import importlib.util\n"
                      "    return importlib.util.find_spec('flows.cli'), assign_subject_keys\n"
                      "from .sibling import thing\n"
                      "import pandas\n", encoding="utf-8")
    assert imported_packages(module) == {"store": 1, "reconcile": 3, "flows": 5}
