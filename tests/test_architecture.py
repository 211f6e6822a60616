"""No import cycles anywhere in newsgold: between the packages under ``newsgold/`` and
between any two modules.

The layers themselves are the import-linter contracts in ``pyproject.toml`` (``make lint``);
this test names a cycle the moment one appears, with the import lines that make it.
Imports under ``if TYPE_CHECKING:`` are left out, as in the contracts: they never run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import grimp
import pytest

ROOT = "newsgold"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(ROOT, exclude_type_checking_imports=True, cache_dir=None)


def _unit(module: str) -> str:
    """``newsgold.dataset.build`` -> ``newsgold.dataset``; the facade stays ``newsgold``."""
    return ".".join(module.split(".")[:2])


def strongly_connected(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The groups of two or more nodes that reach each other (Tarjan, iterative), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(edges.get(successor, ())))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
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
    return sorted(found)


def _module_edges(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def _describe(graph: grimp.ImportGraph, pairs: Iterable[tuple[str, str]]) -> str:
    lines = []
    for importer, imported in sorted(pairs):
        for detail in graph.get_import_details(importer=importer, imported=imported)[:1]:
            lines.append(
                f"  {importer} -> {imported} (l.{detail['line_number']}: {detail['line_contents']})"
            )
    return "\n".join(lines)


def test_packages_import_each_other_one_way_only(graph: grimp.ImportGraph) -> None:
    edges: dict[str, set[str]] = {}
    crossing: dict[tuple[str, str], tuple[str, str]] = {}
    for importer, imported_modules in _module_edges(graph).items():
        for imported in imported_modules:
            a, b = _unit(importer), _unit(imported)
            edges.setdefault(a, set())
            edges.setdefault(b, set())
            if a != b:
                edges[a].add(b)
                crossing.setdefault((a, b), (importer, imported))
    cycles = strongly_connected(edges)
    report = "\n".join(
        f"cycle between {', '.join(group)}:\n"
        + _describe(graph, [crossing[(a, b)] for a in group for b in group if (a, b) in crossing])
        for group in cycles
    )
    assert not cycles, report


def test_no_module_imports_itself_back(graph: grimp.ImportGraph) -> None:
    cycles = strongly_connected(_module_edges(graph))
    report = "\n".join(
        f"cycle between {', '.join(group)}:\n"
        + _describe(
            graph,
            [
                (a, b)
                for a in group
                for b in group
                if a != b and graph.direct_import_exists(importer=a, imported=b)
            ],
        )
        for group in cycles
    )
    assert not cycles, report


def test_no_module_imports_the_package_facade(graph: grimp.ImportGraph) -> None:
    # newsgold/__init__ re-exports the scorer; a stage that imported it would close a loop
    # through the top (read the version from newsgold._version).
    importers = sorted(graph.find_modules_that_directly_import(ROOT))
    assert importers == [], importers


@pytest.mark.parametrize(
    ("edges", "cycles"),
    [
        ({"a": ["b"], "b": []}, []),
        ({"a": ["b"], "b": ["a", "c"], "c": []}, [["a", "b"]]),
        ({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}, [["a", "b", "c"]]),
        ({"a": ["b"], "b": ["a"], "c": ["d"], "d": ["c"]}, [["a", "b"], ["c", "d"]]),
        ({"a": ["a"]}, []),  # a module importing itself is no cycle between two
    ],
)
def test_the_cycle_finder_finds_exactly_the_cycles_it_is_given(
    edges: dict[str, list[str]], cycles: list[list[str]]
) -> None:
    assert strongly_connected(edges) == cycles
