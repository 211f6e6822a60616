"""Agreement between two passes, checked against hand-computed figures and the committed file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgold.agreement import measure_agreement, sentence_target_labels, token_bio_labels
from newsgold.corpus import Metadata, make_document
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    StanceAnnotation,
    StanceTarget,
)

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Kim Jong Un met Trump. Xi praised Kim. Trump left."
DOC = make_document(TEXT, Metadata())
TARGETS = [StanceTarget("diplomacy", "Diplomacy", "d"), StanceTarget("kim", "Kim", "k")]


def mention(text: str, label: str, ident: str, nth: int = 0) -> EntityMention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return EntityMention(start, start + len(text), label, text, ident)


def passes() -> tuple[DocumentAnnotations, DocumentAnnotations]:
    kim, trump, xi = (
        mention("Kim Jong Un", "PER", "e1"),
        mention("Trump", "PER", "e2"),
        mention("Xi", "PER", "e3"),
    )
    met = EventMention(
        TEXT.index("met"),
        TEXT.index("met") + 3,
        "04",
        "ACTUAL",
        "met",
        "v1",
        (EventArgument("SOURCE", "e1"), EventArgument("TARGET", "e2")),
    )
    praised = TEXT.index("praised Kim")
    stance = StanceAnnotation(praised, praised + 11, "kim", "FAVOR", "praised Kim", "s1", "e3")
    a = DocumentAnnotations(DOC.id, "a", [kim, trump, xi], [met], [stance])
    # B: "Kim" instead of "Kim Jong Un" (partial), realis differs, stance on another target.
    kim_b = mention("Kim", "PER", "e1")
    met_b = EventMention(
        met.start,
        met.end,
        "04",
        "OTHER",
        "met",
        "v1",
        (EventArgument("SOURCE", "e1"), EventArgument("TARGET", "e2")),
    )
    stance_b = StanceAnnotation(
        praised, praised + 11, "diplomacy", "FAVOR", "praised Kim", "s1", "e3"
    )
    b = DocumentAnnotations(DOC.id, "b", [kim_b, trump, xi], [met_b], [stance_b])
    return a, b


def test_token_bio_labels() -> None:
    a, _ = passes()
    labels = token_bio_labels(DOC, a)
    assert labels[:5] == ["B-PER", "I-PER", "I-PER", "O", "B-PER"]


def test_sentence_target_labels() -> None:
    a, b = passes()
    assert sentence_target_labels(DOC, a, TARGETS) == [
        "NONE",
        "NONE",
        "NONE",
        "FAVOR",
        "NONE",
        "NONE",
    ]
    assert sentence_target_labels(DOC, b, TARGETS) == [
        "NONE",
        "NONE",
        "FAVOR",
        "NONE",
        "NONE",
        "NONE",
    ]


def test_figures_against_hand_computation() -> None:
    a, b = passes()
    result = measure_agreement({DOC.id: DOC}, {DOC.id: a}, {DOC.id: b}, {DOC.id: TARGETS})
    # Entities: 2 of 3 strict matches; "Kim" vs "Kim Jong Un" is partial (0.5).
    assert result["entities"]["strict"]["f1"] == pytest.approx(2 / 3)
    assert result["entities"]["partial"]["f1"] == pytest.approx(2.5 / 3)
    # Events: trigger and type agree, realis does not; arguments attach to the trigger
    # and the SOURCE spans differ ("Kim Jong Un" vs "Kim").
    assert result["events"]["trigger_classification"]["f1"] == 1.0
    assert result["events"]["realis_agreement"] == 0.0
    assert result["events"]["argument_classification"]["f1"] == pytest.approx(0.5)
    # Stance: 6 cells, 4 agree on NONE, 2 disagree. p_o = 4/6; p_e = (5/6)^2 + 2*(1/6*0)...
    # A: NONE x5, FAVOR x1; B: NONE x5, FAVOR x1 (different cells).
    p_o, p_e = 4 / 6, (5 / 6) ** 2 + (1 / 6) ** 2
    assert result["stance"]["cohen_kappa"] == pytest.approx((p_o - p_e) / (1 - p_e))
    # Krippendorff's alpha (nominal, 2 coders, 12 values): D_o = 4/12... computed by hand:
    # n = 12 pairable values; coincidences: NONE-NONE 8, NONE-FAVOR 2, FAVOR-NONE 2.
    n, n_none, n_favor = 12, 10, 2
    d_o = (2 + 2) / n
    d_e = (n_none * n_favor * 2) / (n * (n - 1))
    assert result["stance"]["krippendorff_alpha_nominal"] == pytest.approx(1 - d_o / d_e)
    assert result["stance"]["triple_f1"]["f1"] == 0.0


def test_committed_agreement_is_reproduced() -> None:
    committed = json.loads((ROOT / "annotations" / "agreement.json").read_text(encoding="utf-8"))
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsgold.cli",
            "agreement",
            "annotations/passes/annotator_a",
            "annotations/passes/annotator_b",
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    fresh = json.loads(out.stdout)
    assert fresh == committed
    assert fresh["counts"]["pass_a"]["entities"] >= 80


def test_agreement_by_split_and_document_sums_up(
    tmp_path: Path,
) -> None:
    from newsgold.agreement import measure_agreement_by
    from newsgold.annotation_sets import read_annotation_set
    from newsgold.corpus import load_corpus
    from newsgold.stance_targets import load_stance_targets

    a = read_annotation_set(ROOT / "annotations/passes/annotator_a", root=ROOT)
    b = read_annotation_set(ROOT / "annotations/passes/annotator_b", root=ROOT)
    documents = load_corpus(ROOT / "corpus")
    targets = load_stance_targets(ROOT / "annotations/stance_targets.json")
    result = measure_agreement_by(documents, a, b, targets, lambda doc_id: "x")
    assert set(result["per_split"]) == {"x"}
    assert set(result["per_document"]) == set(a)
    # One split holding every document: its figures are the overall figures.
    part = result["per_split"]["x"]
    for key in ("entities", "events", "stance", "counts"):
        assert part[key] == result[key]
    assert (
        sum(d["counts"]["pass_a"]["entities"] for d in result["per_document"].values())
        == result["counts"]["pass_a"]["entities"]
    )


def test_figures_are_undefined_not_zero_when_neither_pass_has_an_item() -> None:
    empty_a = DocumentAnnotations(DOC.id, "a")
    empty_b = DocumentAnnotations(DOC.id, "b")
    result = measure_agreement({DOC.id: DOC}, {DOC.id: empty_a}, {DOC.id: empty_b}, {})
    assert result["entities"]["strict"]["f1"] is None
    assert result["events"]["trigger_classification"]["f1"] is None
    assert result["events"]["argument_classification"]["f1"] is None
    # One pass has an item the other lacks: a real 0, not undefined.
    a, _ = passes()
    one_sided = measure_agreement({DOC.id: DOC}, {DOC.id: a}, {DOC.id: empty_b}, {})
    assert one_sided["events"]["trigger_classification"]["f1"] == 0.0
    assert one_sided["entities"]["strict"]["f1"] == 0.0
