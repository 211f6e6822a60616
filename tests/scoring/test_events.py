"""Event figures: TextEE definitions, realis, QuadClass, order independence."""

from __future__ import annotations

import random

import pytest

from newsgold.scoring.events import EventTuple, score_events

GOLD = [
    EventTuple(0, 4, "04", "ACTUAL", (("SOURCE", 10, 15), ("TARGET", 20, 25))),
    EventTuple(30, 37, "11", "OTHER", (("SOURCE", 40, 45),)),
]


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        (
            GOLD,
            {
                "trigger_identification": 1.0,
                "trigger_classification": 1.0,
                "argument_classification": 1.0,
            },
        ),
        # Wrong type: identified, not classified; its arguments no longer count (attached).
        (
            [EventTuple(0, 4, "05", "ACTUAL", (("SOURCE", 10, 15), ("TARGET", 20, 25)))],
            {
                "trigger_identification": 2 / 3,
                "trigger_classification": 0.0,
                "argument_identification": 0.0,
                "quad_class": 2 / 3,
            },
        ),
        # Right trigger, one argument with the wrong role.
        (
            [EventTuple(0, 4, "04", "ACTUAL", (("SOURCE", 10, 15), ("SOURCE", 20, 25)))],
            {"argument_identification": 0.8, "argument_classification": 0.4},
        ),
    ],
)
def test_task_f1(pred: list[EventTuple], expected: dict[str, float]) -> None:
    scores = score_events(GOLD, pred)
    for task, f1 in expected.items():
        assert scores.tasks[task].f1 == pytest.approx(f1), task


def test_realis_accuracy_is_over_classified_triggers() -> None:
    pred = [
        EventTuple(0, 4, "04", "GENERIC"),
        EventTuple(30, 37, "11", "OTHER"),
        EventTuple(50, 52, "01", "ACTUAL"),
    ]
    assert score_events(GOLD, pred).realis_accuracy == 0.5


def test_per_type_and_quad_class_are_reported() -> None:
    scores = score_events(GOLD, GOLD)
    assert set(scores.per_type) == {"04", "11"}
    assert set(scores.per_quad_class) == {"VERBAL_COOPERATION", "VERBAL_CONFLICT"}


def test_order_does_not_matter() -> None:
    pred = [
        EventTuple(0, 4, "04", "ACTUAL", (("TARGET", 20, 25), ("SOURCE", 10, 15))),
        EventTuple(30, 36, "11", None),
    ]
    shuffled = random.Random(1).sample(pred, len(pred))
    assert score_events(GOLD, pred) == score_events(GOLD, shuffled)
