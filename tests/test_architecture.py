"""The package's layout is its architecture: imports run one way, between rooms with one role each.

Layers, lowest first (a module may import its own room and the rooms listed for it):

- ``analysis.data``: the loader, validation, data dictionary, event labels, calendar helpers;
- ``analysis.book``: book machinery (charts, key figures, Sphinx extension, release, site...);
- ``analysis.etl``: raw files → tables, one step per source;
- ``analysis.chapters``: each chapter's analysis and figure builders;
- ``analysis.factcheck``: the claims, verdict rules and the ledger (the derivation's final stage);
- ``analysis.pipeline`` and the command line: the whole derivation.

Every import counts, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "analysis"

ALLOWED = {
    "data": {"data"},
    "book": {"data", "book"},
    "etl": {"data", "etl"},
    "chapters": {"data", "book", "chapters"},
    "factcheck": {"data", "book", "etl", "chapters", "factcheck"},
    "pipeline": {"data", "etl", "factcheck", "pipeline"},
    "__main__": {"data", "etl", "pipeline"},
    "__init__": {"data"},
}


def room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("analysis"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
            found.add(node.module)
            # `from analysis.etl import states` imports the module analysis.etl.states
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if (PACKAGE.parent / node.module.replace(".", "/") / f"{alias.name}.py").is_file())
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules or m == "analysis"} - {name} for name, path in modules.items()}


def test_every_module_sits_in_a_known_room():
    rooms = {room(name) for name in graph()}
    assert rooms <= set(ALLOWED), f"modules outside the known rooms: {rooms - set(ALLOWED)}"


def test_imports_run_one_way():
    upward = []
    for name, targets in graph().items():
        for target in targets:
            if target == "analysis":  # the package face (version, load) is importable everywhere
                continue
            if room(target) not in ALLOWED[room(name)]:
                upward.append(f"{name} imports {target}")
    assert not upward, "imports against the layering:\n" + "\n".join(sorted(upward))


def test_no_import_cycles():
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if target not in edges:
                continue
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [node, target])
            elif state.get(target) is None:
                visit(target, trail + [target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    # the package face imports analysis.data, whose modules import the face only for __version__
    cycles = [c for c in cycles if not set(c) <= {"analysis", "analysis.data"}]
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_the_checker_sees_an_upward_import(tmp_path, monkeypatch):
    fake = tmp_path / "analysis"
    (fake / "book").mkdir(parents=True)
    (fake / "chapters").mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "book" / "__init__.py").write_text("")
    (fake / "chapters" / "__init__.py").write_text("")
    (fake / "chapters" / "trade.py").write_text("x = 1\n")
    (fake / "book" / "charts.py").write_text("def f():\n    from analysis.chapters import trade\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    with pytest.raises(AssertionError, match="analysis.book.charts imports analysis.chapters.trade"):
        test_imports_run_one_way()
