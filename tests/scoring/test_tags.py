"""``score_tags`` (tag lists in memory) and ``score_conll`` (files): seqeval parity, the four
modes with intervals, label sets and label maps, and one gold id whatever the scheme."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from seqeval.metrics import classification_report
from seqeval.scheme import BILOU, IOB1, IOB2, IOBES

import newsgold
from newsgold.errors import InputError
from newsgold.pipeline import score_conll
from newsgold.scheme import ENTITY_LABELS
from newsgold.scoring import score_tags

from .conftest import write_lines

# Gold and predictions for one small corpus, written in each scheme.
IOB2_GOLD = [["B-PER", "I-PER", "O", "B-GPE"], ["B-ORG", "O", "B-DATE", "I-DATE"]]
IOB2_PRED = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O", "B-DATE", "O"]]
BY_SCHEME = {
    "IOB2": (IOB2_GOLD, IOB2_PRED),
    "IOB1": (
        [["I-PER", "I-PER", "O", "I-GPE"], ["I-ORG", "O", "I-DATE", "I-DATE"]],
        [["I-PER", "I-PER", "O", "I-LOC"], ["I-ORG", "O", "I-DATE", "O"]],
    ),
    "IOBES": (
        [["B-PER", "E-PER", "O", "S-GPE"], ["S-ORG", "O", "B-DATE", "E-DATE"]],
        [["B-PER", "E-PER", "O", "S-LOC"], ["S-ORG", "O", "S-DATE", "O"]],
    ),
    "BILOU": (
        [["B-PER", "L-PER", "O", "U-GPE"], ["U-ORG", "O", "B-DATE", "L-DATE"]],
        [["B-PER", "L-PER", "O", "U-LOC"], ["U-ORG", "O", "U-DATE", "O"]],
    ),
}
SEQEVAL_SCHEMES = {"IOB1": IOB1, "IOB2": IOB2, "IOBES": IOBES, "BILOU": BILOU}


def _seqeval(gold: list[list[str]], pred: list[list[str]], scheme: str) -> dict[str, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = classification_report(
            gold,
            pred,
            mode="strict",
            scheme=SEQEVAL_SCHEMES[scheme],
            output_dict=True,
            zero_division=0,
        )
    return {"f1": report["micro avg"]["f1-score"], "macro_f1": report["macro avg"]["f1-score"]}


@pytest.mark.parametrize("scheme", sorted(BY_SCHEME))
def test_strict_reading_equals_seqeval_strict_mode(scheme: str) -> None:
    gold, pred = BY_SCHEME[scheme]
    report = score_tags(gold, pred, scheme=scheme, reading="strict", n_resamples=0)
    ref = _seqeval(gold, pred, scheme)
    strict = report.to_dict()["entities"]["strict"]
    assert strict["f1"] == pytest.approx(ref["f1"])
    assert strict["macro_f1"] == pytest.approx(ref["macro_f1"])


def test_four_modes_with_intervals_and_a_signature() -> None:
    report = newsgold.score_tags(IOB2_GOLD, IOB2_PRED, scheme="IOB2", n_resamples=200, seed=3)
    data = report.to_dict()
    assert set(data["entities"]) == {"strict", "exact", "partial", "type"}
    # GPE/LOC same span: exact matches it; DATE truncated: partial gives half credit.
    assert data["entities"]["strict"]["cor"] == 2
    assert data["entities"]["exact"]["cor"] == 3
    assert data["entities"]["partial"]["par"] == 1
    low, high = data["entities"]["strict"]["ci"]["f1"]
    assert 0 <= low <= data["entities"]["strict"]["f1"] <= high <= 1
    assert "scheme:IOB2" in data["signature"]["entities"]
    assert data["input"]["format"] == "tags"


def _gold_id(signature: str) -> str:
    return signature.split("|gold:")[1].split("|")[0]


def test_same_gold_in_every_scheme_has_one_gold_id() -> None:
    ids = {
        _gold_id(score_tags(gold, gold, scheme=scheme, n_resamples=0).signatures["entities"])
        for scheme, (gold, _) in BY_SCHEME.items()
    }
    assert len(ids) == 1 and next(iter(ids)).startswith("sha256-")


def test_lists_equal_the_file(tmp_path: Path) -> None:
    words = [["Kim", "Jong", "met", "Seoul"], ["KCNA", "said", "last", "week"]]
    lines: list[str] = []
    for w, g, p in zip(words, IOB2_GOLD, IOB2_PRED, strict=True):
        lines += [f"{a} {b} {c}" for a, b, c in zip(w, g, p, strict=True)] + [""]
    path = write_lines(tmp_path / "out.conll", lines)
    from_file = score_conll(path, n_resamples=50).to_dict()
    from_lists = score_tags(IOB2_GOLD, IOB2_PRED, tokens=words, n_resamples=50).to_dict()
    assert from_file["entities"] == from_lists["entities"]
    assert from_file["signature"] == from_lists["signature"]


def test_label_outside_the_set_names_the_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "out.conll", ["Kim B-PER B-PERSON", "met O O"])
    with pytest.raises(InputError, match=r"out\.conll:1: field 'pred': pred label 'PERSON'"):
        score_conll(path, labels=ENTITY_LABELS)


def test_label_map_renames_and_drops() -> None:
    gold = [["B-PER", "O", "B-GPE"]]
    pred = [["B-PERSON", "B-MISC", "B-GPE"]]
    report = score_tags(
        gold,
        pred,
        label_map={"PERSON": "PER", "MISC": None},
        labels=ENTITY_LABELS,
        n_resamples=0,
    )
    assert report.to_dict()["entities"]["strict"]["f1"] == 1.0
    assert report.to_dict()["input"]["label_map"] == {"MISC": None, "PERSON": "PER"}


def test_ragged_lists_are_refused() -> None:
    with pytest.raises(InputError, match="sentence 0: y_true has 2 tags but y_pred has 1"):
        score_tags([["B-PER", "O"]], [["B-PER"]])


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from newsgold.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_label_map_and_unmapped_label(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "spacy.conll", ["Kim B-PER B-PERSON", "met O O", "Seoul B-GPE B-GPE"]
    )
    refused = _cli("score", "--conll", str(path))
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1
    assert f"{path}:1: field 'pred'" in refused.stderr and "--label-map" in refused.stderr
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"PERSON": "PER"}), encoding="utf-8")
    mapped = _cli("score", "--conll", str(path), "--label-map", str(mapping), "--format", "json")
    assert mapped.returncode == 0, mapped.stderr
    assert json.loads(mapped.stdout)["entities"]["strict"]["f1"] == 1.0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"PERSON": 3}), encoding="utf-8")
    refused = _cli("score", "--conll", str(path), "--label-map", str(bad))
    assert refused.returncode == 1 and "field 'PERSON'" in refused.stderr


def test_top_level_score_takes_prediction_dicts() -> None:
    from newsgold.scoring.row_checks import gold_as_prediction_row

    from .conftest import make_gold

    gold = make_gold()
    rows = [gold_as_prediction_row(record) for record in gold]
    rows[0]["entities"] = rows[0]["entities"][1:]  # one missed entity
    report = newsgold.score(gold, rows, n_resamples=20).to_dict()
    assert report["input"]["format"] == "jsonl"  # rows in memory, the JSONL schema
    assert report["entities"]["strict"]["mis"] == 1
    assert report["events"]["trigger_classification"]["f1"] == 1.0
    assert report["stance"]["accuracy"] == 1.0
