"""Stance figures: parity with scikit-learn; the GUIDELINES §5.5 cell rule."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from newsgold.scheme import STANCE_LABELS
from newsgold.scoring.stance import PlacedStance, cell_label, score_stance, score_stance_cells


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(STANCE_LABELS), st.sampled_from(STANCE_LABELS)),
        min_size=1,
        max_size=40,
    )
)
def test_cell_figures_equal_scikit_learn(pairs: list[tuple[str, str]]) -> None:
    gold = [g for g, _ in pairs]
    pred = [p for _, p in pairs]
    ours = score_stance_cells(gold, pred, zero_division=0.0)
    labels = list(STANCE_LABELS)
    assert ours.f_avg == pytest.approx(
        f1_score(gold, pred, labels=["FAVOR", "AGAINST"], average="macro", zero_division=0)
    )
    assert ours.macro_f1 == pytest.approx(
        f1_score(gold, pred, labels=labels, average="macro", zero_division=0)
    )
    assert ours.accuracy == pytest.approx(accuracy_score(gold, pred))
    assert np.array_equal(np.asarray(ours.confusion), confusion_matrix(gold, pred, labels=labels))
    p, r, f, _ = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    for i, label in enumerate(labels):
        assert (ours.per_label[label].precision, ours.per_label[label].recall) == pytest.approx(
            (p[i], r[i])
        )
        assert ours.per_label[label].f1 == pytest.approx(f[i])


def _s(start: int, label: str) -> PlacedStance:
    return PlacedStance((start, start + 3), 0, "t", label, None)


@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        ([], "NONE"),
        ([_s(0, "NONE")], "NONE"),
        ([_s(0, "FAVOR"), _s(5, "AGAINST"), _s(9, "AGAINST")], "AGAINST"),
        ([_s(5, "AGAINST"), _s(0, "FAVOR")], "FAVOR"),  # tie: first by offset
        ([_s(0, "NONE"), _s(2, "NONE"), _s(5, "AGAINST")], "AGAINST"),  # NONE ignored
    ],
)
def test_cell_label_follows_guidelines(stances: list[PlacedStance], expected: str) -> None:
    assert cell_label(stances) == expected


def test_triples_match_holder_by_span() -> None:
    gold = [PlacedStance((0, 9), 0, "t", "FAVOR", (0, 3))]
    pred = [
        PlacedStance((0, 9), 0, "t", "FAVOR", (0, 4)),
        PlacedStance(None, None, "t", "FAVOR", None),
    ]
    scores = score_stance(gold, pred, [0], ["t"])
    assert (scores.triple_tp, scores.triple_predicted, scores.triple_gold) == (0, 2, 1)
