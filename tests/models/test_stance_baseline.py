"""Cue-lexicon stance baseline: cue terms, polarity, holder and aggregation."""

from __future__ import annotations

import pytest

from newsgold.models.stance_baseline import StanceCueBaseline, target_cue_terms
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
        for s in StanceCueBaseline().predict(document, list(targets)).stances
    ]


@pytest.mark.parametrize(
    ("name", "terms"),
    [
        ("Sanctions on Iran", {"sanction", "iran"}),
        ("UN sanctions on the regime", {"un", "sanction", "regime"}),
        ("Trump–Kim diplomacy (the letters)", {"trump", "kim", "diplomacy", "letter"}),
    ],
)
def test_cue_terms_come_from_the_name(name: str, terms: set[str]) -> None:
    target = StanceTarget("t", name, "Donald Trump, FAVOR and AGAINST are not cue terms.")
    assert target_cue_terms(target) == terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Angela Merkel said the sanctions are a great success.",
            [("Angela Merkel", "sanctions", "FAVOR")],
        ),
        (
            "Angela Merkel said the sanctions were a failed policy.",
            [("Angela Merkel", "sanctions", "AGAINST")],
        ),
        ("The sanctions are not a success.", [(None, "sanctions", "AGAINST")]),
        ("The sanctions took effect in May.", [(None, "sanctions", "NONE")]),
        ("Iran hosted a conference.", [(None, "sanctions", "NONE")]),
        ("The weather in Berlin was a great success.", []),
    ],
)
def test_label_and_holder(make_doc, text: str, expected: list) -> None:
    assert _stances(make_doc(text)) == expected


def test_one_stance_per_mentioning_sentence(make_doc) -> None:
    document = make_doc(
        "Angela Merkel said the sanctions are a great success. It rained. "
        "Emmanuel Macron said the sanctions failed."
    )
    assert _stances(document) == [
        ("Angela Merkel", "sanctions", "FAVOR"),
        ("Emmanuel Macron", "sanctions", "AGAINST"),
    ]


def test_evidence_is_the_first_mentioning_sentence(make_doc) -> None:
    document = make_doc("It rained.\n\nThe sanctions are a success.")
    (stance,) = StanceCueBaseline().predict(document, [SANCTIONS]).stances
    assert stance.evidence == document.sentences[1]


def test_no_targets_no_stances(make_doc) -> None:
    assert _stances(make_doc("The sanctions are a success."), targets=()) == []
