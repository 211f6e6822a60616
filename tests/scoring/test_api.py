"""score(), compare(), errors export and signatures on the hand-made gold."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest

import newsgold
from newsgold.io.reports import write_errors
from newsgold.pipeline import compare, score
from newsgold.scoring.row_checks import gold_as_prediction_row


def _perfect(gold):  # type: ignore[no-untyped-def]
    return [gold_as_prediction_row(g) for g in gold]


def test_perfect_predictions_score_one_everywhere(gold) -> None:  # type: ignore[no-untyped-def]
    report = newsgold.score(gold, _perfect(gold), n_resamples=50)
    headline = report.headline()
    assert all(v == 1.0 for v in headline.values()), headline
    d = report.to_dict()
    assert d["entities"]["strict"]["cor"] == 8
    assert d["stance"]["confusion_matrix"]["matrix"] == [[1, 0, 0], [0, 1, 0], [0, 0, 2]]


def test_errors_have_categories_offsets_text_and_context(gold, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = _perfect(gold)
    rows[1]["entities"] = [
        {"start": 0, "end": 5, "label": "ORG"},  # Seoul: type
        {"start": 17, "end": 23, "label": "GPE"},  # "Tokyo " : boundary
        {"start": 34, "end": 39, "label": "GPE"},  # China: correct
        {"start": 47, "end": 53, "label": "GPE"},  # spurious
    ]  # Sunday missed
    rows[1]["events"][0]["arguments"][0]["role"] = "TARGET"
    rows[1]["stances"] = [
        {"holder": None, "target": "japan", "label": "FAVOR", "evidence": {"start": 0, "end": 10}}
    ]
    report = score(gold, rows, n_resamples=0, with_errors=True)
    path = tmp_path / "errors.jsonl"
    write_errors(path, report)
    errors = [json.loads(line) for line in path.read_text().splitlines()]
    ent = sorted(
        (e["category"], (e["gold"] or e["pred"])["text"])
        for e in errors
        if e["layer"] == "entities"
    )
    assert ent == [
        ("boundary", "Tokyo"),
        ("missed", "Sunday"),
        ("spurious", "silent"),
        ("type", "Seoul"),
    ]
    assert {e["category"] for e in errors if e["layer"] == "events.argument"} == {"role"}
    cell = next(e for e in errors if e["layer"] == "stance.cell")
    assert (cell["gold"], cell["pred"], cell["category"]) == ("AGAINST", "FAVOR", "type")
    assert all("context" in e and e["doc_id"] == "docb" for e in errors)


def test_shuffled_predictions_give_identical_reports(gold) -> None:  # type: ignore[no-untyped-def]
    rows = _perfect(gold)
    rows[0]["entities"].append({"start": 2, "end": 7, "label": "PER"})
    rows[0]["entities"][0]["label"] = "ORG"
    shuffled = copy.deepcopy(rows)[::-1]
    rnd = random.Random(3)
    for row in shuffled:
        for key in ("entities", "events", "stances"):
            rnd.shuffle(row[key])
    assert (
        score(gold, rows, n_resamples=100).to_json()
        == score(gold, shuffled, n_resamples=100).to_json()
    )


def test_signature_records_every_choice(gold) -> None:  # type: ignore[no-untyped-def]
    sig = score(gold, _perfect(gold), n_resamples=10, seed=7, zero_division=1).signatures[
        "entities"
    ]
    assert sig.startswith(
        "newsgold:0.1.0|layer:entities|modes:strict,exact,partial,type|match:optimal|"
    )
    for part in ("seed:7", "resamples:10", "zero_division:1", "units:documents", "gold:sha256-"):
        assert part in sig


def test_documents_without_prediction_are_listed(gold) -> None:  # type: ignore[no-untyped-def]
    rows = _perfect(gold)[:1]
    report = score(gold, rows, n_resamples=0)
    assert report.input["documents_without_prediction"] == ["docb"]
    assert report.entities is not None and report.entities["strict"].micro.mis == 4


def test_one_document_resamples_sentences(gold) -> None:  # type: ignore[no-untyped-def]
    report = score(gold[:1], _perfect(gold)[:1], n_resamples=20)
    assert report.settings["units"] == "sentences"
    assert report.to_dict()["stance"]["triples"]["ci"]["f1"] is None  # triples are document-level


def test_compare_identical_systems_is_not_significant(gold) -> None:  # type: ignore[no-untyped-def]
    result = compare(gold, _perfect(gold), _perfect(gold), n_resamples=100)
    assert result.results["entities"]["strict.f1"].delta == 0.0
    assert result.results["entities"]["strict.f1"].p_randomization == 1.0


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_renderers_show_the_signature(gold, fmt: str) -> None:  # type: ignore[no-untyped-def]
    text = score(gold, _perfect(gold), n_resamples=10).render(fmt)
    assert "newsgold:0.1.0|layer:stance" in text


def test_errors_count_is_null_unless_errors_were_collected(gold, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [gold_as_prediction_row(g) for g in gold]
    without = score(gold, rows, n_resamples=0)
    assert without.to_dict()["errors_count"] is None
    with pytest.raises(ValueError, match="score with with_errors=True"):
        write_errors(tmp_path / "errors.jsonl", without)
    assert not (tmp_path / "errors.jsonl").exists()
    collected = score(gold, rows, n_resamples=0, with_errors=True)
    assert collected.to_dict()["errors_count"] == 0  # perfect predictions: no errors
