"""Fixtures for the dataset tests: a tiny hand-annotated document, the seed article with
synthetic gold (the real gold lands later), and a synthetic multi-document corpus."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsgold.corpus import Metadata, load_corpus, make_document
from newsgold.corpus.document import Document
from newsgold.dataset import GoldDocument
from newsgold.dataset.synthetic import synthetic_gold, synthetic_records
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    StanceAnnotation,
    StanceTarget,
)
from newsgold.stance_targets import load_stance_targets

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_ID = "6ebade2f8e52de11"

TINY_TEXT = (
    "Donald Trump sent Kim Jong Un an “excellent” letter on Sunday 🙂.\n"
    "Pyongyang praised the letter, KCNA said. Seoul welcomed it.\n\n"
    "Subscribe to our newsletter for more."
)
TINY_TARGETS = (
    StanceTarget("leader_diplomacy", "Leader diplomacy", "FAVOR values the letters."),
    StanceTarget("sanctions_first", "Sanctions first", "FAVOR keeps sanctions."),
)


def _span(document: Document, needle: str, occurrence: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(needle, start + 1)
    return start, start + len(needle), needle


@pytest.fixture
def tiny_document() -> Document:
    """Three annotatable sentences (one with an emoji), then an excluded newsletter line."""
    return make_document(
        TINY_TEXT,
        Metadata(
            title="Letters",
            source="Test Wire",
            url="https://example.org/a",
            date="2019-06-23",
            language="en",
        ),
    )


@pytest.fixture
def tiny_gold(tiny_document: Document) -> DocumentAnnotations:
    """Hand-made gold: 6 entities, 3 events with arguments, 4 stances (author and entity)."""
    doc = tiny_document

    def entity(needle: str, label: str, mention_id: str, key: str | None = None) -> EntityMention:
        start, end, text = _span(doc, needle)
        return EntityMention(start, end, label, text, mention_id, key)

    def event(
        needle: str, type_: str, realis: str, event_id: str, *args: tuple[str, str]
    ) -> EventMention:
        start, end, text = _span(doc, needle)
        arguments = tuple(sorted(EventArgument(role, ref) for role, ref in args))
        return EventMention(start, end, type_, realis, text, event_id, arguments)

    def stance(
        needle: str, target: str, polarity: str, stance_id: str, holder: str | None
    ) -> StanceAnnotation:
        start, end, text = _span(doc, needle)
        return StanceAnnotation(start, end, target, polarity, text, stance_id, holder)

    return DocumentAnnotations(
        doc_id=doc.id,
        annotator="gold",
        entities=[
            entity("Donald Trump", "PER", "e1", "Q22686"),
            entity("Kim Jong Un", "PER", "e2", "Q56226"),
            entity("Sunday", "DATE", "e3"),
            entity("Pyongyang", "GPE", "e4", "Q18808"),
            entity("KCNA", "ORG", "e5"),
            entity("Seoul", "GPE", "e6", "Q8684"),
        ],
        events=[
            event("sent", "04", "ACTUAL", "v1", ("SOURCE", "e1"), ("TARGET", "e2"), ("TIME", "e3")),
            event("praised", "05", "ACTUAL", "v2", ("SOURCE", "e4")),
            event("welcomed", "05", "ACTUAL", "v3", ("SOURCE", "e6")),
        ],
        stances=[
            stance("“excellent” letter", "leader_diplomacy", "FAVOR", "s1", None),
            stance("praised the letter", "leader_diplomacy", "FAVOR", "s2", "e4"),
            stance("praised", "sanctions_first", "NONE", "s3", "e4"),
            stance("welcomed it", "leader_diplomacy", "AGAINST", "s4", "e6"),
        ],
    )


@pytest.fixture
def tiny_record(tiny_document: Document, tiny_gold: DocumentAnnotations) -> GoldDocument:
    return GoldDocument(tiny_document, tiny_gold, TINY_TARGETS)


@pytest.fixture(scope="session")
def seed_record() -> GoldDocument:
    """The real seed article and its declared targets, with synthetic (valid) gold."""
    document = load_corpus(REPO_ROOT / "corpus")[SEED_ID]
    targets = tuple(load_stance_targets(REPO_ROOT / "annotations" / "stance_targets.json")[SEED_ID])
    return GoldDocument(document, synthetic_gold(document, targets, seed=7), targets)


@pytest.fixture(scope="session")
def corpus_records() -> list[GoldDocument]:
    """80 synthetic documents: enough for train, validation and test splits."""
    return list(synthetic_records(80, sentences=6))


@pytest.fixture
def licensed_records(seed_record: GoldDocument, tiny_record: GoldDocument) -> list[GoldDocument]:
    """The seed (all rights reserved) and a CC BY 2.5 document, in id order."""
    free = tiny_record._replace(
        document=dataclasses.replace(
            tiny_record.document, license="CC-BY-2.5", attribution="Test Wire, CC BY 2.5"
        )
    )
    return sorted([seed_record, free], key=lambda r: r.document.id)
