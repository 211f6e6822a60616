"""Prediction inputs: every kind of bad input names file, line and field; lenient counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgold.errors import InputError
from newsgold.io.predictions import read_predictions
from newsgold.scoring.prediction_schema import PREDICTION_SCHEMA
from newsgold.scoring.row_checks import gold_as_prediction_row

from .conftest import write_lines

GOOD = json.dumps({"doc_id": "doca", "entities": [{"start": 0, "end": 3, "label": "PER"}]})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"bad.jsonl:2: malformed line: not valid JSON"),
        (
            json.dumps({"doc_id": "nope", "entities": []}),
            r"bad.jsonl:2: field 'doc_id': unknown document id 'nope'",
        ),
        (
            json.dumps({"doc_id": "docb", "entities": [{"start": 0, "end": 999, "label": "GPE"}]}),
            r"bad.jsonl:2: field 'entities.0': span \[0, 999\) is out of range",
        ),
        (
            json.dumps({"doc_id": "docb", "entities": [{"start": 5, "end": 2, "label": "GPE"}]}),
            r"bad.jsonl:2: field 'entities.0': empty or reversed span",
        ),
        (
            json.dumps({"doc_id": "docb", "entities": [{"start": 0, "end": 5, "label": "CITY"}]}),
            r"bad.jsonl:2: field 'entities.0.label': does not match the prediction schema: "
            r"'CITY' is not one of",
        ),
        (
            json.dumps(
                {"doc_id": "docb", "entities": [{"start": 0, "end": 5, "label": "GPE"}] * 2}
            ),
            r"bad.jsonl:2: field 'entities.1': duplicate entity prediction",
        ),
        (
            json.dumps({"doc_id": "doca", "entities": [{"start": 55, "end": 64, "label": "ORG"}]}),
            r"bad.jsonl:2: field 'entities.0': span \[55, 64\) falls into an excluded region",
        ),
        (
            json.dumps(
                {"doc_id": "docb", "events": [{"trigger": {"start": 6, "end": 16}, "type": "99"}]}
            ),
            r"bad.jsonl:2: field 'events.0.type': does not match the prediction schema",
        ),
        (
            json.dumps(
                {
                    "doc_id": "docb",
                    "stances": [{"holder": None, "target": "summit", "label": "FAVOR"}],
                }
            ),
            r"bad.jsonl:2: field 'stances.0.target': unknown stance target 'summit' "
            r"for document docb",
        ),
        (
            json.dumps({"doc_id": "docb", "entities": [], "extra": 1}),
            r"bad.jsonl:2: does not match the prediction schema: Additional properties",
        ),
    ],
)
def test_bad_input_names_file_line_and_field(
    tmp_path: Path, gold_by_id, line: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = write_lines(tmp_path / "bad.jsonl", ["", line])  # blank lines count, are skipped
    with pytest.raises(InputError, match=message):
        read_predictions(path, gold_by_id)


def test_duplicate_document_line_is_an_error(tmp_path: Path, gold_by_id) -> None:  # type: ignore[no-untyped-def]
    path = write_lines(tmp_path / "bad.jsonl", [GOOD, GOOD])
    with pytest.raises(
        InputError,
        match=r"bad.jsonl:2: field 'doc_id': duplicate prediction line for document 'doca'",
    ):
        read_predictions(path, gold_by_id)


def test_lenient_counts_and_skips_bad_items(tmp_path: Path, gold_by_id) -> None:  # type: ignore[no-untyped-def]
    bad = json.dumps(
        {
            "doc_id": "docb",
            "entities": [
                {"start": 0, "end": 5, "label": "GPE"},
                {"start": 0, "end": 999, "label": "GPE"},
            ],
        }
    )
    path = write_lines(tmp_path / "p.jsonl", [GOOD, "{oops", bad])
    result = read_predictions(path, gold_by_id, lenient=True)
    assert [(i.line, i.field) for i in result.issues] == [(2, None), (3, "entities.1")]
    assert result.documents["docb"].entities == [(0, 5, "GPE")]


def test_first_error_mentions_how_many_more(tmp_path: Path, gold_by_id) -> None:  # type: ignore[no-untyped-def]
    path = write_lines(tmp_path / "p.jsonl", ["{a", "{b"])
    with pytest.raises(InputError, match=r"p.jsonl:1: .*and 1 more problem"):
        read_predictions(path, gold_by_id)


def test_missing_file_is_an_error(tmp_path: Path, gold_by_id) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="prediction file not found"):
        read_predictions(tmp_path / "absent.jsonl", gold_by_id)


def test_absent_layers_are_not_scored(tmp_path: Path, gold_by_id) -> None:  # type: ignore[no-untyped-def]
    result = read_predictions(write_lines(tmp_path / "p.jsonl", [GOOD]), gold_by_id)
    assert result.layers == {"entities"}


def test_gold_rows_validate_against_the_schema(tmp_path: Path, gold, gold_by_id) -> None:  # type: ignore[no-untyped-def]
    rows = [json.dumps(gold_as_prediction_row(g)) for g in gold]
    result = read_predictions(write_lines(tmp_path / "p.jsonl", rows), gold_by_id)
    assert result.layers == {"entities", "events", "stances"} and not result.issues


def test_schema_file_matches_the_code() -> None:
    on_disk = json.loads(
        (Path(__file__).parents[2] / "schemas" / "predictions.schema.json").read_text()
    )
    assert on_disk == PREDICTION_SCHEMA
