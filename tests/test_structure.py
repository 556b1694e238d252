"""The package's import structure, read from the source (no module is imported).

Two promises keep the code readable as it grows: no two modules need each other, not even
through an import deferred into a function (a deferred import hides a cycle from the
interpreter, not from a reader), and the page model (``cleaner/page/``) stands on its own, so
rules use it and never the reverse. Imports under ``if TYPE_CHECKING:`` are annotations only
and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cleaner"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports anywhere in its code, annotations aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in modules)
    found.discard(module_name(path))
    return found


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: imported(path, set(paths)) for name, path in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iteratively).

    >>> cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}})
    [['a', 'b']]
    >>> cycles({"a": {"b"}, "b": set()})
    []
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_the_graph_is_read_from_every_module():
    graph = import_graph()
    assert "cleaner.pipeline" in graph and "cleaner.page.kinds" in graph
    assert "cleaner.page.kinds" in graph["cleaner.pieces"]  # a plain top-level import
    # a deferred import counts: io.html reads a page only when one comes
    assert "cleaner.html.page" in graph["cleaner.io.html"]


def test_no_two_modules_import_each_other_even_inside_a_function():
    assert cycles(import_graph()) == []


def test_the_page_model_imports_no_rule_code():
    graph = import_graph()
    page = {name: deps for name, deps in graph.items() if name.startswith("cleaner.page")}
    assert page, "the page model moved"
    leaks = {name: sorted(d for d in deps if d.startswith("cleaner.ops"))
             for name, deps in page.items()}
    assert not {name: deps for name, deps in leaks.items() if deps}
