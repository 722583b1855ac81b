"""Provides the layer test: core stands alone, sandbox sits on core, and no import cycle.

It reads every module of connect_tui with `ast` (imports inside functions count too), builds
the graph of imports between connect_tui modules, and checks the layers docs/architecture.md
describes: core imports neither textual, rich, the sandbox, the verbs nor the ui; the sandbox
imports no verbs or ui; no module of connect_tui reaches itself again through its imports.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "connect_tui"


def module_name(path: Path) -> str:
    """The dotted name of a source file under connect_tui."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def imported_names(path: Path, *, type_hints: bool = True) -> frozenset[str]:
    """Every absolute module name a file imports, at any depth of the file (functions too).

    With `type_hints=False`, imports under `if TYPE_CHECKING:` are left out: they never run.
    """
    name = module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if not type_hints:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(child) for part in node.body for child in ast.walk(part))
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            names.add(prefix)
            # `from package import module` imports the module.
            names.update(f"{prefix}.{alias.name}" for alias in node.names)
    return frozenset(names)


@functools.cache
def import_graph(*, type_hints: bool = True) -> dict[str, set[str]]:
    """connect_tui module -> the connect_tui modules it imports (only ones that exist)."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {n for n in imported_names(path, type_hints=type_hints) if n in files and n != name}
        for name, path in files.items()
    }


def third_party(name: str) -> set[str]:
    """The top-level names a connect_tui module imports."""
    path = PACKAGE.parent / (name.replace(".", "/") + ".py")
    if not path.exists():
        path = PACKAGE.parent / name.replace(".", "/") / "__init__.py"
    return {n.split(".")[0] for n in imported_names(path)}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer(name: str) -> str:
    """The layer a module belongs to: core, sandbox, verbs, ui or top (cli and friends)."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "top"


LAYERS = ("core", "sandbox", "verbs", "ui")
# The headless verbs and the composer are siblings on top of core and the sandbox: what both
# need lives below them (core, or connect_tui.embedded for starting the embedded sandbox).
FORBIDDEN = {
    "core": {"sandbox", "verbs", "ui"},
    "sandbox": {"verbs", "ui"},
    "ui": {"verbs"},
    "verbs": {"ui"},
}
FORBIDDEN_THIRD_PARTY = {"core": {"textual", "rich"}, "sandbox": {"textual", "rich"}}


def test_the_graph_sees_imports_inside_functions() -> None:
    # A guard that the parser reads function bodies: cli imports the verbs lazily.
    graph = import_graph()
    assert graph["connect_tui.cli"], "cli imports nothing? the parser misses lazy imports"


def test_layers_point_down() -> None:
    graph = import_graph()
    wrong = [
        f"{src} imports {dst}"
        for src, targets in graph.items()
        for dst in targets
        if layer(dst) in FORBIDDEN.get(layer(src), set())
    ]
    assert wrong == []


def test_core_and_sandbox_import_no_textual_or_rich() -> None:
    wrong = [
        f"{name} imports {lib}"
        for name in import_graph()
        for lib in third_party(name) & FORBIDDEN_THIRD_PARTY.get(layer(name), set())
    ]
    assert wrong == []


def test_no_import_cycle() -> None:
    # Every import that runs, at the top of a module or inside a function.
    assert cycles(import_graph(type_hints=False)) == []


def test_core_has_no_cycle_even_through_type_hints() -> None:
    # In core even the imports made only for type checking point one way.
    core = {
        name: {n for n in targets if layer(n) == "core"}
        for name, targets in import_graph().items()
        if layer(name) == "core"
    }
    assert cycles(core) == []


def test_type_checking_imports_are_told_apart() -> None:
    # history needs SendOutcome at run time; a TYPE_CHECKING-only import would not count.
    path = PACKAGE / "core" / "history.py"
    assert "connect_tui.core.outcome" in imported_names(path, type_hints=False)


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_comments_point_into_the_repository_docs() -> None:
    # The design is written down in docs/; code points there, never outside the repository.
    import re

    docs = PACKAGE.parent / "docs"
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for outside in ("DESIGN.md", "CONNECT_FACTS", "../shared"):
            assert outside not in text, f"{path}: points at {outside}"
        for page in re.findall(r"docs/([\w-]+\.md)", text):
            assert (docs / page).exists(), f"{path}: docs/{page} does not exist"
