"""Error categories of the error view."""

from __future__ import annotations

import pytest

from newsgold.report.errors import categorise_spans


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([(0, 4, "PER")], [(0, 4, "PER")], ["correct", "correct"]),
        ([(0, 4, "PER")], [(0, 4, "ORG")], ["wrong_label", "wrong_label"]),
        ([(0, 4, "PER")], [(0, 6, "PER")], ["boundary", "boundary"]),
        ([(0, 4, "PER")], [(2, 6, "ORG")], ["boundary_label", "boundary_label"]),
        ([(0, 4, "PER")], [], ["missed"]),
        ([], [(0, 4, "PER")], ["spurious"]),
        # One-to-one: the exact match wins, the other overlap is spurious.
        ([(0, 4, "PER")], [(0, 4, "PER"), (2, 5, "PER")], ["correct", "correct", "spurious"]),
        # The larger overlap is paired first.
        ([(0, 10, "ORG")], [(0, 2, "ORG"), (3, 10, "ORG")], ["boundary", "spurious", "boundary"]),
    ],
)
def test_categories(gold, predicted, expected) -> None:
    assert [o.category for o in categorise_spans(gold, predicted)] == expected
