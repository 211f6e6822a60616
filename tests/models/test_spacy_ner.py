"""spaCy entity baseline: the OntoNotes mapping and offsets into Document.text."""

from __future__ import annotations

import pytest

from newsgold.models._spacy import load_pipeline
from newsgold.models.spacy_ner import MAPPING_NOTES, ONTONOTES_TO_NEWSGOLD, SpacyEntityBaseline
from newsgold.scheme import ENTITY_LABELS
from tests.models.conftest import spans_text


def test_mapping_covers_every_label_the_pipeline_emits() -> None:
    emitted = set(load_pipeline().get_pipe("ner").labels)
    assert emitted == set(ONTONOTES_TO_NEWSGOLD)
    assert set(MAPPING_NOTES) == set(ONTONOTES_TO_NEWSGOLD)


def test_mapping_targets_are_scheme_labels() -> None:
    targets = {label for label in ONTONOTES_TO_NEWSGOLD.values() if label is not None}
    assert targets <= set(ENTITY_LABELS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Angela Merkel visited Paris.", [("Angela Merkel", "PER"), ("Paris", "GPE")]),
        ("The United States criticized China.", [("United States", "GPE"), ("China", "GPE")]),
        ("He paid 300 dollars on Friday.", [("Friday", "DATE")]),
        ("Kim met Chinese officials.", [("Kim", "PER"), ("Chinese", "NORP")]),
    ],
)
def test_predicted_spans_and_labels(make_doc, text: str, expected: list[tuple[str, str]]) -> None:
    document = make_doc(text)
    prediction = SpacyEntityBaseline().predict(document, [])
    assert spans_text(document, prediction.entities) == expected


def test_excluded_sentence_gets_no_entity(make_doc) -> None:
    document = make_doc("Angela Merkel visited Paris.\n\nBecome a member of The Quint today.", 1)
    prediction = SpacyEntityBaseline().predict(document, [])
    assert [document.text[e.start : e.end] for e in prediction.entities] == [
        "Angela Merkel",
        "Paris",
    ]
