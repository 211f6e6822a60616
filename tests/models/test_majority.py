"""Majority-class floors: labels learned from annotations, deterministic ties."""

from __future__ import annotations

import pytest

from newsgold.errors import InputError
from newsgold.models.fitting import dev_annotations
from newsgold.models.majority import MajorityBaseline, MajorityLabels, majority_labels
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventMention,
    StanceAnnotation,
    StanceTarget,
)

# Real corpus v1 document ids, pinned in splits.json: fitting takes dev documents only.
DEV_ID = "bcca8abf89d832c0"
TEST_ID = "f7be86d3df28fd8e"


def _gold(
    entity_labels=(), event_types=(), polarities=(), doc_id: str = DEV_ID
) -> DocumentAnnotations:
    return DocumentAnnotations(
        doc_id=doc_id,
        annotator="gold",
        entities=[
            EntityMention(i, i + 1, label, "x", f"m{i}") for i, label in enumerate(entity_labels)
        ],
        events=[
            EventMention(i, i + 1, code, "ACTUAL", "x", f"e{i}")
            for i, code in enumerate(event_types)
        ],
        stances=[
            StanceAnnotation(i, i + 1, "t", label, "x", f"s{i}")
            for i, label in enumerate(polarities)
        ],
    )


@pytest.mark.parametrize(
    ("gold", "expected"),
    [
        (
            _gold(["GPE", "PER", "GPE"], ["04"], ["AGAINST"]),
            MajorityLabels("GPE", "04", "ACTUAL", "AGAINST"),
        ),
        # Ties go to the label listed first in the scheme.
        (
            _gold(["ORG", "PER"], ["11", "04"], ["NONE", "FAVOR"]),
            MajorityLabels("PER", "04", "ACTUAL", "FAVOR"),
        ),
        (_gold(["LOC"]), MajorityLabels("LOC", None, None, None)),
    ],
)
def test_majority_labels(gold: DocumentAnnotations, expected: MajorityLabels) -> None:
    assert majority_labels([gold]) == expected


def test_layers_follow_the_labels_found() -> None:
    assert MajorityBaseline.fit([_gold(["LOC"])]).layers == ("entities",)
    assert MajorityBaseline.fit([_gold(["LOC"], ["04"], ["NONE"])]).layers == (
        "entities",
        "events",
        "stance",
    )


def test_fit_on_nothing_is_an_error() -> None:
    with pytest.raises(InputError, match="found no labels"):
        MajorityBaseline.fit([_gold()])


def test_fit_refuses_a_test_document() -> None:
    with pytest.raises(InputError, match=f"document {TEST_ID} is in 'test'"):
        MajorityBaseline.fit([_gold(["LOC"]), _gold(["PER"], doc_id=TEST_ID)])


def test_fitted_labels_do_not_depend_on_test_documents() -> None:
    # The pipeline fits on dev_annotations(gold): adding or changing test documents in
    # the gold must leave every fitted parameter unchanged.
    dev = [_gold(["GPE", "GPE", "PER"], ["04"], ["AGAINST"])]
    test = [_gold(["PER"] * 9, ["19"] * 9, ["FAVOR"] * 9, doc_id=TEST_ID)]
    alone = MajorityBaseline.fit(dev_annotations(dev))
    with_test = MajorityBaseline.fit(dev_annotations(dev + test))
    assert alone.labels == with_test.labels == MajorityLabels("GPE", "04", "ACTUAL", "AGAINST")
    assert dev_annotations(test) == []


def test_predictions(make_doc) -> None:
    document = make_doc(
        "Angela Merkel visited the New York Stock Exchange.\n\nIt rained in Berlin."
    )
    floor = MajorityBaseline(MajorityLabels("ORG", "04", "ACTUAL", "AGAINST"))
    targets = [StanceTarget("a", "A", "a"), StanceTarget("b", "B", "b")]
    prediction = floor.predict(document, targets)
    assert [(document.text[e.start : e.end], e.label) for e in prediction.entities] == [
        ("Angela Merkel", "ORG"),
        ("New York Stock Exchange", "ORG"),
        ("Berlin", "ORG"),  # the sentence-initial "It" alone is not a name
    ]
    assert [(document.text[e.start : e.end], e.type) for e in prediction.events] == [
        ("visited", "04"),
        ("rained", "04"),
    ]
    assert [(s.holder, s.target, s.label) for s in prediction.stances] == [
        (None, "a", "AGAINST"),
        (None, "b", "AGAINST"),
    ]
