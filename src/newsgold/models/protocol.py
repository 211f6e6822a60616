"""The ``Extractor`` protocol: what a model must provide to be run, scored and shown.

A model is any object with a ``name``, the ``layers`` it predicts and a ``predict``
method that takes one :class:`~newsgold.corpus.Document` (plus the stance targets
declared for it) and returns its predictions. Offsets are character offsets into
``document.text``, end-exclusive, like everywhere else in newsgold.

``predict`` may return a :class:`DocumentPrediction` or a plain ``dict`` in the
prediction-file format (``{"entities": [{"start", "end", "label"}], "events": [...],
"stances": [...]}``); :func:`coerce_prediction` checks and converts either.

Example:
    >>> class Capitalised:
    ...     name = "capitalised"
    ...     layers = ("entities",)
    ...     def predict(self, document, stance_targets):
    ...         import re
    ...         return {"entities": [
    ...             {"start": m.start(), "end": m.end(), "label": "PER"}
    ...             for m in re.finditer(r"[A-Z][a-z]+", document.text)]}
"""

from __future__ import annotations

import numbers
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from newsgold.corpus import Document
from newsgold.errors import InputError
from newsgold.jsonfile import short_repr
from newsgold.records import StanceTarget
from newsgold.scheme import (
    ENTITY_LABELS,
    EVENT_TYPES,
    REALIS_LABELS,
    ROLE_LABELS,
    STANCE_LABELS,
)

LAYERS: tuple[str, ...] = ("entities", "events", "stance")
"""The three annotation layers, in pipeline order. The file key of ``stance`` is ``stances``."""

LAYER_KEYS: dict[str, str] = {"entities": "entities", "events": "events", "stance": "stances"}


@dataclass(frozen=True, order=True)
class PredictedEntity:
    """An entity mention ``text[start:end]`` (end-exclusive) of type ``label``."""

    start: int
    end: int
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label}


@dataclass(frozen=True, order=True)
class PredictedArgument:
    """An event argument: a ``role`` filled by the span ``[start, end)``.

    ``entity_label`` (not written to prediction files) is the entity type of the span
    when the model knows it; pre-annotation uses it to create the entity the argument
    points to.
    """

    role: str
    start: int
    end: int
    entity_label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "start": self.start, "end": self.end}


@dataclass(frozen=True, order=True)
class PredictedEvent:
    """A CAMEO event: trigger span ``[start, end)``, root code ``type``, optional realis."""

    start: int
    end: int
    type: str
    realis: str | None = None
    arguments: tuple[PredictedArgument, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "trigger": {"start": self.start, "end": self.end},
            "type": self.type,
            "arguments": [a.to_dict() for a in sorted(self.arguments)],
        }
        if self.realis is not None:
            row["realis"] = self.realis
        return row


@dataclass(frozen=True)
class PredictedStance:
    """A stance of ``holder`` (a span, or ``None`` for the article's author) on ``target``.

    ``evidence`` is the optional span expressing the stance (the scorer places a stance
    in the sentence of its evidence). ``holder_label``, the holder's entity type, is not
    written to prediction files; pre-annotation uses it.
    """

    holder: tuple[int, int] | None
    target: str
    label: str
    holder_label: str | None = None
    evidence: tuple[int, int] | None = None

    def sort_key(self) -> tuple[int, int, str, str]:
        start, end = self.holder if self.holder is not None else (-1, -1)
        return (start, end, self.target, self.label)

    def to_dict(self) -> dict[str, Any]:
        holder = None if self.holder is None else {"start": self.holder[0], "end": self.holder[1]}
        row: dict[str, Any] = {"holder": holder, "target": self.target, "label": self.label}
        if self.evidence is not None:
            row["evidence"] = {"start": self.evidence[0], "end": self.evidence[1]}
        return row


@dataclass
class DocumentPrediction:
    """One model's predictions on one document; a layer that is ``None`` was not predicted."""

    doc_id: str
    entities: list[PredictedEntity] | None = None
    events: list[PredictedEvent] | None = None
    stances: list[PredictedStance] | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # free-form, never written

    def to_dict(self) -> dict[str, Any]:
        """The prediction-file row: layers in canonical (offset) order, absent layers left out."""
        row: dict[str, Any] = {"doc_id": self.doc_id}
        if self.entities is not None:
            row["entities"] = [m.to_dict() for m in sorted(self.entities)]
        if self.events is not None:
            row["events"] = [m.to_dict() for m in sorted(self.events)]
        if self.stances is not None:
            row["stances"] = [m.to_dict() for m in sorted(self.stances, key=_stance_key)]
        return row


def _stance_key(stance: PredictedStance) -> tuple[int, int, str, str]:
    return stance.sort_key()


