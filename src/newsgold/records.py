"""Annotation records: the in-memory form of every annotation layer.

All offsets are character offsets into the document's normalized text (Python ``str``
indices), end-exclusive: a span ``(start, end)`` covers ``text[start:end]``.

These records are what Label Studio exports are converted into, what the gold is made
of, what the dataset is built from and what predictions are scored against.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newsgold.atomic import atomic_write_jsonl
from newsgold.errors import InputError
from newsgold.jsonfile import (
    int_field,
    list_field,
    optional_str_field,
    read_json_lines,
    require_object,
    str_field,
    with_location,
)

if TYPE_CHECKING:
    from newsgold.corpus.document import Document


@dataclass(frozen=True, order=True)
class EntityMention:
    """A flat name mention.

    Attributes:
        start: first character, inclusive.
        end: end character, exclusive.
        label: entity type code from ``scheme.ENTITY_LABELS``.
        text: ``document.text[start:end]`` (checked by validation).
        id: identifier unique within the document's annotation set; events and stances
            refer to mentions by it.
        key: optional entity key (e.g. Wikidata QID) grouping mentions of one entity.
    """

    start: int
    end: int
    label: str
    text: str
    id: str
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
            "key": self.key,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityMention:
        return cls(
            start=int_field(data, "start"),
            end=int_field(data, "end"),
            label=str_field(data, "label"),
            text=str_field(data, "text"),
            id=str_field(data, "id"),
            key=optional_str_field(data, "key"),
        )


@dataclass(frozen=True, order=True)
class EventArgument:
    """An event argument: a role filled by an entity mention (referenced by id)."""

    role: str
    entity_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "entity_id": self.entity_id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventArgument:
        return cls(role=str_field(data, "role"), entity_id=str_field(data, "entity_id"))


@dataclass(frozen=True, order=True)
class EventMention:
    """A CAMEO event mention.

    Attributes:
        start, end: the trigger span (end-exclusive).
        type: CAMEO root code '01'..'20'.
        realis: ACTUAL, GENERIC or OTHER.
        text: the trigger text.
        id: identifier unique within the document's annotation set.
        arguments: roles filled by entity mentions of the same annotation set.
    """

    start: int
    end: int
    type: str
    realis: str
    text: str
    id: str
    arguments: tuple[EventArgument, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "realis": self.realis,
            "text": self.text,
            "arguments": [a.to_dict() for a in sorted(self.arguments)],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventMention:
        return cls(
            start=int_field(data, "start"),
            end=int_field(data, "end"),
            type=str_field(data, "type"),
            realis=str_field(data, "realis"),
            text=str_field(data, "text"),
            id=str_field(data, "id"),
            arguments=tuple(
                sorted(
                    EventArgument.from_dict(require_object(a, field="arguments"))
                    for a in list_field(data, "arguments", default=[])
                )
            ),
        )


@dataclass(frozen=True, order=True)
class StanceAnnotation:
    """(holder, target, polarity, evidence).

    Attributes:
        start, end: the evidence span (end-exclusive), the minimal span expressing it.
        target: id of one of the document's declared stance targets.
        polarity: FAVOR, AGAINST or NONE.
        text: the evidence text.
        id: identifier unique within the document's annotation set.
        holder_id: id of the entity mention holding the stance, or None for the
            article's author.
    """

    start: int
    end: int
    target: str
    polarity: str
    text: str
    id: str
    holder_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "target": self.target,
            "polarity": self.polarity,
            "text": self.text,
            "holder_id": self.holder_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StanceAnnotation:
        return cls(
            start=int_field(data, "start"),
            end=int_field(data, "end"),
            target=str_field(data, "target"),
            polarity=str_field(data, "polarity"),
            text=str_field(data, "text"),
            id=str_field(data, "id"),
            holder_id=optional_str_field(data, "holder_id"),
        )


@dataclass(frozen=True)
class StanceTarget:
    """A declared stance target of one document: a proposition or an actor."""

    id: str
    name: str
    description: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "description": self.description}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StanceTarget:
        return cls(
            id=str_field(data, "id"),
            name=str_field(data, "name"),
            description=str_field(data, "description"),
        )


@dataclass
class DocumentAnnotations:
    """All layers of one annotator (or of the gold) on one document.

    ``annotator`` is the annotator id ("gold" for the adjudicated gold).
    """

    doc_id: str
    annotator: str
    entities: list[EntityMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    stances: list[StanceAnnotation] = field(default_factory=list)

    def entity_by_id(self) -> dict[str, EntityMention]:
        return {mention.id: mention for mention in self.entities}

    def sorted(self) -> DocumentAnnotations:
        """A copy with every layer in offset order (the canonical order)."""
        return DocumentAnnotations(
            doc_id=self.doc_id,
            annotator=self.annotator,
            entities=sorted(self.entities),
            events=sorted(self.events),
            stances=sorted(self.stances),
        )

    def to_dict(self) -> dict[str, Any]:
        canonical = self.sorted()
        return {
            "doc_id": self.doc_id,
            "annotator": self.annotator,
            "entities": [m.to_dict() for m in canonical.entities],
            "events": [m.to_dict() for m in canonical.events],
            "stances": [m.to_dict() for m in canonical.stances],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentAnnotations:
        return cls(
            doc_id=str_field(data, "doc_id"),
            annotator=str_field(data, "annotator", default="gold"),
            entities=[
                EntityMention.from_dict(require_object(m, field="entities"))
                for m in list_field(data, "entities", default=[])
            ],
            events=[
                EventMention.from_dict(require_object(m, field="events"))
                for m in list_field(data, "events", default=[])
            ],
            stances=[
                StanceAnnotation.from_dict(require_object(m, field="stances"))
                for m in list_field(data, "stances", default=[])
            ],
        )


def write_annotations_jsonl(path: str | Path, items: Iterable[DocumentAnnotations]) -> None:
    """Write annotation sets as canonical JSONL (sorted by doc id, then annotator), atomically."""
    rows = sorted((item.to_dict() for item in items), key=lambda r: (r["doc_id"], r["annotator"]))
    atomic_write_jsonl(path, rows)


def read_annotations_jsonl(path: str | Path) -> Iterator[DocumentAnnotations]:
    """Read annotation sets written by :func:`write_annotations_jsonl`.

    Raises:
        InputError: naming the file, line and field of a malformed record.
    """
    for number, row in read_json_lines(path, what="annotation file"):
        try:
            yield DocumentAnnotations.from_dict(require_object(row))
        except InputError as exc:
            raise with_location(exc, path=path, line=number) from None


class GoldDocument(NamedTuple):
    """One gold document: its text and segmentation, its gold annotations, its declared
    stance targets. What the dataset is built from and read back as, and what predictions
    are scored against."""

    document: Document
    annotations: DocumentAnnotations
    targets: Sequence[StanceTarget]
