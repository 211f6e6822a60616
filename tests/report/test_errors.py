"""Error categories of the error view: the scorer's error rows, placed on the spans."""

from __future__ import annotations

import pytest

from newsgold.corpus import make_document
from newsgold.corpus.ingest import Metadata
from newsgold.pipeline import score
from newsgold.records import DocumentAnnotations, EntityMention
from newsgold.report.errors import (
    ErrorRow,
    categorise_spans,
    read_error_row,
    span_outcomes,
)

TEXT = "Abcdefghij klmnop."


def _categories(gold, predicted) -> list[str]:
    document = make_document(TEXT, Metadata())
    annotations = DocumentAnnotations(
        document.id,
        "gold",
        entities=[
            EntityMention(s, e, label, TEXT[s:e], f"m{i}") for i, (s, e, label) in enumerate(gold)
        ],
    )
    row = {
        "doc_id": document.id,
        "entities": [{"start": s, "end": e, "label": label} for s, e, label in predicted],
    }
    report = score([(document, annotations, [])], [row], n_resamples=0, with_errors=True)
    rows = [read_error_row(r, document) for r in report.errors]
    return [o.category for o in categorise_spans(gold, predicted, rows, "entities")]


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([(0, 4, "PER")], [(0, 4, "PER")], ["correct", "correct"]),
        ([(0, 4, "PER")], [(0, 4, "ORG")], ["type", "type"]),
        ([(0, 4, "PER")], [(0, 6, "PER")], ["boundary", "boundary"]),
        ([(0, 4, "PER")], [(2, 6, "ORG")], ["boundary_type", "boundary_type"]),
        ([(0, 4, "PER")], [], ["missed"]),
        ([], [(0, 4, "PER")], ["spurious"]),
        # One-to-one: the exact match wins, the other overlap is spurious.
        ([(0, 4, "PER")], [(0, 4, "PER"), (2, 5, "PER")], ["correct", "correct", "spurious"]),
        # Equally good pairings: the scorer's tie-break (spans in offset order) decides.
        ([(0, 10, "ORG")], [(0, 2, "ORG"), (3, 10, "ORG")], ["boundary", "boundary", "spurious"]),
        # Optimal, not greedy: pairing the larger overlap first (0-10 with 2-9) would
        # leave 8-12 spurious; the scorer pairs both gold spans.
        (
            [(0, 10, "ORG"), (11, 17, "ORG")],
            [(2, 9, "ORG"), (8, 12, "ORG")],
            ["boundary", "boundary", "boundary", "boundary"],
        ),
    ],
)
def test_categories_come_from_the_scorer(gold, predicted, expected) -> None:
    assert _categories(gold, predicted) == expected


def test_a_row_naming_an_unknown_span_is_an_error() -> None:
    row = ErrorRow("entities", "missed", "d", 0, 4, "PER", None, gold_span=(0, 4, "PER"))
    with pytest.raises(ValueError, match=r"error rows name gold spans \[\(0, 4, 'PER'\)\]"):
        categorise_spans([(5, 9, "PER")], [], [row], "entities")


def test_spans_no_row_names_are_correct() -> None:
    outcomes = span_outcomes("predicted", [(8, 10, "PER"), (0, 3, "PER")], [])
    assert [(o.start, o.category) for o in outcomes] == [(0, "correct"), (8, "correct")]


@pytest.mark.parametrize(
    ("row", "match"),
    [
        ({"layer": "entities", "category": "wrong_label"}, "unknown error category 'wrong_label'"),
        ({"layer": "tokens", "category": "missed"}, "unknown error layer 'tokens'"),
    ],
)
def test_unknown_rows_are_rejected(row, match) -> None:
    document = make_document(TEXT, Metadata())
    full = {"doc_id": document.id, "gold": {"start": 0, "end": 1}, "pred": None, **row}
    with pytest.raises(ValueError, match=match):
        read_error_row(full, document)