@runtime_checkable
class Extractor(Protocol):
    """What ``newsgold predict`` runs.

    Attributes:
        name: the system name shown in the leaderboard (e.g. ``"spacy-ner"``).
        layers: the layers it predicts, a subset of ``("entities", "events", "stance")``.

    ``predict(document, stance_targets)`` returns the predictions for one document, as a
    :class:`DocumentPrediction` or a dict in the prediction-file format. Spans are
    character offsets into ``document.text``, end-exclusive. ``stance_targets`` are the
    targets declared for the document (empty when none are declared).
    """

    @property
    def name(self) -> str: ...

    @property
    def layers(self) -> Sequence[str]: ...

    def predict(
        self, document: Document, stance_targets: Sequence[StanceTarget]
    ) -> DocumentPrediction | Mapping[str, Any]: ...


def check_layers(layers: Sequence[str], *, field: str = "layers") -> tuple[str, ...]:
    """Validate layer names; return them in canonical order without duplicates.

    Raises:
        InputError: a name is not one of ``entities``, ``events``, ``stance``.

    Example:
        >>> check_layers(["stance", "entities"])
        ('entities', 'stance')
    """
    unknown = [name for name in layers if name not in LAYERS]
    if unknown:
        raise InputError(
            f"unknown layer(s) {', '.join(map(repr, unknown))}; expected some of "
            f"{', '.join(LAYERS)}",
            field=field,
        )
    return tuple(name for name in LAYERS if name in layers)


def coerce_prediction(
    document: Document,
    raw: DocumentPrediction | Mapping[str, Any],
    *,
    layers: Sequence[str],
    system: str,
    stance_targets: Sequence[StanceTarget] = (),
) -> DocumentPrediction:
    """Check a model's output for ``document`` and keep only ``layers``.

    Spans must lie inside the text with ``start < end`` and use the scheme's labels.
    Spans touching an excluded region are dropped (no layer annotates those regions).

    Args:
        document: the document the model was given.
        raw: what ``Extractor.predict`` returned.
        layers: the layers to keep (see :data:`LAYERS`).
        system: the model's name, for error messages.
        stance_targets: the declared targets; a stance on another target is an error.

    Returns:
        A :class:`DocumentPrediction` holding only ``layers`` (a requested layer the
        model did not return is an empty list).

    Raises:
        InputError: naming the system, document, field and what was expected.
    """
    where = f"model {system!r}, document {document.id}"
    if isinstance(raw, DocumentPrediction):
        if raw.doc_id != document.id:
            raise InputError(f"{where}: prediction is for document {raw.doc_id!r}", field="doc_id")
        entities = raw.entities
        events = raw.events
        stances = raw.stances
    elif isinstance(raw, Mapping):
        if "doc_id" in raw and raw["doc_id"] != document.id:
            raise InputError(
                f"{where}: prediction is for document {raw['doc_id']!r}", field="doc_id"
            )
        entities = _parse_list(raw, "entities", _entity_from_dict, where)
        events = _parse_list(raw, "events", _event_from_dict, where)
        stances = _parse_list(raw, "stances", _stance_from_dict, where)
    else:
        raise InputError(
            f"{where}: predict() returned {type(raw).__name__}; expected a "
            "DocumentPrediction or a dict with entities/events/stances lists",
            field="predict",
        )
    target_ids = {target.id for target in stance_targets}
    keep = set(layers)
    result = DocumentPrediction(doc_id=document.id)
    if "entities" in keep:
        result.entities = [
            m
            for m in (entities or [])
            if _check_entity(document, m, where) and _inside(document, m)
        ]
    if "events" in keep:
        result.events = [
            _without_excluded_arguments(document, e)
            for e in (events or [])
            if _check_event(document, e, where) and _inside(document, e)
        ]
    if "stance" in keep:
        result.stances = [
            s
            for s in (stances or [])
            if _check_stance(document, s, where, target_ids)
            and (s.holder is None or document.overlaps_excluded(*s.holder) is None)
            and (s.evidence is None or document.overlaps_excluded(*s.evidence) is None)
        ]
    return result


def prediction_from_dict(row: Any) -> DocumentPrediction:
    """A :class:`DocumentPrediction` from its :meth:`~DocumentPrediction.to_dict` row.

    Types are checked (offsets must be integers); scheme checks are not made here.

    Raises:
        InputError: the row is not an object, lacks a string ``doc_id``, or a layer item
            is malformed.
    """
    if not isinstance(row, Mapping) or not isinstance(row.get("doc_id"), str):
        raise InputError("expected an object with a string doc_id", field="doc_id")
    where = f"document {row['doc_id']}"
    return DocumentPrediction(
        doc_id=row["doc_id"],
        entities=_parse_list(row, "entities", _entity_from_dict, where),
        events=_parse_list(row, "events", _event_from_dict, where),
        stances=_parse_list(row, "stances", _stance_from_dict, where),
    )


