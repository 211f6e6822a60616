"""VADER stance baseline: target cues, VADER's published thresholds, holder."""

from __future__ import annotations

import pytest

from newsgold.models.stance_vader import (
    AGAINST_THRESHOLD,
    FAVOR_THRESHOLD,
    StanceVaderBaseline,
    label_of,
)
from newsgold.records import StanceTarget

SANCTIONS = StanceTarget(
    "sanctions", "Sanctions on Iran", "Keeping economic sanctions on Tehran in place."
)


def _stances(document, targets=(SANCTIONS,)):
    return [
        (
            None if s.holder is None else document.text[s.holder[0] : s.holder[1]],
            s.target,
            s.label,
        )
        for s in StanceVaderBaseline().predict(document, list(targets)).stances
    ]


def test_thresholds_are_vaders_published_ones() -> None:
    assert (FAVOR_THRESHOLD, AGAINST_THRESHOLD) == (0.05, -0.05)


@pytest.mark.parametrize(
    ("compound", "label"),
    [(0.05, "FAVOR"), (0.9, "FAVOR"), (0.049, "NONE"), (-0.049, "NONE"), (-0.05, "AGAINST")],
)
def test_label_of(compound: float, label: str) -> None:
    assert label_of(compound) == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Angela Merkel said the sanctions are a great success.",
            [("Angela Merkel", "sanctions", "FAVOR")],
        ),
        (
            "Angela Merkel said the sanctions were a cruel and terrible mistake.",
            [("Angela Merkel", "sanctions", "AGAINST")],
        ),
        ("The sanctions are not a success.", [(None, "sanctions", "AGAINST")]),
        ("The sanctions took effect in May.", [(None, "sanctions", "NONE")]),
        ("The weather in Berlin was a great success.", []),
    ],
)
def test_label_and_holder(make_doc, text: str, expected: list) -> None:
    assert _stances(make_doc(text)) == expected


def test_each_stance_has_its_sentence_as_evidence(make_doc) -> None:
    document = make_doc("It rained.\n\nThe sanctions are a success.")
    (stance,) = StanceVaderBaseline().predict(document, [SANCTIONS]).stances
    assert stance.evidence == document.sentences[1]
