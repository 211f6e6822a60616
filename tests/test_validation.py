"""Records-level validation: every check fires on its case and names what is wrong."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from newsgold.corpus import Metadata, make_document
from newsgold.corpus.document import Document
from newsgold.errors import ValidationError
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    StanceAnnotation,
    StanceTarget,
)
from newsgold.validation import annotation_problems, validate_annotations

TEXT = (
    "Donald Trump wrote to Kim Jong Un on Sunday.\nSeoul welcomed the letter.\n\n"
    "Subscribe to our newsletter for more."
)
TARGETS = (StanceTarget("diplomacy", "Diplomacy", "FAVOR values the letters."),)


@pytest.fixture
def document() -> Document:
    return make_document(TEXT, Metadata(language="en"))


def _valid(document: Document) -> DocumentAnnotations:
    def at(needle: str) -> tuple[int, int]:
        start = document.text.index(needle)
        return start, start + len(needle)

    return DocumentAnnotations(
        doc_id=document.id,
        annotator="gold",
        entities=[
            EntityMention(*at("Donald Trump"), "PER", "Donald Trump", "e1"),
            EntityMention(*at("Kim Jong Un"), "PER", "Kim Jong Un", "e2"),
            EntityMention(*at("Sunday"), "DATE", "Sunday", "e3"),
            EntityMention(*at("Seoul"), "GPE", "Seoul", "e4"),
        ],
        events=[
            EventMention(
                *at("wrote"),
                "04",
                "ACTUAL",
                "wrote",
                "v1",
                (EventArgument("SOURCE", "e1"), EventArgument("TIME", "e3")),
            )
        ],
        stances=[
            StanceAnnotation(
                *at("welcomed the letter"), "diplomacy", "FAVOR", "welcomed the letter", "s1", "e4"
            )
        ],
    )


def _replace_first(layer: str, **changes: object) -> Callable[[DocumentAnnotations], None]:
    def mutate(annotations: DocumentAnnotations) -> None:
        items = getattr(annotations, layer)
        items[0] = dataclasses.replace(items[0], **changes)

    return mutate


def _add_entity(
    start: int, end: int, text: str, mention_id: str = "e9"
) -> Callable[[DocumentAnnotations], None]:
    def mutate(annotations: DocumentAnnotations) -> None:
        annotations.entities.append(EntityMention(start, end, "ORG", text, mention_id))

    return mutate


CASES: list[tuple[str, Callable[[DocumentAnnotations], None], str]] = [
    (
        "end past the text",
        _replace_first("entities", end=10_000),
        r"not a non-empty span inside the text",
    ),
    ("empty span", _replace_first("entities", end=0), r"not a non-empty span"),
    (
        "text differs",
        _replace_first("entities", text="Donald Trunp"),
        r"differs from the document text",
    ),
    (
        "unknown entity label",
        _replace_first("entities", label="PERSON"),
        r"label 'PERSON' is not in the scheme",
    ),
    ("overlapping entities", _add_entity(7, 16, "Trump wro"), r"overlaps entity e1"),
    ("in excluded region", _add_entity(73, 82, "Subscribe"), r"touches the excluded region"),
    ("starts between sentences", _add_entity(44, 50, "\nSeoul"), r"between sentences"),
    ("duplicate id", _add_entity(22, 25, "Kim", mention_id="e1"), r"id used twice"),
    ("reserved id", _replace_first("entities", id="AUTHOR"), r"reserved for the article's author"),
    (
        "unknown event type",
        _replace_first("events", type="21"),
        r"type '21' is not a CAMEO root code",
    ),
    (
        "unknown realis",
        _replace_first("events", realis="REAL"),
        r"realis 'REAL' is not in the scheme",
    ),
    (
        "unknown role",
        _replace_first("events", arguments=(EventArgument("AGENT", "e1"),)),
        r"role 'AGENT' is not in the scheme",
    ),
    (
        "argument entity missing",
        _replace_first("events", arguments=(EventArgument("SOURCE", "e42"),)),
        r"refers to entity 'e42', which is not an entity mention",
    ),
    (
        "role not allowed for entity type",
        _replace_first("events", arguments=(EventArgument("PLACE", "e1"),)),
        r"PLACE argument e1 is a PER mention; PLACE takes GPE, LOC",
    ),
    (
        "undeclared target",
        _replace_first("stances", target="sanctions"),
        r"target 'sanctions' is not declared",
    ),
    (
        "unknown holder",
        _replace_first("stances", holder_id="e77"),
        r"holder 'e77' is not an entity mention",
    ),
    (
        "unknown polarity",
        _replace_first("stances", polarity="PRO"),
        r"polarity 'PRO' is not in the scheme",
    ),
]


def test_valid_annotations_have_no_problems(document: Document) -> None:
    assert annotation_problems(document, _valid(document), TARGETS) == []


@pytest.mark.parametrize(("name", "mutate", "expected"), CASES, ids=[case[0] for case in CASES])
def test_each_check_reports_its_problem(
    document: Document, name: str, mutate: Callable[[DocumentAnnotations], None], expected: str
) -> None:
    annotations = _valid(document)
    mutate(annotations)
    messages = [str(problem) for problem in annotation_problems(document, annotations, TARGETS)]
    assert any(re.search(expected, m) for m in messages), messages


def test_author_holder_is_valid(document: Document) -> None:
    annotations = _valid(document)
    _replace_first("stances", holder_id=None)(annotations)
    assert annotation_problems(document, annotations, TARGETS) == []


def test_wrong_document_is_reported(document: Document) -> None:
    annotations = _valid(document)
    annotations.doc_id = "0000000000000000"
    problems = annotation_problems(document, annotations, TARGETS)
    assert problems[0].layer == "document"
    assert "annotations are for document '0000000000000000'" in problems[0].reason


def test_validate_raises_one_line_listing_problems(document: Document) -> None:
    annotations = _valid(document)
    _replace_first("events", realis="REAL")(annotations)
    _replace_first("stances", target="sanctions")(annotations)
    with pytest.raises(ValidationError, match=r"2 problem\(s\): document \w+, events v1") as info:
        validate_annotations(document, annotations, TARGETS)
    assert "\n" not in str(info.value)
    assert len(info.value.problems) == 2


def test_problem_names_document_layer_and_id(document: Document) -> None:
    annotations = _valid(document)
    _replace_first("events", realis="REAL")(annotations)
    (problem,) = annotation_problems(document, annotations, TARGETS)
    assert str(problem).startswith(f"document {document.id}, events v1: realis 'REAL'")
