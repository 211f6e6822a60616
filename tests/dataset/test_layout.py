"""The dataset modules import one way: no module cycle inside ``newsgold.dataset``."""

from __future__ import annotations

import grimp


def test_no_module_cycle_in_the_dataset_package() -> None:
    graph = grimp.build_graph("newsgold", exclude_type_checking_imports=True)
    modules = sorted(graph.find_children("newsgold.dataset"))
    cycles = [
        (a, b)
        for a in modules
        for b in modules
        if a < b
        and graph.chain_exists(importer=a, imported=b)
        and graph.chain_exists(importer=b, imported=a)
    ]
    assert len(modules) > 10
    assert cycles == []
