"""Adjudication: list every disagreement between two annotation passes, then build the gold
from the agreed items plus one logged decision per disagreement.

Items are compared id-free, by offsets: an entity is ``(start, end, label, key)``; an
event is its trigger, type, realis and arguments (role + the argument entity's span); a
stance is its evidence, target, polarity and holder span. Disagreements are grouped so
that an adjudicator decides each region once:

- entities and events: connected groups of overlapping spans (from either pass);
- stances: one group per (sentence, target).

A decision is ``"A"``, ``"B"``, ``"neither"`` or ``"custom"`` (with the items to keep),
and always carries a reason. The log is JSONL, one disagreement per line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold.atomic import atomic_write_jsonl
from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.jsonfile import (
    int_field,
    list_field,
    optional_str_field,
    read_json_lines,
    require_object,
    short_repr,
    str_field,
    with_location,
)
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    StanceAnnotation,
)

DECISIONS = ("A", "B", "neither", "custom")
LAYERS = ("entities", "events", "stances")

Item = dict[str, Any]


@dataclass(frozen=True)
class Disagreement:
    """One region on which the two passes differ."""

    doc_id: str
    layer: str
    item: str  # a readable, stable key: "entities:196-207", "stances:s3:trump_kim_diplomacy"
    context: str  # the sentence(s) the region lies in
    a: tuple[Item, ...]
    b: tuple[Item, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "layer": self.layer,
            "item": self.item,
            "context": self.context,
            "pass_a": list(self.a),
            "pass_b": list(self.b),
        }


def _entity_items(annotations: DocumentAnnotations) -> list[Item]:
    return [
        {"start": m.start, "end": m.end, "label": m.label, "text": m.text, "key": m.key}
        for m in sorted(annotations.entities)
    ]


def _event_items(annotations: DocumentAnnotations) -> list[Item]:
    entities = annotations.entity_by_id()
    items = []
    for event in sorted(annotations.events):
        arguments = sorted(
            (
                {
                    "role": argument.role,
                    "start": entities[argument.entity_id].start,
                    "end": entities[argument.entity_id].end,
                    "text": entities[argument.entity_id].text,
                }
                for argument in event.arguments
            ),
            key=lambda a: (a["start"], a["end"], a["role"]),
        )
        items.append(
            {
                "start": event.start,
                "end": event.end,
                "type": event.type,
                "realis": event.realis,
                "text": event.text,
                "arguments": arguments,
            }
        )
    return items


def _stance_items(annotations: DocumentAnnotations) -> list[Item]:
    entities = annotations.entity_by_id()
    items = []
    for stance in sorted(annotations.stances):
        holder = None
        if stance.holder_id is not None:
            mention = entities[stance.holder_id]
            holder = {"start": mention.start, "end": mention.end, "text": mention.text}
        items.append(
            {
                "start": stance.start,
                "end": stance.end,
                "target": stance.target,
                "polarity": stance.polarity,
                "text": stance.text,
                "holder": holder,
            }
        )
    return items


def _key(item: Item) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _overlap_groups(a: list[Item], b: list[Item]) -> list[tuple[list[Item], list[Item]]]:
    tagged = sorted(
        [(i["start"], i["end"], 0, n) for n, i in enumerate(a)]
        + [(i["start"], i["end"], 1, n) for n, i in enumerate(b)]
    )
    groups: list[tuple[list[Item], list[Item]]] = []
    group_end = -1
    for start, end, side, n in tagged:
        if start >= group_end:
            groups.append(([], []))
        groups[-1][side].append((a if side == 0 else b)[n])
        group_end = max(group_end, end)
    return groups


def _stance_groups(
    document: Document, a: list[Item], b: list[Item]
) -> list[tuple[tuple[int, str], list[Item], list[Item]]]:
    keyed: dict[tuple[int, str], tuple[list[Item], list[Item]]] = {}
    for side, items in ((0, a), (1, b)):
        for item in items:
            sentence = document.sentence_index(item["start"])
            key = (-1 if sentence is None else sentence, item["target"])
            keyed.setdefault(key, ([], []))[side].append(item)
    return [(key, pair[0], pair[1]) for key, pair in sorted(keyed.items())]


def _context(document: Document, start: int, end: int) -> str:
    first = document.sentence_index(start)
    last = document.sentence_index(max(start, end - 1))
    if first is None or last is None:
        return document.text[start:end]
    return document.text[document.sentences[first][0] : document.sentences[last][1]]


def _regions(
    document: Document, a: DocumentAnnotations, b: DocumentAnnotations
) -> Iterable[tuple[str, str, str, list[Item], list[Item]]]:
    for layer, extract in (("entities", _entity_items), ("events", _event_items)):
        for items_a, items_b in _overlap_groups(extract(a), extract(b)):
            start = min(i["start"] for i in items_a + items_b)
            end = max(i["end"] for i in items_a + items_b)
            yield layer, f"{layer}:{start}-{end}", _context(document, start, end), items_a, items_b
    for (sentence, target), items_a, items_b in _stance_groups(
        document, _stance_items(a), _stance_items(b)
    ):
        start, end = document.sentences[sentence] if sentence >= 0 else (0, 0)
        yield (
            "stances",
            f"stances:s{sentence + 1}:{target}",
            document.text[start:end],
            items_a,
            items_b,
        )


def find_disagreements(
    document: Document, a: DocumentAnnotations, b: DocumentAnnotations
) -> list[Disagreement]:
    """Every region where pass ``a`` and pass ``b`` differ, in document order per layer.

    Example:
        >>> from newsgold.corpus.ingest import Metadata, make_document
        >>> doc = make_document("Kim met Trump in Hanoi.", Metadata())
        >>> pass_a = DocumentAnnotations(doc.id, "ann1", [EntityMention(0, 3, "PER", "Kim", "e1")])
        >>> pass_b = DocumentAnnotations(doc.id, "ann2", [EntityMention(0, 3, "ORG", "Kim", "e1")])
        >>> [(d.item, d.context) for d in find_disagreements(doc, pass_a, pass_b)]
        [('entities:0-3', 'Kim met Trump in Hanoi.')]
    """
    result = []
    for layer, item, context, items_a, items_b in _regions(document, a, b):
        if sorted(map(_key, items_a)) != sorted(map(_key, items_b)):
            result.append(
                Disagreement(document.id, layer, item, context, tuple(items_a), tuple(items_b))
            )
    return result


def write_disagreements(path: str | Path, disagreements: Sequence[Disagreement]) -> None:
    """Write the disagreements as a JSONL log with empty ``decision``/``reason`` to fill in."""
    atomic_write_jsonl(
        path, ({**d.to_dict(), "decision": None, "reason": None} for d in disagreements)
    )


def read_decisions(path: str | Path) -> dict[tuple[str, str], dict[str, Any]]:
    """Read a filled-in adjudication log, keyed by ``(doc_id, item)``.

    Raises:
        InputError: a line that is not JSON, a missing or unknown decision, a missing
            reason, or a ``custom`` decision without a ``custom`` item list.
    """
    decisions: dict[tuple[str, str], dict[str, Any]] = {}
    for number, raw in read_json_lines(path, what="adjudication log"):
        try:
            row = _decision_row(raw)
        except InputError as exc:
            raise with_location(exc, path=path, line=number) from None
        decisions[(row["doc_id"], row["item"])] = row
    return decisions


_CUSTOM_FIELDS: dict[str, dict[str, str]] = {
    # layer -> field -> kind: int, str, str? (or null), span? ({start, end} or null), args
    "entities": {"start": "int", "end": "int", "label": "str", "key": "str?"},
    "events": {"start": "int", "end": "int", "type": "str", "realis": "str", "arguments": "args"},
    "stances": {
        "start": "int",
        "end": "int",
        "target": "str",
        "polarity": "str",
        "holder": "span?",
    },
}


def _decision_row(raw: Any) -> dict[str, Any]:
    row = require_object(raw)
    str_field(row, "doc_id")
    str_field(row, "item")
    decision = row.get("decision")
    if not isinstance(decision, str) or decision not in DECISIONS:
        raise InputError(
            f"decision {short_repr(decision)} is not one of {', '.join(DECISIONS)}",
            field="decision",
        )
    reason = row.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise InputError("every decision needs a reason", field="reason")
    if decision == "custom":
        if not isinstance(row.get("custom"), list):
            raise InputError("a 'custom' decision needs a 'custom' list of items", field="custom")
        layer = str_field(row, "layer")
        if layer not in _CUSTOM_FIELDS:
            raise InputError(
                f"unknown layer {short_repr(layer)}; expected {', '.join(_CUSTOM_FIELDS)}",
                field="layer",
            )
        for index, item in enumerate(row["custom"]):
            _check_item(item, _CUSTOM_FIELDS[layer], f"custom.{index}.")
    return row


def _check_item(raw: Any, fields: dict[str, str], prefix: str) -> None:
    item = require_object(raw, field=prefix.rstrip("."))
    for name, kind in fields.items():
        if kind == "int":
            int_field(item, name, prefix=prefix)
        elif kind == "str":
            str_field(item, name, prefix=prefix)
        elif kind == "str?":
            optional_str_field(item, name, prefix=prefix)
        elif kind == "span?" and item.get(name) is not None:
            _check_item(item[name], {"start": "int", "end": "int"}, f"{prefix}{name}.")
        elif kind == "args":
            for index, argument in enumerate(list_field(item, name, prefix=prefix)):
                _check_item(
                    argument,
                    {"role": "str", "start": "int", "end": "int"},
                    f"{prefix}{name}.{index}.",
                )


def apply_decisions(
    document: Document,
    a: DocumentAnnotations,
    b: DocumentAnnotations,
    decisions: dict[tuple[str, str], dict[str, Any]],
    *,
    annotator: str = "gold",
) -> DocumentAnnotations:
    """Build the adjudicated annotation set of one document.

    Agreed regions are taken as they are; each disagreement takes the items its decision
    names. Ids are assigned afresh in offset order (``e1``…, ``v1``…, ``s1``…); event
    arguments and stance holders are re-linked to the gold entities by span.

    Raises:
        InputError: a disagreement without a decision, or an argument or holder span
            that is not a gold entity.
    """
    chosen: dict[str, list[Item]] = {layer: [] for layer in LAYERS}
    for layer, item, _context_text, items_a, items_b in _regions(document, a, b):
        if sorted(map(_key, items_a)) == sorted(map(_key, items_b)):
            chosen[layer].extend(items_a)
            continue
        row = decisions.get((document.id, item))
        if row is None:
            raise InputError(
                f"disagreement {item} of document {document.id} has no decision; "
                "run `newsgold adjudicate diff` and fill in every line",
                field="decision",
            )
        decision = row["decision"]
        picked = {"A": items_a, "B": items_b, "neither": [], "custom": row.get("custom", [])}
        chosen[layer].extend(picked[decision])
    return _assemble(document, chosen, annotator)


def _assemble(
    document: Document, chosen: dict[str, list[Item]], annotator: str
) -> DocumentAnnotations:
    entities = [
        EntityMention(
            start=i["start"],
            end=i["end"],
            label=i["label"],
            text=document.text[i["start"] : i["end"]],
            id="",
            key=i.get("key"),
        )
        for i in chosen["entities"]
    ]
    entities = [
        EntityMention(m.start, m.end, m.label, m.text, f"e{n}", m.key)
        for n, m in enumerate(sorted(entities), start=1)
    ]
    by_span = {(m.start, m.end): m.id for m in entities}

    def entity_id(span: Item, what: str) -> str:
        key = (span["start"], span["end"])
        if key not in by_span:
            raise InputError(
                f"{what} refers to [{key[0]}, {key[1]}) "
                f"{document.text[key[0] : key[1]]!r}, which is not a gold entity; "
                "add the entity or change the decision",
                field="decision",
            )
        return by_span[key]

    events = []
    for n, item in enumerate(sorted(chosen["events"], key=lambda i: (i["start"], i["end"])), 1):
        arguments = tuple(
            sorted(
                EventArgument(arg["role"], entity_id(arg, f"event {item['text']!r} argument"))
                for arg in item["arguments"]
            )
        )
        events.append(
            EventMention(
                start=item["start"],
                end=item["end"],
                type=item["type"],
                realis=item["realis"],
                text=document.text[item["start"] : item["end"]],
                id=f"v{n}",
                arguments=arguments,
            )
        )
    stances = []
    ordered = sorted(chosen["stances"], key=lambda i: (i["start"], i["end"], i["target"]))
    for n, item in enumerate(ordered, 1):
        holder = item.get("holder")
        stances.append(
            StanceAnnotation(
                start=item["start"],
                end=item["end"],
                target=item["target"],
                polarity=item["polarity"],
                text=document.text[item["start"] : item["end"]],
                id=f"s{n}",
                holder_id=None if holder is None else entity_id(holder, "stance holder"),
            )
        )
    return DocumentAnnotations(document.id, annotator, entities, events, stances)
