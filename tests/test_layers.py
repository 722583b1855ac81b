"""Provides the layer test: every module sits in a layer, imports only the layers below it,
and no module of connect_tui reaches itself again through its imports.

It reads every module of connect_tui with `ast` and counts every import the source names:
at the top, inside functions, under `if TYPE_CHECKING:`, and a module named in a string of
a module that imports by name (`importlib.import_module`). No import is allowed to close a
loop, not even one made only for type checking: a loop that never runs still ties the two
modules together (docs/architecture.md, "The layers").
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "connect_tui"

#: Each layer and the layers it may import (its own included). `root` is the package itself
#: (`connect_tui.__version__`); `entry` is the command that picks the composer or a verb.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "root": frozenset(),
    "core": frozenset({"root", "core"}),
    "sandbox": frozenset({"root", "core", "sandbox"}),
    "runtime": frozenset({"root", "core", "sandbox", "runtime"}),
    "verbs": frozenset({"root", "core", "sandbox", "runtime", "verbs"}),
    "ui": frozenset({"root", "core", "sandbox", "runtime", "ui"}),
    "entry": frozenset({"root", "core", "sandbox", "runtime", "verbs", "ui", "entry"}),
}
#: The modules directly under connect_tui, each given its layer (a new one must be added).
TOP_MODULES = {
    "connect_tui": "root",
    "connect_tui.runtime": "runtime",
    "connect_tui.cli": "entry",
    "connect_tui.composer_cli": "entry",
    "connect_tui.__main__": "entry",
}
#: Libraries a layer never imports: everything below the composer is headless.
NEVER_IMPORTS = {
    "root": {"textual", "rich"},
    "core": {"textual", "rich"},
    "sandbox": {"textual", "rich"},
    "runtime": {"textual", "rich"},
    "verbs": {"textual"},
}
#: Calls that import a module by its name, given as a string.
IMPORT_BY_NAME = {"import_module", "__import__"}


def module_name(path: Path) -> str:
    """The dotted name of a source file under connect_tui."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def all_modules() -> frozenset[str]:
    """Every module of connect_tui, by its dotted name."""
    return frozenset(module_name(p) for p in PACKAGE.rglob("*.py"))


def names_in_source(source: str, name: str, *, is_package: bool = False) -> frozenset[str]:
    """Every absolute module name the source of module `name` imports, wherever it does.

    A string naming a connect_tui module (or ending in "." before some: a package prefix for
    `pkgutil.walk_packages`) counts as an import in a module that imports by name.
    """
    tree = ast.parse(source)
    names: set[str] = set()
    by_name = False
    for node in ast.walk(tree):
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
        elif isinstance(node, ast.Call):
            called = node.func
            called_name = called.attr if isinstance(called, ast.Attribute) else None
            if isinstance(called, ast.Name):
                called_name = called.id
            by_name = by_name or called_name in IMPORT_BY_NAME
    if by_name:
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if text.endswith("."):
                    names.update(m for m in all_modules() if m.startswith(text))
                elif text in all_modules():
                    names.add(text)
    return frozenset(names)


@functools.cache
def imported_names(path: Path) -> frozenset[str]:
    """Every absolute module name a file imports (see `names_in_source`)."""
    source = path.read_text(encoding="utf-8")
    return names_in_source(source, module_name(path), is_package=path.name == "__init__.py")


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """connect_tui module -> the connect_tui modules it imports (only ones that exist)."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {n for n in imported_names(path) if n in files and n != name}
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
    """The layer of a connect_tui module: its subpackage (core, sandbox, verbs, ui), or for a
    module directly under connect_tui the layer TOP_MODULES gives it ("unknown" if none)."""
    parts = name.split(".")
    if len(parts) > 1 and (PACKAGE / parts[1]).is_dir():
        return parts[1]
    return TOP_MODULES.get(name, "unknown")


def test_every_module_has_a_layer() -> None:
    unknown = sorted(name for name in all_modules() if layer(name) not in MAY_IMPORT)
    assert unknown == [], "give each new module directly under connect_tui a layer"


def test_layers_point_down() -> None:
    wrong = [
        f"{src} ({layer(src)}) imports {dst} ({layer(dst)})"
        for src, targets in import_graph().items()
        for dst in sorted(targets)
        if layer(dst) not in MAY_IMPORT[layer(src)]
    ]
    assert wrong == []


def test_headless_layers_import_no_textual_or_rich() -> None:
    wrong = [
        f"{name} imports {lib}"
        for name in sorted(import_graph())
        for lib in sorted(third_party(name) & NEVER_IMPORTS.get(layer(name), set()))
    ]
    assert wrong == []


def test_no_import_cycle() -> None:
    # Every import the source names, type-checking ones included: none closes a loop.
    assert cycles(import_graph()) == []


def test_the_graph_sees_imports_inside_functions() -> None:
    source = "def later():\n    from connect_tui.core import model\n"
    assert "connect_tui.core.model" in names_in_source(source, "connect_tui.ui.x")


def test_the_graph_sees_type_checking_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from connect_tui.sandbox.state import State\n"
    )
    names = names_in_source(source, "connect_tui.sandbox.seed")
    assert "connect_tui.sandbox.state" in names


def test_the_graph_sees_relative_imports() -> None:
    names = names_in_source("from ..core import model\n", "connect_tui.ui.app")
    assert "connect_tui.core.model" in names


def test_the_graph_sees_imports_by_name() -> None:
    # cli builds the verbs' parsers from VERB_MODULES; ui.app walks every ui module.
    graph = import_graph()
    assert "connect_tui.verbs.send" in graph["connect_tui.cli"]
    assert "connect_tui.ui.widgets.pane" in graph["connect_tui.ui.app"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_comments_point_into_the_repository_docs() -> None:
    # The design is written down in docs/; code points there, never outside the repository.
    docs = PACKAGE.parent / "docs"
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for outside in ("DESIGN.md", "CONNECT_FACTS", "../shared"):
            assert outside not in text, f"{path}: points at {outside}"
        for page in re.findall(r"docs/([\w-]+\.md)", text):
            assert (docs / page).exists(), f"{path}: docs/{page} does not exist"
