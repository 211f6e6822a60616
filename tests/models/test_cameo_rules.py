"""Rule-based CAMEO coder: triggers, codes, realis and dependency-parse arguments."""

from __future__ import annotations

import pytest

from newsgold.models.cameo_rules import (
    NOUN_TRIGGERS,
    VERB_OBJECT_TRIGGERS,
    VERB_TRIGGERS,
    CameoRuleCoder,
)
from newsgold.scheme import EVENT_TYPES


def _coded(document, text_filter=None):
    events = CameoRuleCoder().predict(document, []).events
    return [
        (
            document.text[e.start : e.end],
            e.type,
            e.realis,
            sorted((a.role, document.text[a.start : a.end]) for a in e.arguments),
        )
        for e in events
    ]


def test_lexicon_codes_are_cameo_roots() -> None:
    codes = set(VERB_TRIGGERS.values()) | set(NOUN_TRIGGERS.values())
    codes |= set(VERB_OBJECT_TRIGGERS.values())
    assert codes <= set(EVENT_TYPES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "President Donald Trump met Kim Jong Un on Tuesday.",
            [
                (
                    "met",
                    "04",
                    "ACTUAL",
                    [("SOURCE", "Donald Trump"), ("TARGET", "Kim Jong Un"), ("TIME", "Tuesday")],
                )
            ],
        ),
        (
            "The United States criticized China on Friday.",
            [
                (
                    "criticized",
                    "11",
                    "ACTUAL",
                    [("SOURCE", "United States"), ("TARGET", "China"), ("TIME", "Friday")],
                )
            ],
        ),
        (
            "Germany will not threaten France.",
            [("threaten", "13", "OTHER", [("SOURCE", "Germany"), ("TARGET", "France")])],
        ),
        # The seed-shaped ("receive", "letter") entry was removed in lexicon 2.0.
        ("Angela Merkel received a letter from Emmanuel Macron.", []),
        ("The weather was pleasant.", []),
    ],
)
def test_coded_events(make_doc, text: str, expected: list) -> None:
    assert _coded(make_doc(text)) == expected


def test_excluded_sentence_is_skipped(make_doc) -> None:
    document = make_doc("China criticized Japan.\n\nRussia threatened Ukraine.", 1)
    assert [code for _, code, _, _ in _coded(document)] == ["11"]


def test_arguments_only_take_allowed_entity_types(make_doc) -> None:
    # "Friday" is a DATE: it may be TIME but never TARGET, even as the direct object.
    document = make_doc("Officials discussed Friday in Berlin.")
    for _, _, _, arguments in _coded(document):
        assert ("TARGET", "Friday") not in arguments
