"""Disagreements between two passes, decisions, and the gold built from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgold.adjudication import (
    apply_decisions,
    find_disagreements,
    read_decisions,
    write_disagreements,
)
from newsgold.corpus import Metadata, make_document
from newsgold.errors import InputError
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    StanceAnnotation,
)

TEXT = "Kim met Trump in Hanoi. Kim praised Trump."
DOC = make_document(TEXT, Metadata())


def span(text: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def entity(text: str, label: str, ident: str, occurrence: int = 0) -> EntityMention:
    start, end = span(text, occurrence)
    return EntityMention(start, end, label, text, ident)


def pass_a() -> DocumentAnnotations:
    kim, trump, hanoi = (
        entity("Kim", "PER", "a1"),
        entity("Trump", "PER", "a2"),
        entity("Hanoi", "GPE", "a3"),
    )
    met = EventMention(
        *span("met"),
        "04",
        "ACTUAL",
        "met",
        "a4",
        (
            EventArgument("SOURCE", "a1"),
            EventArgument("TARGET", "a2"),
            EventArgument("PLACE", "a3"),
        ),
    )
    praised = StanceAnnotation(*span("praised Trump"), "t1", "FAVOR", "praised Trump", "a5", None)
    return DocumentAnnotations(DOC.id, "A", [kim, trump, hanoi], [met], [praised])


def pass_b() -> DocumentAnnotations:
    kim, trump = entity("Kim", "PER", "b1"), entity("Trump", "ORG", "b2")  # type differs
    kim2 = entity("Kim", "PER", "b3", occurrence=1)  # A missed the second Kim
    met = EventMention(
        *span("met"),
        "04",
        "ACTUAL",
        "met",
        "b4",
        (EventArgument("SOURCE", "b1"), EventArgument("TARGET", "b2")),
    )
    praised = StanceAnnotation(*span("praised Trump"), "t1", "FAVOR", "praised Trump", "b5", "b3")
    return DocumentAnnotations(DOC.id, "B", [kim, trump, kim2], [met], [praised])


def test_identical_passes_have_no_disagreement() -> None:
    assert find_disagreements(DOC, pass_a(), pass_a()) == []


def test_disagreements_are_grouped_by_region() -> None:
    items = [d.item for d in find_disagreements(DOC, pass_a(), pass_b())]
    trump, hanoi, kim2 = span("Trump"), span("Hanoi"), span("Kim", 1)
    assert items == [
        f"entities:{trump[0]}-{trump[1]}",
        f"entities:{hanoi[0]}-{hanoi[1]}",
        f"entities:{kim2[0]}-{kim2[1]}",
        f"events:{span('met')[0]}-{span('met')[1]}",
        "stances:s2:t1",
    ]


def test_order_of_passes_only_swaps_sides() -> None:
    ab = find_disagreements(DOC, pass_a(), pass_b())
    ba = find_disagreements(DOC, pass_b(), pass_a())
    assert [(d.item, d.a, d.b) for d in ab] == [(d.item, d.b, d.a) for d in ba]


def decide(tmp_path: Path, choices: dict[str, str]) -> Path:
    log = tmp_path / "log.jsonl"
    write_disagreements(log, find_disagreements(DOC, pass_a(), pass_b()))
    rows = [json.loads(line) for line in log.read_text().splitlines()]
    for row in rows:
        row["decision"] = choices[row["layer"]]
        row["reason"] = "guidelines §3"
    log.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return log


def test_apply_builds_consistent_gold(tmp_path: Path) -> None:
    log = decide(tmp_path, {"entities": "A", "events": "A", "stances": "A"})
    gold = apply_decisions(DOC, pass_a(), pass_b(), read_decisions(log))
    assert [(m.text, m.label, m.id) for m in gold.entities] == [
        ("Kim", "PER", "e1"),
        ("Trump", "PER", "e2"),
        ("Hanoi", "GPE", "e3"),
    ]
    (event,) = gold.events
    assert event.arguments == (
        EventArgument("PLACE", "e3"),
        EventArgument("SOURCE", "e1"),
        EventArgument("TARGET", "e2"),
    )
    assert gold.stances[0].holder_id is None


def test_decision_linking_to_a_missing_entity_is_refused(tmp_path: Path) -> None:
    # Pass B's stance holder is the second "Kim", which decision "A" on entities drops.
    log = decide(tmp_path, {"entities": "A", "events": "A", "stances": "B"})
    with pytest.raises(
        InputError, match=r"stance holder refers to .* 'Kim', which is not a gold entity"
    ):
        apply_decisions(DOC, pass_a(), pass_b(), read_decisions(log))


def test_missing_decision_is_reported(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text("")
    with pytest.raises(InputError, match="has no decision"):
        apply_decisions(DOC, pass_a(), pass_b(), read_decisions(log))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"decision": "maybe", "reason": "x"},
            "decision 'maybe' is not one of A, B, neither, custom",
        ),
        ({"decision": "A", "reason": " "}, "every decision needs a reason"),
        ({"decision": "custom", "reason": "x"}, "a 'custom' decision needs a 'custom' list"),
    ],
)
def test_bad_log_lines(tmp_path: Path, row: dict[str, str], message: str) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text(json.dumps({"doc_id": DOC.id, "item": "x", **row}) + "\n")
    with pytest.raises(InputError, match=message):
        read_decisions(log)
