"""Tiny hand-made gold for scoring tests: two documents, with an excluded region."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgold.corpus import Document, ExcludedRegion
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    GoldDocument,
    StanceAnnotation,
    StanceTarget,
)

TEXT_A = "Kim met Trump in Hanoi. Pyongyang praised the summit. Subscribe now."
TEXT_B = "Seoul criticized Tokyo on Sunday. China stayed silent."


def _doc(
    doc_id: str,
    text: str,
    sentences: list[tuple[int, int]],
    excluded: tuple[ExcludedRegion, ...] = (),
) -> Document:
    tokens = []
    pos = 0
    for word in text.split(" "):
        tokens.append((pos, pos + len(word)))
        pos += len(word) + 1
    return Document(
        doc_id,
        text,
        None,
        None,
        None,
        None,
        "en",
        ((0, len(text)),),
        tuple(sentences),
        tuple(tokens),
        excluded,
    )


def _mention(text: str, word: str, label: str, mention_id: str) -> EntityMention:
    start = text.index(word)
    return EntityMention(start, start + len(word), label, word, mention_id)


def make_gold() -> list[GoldDocument]:
    a = _doc(
        "doca", TEXT_A, [(0, 23), (24, 53), (54, 68)], (ExcludedRegion(54, 68, "boilerplate"),)
    )
    ents_a = [
        _mention(TEXT_A, "Kim", "PER", "e1"),
        _mention(TEXT_A, "Trump", "PER", "e2"),
        _mention(TEXT_A, "Hanoi", "GPE", "e3"),
        _mention(TEXT_A, "Pyongyang", "GPE", "e4"),
    ]
    met = TEXT_A.index("met")
    praised = TEXT_A.index("praised")
    events_a = [
        EventMention(
            met,
            met + 3,
            "04",
            "ACTUAL",
            "met",
            "v1",
            (
                EventArgument("SOURCE", "e1"),
                EventArgument("TARGET", "e2"),
                EventArgument("PLACE", "e3"),
            ),
        ),
        EventMention(
            praised, praised + 7, "05", "ACTUAL", "praised", "v2", (EventArgument("SOURCE", "e4"),)
        ),
    ]
    stances_a = [StanceAnnotation(24, 53, "summit", "FAVOR", TEXT_A[24:53], "s1", "e4")]
    b = _doc("docb", TEXT_B, [(0, 33), (34, 54)])
    ents_b = [
        _mention(TEXT_B, "Seoul", "GPE", "e1"),
        _mention(TEXT_B, "Tokyo", "GPE", "e2"),
        _mention(TEXT_B, "Sunday", "DATE", "e3"),
        _mention(TEXT_B, "China", "GPE", "e4"),
    ]
    crit = TEXT_B.index("criticized")
    events_b = [
        EventMention(
            crit,
            crit + 10,
            "11",
            "ACTUAL",
            "criticized",
            "v1",
            (
                EventArgument("SOURCE", "e1"),
                EventArgument("TARGET", "e2"),
                EventArgument("TIME", "e3"),
            ),
        ),
    ]
    stances_b = [StanceAnnotation(0, 33, "japan", "AGAINST", TEXT_B[:33], "s1", "e1")]
    return [
        GoldDocument(
            a,
            DocumentAnnotations("doca", "gold", ents_a, events_a, stances_a),
            [StanceTarget("summit", "The summit", "The Hanoi summit")],
        ),
        GoldDocument(
            b,
            DocumentAnnotations("docb", "gold", ents_b, events_b, stances_b),
            [StanceTarget("japan", "Japan", "Japan's policy")],
        ),
    ]


@pytest.fixture
def gold() -> list[GoldDocument]:
    return make_gold()


@pytest.fixture
def gold_by_id(gold: list[GoldDocument]) -> dict[str, GoldDocument]:
    return {g.document.id: g for g in gold}


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
