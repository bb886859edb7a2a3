"""The package's shape: no import cycles, imports flow one way, no private names shared, small modules.

Every module under tosdiff/ is read with ast (nothing is imported), and every import of a tosdiff module
counts: top-level and lazy (inside functions), absolute (`import tosdiff.x`, `from tosdiff.x import Y`,
`from tosdiff import x`) and relative (`from . import x`, `from ..models import Y`). Each is resolved to
the most specific module file it names: `from tosdiff.alerts.base import X` is an edge to
tosdiff.alerts.base, and an edge to a package means its __init__.py.
"""

from __future__ import annotations

import ast
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

PKG = ROOT / "tosdiff"
MAX_LINES = 750
LONG_MODULES_ALLOWED: set[str] = set()  # none: sections.py split its line grammar out (numbering.py)


@dataclass(frozen=True)
class Edge:
    """One import of a tosdiff module: who imports what, where, and the names taken."""

    source: str
    target: str
    line: int
    names: tuple[str, ...]
    lazy: bool

    def where(self) -> str:
        """'tosdiff/x.py:12 (lazy)', for failure messages."""
        return f"{module_path(self.source)}:{self.line}{' (lazy)' if self.lazy else ''}"


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its name, for its __init__.py)."""
    found: dict[str, Path] = {}
    for path in sorted(PKG.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def module_path(name: str) -> str:
    """The file of a module, relative to the project root."""
    return str(modules()[name].relative_to(ROOT))


def is_package(name: str) -> bool:
    """True when `name` is a package (its file is an __init__.py)."""
    return modules()[name].name == "__init__.py"


def resolve(dotted: str, known: Collection[str]) -> str | None:
    """The most specific module of `known` that `dotted` names or lies in (None outside them)."""
    parts = dotted.split(".")
    while parts:
        name = ".".join(parts)
        if name in known:
            return name
        parts.pop()
    return None


def relative_base(node: ast.ImportFrom, source: str, package: bool) -> str | None:
    """The dotted module an ImportFrom reads from (`from ..models import X` -> tosdiff.models), if ours."""
    if node.level:
        # A relative import starts from the package: a package's own name, else the module's parent.
        here = source.split(".") if package else source.split(".")[:-1]
        base_parts = here[: len(here) - (node.level - 1)]
        return ".".join([*base_parts, *([node.module] if node.module else [])])
    if node.module and node.module.split(".")[0] == "tosdiff":
        return node.module
    return None


def _lazy_lines(tree: ast.AST) -> set[int]:
    """Line numbers of imports that sit inside a function (run only when it is called)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    lines.add(inner.lineno)
    return lines


def imports_of(source: str, text: str, known: Collection[str], package: bool = False) -> list[Edge]:
    """Every import of a module in `known` by the module `source` whose code is `text`."""
    tree = ast.parse(text)
    lazy = _lazy_lines(tree)
    out: list[Edge] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = resolve(alias.name, known) if alias.name.split(".")[0] == "tosdiff" else None
                if target:
                    out.append(Edge(source, target, node.lineno, (), node.lineno in lazy))
        elif isinstance(node, ast.ImportFrom):
            base = relative_base(node, source, package)
            if base is None:
                continue
            for alias in node.names:
                # `from tosdiff import extract` names a submodule; `from tosdiff import __version__` the package.
                target = resolve(f"{base}.{alias.name}", known)
                if target:
                    out.append(Edge(source, target, node.lineno, (alias.name,), node.lineno in lazy))
    return out


@cache
def edges() -> tuple[Edge, ...]:
    """Every import of a tosdiff module by a tosdiff module."""
    return tuple(
        edge
        for source, path in modules().items()
        for edge in imports_of(source, path.read_text(encoding="utf-8"), modules(), is_package(source))
    )


def graph() -> dict[str, dict[str, list[Edge]]]:
    """source -> target -> the import statements making that edge (self-imports dropped)."""
    g: dict[str, dict[str, list[Edge]]] = {name: {} for name in modules()}
    for e in edges():
        if e.source != e.target:
            g[e.source].setdefault(e.target, []).append(e)
    return g


