"""The conversion modules of the Label Studio edge import one way: no module cycle.

Records -> results (``encode``) and export -> records (``export``, ``regions``, ``decode``,
``convert``) share only ``chunks`` and ``offsets``; the task builder (``tasks``) uses the
encoder and nothing imports it back.
"""

from __future__ import annotations

import grimp
import pytest

PACKAGE = "newsgold.labelstudio"
CONVERSION = ("chunks", "offsets", "encode", "export", "regions", "decode", "convert", "tasks")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("newsgold", exclude_type_checking_imports=True)


@pytest.mark.parametrize("name", CONVERSION)
def test_conversion_module_is_in_no_cycle(graph: grimp.ImportGraph, name: str) -> None:
    module = f"{PACKAGE}.{name}"
    in_cycle = [
        other
        for other in sorted(graph.find_children(PACKAGE))
        if other != module
        and graph.chain_exists(importer=module, imported=other)
        and graph.chain_exists(importer=other, imported=module)
    ]
    assert in_cycle == []


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("encode", "convert"),
        ("encode", "decode"),
        ("convert", "encode"),
        ("decode", "encode"),
        ("chunks", "tasks"),
        ("offsets", "encode"),
    ],
)
def test_one_direction_does_not_reach_the_other(
    graph: grimp.ImportGraph, importer: str, imported: str
) -> None:
    assert not graph.chain_exists(
        importer=f"{PACKAGE}.{importer}", imported=f"{PACKAGE}.{imported}"
    )
