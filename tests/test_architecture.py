"""The package's shape: no import cycle among modules, no module grown too big."""

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "cleaner"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def top_level_imports(path: Path) -> set:
    """The package modules ``path`` imports when it loads (imports inside
    functions run later, on use: they are how a module stays light)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If):  # e.g. TYPE_CHECKING or version tests: not cycles that run
            continue
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("cleaner"))
    return found


def test_no_import_cycle():
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {name: sorted(top_level_imports(path) & modules.keys() - {name}) for name, path in modules.items()}
    state: dict = {}

    def visit(name: str, trail: list) -> None:
        if state.get(name) == "done":
            return
        assert state.get(name) != "open", "import cycle: " + " -> ".join(trail[trail.index(name) :] + [name])
        state[name] = "open"
        for imported in graph[name]:
            visit(imported, trail + [name])
        state[name] = "done"

    for name in sorted(graph):
        visit(name, [])


def test_no_module_over_350_lines():
    sizes = {module_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    assert {name: size for name, size in sizes.items() if size > 350} == {}
