"""The column path of ``score --pred`` (entity JSONL against a dataset folder) gives the
row path's report byte for byte, and every line it cannot vouch for goes the row way,
with the row checker's file/line/field error."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsgold.dataset import build_dataset
from newsgold.dataset.read import read_dataset
from newsgold.dataset.synthetic import synthetic_records
from newsgold.errors import InputError
from newsgold.io.entity_predictions import read_entity_prediction_columns
from newsgold.io.gold_columns import read_entity_gold_columns
from newsgold.io.predictions import read_predictions
from newsgold.pipeline import gold_records, score
from newsgold.records import GoldDocument
from newsgold.scheme import ENTITY_LABELS
from newsgold.scoring.entity_columns import entity_problems_found
from newsgold.scoring.gold_ids import entity_gold_hash


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("entity-columns") / "dataset"
    build_dataset(synthetic_records(12, sentences=3, seed=7), out)
    return out


@pytest.fixture(scope="module")
def records(folder: Path) -> list[GoldDocument]:
    return gold_records(folder)


def _rows(records: list[GoldDocument], seed: int = 1) -> list[dict[str, Any]]:
    """Entity predictions made from the gold: kept, retyped, shrunk, missed, spurious."""
    rnd = random.Random(seed)
    rows = []
    for record in records[:-1]:  # the last document gets no line
        entities = []
        for m in record.annotations.entities:
            r = rnd.random()
            if r < 0.6:
                entities.append({"start": m.start, "end": m.end, "label": m.label})
            elif r < 0.75:
                other = [label for label in ENTITY_LABELS if label != m.label]
                entities.append({"start": m.start, "end": m.end, "label": rnd.choice(other)})
            elif r < 0.85 and m.end - m.start > 1:
                entities.append({"start": m.start + 1, "end": m.end, "label": m.label})
        first = record.document.sentences[0]
        entities.append({"start": first[0], "end": first[0] + 1, "label": "DATE"})
        rows.append({"doc_id": record.document.id, "entities": entities})
    return rows


def _write(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _row_path_report(records: list[GoldDocument], path: Path, lenient: bool = False) -> str:
    by_id = {r.document.id: r for r in records}
    return score(records, read_predictions(path, by_id, lenient=lenient)).render("json")


def test_gold_columns_are_the_records(folder: Path, records: list[GoldDocument]) -> None:
    columns = read_entity_gold_columns(folder)
    assert columns is not None
    assert columns.doc_ids.to_pylist() == [r.document.id for r in records]
    spans = [
        (d, m.start, m.end, ENTITY_LABELS.index(m.label))
        for d, r in enumerate(records)
        for m in r.annotations.entities
    ]
    got = np.stack(
        [columns.entity_doc, columns.entity_start, columns.entity_end, columns.entity_label]
    ).T.tolist()
    assert got == [list(s) for s in spans]
    assert columns.gold_id == entity_gold_hash(records)


def test_column_path_gives_the_row_path_report(
    tmp_path: Path, folder: Path, records: list[GoldDocument]
) -> None:
    path = _write(tmp_path / "p.jsonl", _rows(records))
    preds = read_entity_prediction_columns(path)
    gold = read_entity_gold_columns(folder)
    assert preds is not None and gold is not None
    assert not entity_problems_found(gold, preds)  # so score() takes the column path
    fast = score(folder, path).render("json")
    assert fast == _row_path_report(records, path)
    assert json.loads(fast)["input"]["documents_without_prediction"] == [records[-1].document.id]


def _line(records: list[GoldDocument], n: int, **entity: Any) -> dict[str, Any]:
    return {"doc_id": records[n].document.id, "entities": [entity]}


def _appended(line: Any) -> Any:
    return lambda rs, rows: [*rows, line(rs) if callable(line) else line]


def _last_line_is(**entity: Any) -> Any:
    return lambda rs, rows: [*rows[:-1], _line(rs, 10, **entity)]


# case -> how the good file changes; the row checker's verdict must come out either way
CASES: list[tuple[str, Any]] = [
    ("unknown document", _appended({"doc_id": "nope", "entities": []})),
    ("repeated document", lambda rs, rows: [*rows, rows[0]]),
    ("empty document id", _appended({"doc_id": "", "entities": []})),
    ("label outside the scheme", _last_line_is(start=0, end=3, label="PERSON")),
    ("reversed span", _last_line_is(start=5, end=2, label="PER")),
    ("past the text", _last_line_is(start=0, end=10**6, label="PER")),
    ("negative start", _last_line_is(start=-1, end=2, label="PER")),
    ("float offset", _last_line_is(start=1.0, end=2, label="PER")),
    ("string offset", _last_line_is(start="1", end=2, label="PER")),
    ("boolean offset", _last_line_is(start=True, end=2, label="PER")),
    ("extra key", _last_line_is(start=0, end=2, label="PER", score=1)),
    ("missing label", _last_line_is(start=0, end=2)),
    ("null entities", _appended(lambda rs: {"doc_id": rs[11].document.id, "entities": None})),
    ("no doc id", _appended({"entities": []})),
    ("another layer", _appended(lambda rs: {"doc_id": rs[11].document.id, "events": []})),
]


@pytest.mark.parametrize(("case", "edit"), CASES, ids=[c for c, _ in CASES])
def test_lines_the_column_path_cannot_vouch_for_get_the_row_checkers_verdict(
    tmp_path: Path, folder: Path, records: list[GoldDocument], case: str, edit: Any
) -> None:
    path = _write(tmp_path / "p.jsonl", edit(records, _rows(records)))
    by_id = {r.document.id: r for r in records}
    try:
        read_predictions(path, by_id)
    except InputError as expected:
        with pytest.raises(InputError) as got:
            score(folder, path)
        assert (got.value.message, got.value.line, got.value.field) == (
            expected.message,
            expected.line,
            expected.field,
        ), case
        assert score(folder, path, lenient=True).render("json") == _row_path_report(
            records, path, lenient=True
        )
    else:  # valid, but not the plain entity-only form: the row path scores it
        assert score(folder, path).render("json") == _row_path_report(records, path)


def _excluded_span(record: GoldDocument) -> dict[str, Any]:
    region = record.document.excluded[0]
    return {"start": region.start, "end": region.start + 3, "label": "ORG"}


def test_a_span_in_an_excluded_region_is_the_row_checkers_error(
    tmp_path: Path, folder: Path, records: list[GoldDocument]
) -> None:
    rows = _rows(records)
    rows[2]["entities"].append(_excluded_span(records[2]))
    path = _write(tmp_path / "p.jsonl", rows)
    with pytest.raises(InputError, match="excluded region") as got:
        score(folder, path)
    assert (got.value.line, got.value.field) == (3, f"entities.{len(rows[2]['entities']) - 1}")


def test_a_span_across_sentences_is_valid_and_scored_the_row_way(
    tmp_path: Path, folder: Path, records: list[GoldDocument]
) -> None:
    rows = _rows(records)
    (a, _), (_, b) = records[0].document.sentences[:2]
    rows[0]["entities"].append({"start": a, "end": b, "label": "EVENT"})
    path = _write(tmp_path / "p.jsonl", rows)
    assert score(folder, path).render("json") == _row_path_report(records, path)


def test_a_duplicate_entity_is_the_row_checkers_error(
    tmp_path: Path, folder: Path, records: list[GoldDocument]
) -> None:
    rows = _rows(records)
    rows[4]["entities"].append(rows[4]["entities"][0])
    path = _write(tmp_path / "p.jsonl", rows)
    with pytest.raises(InputError, match="duplicate entity prediction") as got:
        score(folder, path)
    assert got.value.line == 5


@pytest.mark.parametrize(
    ("case", "text"),
    [
        ("blank line", '{"doc_id": "a", "entities": []}\n\n'),
        (
            "two objects on one line",
            '{"doc_id": "a", "entities": []} {"doc_id": "b", "entities": []}\n',
        ),
        ("byte-order mark", '\ufeff{"doc_id": "a", "entities": []}\n'),
        ("malformed", '{"doc_id": "a", "entities": [}\n'),
        ("carriage return", '{"doc_id": "a", "entities": []}\r\n'),
        ("not an object", '["a"]\n'),
        (
            "huge integer",
            '{"doc_id": "a", "entities": [{"start": 1e400, "end": 2, "label": "PER"}]}\n',
        ),
        ("empty file", ""),
    ],
)
def test_reader_leaves_what_it_cannot_read_exactly_to_the_rows(
    tmp_path: Path, case: str, text: str
) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(text, encoding="utf-8")
    assert read_entity_prediction_columns(path) is None, case


def test_reader_reads_the_plain_form(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"doc_id": "a", "entities": [{"start": 0, "end": 3, "label": "PER"}]}\n'
        '{"entities": [], "doc_id": "b"}\n',
        encoding="utf-8",
    )
    columns = read_entity_prediction_columns(path)
    assert columns is not None
    assert columns.doc_ids.to_pylist() == ["a", "b"]
    assert (columns.counts.tolist(), columns.start.tolist(), columns.end.tolist()) == (
        [1, 0],
        [0],
        [3],
    )


def test_one_document_is_left_to_the_records(tmp_path: Path) -> None:
    out = tmp_path / "one"
    build_dataset(synthetic_records(1, sentences=2), out)
    assert read_entity_gold_columns(out) is None
    assert len(list(read_dataset(out))) == 1