def strongly_connected(g: dict[str, dict[str, list[Edge]]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module (each one holds a cycle)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp: list[str] = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return found


def shortest_cycle(g: dict[str, dict[str, list[Edge]]], comp: list[str]) -> list[str]:
    """A shortest cycle through the component's first module, as [a, b, ..., a]."""
    start, members = comp[0], set(comp)
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(g[v]):
            if w == start:
                return [*paths[v], start]
            if w in members and w not in paths:
                paths[w] = [*paths[v], w]
                queue.append(w)
    raise AssertionError(f"no cycle in {comp}")


def pairs(cycle: list[str]) -> list[tuple[str, str]]:
    """Consecutive (importer, imported) pairs of a cycle."""
    return list(zip(cycle, cycle[1:], strict=False))


def described(found: list[Edge]) -> list[str]:
    """One line per import statement: where, who imports what, and the names taken."""
    lines: dict[tuple[str, str, str], list[str]] = {}
    for e in found:
        lines.setdefault((e.where(), e.source, e.target), []).extend(e.names)
    return [
        f"{where}: {source} imports {target}" + (f" ({', '.join(names)})" if names else "")
        for (where, source, target), names in lines.items()
    ]


WALKER_SAMPLE = """
import os
import tosdiff.alerts.base
from tosdiff import __version__, extract
from tosdiff.alerts.base import DeliveryError
from . import message
from .outbox import enqueue
from ..models import Flag
from .. import errors


def later():
    from tosdiff.store import Store
    import tosdiff.fetch as fetch_mod
"""
WALKER_KNOWN = {
    "tosdiff",
    "tosdiff.alerts",
    "tosdiff.alerts.base",
    "tosdiff.alerts.message",
    "tosdiff.alerts.outbox",
    "tosdiff.errors",
    "tosdiff.extract",
    "tosdiff.fetch",
    "tosdiff.models",
    "tosdiff.store",
}


def test_the_import_walker_sees_every_kind_of_import() -> None:
    """Absolute, `from tosdiff import x`, relative and lazy imports, each resolved to the module it names."""
    found = imports_of("tosdiff.alerts.webhook", WALKER_SAMPLE, WALKER_KNOWN)
    assert [(e.target, e.names, e.lazy) for e in found if e.line < 11] == [
        ("tosdiff.alerts.base", (), False),  # import tosdiff.alerts.base
        ("tosdiff", ("__version__",), False),  # a name of the package: an edge to its __init__
        ("tosdiff.extract", ("extract",), False),  # a submodule named by `from tosdiff import`
        ("tosdiff.alerts.base", ("DeliveryError",), False),  # the submodule, not the package
        ("tosdiff.alerts.message", ("message",), False),  # from . import message
        ("tosdiff.alerts.outbox", ("enqueue",), False),  # from .outbox import
        ("tosdiff.models", ("Flag",), False),  # from ..models import
        ("tosdiff.errors", ("errors",), False),  # from .. import errors
    ]
    assert {(e.target, e.lazy) for e in found if e.line >= 11} == {
        ("tosdiff.store", True),
        ("tosdiff.fetch", True),
    }
    # In a package's __init__, `from . import x` starts from the package itself.
    [init] = imports_of("tosdiff.alerts", "from . import outbox\n", WALKER_KNOWN, package=True)
    assert init.target == "tosdiff.alerts.outbox"
    # The walker runs on the real package too, and finds the imports of its entry point.
    assert ("tosdiff.__main__", "tosdiff.cli") in {(e.source, e.target) for e in edges()}


def test_the_cycle_finder_names_each_cycle_in_order() -> None:
    g: dict[str, dict[str, list[Edge]]] = {"a": {"b": []}, "b": {"c": []}, "c": {"a": [], "d": []}, "d": {}}
    assert strongly_connected(g) == [["a", "b", "c"]]
    assert shortest_cycle(g, ["a", "b", "c"]) == ["a", "b", "c", "a"]
    assert strongly_connected({"a": {"b": []}, "b": {}}) == []


def test_no_import_cycles() -> None:
    """No module reaches itself through imports, lazy ones included (a lazy cycle is still a knot)."""
    g = graph()
    problems = []
    for comp in strongly_connected(g):
        cycle = shortest_cycle(g, comp)
        steps = [
            f"{a} -> {b} at {', '.join(dict.fromkeys(e.where() for e in g[a][b]))}" for a, b in pairs(cycle)
        ]
        problems.append(
            f"cycle {' -> '.join(cycle)} (component: {', '.join(comp)}):\n    " + "\n    ".join(steps)
        )
    assert not problems, "import cycles:\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------- the one-way flow between top-level parts

VIEWS = {"render", "diffview", "htmlview", "history", "sanitize", "serialize"}
RUNNERS = {"pipeline", "record", "runner", "work"}
ENTRY = {"cli", "__main__"}
# What sits above the pure stages: nothing a stage (extract, sections, diff, flags) may reach up to.
ABOVE_STAGES = {
    "store",
    "alerts",
    "fetch",
    "browser",
    "config",
    "scheduler",
    "demo",
    "report",
    "export",
    "onboard",
    "ota",
    "wayback",
    "timeline",
    "timeline_svg",
    *RUNNERS,
    *ENTRY,
}


@dataclass(frozen=True)
class Row:
    """Which top-level parts of tosdiff one part may import: `only` (when set), and never `never`."""

    only: frozenset[str] | None = None
    never: frozenset[str] = frozenset()

    def allows(self, target: str) -> bool:
        """True when this part may import `target` (a top-level part name)."""
        if target in self.never:
            return False
        return self.only is None or target in self.only


def only(*names: str) -> Row:
    """A row that allows just these parts."""
    return Row(only=frozenset(names))


def never(*names: str) -> Row:
    """A row that forbids these parts (and allows the rest)."""
    return Row(never=frozenset(names))


# A row for every top-level module or package of tosdiff ("__init__" is tosdiff/__init__.py itself).
# Rows for modules that do not exist yet are skipped; an existing module without a row fails.
DIRECTIONS: dict[str, Row] = {
    "__init__": only(),
    "__main__": only("cli"),
    "models": only(),
    "errors": only(),
    # The one credential redactor for URLs: used by the store, the views, the alerts and the fetch.
    "redact": only(),
    # Which addresses a fetch may reach (plain HTTP and the browser share the rule).
    "addresses": only("errors"),
    "schema": only("errors"),
    # The config reads the alert and flag-rule tables with their owners' parsers.
    "config": only("schema", "models", "errors", "alerts", "flags", "language"),
    # fetch may hand a page to the browser; the browser never calls back into plain HTTP.
    "fetch": only("__init__", "models", "errors", "redact", "addresses", "browser"),
    "browser": only("__init__", "models", "errors", "redact", "addresses"),
    # The pure stages: text in, text or clauses out. Extraction feeds sections, sections feed diff and
    # flags, and none of them reaches up or sideways into a later one.
    "extract": never(*ABOVE_STAGES, "diff", "flags"),
    "sections": never(*ABOVE_STAGES, "extract", "diff", "flags"),
    # How one line's clause number reads ("§ 5 Abs. 2", "(b)"): pure, used only by sections.
    "numbering": only(),
    "diff": never(*ABOVE_STAGES, "extract", "flags"),
    # The word-level diff of two texts (bounded alignment): pure, under diff.
    "wordhunks": only("models"),
    # What a reader sees of a text (visible words, link targets): pure, under diff and record.
    "visible": only("models"),
    # Which language a text is in (stop-word profile): pure, read by the config, the flags and the views.
    "language": only("models"),
    "flags": never(*ABOVE_STAGES, "extract"),
    "store": only("models", "errors", "redact", "language"),
    "alerts": only("__init__", "store", "models", "errors", "schema", "redact", "language", *VIEWS),
    "pipeline": never(*ENTRY, "scheduler"),
    # A run goes down one way: pipeline -> runner (threads) -> record (the writer) -> work (one fetch).
    "runner": never(*ENTRY, "scheduler", "pipeline"),
    "record": never(*ENTRY, "scheduler", "pipeline", "runner"),
    "work": never(*ENTRY, "scheduler", "pipeline", "runner", "record", "alerts", "diff", "flags"),
    "window": only(),
    "scheduler": never(*ENTRY),
    **{view: never(*ENTRY, *RUNNERS, "scheduler", "alerts", "fetch", "browser") for view in sorted(VIEWS)},
    "report": never(*ENTRY, "scheduler", "demo"),
    # The report's manifest (what the last build wrote, the build hash): split out of report.
    "report_manifest": only("__init__"),
    "export": never(*ENTRY, "scheduler", "demo"),
    "onboard": never(*ENTRY, "scheduler", "demo"),
    "ota": never(*ENTRY, "scheduler", "demo"),
    # Multi-page documents: fetch every page (through fetch), extract each, join; under work and pipeline.
    "pages": only("__init__", "models", "errors", "fetch", "browser", "extract"),
    # import-ota-history: git history of an Open Terms Archive versions repository -> stored versions.
    "otahistory": never(*ENTRY, "scheduler", "demo", "alerts", "pipeline", "runner", "record"),
    "demo": never(*ENTRY),
    # Past versions from the Wayback Machine: fetches and records like a check, but never alerts.
    "wayback": never(*ENTRY, "scheduler", "pipeline", "runner", "alerts", "report", "demo"),
    # Flag timelines across whole histories (computed), and their report pages (drawn).
    "timeline": never(*ENTRY, *RUNNERS, "scheduler", "alerts", "fetch", "browser", "report", "demo"),
    "timeline_svg": only("timeline", "sanitize", "models"),
    "cli": never("__main__"),
}


def top(name: str) -> str:
    """The top-level part of tosdiff a module belongs to ("__init__" for the package itself)."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_top_level_module_has_a_direction_row() -> None:
    """A new module must be placed in the flow before it can be imported anywhere."""
    missing = sorted({top(m) for m in modules()} - set(DIRECTIONS))
    assert not missing, f"add a row to DIRECTIONS in tests/test_layout.py for: {missing}"


@pytest.mark.parametrize("part", sorted(DIRECTIONS))
def test_imports_flow_one_way(part: str) -> None:
    """Each part imports only what its row allows: data flows from the stages up to the CLI."""
    mine = [m for m in modules() if top(m) == part]
    if not mine:
        pytest.skip(f"tosdiff.{part} does not exist on this branch yet")
    row = DIRECTIONS[part]
    bad = described(
        [
            e
            for e in edges()
            if top(e.source) == part and top(e.target) != part and not row.allows(top(e.target))
        ]
    )
    assert not bad, f"tosdiff.{part} imports against the flow:\n  " + "\n  ".join(bad)


def test_nothing_but_main_imports_the_cli() -> None:
    """The CLI is the top: only __main__ (and the cli package's own modules) may import it."""
    bad = described(
        [e for e in edges() if top(e.target) == "cli" and top(e.source) not in {"cli", "__main__"}]
    )
    assert not bad, "the CLI is imported from below:\n  " + "\n  ".join(bad)


def is_private(name: str) -> bool:
    """A leading underscore, dunders (``__version__``) excepted."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_attribute_uses(source: str) -> list[str]:
    """`mod._name` where `mod` is a tosdiff module this module imported (the same coupling as an import)."""
    path = modules()[source]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    bound: dict[str, str] = {}  # local name -> tosdiff module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name.split(".")[0] == "tosdiff" and alias.name in modules():
                    bound[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom):
            base = relative_base(node, source, is_package(source))
            if base is None:
                continue
            for alias in node.names:
                if f"{base}.{alias.name}" in modules():
                    bound[alias.asname or alias.name] = f"{base}.{alias.name}"
    return [
        f"{module_path(source)}:{node.lineno}: {source} uses {node.attr} of {bound[node.value.id]}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in bound
        and bound[node.value.id] != source
        and is_private(node.attr)
    ]


def test_no_private_names_imported_across_modules() -> None:
    """`from tosdiff.x import _y` couples to an internal: make it public where it lives, or move it."""
    bad = [
        f"{e.where()}: {e.source} imports {name} from {e.target}"
        for e in edges()
        for name in e.names
        if e.source != e.target and is_private(name)
    ]
    bad += [line for source in modules() for line in private_attribute_uses(source)]
    assert not bad, "private names imported from another module:\n  " + "\n  ".join(bad)


def test_no_module_is_longer_than_750_lines() -> None:
    """Long modules hide several jobs; split them."""
    long = []
    for name, path in modules().items():
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES and name not in LONG_MODULES_ALLOWED:
            long.append(f"{module_path(name)}: {count} lines")
    assert not long, f"modules over {MAX_LINES} lines:\n  " + "\n  ".join(long)
