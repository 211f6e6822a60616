"""The Extractor protocol's output checks: spans, labels, targets, excluded regions."""

from __future__ import annotations

import pytest

from newsgold.errors import InputError
from newsgold.models.protocol import (
    DocumentPrediction,
    PredictedArgument,
    PredictedEntity,
    PredictedEvent,
    PredictedStance,
    check_layers,
    coerce_prediction,
)
from newsgold.records import StanceTarget

TARGETS = [StanceTarget("peace", "Peace talks", "The talks.")]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"entities": [{"start": 5, "end": 3, "label": "PER"}]}, r"span \[5, 3\) is not inside"),
        ({"entities": [{"start": 0, "end": 999, "label": "PER"}]}, "is not inside the text"),
        (
            {"entities": [{"start": 0, "end": 3, "label": "PERSON"}]},
            "'PERSON' is not a known label",
        ),
        ({"entities": [{"start": 0, "end": 3}]}, "item 0 is not valid"),
        ({"entities": "PER"}, "expected a list, got str"),
        (
            {"events": [{"trigger": {"start": 0, "end": 3}, "type": "99"}]},
            "'99' is not a known label",
        ),
        (
            {"events": [{"trigger": {"start": 0, "end": 3}, "type": "04", "realis": "MAYBE"}]},
            "'MAYBE' is not a known label",
        ),
        (
            {
                "events": [
                    {
                        "trigger": {"start": 0, "end": 3},
                        "type": "04",
                        "arguments": [{"role": "AGENT", "start": 0, "end": 3}],
                    }
                ]
            },
            "'AGENT' is not a known label",
        ),
        (
            {"stances": [{"holder": None, "target": "war", "label": "FAVOR"}]},
            "'war' is not declared",
        ),
        (
            {"stances": [{"holder": None, "target": "peace", "label": "PRO"}]},
            "'PRO' is not a known label",
        ),
        ({"doc_id": "other", "entities": []}, "prediction is for document 'other'"),
        ([1, 2], "returned list"),
    ],
)
def test_bad_predictions_are_rejected(make_doc, raw, message: str) -> None:
    document = make_doc("Kim met Trump. Then it rained.")
    with pytest.raises(InputError, match=message):
        coerce_prediction(
            document,
            raw,
            layers=("entities", "events", "stance"),
            system="m",
            stance_targets=TARGETS,
        )


def test_layers_are_filtered_and_missing_layers_become_empty(make_doc) -> None:
    document = make_doc("Kim met Trump.")
    raw = {"entities": [{"start": 0, "end": 3, "label": "PER"}]}
    result = coerce_prediction(document, raw, layers=("entities", "events"), system="m")
    assert result.to_dict() == {
        "doc_id": document.id,
        "entities": [{"start": 0, "end": 3, "label": "PER"}],
        "events": [],
    }


def test_spans_in_excluded_regions_are_dropped(make_doc) -> None:
    document = make_doc("Kim met Trump.\n\nBecome a member today.", exclude_sentence=1)
    inside = document.text.index("member")
    prediction = DocumentPrediction(
        doc_id=document.id,
        entities=[PredictedEntity(0, 3, "PER"), PredictedEntity(inside, inside + 6, "ORG")],
        events=[
            PredictedEvent(
                4, 7, "04", "ACTUAL", (PredictedArgument("TARGET", inside, inside + 6),)
            ),
            PredictedEvent(inside, inside + 6, "04"),
        ],
        stances=[PredictedStance((inside, inside + 6), "peace", "FAVOR")],
    )
    result = coerce_prediction(
        document,
        prediction,
        layers=("entities", "events", "stance"),
        system="m",
        stance_targets=TARGETS,
    )
    assert result.entities == [PredictedEntity(0, 3, "PER")]
    assert result.events == [PredictedEvent(4, 7, "04", "ACTUAL", ())]
    assert result.stances == []


def test_to_dict_is_canonical() -> None:
    prediction = DocumentPrediction(
        doc_id="d",
        events=[
            PredictedEvent(
                9,
                12,
                "11",
                None,
                (PredictedArgument("TARGET", 5, 8), PredictedArgument("SOURCE", 0, 3)),
            )
        ],
        stances=[PredictedStance((4, 6), "t", "NONE"), PredictedStance(None, "t", "FAVOR")],
    )
    assert prediction.to_dict() == {
        "doc_id": "d",
        "events": [
            {
                "trigger": {"start": 9, "end": 12},
                "type": "11",
                "arguments": [
                    {"role": "SOURCE", "start": 0, "end": 3},
                    {"role": "TARGET", "start": 5, "end": 8},
                ],
            }
        ],
        "stances": [
            {"holder": None, "target": "t", "label": "FAVOR"},
            {"holder": {"start": 4, "end": 6}, "target": "t", "label": "NONE"},
        ],
    }


@pytest.mark.parametrize(
    ("given", "expected"),
    [(["stance", "entities"], ("entities", "stance")), (["events", "events"], ("events",))],
)
def test_check_layers(given: list[str], expected: tuple[str, ...]) -> None:
    assert check_layers(given) == expected


def test_check_layers_rejects_unknown() -> None:
    with pytest.raises(InputError, match="unknown layer"):
        check_layers(["entity"])


def test_stance_evidence_is_written_and_checked(make_doc) -> None:
    document = make_doc("Kim met Trump.\n\nBecome a member today.", exclude_sentence=1)
    inside = document.text.index("member")
    raw = {
        "stances": [
            {
                "holder": None,
                "target": "peace",
                "label": "FAVOR",
                "evidence": {"start": 0, "end": 14},
            },
            {
                "holder": None,
                "target": "peace",
                "label": "NONE",
                "evidence": {"start": inside, "end": inside + 6},
            },
        ]
    }
    result = coerce_prediction(
        document, raw, layers=("stance",), system="m", stance_targets=TARGETS
    )
    assert result.to_dict()["stances"] == [
        {"holder": None, "target": "peace", "label": "FAVOR", "evidence": {"start": 0, "end": 14}}
    ]
    with pytest.raises(InputError, match=r"field 'stances\.evidence'"):
        coerce_prediction(
            document,
            {
                "stances": [
                    {
                        "holder": None,
                        "target": "peace",
                        "label": "FAVOR",
                        "evidence": {"start": 0, "end": 999},
                    }
                ]
            },
            layers=("stance",),
            system="m",
            stance_targets=TARGETS,
        )
