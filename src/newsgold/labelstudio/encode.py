"""Records -> Label Studio result items: what a task pre-annotates and what the API creates.

* :func:`to_label_studio_results`: one annotation set -> the result items of one layer's
  task (one chunk), every record checked against the document;
* :func:`entity_region_results`: the entity regions alone (the gold entities shown in the
  events and stance tasks);
* :func:`model_prediction_results`: a model's pre-annotation, re-linked to gold entities;
* :func:`to_label_studio_annotations`: a whole document split into its chunks' results.

Offsets become Label Studio units into the chunk (:mod:`newsgold.labelstudio.offsets`).
Region ids: every region of a result has one unique id; per-region choices and text
areas repeat their region's id (Label Studio's own convention); relations carry
``from_id``/``to_id`` and no id of their own. The way back is
:mod:`newsgold.labelstudio.convert`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.labelstudio.chunks import Chunk, document_chunks
from newsgold.labelstudio.config import (
    ENTITY_CONTROL,
    ENTITY_KEY_CONTROL,
    EVIDENCE_CONTROL,
    EVIDENCE_LABEL,
    HOLDER_RELATION,
    LAYERS,
    POLARITY_CONTROL,
    REALIS_CONTROL,
    TARGET_CONTROL,
    TEXT_NAME,
    TRIGGER_CONTROL,
    event_label_value,
)
from newsgold.labelstudio.offsets import offset_index
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    StanceAnnotation,
)


class _Frame:
    """One chunk of one document, with its Label Studio offset index."""

    def __init__(self, document: Document, chunk: Chunk) -> None:
        self.document = document
        self.chunk = chunk
        self.text = document.text[chunk.start : chunk.end]
        self.index = offset_index(self.text)

    def value(self, kind: str, item_id: str, start: int, end: int, text: str) -> dict[str, Any]:
        if not self.chunk.contains(start, end):
            raise InputError(
                f"{kind} {item_id!r} [{start}:{end}] crosses the edge of the chunk "
                f"[{self.chunk.start}:{self.chunk.end}] of document {self.document.id}",
                field="start",
            )
        actual = self.document.text[start:end]
        if actual != text:
            raise InputError(
                f"{kind} {item_id!r} [{start}:{end}] has text {text!r} but the document "
                f"{self.document.id} has {actual!r} there",
                field="text",
            )
        return {
            "start": self.index.to_utf16(start - self.chunk.start),
            "end": self.index.to_utf16(end - self.chunk.start),
            "text": actual,
        }


def _region(item_id: str, control: str, kind: str, value: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": item_id,
        "from_name": control,
        "to_name": TEXT_NAME,
        "type": kind,
        "value": value,
    }


def _relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {
        "from_id": from_id,
        "to_id": to_id,
        "type": "relation",
        "direction": "right",
        "labels": [label],
    }


def entity_region_results(
    entities: Iterable[EntityMention],
    document: Document,
    chunk: Chunk,
    *,
    with_keys: bool = False,
) -> list[dict[str, Any]]:
    """Result items for the entity mentions that lie in ``chunk`` (others are ignored).

    Args:
        entities: mentions of ``document``; region ids are the mention ids.
        with_keys: also emit ``entity_key`` text areas for mentions with a key (the
            entities config has that control; the events and stance configs do not).

    Raises:
        InputError: a mention straddles the chunk edge or its text does not match.
    """
    frame = _Frame(document, chunk)
    items: list[dict[str, Any]] = []
    for mention in sorted(entities):
        if not chunk.touches(mention.start, mention.end):
            continue
        value = frame.value("entity", mention.id, mention.start, mention.end, mention.text)
        items.append(
            _region(mention.id, ENTITY_CONTROL, "labels", {**value, "labels": [mention.label]})
        )
        if with_keys and mention.key:
            key_value = {"start": value["start"], "end": value["end"], "text": [mention.key]}
            items.append(_region(mention.id, ENTITY_KEY_CONTROL, "textarea", key_value))
    return items


def to_label_studio_results(
    layer: str,
    annotations: DocumentAnnotations,
    document: Document,
    chunk: Chunk,
    *,
    include_entities: bool = True,
) -> list[dict[str, Any]]:
    """Turn one annotation set into the result items of one layer's task (one chunk).

    For ``events`` and ``stance`` the set's entity mentions in the chunk are emitted as
    ``entity`` regions too (unless ``include_entities`` is false), so that arguments
    and holders link to them by id. Offsets become Label Studio units into the chunk
    (``LABEL_STUDIO_OFFSET_UNIT``).

    Args:
        layer: ``entities``, ``events`` or ``stance``.
        annotations: the records (all layers may be filled; only ``layer`` is used,
            plus the entities that events and stances refer to).
        document: the document the records belong to.
        chunk: the task's chunk; records outside it are ignored.
        include_entities: emit the entity regions in the events and stance layers.

    Returns:
        Label Studio result items; every region id is unique.

    Raises:
        InputError: a record straddles the chunk edge, its text does not match the
            document, an argument or holder links an entity outside the chunk, or two
            regions share an id.

    Example:
        >>> from newsgold.records import EntityMention
        >>> doc = Document(
        ...     "d", "Ann met Bob.", None, None, None, None, None,
        ...     paragraphs=((0, 12),), sentences=((0, 12),), tokens=((0, 3), (4, 7), (8, 11)),
        ... )
        >>> records = DocumentAnnotations("d", "gold", [EntityMention(8, 11, "PER", "Bob", "e1")])
        >>> items = to_label_studio_results("entities", records, doc, Chunk("d", 0, 12))
        >>> [item["value"] for item in items]
        [{'start': 8, 'end': 11, 'text': 'Bob', 'labels': ['PER']}]
    """
    frame = _Frame(document, chunk)
    entities = [m for m in annotations.entities if chunk.touches(m.start, m.end)]
    if layer == "entities":
        items = entity_region_results(entities, document, chunk, with_keys=True)
    elif layer in ("events", "stance"):
        items = entity_region_results(entities, document, chunk) if include_entities else []
        shown = {m.id for m in entities}
        if layer == "events":
            items += _event_results(annotations.events, frame, shown, include_entities)
        else:
            items += _stance_results(annotations.stances, frame, shown, include_entities)
    else:
        raise InputError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
    _check_unique_ids(items, document.id)
    return items


def _check_linked(entity_id: str, shown: set[str], owner: str, check: bool) -> None:
    if check and entity_id not in shown:
        raise InputError(
            f"{owner} links entity {entity_id!r}, which is not an entity mention inside the "
            "same chunk",
            field="entity_id",
        )


def _event_results(
    events: Iterable[EventMention], frame: _Frame, shown: set[str], check: bool
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for event in sorted(events):
        if not frame.chunk.touches(event.start, event.end):
            continue
        value = frame.value("event", event.id, event.start, event.end, event.text)
        items.append(
            _region(
                event.id,
                TRIGGER_CONTROL,
                "labels",
                {**value, "labels": [event_label_value(event.type)]},
            )
        )
        items.append(
            _region(event.id, REALIS_CONTROL, "choices", {**value, "choices": [event.realis]})
        )
        for argument in sorted(event.arguments):
            _check_linked(argument.entity_id, shown, f"event {event.id!r}", check)
            items.append(_relation(event.id, argument.entity_id, argument.role))
    return items


def _stance_results(
    stances: Iterable[StanceAnnotation], frame: _Frame, shown: set[str], check: bool
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for stance in sorted(stances):
        if not frame.chunk.touches(stance.start, stance.end):
            continue
        value = frame.value("stance", stance.id, stance.start, stance.end, stance.text)
        items.append(
            _region(stance.id, EVIDENCE_CONTROL, "labels", {**value, "labels": [EVIDENCE_LABEL]})
        )
        items.append(
            _region(stance.id, TARGET_CONTROL, "choices", {**value, "choices": [stance.target]})
        )
        items.append(
            _region(stance.id, POLARITY_CONTROL, "choices", {**value, "choices": [stance.polarity]})
        )
        if stance.holder_id is not None:
            _check_linked(stance.holder_id, shown, f"stance {stance.id!r}", check)
            items.append(_relation(stance.id, stance.holder_id, HOLDER_RELATION))
    return items


def _check_unique_ids(items: list[dict[str, Any]], doc_id: str) -> None:
    owners: dict[str, str] = {}
    for item in items:
        if item.get("type") not in ("labels",):
            continue
        item_id = item["id"]
        if item_id in owners:
            raise InputError(
                f"document {doc_id}: region id {item_id!r} is used by a {owners[item_id]} region "
                f"and a {item['from_name']} region; ids must be unique within a document",
                field="id",
            )
        owners[item_id] = item["from_name"]


def model_prediction_results(
    layer: str,
    model: DocumentAnnotations,
    document: Document,
    chunk: Chunk,
    *,
    gold: DocumentAnnotations | None = None,
) -> list[dict[str, Any]]:
    """Result items for a model's pre-annotation of one chunk.

    Region ids get a ``pred-`` prefix so they never collide with gold entity ids. In
    the events and stance layers, when gold entities are shown, the model's arguments
    and holders are re-linked to the gold mention with the same span; ones without
    such a mention are left out of the suggestion (a prediction, not data).
    """
    gold_by_span = {(m.start, m.end): m.id for m in gold.entities} if gold else {}
    entity_ids: dict[str, str] = {}
    for mention in model.entities:
        linked = gold_by_span.get((mention.start, mention.end))
        entity_ids[mention.id] = linked if linked is not None else f"pred-{mention.id}"

    def relink(entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        new_id = entity_ids.get(entity_id)
        if gold is not None and (new_id is None or new_id.startswith("pred-")):
            return None
        return new_id

    events = [
        replace(
            event,
            id=f"pred-{event.id}",
            arguments=tuple(
                EventArgument(a.role, linked)
                for a in event.arguments
                if (linked := relink(a.entity_id)) is not None
            ),
        )
        for event in model.events
    ]
    stances = []
    for stance in model.stances:
        holder = relink(stance.holder_id)
        if stance.holder_id is not None and holder is None:
            continue  # a model holder with no gold mention would read as the author
        stances.append(replace(stance, id=f"pred-{stance.id}", holder_id=holder))
    renamed = DocumentAnnotations(
        model.doc_id,
        model.annotator,
        entities=[replace(m, id=entity_ids[m.id]) for m in model.entities],
        events=events,
        stances=stances,
    )
    return to_label_studio_results(layer, renamed, document, chunk, include_entities=gold is None)


def to_label_studio_annotations(
    layer: str,
    annotations: DocumentAnnotations,
    document: Document,
) -> list[tuple[Chunk, list[dict[str, Any]]]]:
    """Split one annotation set into per-chunk results, checking nothing is lost.

    Returns:
        ``(chunk, result items)`` for every chunk of the document, in text order.

    Raises:
        InputError: a record of ``layer`` (or an entity) lies in no chunk, i.e. crosses
            a chunk edge or touches an excluded region.
    """
    chunks = document_chunks(document)
    spans: list[tuple[str, str, int, int]] = [
        ("entity", m.id, m.start, m.end) for m in annotations.entities
    ]
    if layer == "events":
        spans += [("event", e.id, e.start, e.end) for e in annotations.events]
    elif layer == "stance":
        spans += [("stance", s.id, s.start, s.end) for s in annotations.stances]
    for kind, item_id, start, end in spans:
        if not any(chunk.contains(start, end) for chunk in chunks):
            region = document.overlaps_excluded(start, end)
            where = (
                f"touches excluded region [{region.start}:{region.end}]"
                if region
                else ("crosses a chunk edge")
            )
            raise InputError(
                f"document {annotations.doc_id}, annotator {annotations.annotator}: {kind} "
                f"{item_id!r} [{start}:{end}] {where}; it cannot be shown in Label Studio",
                field="start",
            )
    return [
        (chunk, to_label_studio_results(layer, annotations, document, chunk)) for chunk in chunks
    ]


__all__ = [
    "entity_region_results",
    "model_prediction_results",
    "to_label_studio_annotations",
    "to_label_studio_results",
]
