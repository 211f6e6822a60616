"""Conversion at the Label Studio edge, both ways.

* records -> result items (:func:`to_label_studio_results`), for predictions and for
  creating annotations through the API;
* a Label Studio JSON export -> records (:func:`convert_export`), with every check:
  UTF-16 offsets are converted to code points, ``value.text`` must equal the text at
  the converted offsets, labels, choices and roles must be known, relations must link
  existing regions, spans must stay inside their chunk and outside excluded regions,
  entity spans must not overlap, roles must allow the entity type. Each rejected item
  becomes a :class:`Problem` naming task id, annotator and reason; nothing is dropped
  silently. Cancelled annotations are skipped and counted.

Region ids: every region of a result has one unique id; per-region choices and text
areas repeat their region's id (Label Studio's own convention); relations carry
``from_id``/``to_id`` and no id of their own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.jsonfile import parse_json, short_repr
from newsgold.labelstudio.config import (
    ENTITY_CONTROL,
    ENTITY_KEY_CONTROL,
    ENTITY_LABEL_CODES,
    EVENT_LABEL_CODES,
    EVIDENCE_CONTROL,
    EVIDENCE_LABEL,
    HOLDER_RELATION,
    LAYERS,
    POLARITY_CODES,
    POLARITY_CONTROL,
    REALIS_CODES,
    REALIS_CONTROL,
    ROLE_CODES,
    TARGET_CONTROL,
    TEXT_NAME,
    TRIGGER_CONTROL,
    event_label_value,
)
from newsgold.labelstudio.tasks import Chunk, document_chunks
from newsgold.offsets import Utf16Index
from newsgold.problems import Problem
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    StanceAnnotation,
    StanceTarget,
)
from newsgold.scheme import ROLE_ENTITY_TYPES

# ------------------------------------------------------------------ offsets at the edge

# The unit of Label Studio's ``value.start``/``value.end`` for <Text>. Label Studio 1.23's
# front end counts code points, not UTF-16 units (label-studio-frontend PR #308 "text with
# emoji breaks region offsets"); tests/labelstudio/test_browser.py checks that the regions
# it renders after an emoji cover exactly the characters we meant. Set "utf16" for a
# front end that counts JavaScript string indices.
LABEL_STUDIO_OFFSET_UNIT = "codepoint"


class _CodePointIndex:
    """Same interface as ``Utf16Index`` for a front end that counts code points."""

    def __init__(self, text: str) -> None:
        self.text = text

    @property
    def utf16_length(self) -> int:  # the length in Label Studio units
        return len(self.text)

    def to_utf16(self, offset: int) -> int:
        return offset

    def from_utf16(self, offset: int) -> int:
        return offset


def _offset_index(text: str) -> Utf16Index | _CodePointIndex:
    return Utf16Index(text) if LABEL_STUDIO_OFFSET_UNIT == "utf16" else _CodePointIndex(text)


# ------------------------------------------------------------------ records -> results


class _Frame:
    """One chunk of one document, with its UTF-16 index."""

    def __init__(self, document: Document, chunk: Chunk) -> None:
        self.document = document
        self.chunk = chunk
        self.text = document.text[chunk.start : chunk.end]
        self.index = _offset_index(self.text)

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
    and holders link to them by id. Offsets become UTF-16 code units into the chunk.

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
        >>> to_label_studio_results("entities", records, doc, chunk)  # doctest: +SKIP
        [{'id': 'e1', 'from_name': 'entity', 'type': 'labels', 'value': {...}}, ...]
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


# ------------------------------------------------------------------ export -> records


@dataclass
class Conversion:
    """What :func:`convert_export` made of one export.

    Attributes:
        layer: the layer converted.
        annotations: one record set per (document, annotator), sorted; for events and
            stance the linked entity regions are kept in ``entities``.
        problems: every rejected item.
        tasks: tasks read; annotations: annotations read (cancelled included);
        cancelled: cancelled annotations, skipped.
    """

    layer: str
    annotations: list[DocumentAnnotations] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    tasks: int = 0
    annotation_count: int = 0
    cancelled: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return (
            f"{self.layer}: {self.tasks} task(s), {self.annotation_count} annotation(s), "
            f"{self.cancelled} cancelled (skipped), {len(self.annotations)} record set(s), "
            f"{len(self.problems)} problem(s)"
        )


def read_export(path: str | Path) -> list[dict[str, Any]]:
    """Read a Label Studio JSON export (a list of tasks).

    Raises:
        InputError: the file is missing, not JSON, or not a list of task objects.
    """
    source = Path(path)
    if not source.exists():
        raise InputError("export file not found", path=source)
    return parse_export(source.read_bytes(), source=source)


def parse_export(data: bytes, *, source: str | Path | None = None) -> list[dict[str, Any]]:
    """Parse the bytes of a Label Studio JSON export (see :func:`read_export`).

    The fields newsgold reads are type-checked against ``export.schema.json`` first, so a
    wrongly typed field (``annotations: "x"``, ``from_name: {}``) is one clear error.

    Raises:
        InputError: empty, not JSON, not a list of task objects, or a field of the wrong
            type (naming the task and the field).
    """
    if not data.strip():
        raise InputError("the export is empty; expected a Label Studio JSON export", path=source)
    try:
        tasks = parse_json(data, path=source)
    except InputError as exc:
        raise InputError(f"not a JSON export: {exc.message}", path=source) from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise InputError(
            "expected a Label Studio JSON export (a list of task objects); "
            "export with format JSON, not JSON_MIN or CSV",
            path=source,
        )
    error = next(_export_validator().iter_errors(tasks), None)
    if error is not None:
        raise InputError(_schema_problem(tasks, error), path=source)
    return tasks


@cache
def _export_validator() -> Any:
    import jsonschema

    schema = json.loads(
        resources.files("newsgold.labelstudio").joinpath("export.schema.json").read_text()
    )
    return jsonschema.Draft202012Validator(schema)


def _schema_problem(tasks: list[dict[str, Any]], error: Any) -> str:
    path = list(error.absolute_path)
    index = path[0] if path else None
    task = f"task {tasks[index].get('id')!r} (item {index})" if isinstance(index, int) else "export"
    field = ".".join(str(p) for p in path[1:]) or "(task)"
    wanted = error.validator_value if error.validator == "type" else error.validator
    expected = " or ".join(wanted) if isinstance(wanted, list) else str(wanted)
    return (
        f"{task}, field {field}: expected {expected}, got "
        f"{type(error.instance).__name__} {short_repr(error.instance)}"
    )


def _annotator_name(completed_by: Any, names: Mapping[int, str] | None) -> str:
    if isinstance(completed_by, dict):  # some versions inline the user
        if names and completed_by.get("id") in names:
            return names[completed_by["id"]]
        return str(completed_by.get("email") or completed_by.get("id"))
    if names and completed_by in names:
        return names[completed_by]
    return str(completed_by)


def _author(item: dict[str, Any], source: str, names: Mapping[int, str] | None) -> str:
    if source == "predictions":  # a prediction has no user, only the model that made it
        return str(item.get("model_version") or "(no model_version)")
    return _annotator_name(item.get("completed_by"), names)


@dataclass
class _Region:
    id: str
    control: str
    label: str
    start: int  # document offsets, code points
    end: int
    text: str
    extras: dict[str, list[str]] = field(default_factory=dict)  # control -> values
    extra_spans: dict[str, tuple[Any, Any]] = field(default_factory=dict)


class _AnnotationReader:
    """Converts the result of one annotation; collects problems."""

    def __init__(
        self,
        layer: str,
        task_id: Any,
        annotator: str,
        document: Document,
        offset: int,
        text: str,
        *,
        targets: set[str] | None,
        gold_entities: Mapping[str, EntityMention] | None,
        problems: list[Problem],
    ) -> None:
        self.layer = layer
        self.task_id = task_id
        self.annotator = annotator
        self.document = document
        self.offset = offset
        self.text = text
        self.index = _offset_index(text)
        self.targets = targets
        self.gold_entities = gold_entities
        self.problems = problems

    def problem(self, item: str | None, reason: str) -> None:
        self.problems.append(
            Problem(reason, task_id=self.task_id, annotator=self.annotator, item=item)
        )

    def label_controls(self) -> dict[str, Mapping[str, str]]:
        controls: dict[str, Mapping[str, str]] = {ENTITY_CONTROL: ENTITY_LABEL_CODES}
        if self.layer == "events":
            controls[TRIGGER_CONTROL] = EVENT_LABEL_CODES
        elif self.layer == "stance":
            controls[EVIDENCE_CONTROL] = {EVIDENCE_LABEL: EVIDENCE_LABEL}
        return controls

    def extra_controls(self) -> dict[str, tuple[str, str, Mapping[str, str] | None]]:
        # per-region control -> (result type, region control it belongs to, allowed values)
        if self.layer == "entities":
            return {ENTITY_KEY_CONTROL: ("textarea", ENTITY_CONTROL, None)}
        if self.layer == "events":
            return {REALIS_CONTROL: ("choices", TRIGGER_CONTROL, REALIS_CODES)}
        targets = {t: t for t in self.targets} if self.targets is not None else None
        return {
            TARGET_CONTROL: ("choices", EVIDENCE_CONTROL, targets),
            POLARITY_CONTROL: ("choices", EVIDENCE_CONTROL, POLARITY_CODES),
        }

    def span(self, item_id: str, value: Any) -> tuple[int, int, str] | None:
        if not isinstance(value, dict):
            self.problem(item_id, f"expected an object 'value', got {value!r}")
            return None
        start, end = value.get("start"), value.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
            self.problem(item_id, f"expected integer value.start/value.end, got {start!r}/{end!r}")
            return None
        if not 0 <= start < end:
            self.problem(item_id, f"empty or reversed span: start {start}, end {end}")
            return None
        if end > self.index.utf16_length:
            self.problem(
                item_id,
                f"span [{start}:{end}] crosses the chunk edge: the task text has "
                f"{self.index.utf16_length} characters ({LABEL_STUDIO_OFFSET_UNIT} units)",
            )
            return None
        try:
            cp_start, cp_end = self.index.from_utf16(start), self.index.from_utf16(end)
        except InputError as exc:
            self.problem(item_id, exc.message)
            return None
        actual = self.text[cp_start:cp_end]
        doc_start, doc_end = self.offset + cp_start, self.offset + cp_end
        region = self.document.overlaps_excluded(doc_start, doc_end)
        if region is not None:
            self.problem(
                item_id,
                f"span [{doc_start}:{doc_end}] touches excluded region "
                f"[{region.start}:{region.end}] ({region.reason})",
            )
            return None
        return doc_start, doc_end, actual

    def read(self, result: Any) -> tuple[list[EntityMention], list[Any]]:
        if not isinstance(result, list):
            self.problem(None, f"expected 'result' to be a list, got {type(result).__name__}")
            return [], []
        regions: dict[str, _Region] = {}
        rejected: set[str] = set()
        per_region: list[dict[str, Any]] = []
        relations: list[dict[str, Any]] = []
        label_controls = self.label_controls()
        extra_controls = self.extra_controls()
        for item in result:
            if not isinstance(item, dict):
                self.problem(None, f"result item is not an object: {item!r}")
                continue
            kind = item.get("type")
            if kind == "relation":
                relations.append(item)
                continue
            item_id = str(item.get("id"))
            control = item.get("from_name")
            if item.get("to_name") != TEXT_NAME:
                self.problem(item_id, f"to_name {item.get('to_name')!r} is not {TEXT_NAME!r}")
                rejected.add(item_id)
                continue
            if control in extra_controls:
                per_region.append(item)
                continue
            if control not in label_controls:
                self.problem(
                    item_id,
                    f"unknown control {control!r} for the {self.layer} layer (expected one of "
                    f"{', '.join(sorted([*label_controls, *extra_controls]))})",
                )
                rejected.add(item_id)
                continue
            if kind != "labels":
                self.problem(item_id, f"control {control!r} gives 'labels' items, got {kind!r}")
                rejected.add(item_id)
                continue
            region = self.labelled_region(item_id, control, item.get("value"), label_controls)
            if region is None:
                rejected.add(item_id)
            elif item_id in regions or item_id in rejected:
                self.problem(item_id, "two regions share this id")
                regions.pop(item_id, None)
                rejected.add(item_id)
            else:
                regions[item_id] = region
        for item in per_region:
            self.attach(item, regions, rejected, extra_controls)
        return self.build(regions, rejected, relations)

    def labelled_region(
        self, item_id: str, control: str, value: Any, controls: dict[str, Mapping[str, str]]
    ) -> _Region | None:
        span = self.span(item_id, value)
        if span is None:
            return None
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            self.problem(item_id, f"expected exactly one label, got {labels!r}")
            return None
        known = controls[control]
        if labels[0] not in known:
            self.problem(
                item_id,
                f"unknown label {labels[0]!r} for control {control!r} (expected one of "
                f"{', '.join(known)})",
            )
            return None
        start, end, actual = span
        if value.get("text") != actual:
            self.problem(
                item_id,
                f"value.text {value.get('text')!r} does not equal the text at the converted "
                f"offsets [{start}:{end}]: {actual!r}",
            )
            return None
        return _Region(item_id, control, known[labels[0]], start, end, actual)

    def attach(
        self,
        item: dict[str, Any],
        regions: dict[str, _Region],
        rejected: set[str],
        extra_controls: dict[str, tuple[str, str, Mapping[str, str] | None]],
    ) -> None:
        item_id = str(item.get("id"))
        control = str(item.get("from_name"))
        kind, owner_control, allowed = extra_controls[control]
        if item_id in rejected:
            self.problem(item_id, f"{control} belongs to a rejected region")
            return
        region = regions.get(item_id)
        if region is None or region.control != owner_control:
            self.problem(item_id, f"{control} {kind} for a missing {owner_control} region")
            return
        if item.get("type") != kind:
            self.problem(
                item_id, f"control {control!r} gives {kind!r} items, got {item.get('type')!r}"
            )
            rejected.add(item_id)
            return
        value = item.get("value") or {}
        values = value.get("text" if kind == "textarea" else "choices")
        if not isinstance(values, list) or len(values) != 1 or not isinstance(values[0], str):
            self.problem(item_id, f"{control}: expected exactly one value, got {values!r}")
            rejected.add(item_id)
            return
        if allowed is not None and values[0] not in allowed:
            self.problem(
                item_id,
                f"unknown {control} {values[0]!r} (expected one of {', '.join(allowed) or 'none'})",
            )
            rejected.add(item_id)
            return
        span = self.span(item_id, value)
        if span is None or (span[0], span[1]) != (region.start, region.end):
            self.problem(item_id, f"{control} span does not match its region's span")
            rejected.add(item_id)
            return
        if control in region.extras:
            self.problem(item_id, f"region has two {control} items")
            rejected.add(item_id)
            return
        region.extras[control] = values

    def build(
        self, regions: dict[str, _Region], rejected: set[str], relations: list[dict[str, Any]]
    ) -> tuple[list[EntityMention], list[Any]]:
        entities: dict[str, EntityMention] = {}
        for region in regions.values():
            if region.id in rejected or region.control != ENTITY_CONTROL:
                continue
            key = region.extras.get(ENTITY_KEY_CONTROL, [None])[0]
            mention = EntityMention(
                region.start, region.end, region.label, region.text, region.id, key
            )
            if self.gold_entities is not None and self.layer != "entities":
                gold = self.gold_entities.get(region.id)
                if gold is None or (gold.start, gold.end, gold.label) != (
                    mention.start,
                    mention.end,
                    mention.label,
                ):
                    self.problem(
                        region.id,
                        f"entity region [{mention.start}:{mention.end}] {mention.label} is not "
                        "one of the gold entities (id, span and label must match); link "
                        "arguments and holders to the pre-annotated entities",
                    )
                    rejected.add(region.id)
                    continue
                mention = gold
            entities[region.id] = mention
        items: list[Any] = []
        if self.layer == "events":
            items = self.build_events(regions, rejected, relations, entities)
        elif self.layer == "stance":
            items = self.build_stances(regions, rejected, relations, entities)
        else:
            for relation in relations:
                self.problem(_relation_name(relation), "the entities layer has no relations")
        return list(entities.values()), items

    def _relation_ends(
        self,
        relation: dict[str, Any],
        regions: dict[str, _Region],
        rejected: set[str],
        entities: dict[str, EntityMention],
        head_control: str,
    ) -> tuple[_Region, EntityMention] | None:
        name = _relation_name(relation)
        ends = [str(relation.get("from_id")), str(relation.get("to_id"))]
        for end in ends:
            if end in rejected:
                self.problem(name, f"relation to rejected region {end!r}")
                return None
            if end not in regions:
                self.problem(name, f"relation to missing region {end!r}")
                return None
        heads = [regions[e] for e in ends if regions[e].control == head_control]
        tails = [entities[e] for e in ends if e in entities]
        if len(heads) != 1 or len(tails) != 1:
            self.problem(
                name,
                f"a relation must link one {head_control} region and one entity region, got "
                f"{regions[ends[0]].control} -> {regions[ends[1]].control}",
            )
            return None
        return heads[0], tails[0]

    def build_events(
        self,
        regions: dict[str, _Region],
        rejected: set[str],
        relations: list[dict[str, Any]],
        entities: dict[str, EntityMention],
    ) -> list[EventMention]:
        arguments: dict[str, set[EventArgument]] = defaultdict(set)
        for relation in relations:
            ends = self._relation_ends(relation, regions, rejected, entities, TRIGGER_CONTROL)
            if ends is None:
                continue
            trigger, entity = ends
            labels = relation.get("labels")
            name = _relation_name(relation)
            if not isinstance(labels, list) or len(labels) != 1 or labels[0] not in ROLE_CODES:
                self.problem(
                    name,
                    f"expected exactly one role out of {', '.join(ROLE_CODES)}, got {labels!r}",
                )
                continue
            role = labels[0]
            if entity.label not in ROLE_ENTITY_TYPES[role]:
                self.problem(
                    name,
                    f"role {role} does not allow entity type {entity.label} (entity "
                    f"{entity.id!r}); allowed: {', '.join(sorted(ROLE_ENTITY_TYPES[role]))}",
                )
                continue
            argument = EventArgument(role, entity.id)
            if argument in arguments[trigger.id]:
                self.problem(name, f"duplicate argument {role} -> {entity.id!r}")
                continue
            arguments[trigger.id].add(argument)
        events = []
        for region in regions.values():
            if region.id in rejected or region.control != TRIGGER_CONTROL:
                continue
            realis = region.extras.get(REALIS_CONTROL)
            if not realis:
                self.problem(region.id, "trigger has no realis choice")
                continue
            events.append(
                EventMention(
                    region.start,
                    region.end,
                    region.label,
                    realis[0],
                    region.text,
                    region.id,
                    tuple(sorted(arguments[region.id])),
                )
            )
        return events

    def build_stances(
        self,
        regions: dict[str, _Region],
        rejected: set[str],
        relations: list[dict[str, Any]],
        entities: dict[str, EntityMention],
    ) -> list[StanceAnnotation]:
        holders: dict[str, str] = {}
        bad: set[str] = set()
        for relation in relations:
            ends = self._relation_ends(relation, regions, rejected, entities, EVIDENCE_CONTROL)
            if ends is None:
                continue
            evidence, entity = ends
            labels = relation.get("labels") or []
            name = _relation_name(relation)
            if labels not in ([], [HOLDER_RELATION]):
                self.problem(name, f"expected label {HOLDER_RELATION} or none, got {labels!r}")
                continue
            if evidence.id in holders:
                self.problem(
                    name,
                    f"evidence {evidence.id!r} has two holders ({holders[evidence.id]!r} and "
                    f"{entity.id!r}); split it into two evidence regions",
                )
                bad.add(evidence.id)
                continue
            holders[evidence.id] = entity.id
        stances = []
        for region in regions.values():
            if region.id in rejected or region.control != EVIDENCE_CONTROL or region.id in bad:
                continue
            target = region.extras.get(TARGET_CONTROL)
            polarity = region.extras.get(POLARITY_CONTROL)
            if not target or not polarity:
                missing = " and ".join(
                    name for name, got in (("target", target), ("polarity", polarity)) if not got
                )
                self.problem(region.id, f"evidence has no {missing} choice")
                continue
            stances.append(
                StanceAnnotation(
                    region.start,
                    region.end,
                    target[0],
                    polarity[0],
                    region.text,
                    region.id,
                    holders.get(region.id),
                )
            )
        return stances


def _relation_name(relation: dict[str, Any]) -> str:
    return f"relation {relation.get('from_id')}->{relation.get('to_id')}"


def convert_export(
    layer: str,
    export: Sequence[dict[str, Any]],
    *,
    documents: Mapping[str, Document],
    stance_targets: Mapping[str, list[StanceTarget]] | None = None,
    gold_entities: Mapping[str, DocumentAnnotations] | None = None,
    annotator_names: Mapping[int, str] | None = None,
    source: Literal["annotations", "predictions"] = "annotations",
) -> Conversion:
    """Convert a Label Studio JSON export of one layer into annotation records.

    Args:
        layer: ``entities``, ``events`` or ``stance``.
        export: the parsed export (see :func:`read_export`).
        documents: the corpus (doc id -> Document); task text is checked against it.
        stance_targets: declared targets; when a document has some, stance targets must
            be among them (otherwise among the task's ``data.targets``).
        gold_entities: doc id -> gold annotations; when given, entity regions in the
            events and stance layers must be gold mentions (same id, span, label).
        annotator_names: Label Studio user id -> annotator name; default: the user id.
        source: read each task's ``annotations`` (default) or its ``predictions``. With
            ``predictions`` the "annotator" of a record is the prediction's
            ``model_version`` and every check is the same.

    Returns:
        A :class:`Conversion`: the accepted records, one per (document, annotator), and
        a :class:`Problem` for every rejected item.

    Raises:
        InputError: unknown layer or source.

    Example:
        >>> export = read_export("x.json")  # doctest: +SKIP
        >>> conversion = convert_export("entities", export, documents=docs)  # doctest: +SKIP
        >>> conversion.ok, conversion.summary()  # doctest: +SKIP
    """
    if layer not in LAYERS:
        raise InputError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
    if source not in ("annotations", "predictions"):
        raise InputError(
            f"unknown source {source!r}; expected 'annotations' or 'predictions'", field="source"
        )
    conversion = Conversion(layer)
    merged: dict[tuple[str, str], DocumentAnnotations] = {}
    seen_ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for task in export:
        conversion.tasks += 1
        task_id = task.get("id")
        # A snapshot export may list predictions by id only; those carry no result.
        annotations = [a for a in task.get(source) or [] if isinstance(a, dict)]
        conversion.annotation_count += len(annotations)
        located = _locate_task(task, documents)
        if isinstance(located, str):
            for annotation in annotations:
                annotator = _author(annotation, source, annotator_names)
                conversion.problems.append(Problem(located, task_id=task_id, annotator=annotator))
            if not annotations:
                conversion.problems.append(Problem(located, task_id=task_id))
            continue
        document, offset, text = located
        targets = _allowed_targets(task, document.id, stance_targets)
        gold = gold_entities.get(document.id) if gold_entities is not None else None
        gold_by_id = (
            gold.entity_by_id() if gold is not None else ({} if gold_entities is not None else None)
        )
        done: set[str] = set()
        for annotation in sorted(annotations, key=lambda a: a.get("id") or 0):
            annotator = _author(annotation, source, annotator_names)
            if annotation.get("was_cancelled"):
                conversion.cancelled += 1
                continue
            if annotator in done:
                conversion.problems.append(
                    Problem(
                        f"the {'model version' if source == 'predictions' else 'annotator'} has "
                        f"an earlier {source[:-1]} of this task; only the first is used",
                        task_id=task_id,
                        annotator=annotator,
                        item=f"{source[:-1]} {annotation.get('id')}",
                    )
                )
                continue
            done.add(annotator)
            reader = _AnnotationReader(
                layer,
                task_id,
                annotator,
                document,
                offset,
                text,
                targets=targets,
                gold_entities=gold_by_id,
                problems=conversion.problems,
            )
            entities, items = reader.read(annotation.get("result"))
            key = (document.id, annotator)
            record = merged.setdefault(key, DocumentAnnotations(document.id, annotator))
            for thing in [*entities, *items]:
                if thing.id in seen_ids[key]:
                    if isinstance(thing, EntityMention) and layer != "entities":
                        continue  # the same gold mention shown in two chunks is fine
                    reader.problem(thing.id, "id already used in another task of this document")
                    continue
                seen_ids[key].add(thing.id)
                if isinstance(thing, EntityMention):
                    record.entities.append(thing)
                elif isinstance(thing, EventMention):
                    record.events.append(thing)
                else:
                    record.stances.append(thing)
    for key in sorted(merged):
        record = merged[key].sorted()
        if layer == "entities":
            record.entities = _drop_overlaps(record, conversion.problems, export)
        conversion.annotations.append(record)
    return conversion


def _drop_overlaps(
    record: DocumentAnnotations, problems: list[Problem], export: Sequence[dict[str, Any]]
) -> list[EntityMention]:
    kept: list[EntityMention] = []
    for mention in record.entities:
        if kept and mention.start < max(m.end for m in kept):
            other = next(m for m in kept if mention.start < m.end)
            task_id = _task_of(export, record.doc_id, mention.start)
            problems.append(
                Problem(
                    f"entity [{mention.start}:{mention.end}] {mention.text!r} overlaps entity "
                    f"{other.id!r} [{other.start}:{other.end}] {other.text!r}; entity spans "
                    "are flat and must not overlap",
                    task_id=task_id,
                    annotator=record.annotator,
                    item=mention.id,
                )
            )
            continue
        kept.append(mention)
    return kept


def _task_of(export: Sequence[dict[str, Any]], doc_id: str, start: int) -> Any:
    for task in export:
        data = task.get("data") or {}
        offset, text = data.get("offset"), data.get("text")
        if (
            data.get("doc_id") == doc_id
            and isinstance(offset, int)
            and isinstance(text, str)
            and offset <= start < offset + len(text)
        ):
            return task.get("id")
    return None


def _locate_task(
    task: dict[str, Any], documents: Mapping[str, Document]
) -> tuple[Document, int, str] | str:
    data = task.get("data")
    if not isinstance(data, dict):
        return "task has no 'data' object"
    doc_id, offset, text = data.get("doc_id"), data.get("offset"), data.get("text")
    if not isinstance(doc_id, str) or not isinstance(offset, int) or not isinstance(text, str):
        return (
            "task data needs doc_id (string), offset (integer) and text (string); got "
            f"doc_id={doc_id!r}, offset={offset!r}"
        )
    document = documents.get(doc_id)
    if document is None:
        return f"document {doc_id!r} is not in the corpus"
    if document.text[offset : offset + len(text)] != text:
        return (
            f"task text does not match document {doc_id} at offset {offset}; the task was "
            "made from another version of the corpus"
        )
    chunks = document_chunks(document)
    if Chunk(doc_id, offset, offset + len(text)) not in chunks:
        return (
            f"task covers [{offset}:{offset + len(text)}] of document {doc_id}, which is not one "
            "of its annotatable chunks ("
            + ", ".join(f"[{c.start}:{c.end}]" for c in chunks)
            + "); it may reach into an excluded region"
        )
    return document, offset, text


def _allowed_targets(
    task: dict[str, Any], doc_id: str, declared: Mapping[str, list[StanceTarget]] | None
) -> set[str] | None:
    if declared is not None and doc_id in declared:
        return {target.id for target in declared[doc_id]}
    choices = (task.get("data") or {}).get("targets")
    if isinstance(choices, list):
        return {str(c.get("value")) for c in choices if isinstance(c, dict)}
    return set()
