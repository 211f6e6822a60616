"""A tiny synthetic evaluation: one document (with hostile text), gold, two systems' scores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgold.corpus import Document, make_document
from newsgold.corpus.ingest import Metadata
from newsgold.models.protocol import DocumentPrediction, PredictedEntity, PredictedEvent
from newsgold.pipeline import score
from newsgold.records import DocumentAnnotations, EntityMention, EventMention, StanceTarget
from newsgold.report import SystemResult

HOSTILE = (
    "Angela Merkel met Emmanuel Macron in Paris on Monday.\n"
    "<script>window.__injected = 1</script> Berlin criticized <img src=x "
    'onerror="window.__injected = 2"> Moscow.'
)
TARGET = StanceTarget("talks", "Franco-German talks", "The talks.")


def _span(document: Document, text: str) -> tuple[int, int]:
    start = document.text.index(text)
    return start, start + len(text)


@pytest.fixture
def evaluation() -> dict[str, Any]:
    document = make_document(HOSTILE, Metadata())
    entities = []
    for number, (text, label) in enumerate(
        [("Angela Merkel", "PER"), ("Emmanuel Macron", "PER"), ("Paris", "GPE"),
         ("Monday", "DATE"), ("Berlin", "GPE"), ("Moscow", "GPE")],
        start=1,
    ):  # fmt: skip
        start, end = _span(document, text)
        entities.append(EntityMention(start, end, label, text, f"m{number}"))
    met, criticized = _span(document, "met"), _span(document, "criticized")
    gold = DocumentAnnotations(
        document.id,
        "gold",
        entities=entities,
        events=[
            EventMention(*met, "04", "ACTUAL", "met", "e1"),
            EventMention(*criticized, "11", "ACTUAL", "criticized", "e2"),
        ],
    )
    script = _span(document, "<script>")
    good = DocumentPrediction(
        document.id,
        entities=[
            PredictedEntity(*_span(document, "Angela Merkel"), "PER"),
            PredictedEntity(*_span(document, "Emmanuel Macron"), "ORG"),  # wrong label
            PredictedEntity(*_span(document, "Paris"), "GPE"),
            PredictedEntity(*_span(document, "Berlin criticized"), "GPE"),  # boundary
            PredictedEntity(*script, "ORG"),  # spurious, over markup-like text
        ],
        events=[PredictedEvent(*met, "04", "ACTUAL"), PredictedEvent(*criticized, "13")],
    )
    weak = DocumentPrediction(
        document.id, entities=[PredictedEntity(*_span(document, "Paris"), "LOC")], events=[]
    )
    records = [(document, gold, [TARGET])]
    systems = []
    for name, prediction in (("good<b>model</b>", good), ("weak", weak)):
        report = score(records, [prediction.to_dict()], n_resamples=50, seed=3, with_errors=True)
        systems.append(
            SystemResult(name, f"{name} <i>desc</i>", [prediction], report.to_dict(), report.errors)
        )
    return {
        "predictions": {"good<b>model</b>": good, "weak": weak},
        "document": document,
        "gold": gold,
        "records": records,
        "systems": systems,
    }


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