def _parse_list(raw: Mapping[str, Any], key: str, parse: Any, where: str) -> list[Any] | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise InputError(f"{where}: expected a list, got {type(value).__name__}", field=key)
    items = []
    for index, item in enumerate(value):
        try:
            items.append(parse(item))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                f"{where}: item {index} is not valid ({type(exc).__name__}: {exc}); "
                f"got {short_repr(item)}",
                field=key,
            ) from None
    return items


def _offset(value: Any) -> int:
    # A float offset is an error, not truncated (3.7 -> 3 would move the span); numpy
    # integers are fine.
    if isinstance(value, bool):
        raise TypeError(f"expected an integer offset, got {value!r}")
    return operator.index(value)  # TypeError for a float


def _entity_from_dict(data: Mapping[str, Any]) -> PredictedEntity:
    return PredictedEntity(_offset(data["start"]), _offset(data["end"]), str(data["label"]))


def _event_from_dict(data: Mapping[str, Any]) -> PredictedEvent:
    trigger = data["trigger"]
    realis = data.get("realis")
    return PredictedEvent(
        start=_offset(trigger["start"]),
        end=_offset(trigger["end"]),
        type=str(data["type"]),
        realis=None if realis is None else str(realis),
        arguments=tuple(
            PredictedArgument(str(a["role"]), _offset(a["start"]), _offset(a["end"]))
            for a in data.get("arguments", [])
        ),
    )


def _stance_from_dict(data: Mapping[str, Any]) -> PredictedStance:
    holder = data.get("holder")
    span = None if holder is None else (_offset(holder["start"]), _offset(holder["end"]))
    evidence = data.get("evidence")
    return PredictedStance(
        holder=span,
        target=str(data["target"]),
        label=str(data["label"]),
        evidence=None
        if evidence is None
        else (_offset(evidence["start"]), _offset(evidence["end"])),
    )


def _check_span(document: Document, start: int, end: int, where: str, field: str) -> None:
    if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in (start, end)):
        raise InputError(
            f"{where}: span offsets must be integers, got {start!r}, {end!r}", field=field
        )
    if not 0 <= start < end <= len(document.text):
        raise InputError(
            f"{where}: span [{start}, {end}) is not inside the text "
            f"(expected 0 <= start < end <= {len(document.text)})",
            field=field,
        )


def _check_label(value: str | None, allowed: Sequence[str], where: str, field: str) -> None:
    if value not in allowed:
        raise InputError(
            f"{where}: {value!r} is not a known label; expected one of {', '.join(allowed)}",
            field=field,
        )


def _check_entity(document: Document, mention: PredictedEntity, where: str) -> bool:
    _check_span(document, mention.start, mention.end, where, "entities")
    _check_label(mention.label, ENTITY_LABELS, where, "entities.label")
    return True


def _check_event(document: Document, event: PredictedEvent, where: str) -> bool:
    _check_span(document, event.start, event.end, where, "events.trigger")
    _check_label(event.type, EVENT_TYPES, where, "events.type")
    if event.realis is not None:
        _check_label(event.realis, REALIS_LABELS, where, "events.realis")
    for argument in event.arguments:
        _check_span(document, argument.start, argument.end, where, "events.arguments")
        _check_label(argument.role, ROLE_LABELS, where, "events.arguments.role")
    return True


def _check_stance(
    document: Document, stance: PredictedStance, where: str, target_ids: set[str]
) -> bool:
    if stance.holder is not None:
        _check_span(document, stance.holder[0], stance.holder[1], where, "stances.holder")
    if stance.evidence is not None:
        _check_span(document, stance.evidence[0], stance.evidence[1], where, "stances.evidence")
    _check_label(stance.label, STANCE_LABELS, where, "stances.label")
    if stance.target not in target_ids:
        declared = ", ".join(sorted(target_ids)) or "none declared"
        raise InputError(
            f"{where}: stance target {stance.target!r} is not declared for this document "
            f"({declared})",
            field="stances.target",
        )
    return True


def _inside(document: Document, span: PredictedEntity | PredictedEvent) -> bool:
    return document.overlaps_excluded(span.start, span.end) is None


def _without_excluded_arguments(document: Document, event: PredictedEvent) -> PredictedEvent:
    kept = tuple(a for a in event.arguments if document.overlaps_excluded(a.start, a.end) is None)
    if kept == event.arguments:
        return event
    return PredictedEvent(event.start, event.end, event.type, event.realis, kept)
