"""Prediction rows: the JSONL format (with its JSON Schema) and its checks against the gold.

Reading files (JSONL, Label Studio exports, dataset folders) is
:mod:`newsgold.io.predictions`' job; every reader's rows pass the checks here.

The prediction format is one JSON object per line, one line per document::

    {"doc_id": "6ebade2f8e52de11",
     "entities": [{"start": 0, "end": 5, "label": "GPE"}],
     "events":   [{"trigger": {"start": 9, "end": 15}, "type": "04", "realis": "ACTUAL",
                   "arguments": [{"role": "SOURCE", "start": 0, "end": 5}]}],
     "stances":  [{"holder": {"start": 0, "end": 5}, "target": "summit", "label": "FAVOR",
                   "evidence": {"start": 0, "end": 40}}]}

Offsets are character offsets into the document's normalized text, end-exclusive. A
layer key that appears on no line is not scored. ``realis`` and ``evidence`` are
optional. The JSON Schema is :data:`PREDICTION_SCHEMA` (also ``schemas/predictions.schema.json``).

Every problem becomes an :class:`Problem` naming file, line, field and reason. By
default the first one is raised as :class:`~newsgold.errors.InputError` (with the total
count); with ``lenient=True`` the offending item (or line) is skipped and the issue is kept
in the result so the report can count and list it. Nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jsonschema

from newsgold.errors import InputError
from newsgold.problems import Problem
from newsgold.scheme import ENTITY_LABELS, EVENT_TYPES, REALIS_LABELS, ROLE_LABELS, STANCE_LABELS
from newsgold.scoring.events import EventTuple

if TYPE_CHECKING:
    from newsgold.corpus import Document
    from newsgold.records import GoldDocument

LAYER_KEYS: tuple[str, ...] = ("entities", "events", "stances")

_SPAN = {
    "type": "object",
    "required": ["start", "end"],
    "properties": {
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
    "additionalProperties": False,
}

PREDICTION_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://newsgold.example/schemas/predictions.schema.json",
    "title": "newsgold prediction line",
    "description": (
        "One document's predictions. Offsets are character offsets into the document's "
        "normalized text (Python str indices), end-exclusive. A layer absent from every "
        "line is not scored."
    ),
    "type": "object",
    "required": ["doc_id"],
    "additionalProperties": False,
    "properties": {
        "doc_id": {"type": "string", "minLength": 1},
        "entities": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start", "end", "label"],
                "additionalProperties": False,
                "properties": {
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0},
                    "label": {"enum": list(ENTITY_LABELS)},
                },
            },
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["trigger", "type"],
                "additionalProperties": False,
                "properties": {
                    "trigger": _SPAN,
                    "type": {"enum": list(EVENT_TYPES)},
                    "realis": {"enum": list(REALIS_LABELS)},
                    "arguments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["role", "start", "end"],
                            "additionalProperties": False,
                            "properties": {
                                "role": {"enum": list(ROLE_LABELS)},
                                "start": {"type": "integer", "minimum": 0},
                                "end": {"type": "integer", "minimum": 0},
                            },
                        },
                    },
                },
            },
        },
        "stances": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["holder", "target", "label"],
                "additionalProperties": False,
                "properties": {
                    "holder": {"oneOf": [{"type": "null"}, _SPAN]},
                    "target": {"type": "string", "minLength": 1},
                    "label": {"enum": list(STANCE_LABELS)},
                    "evidence": _SPAN,
                },
            },
        },
    },
}


@dataclass(frozen=True)
class PredictedStance:
    """A predicted stance: holder span (None = author), target, label, optional evidence."""

    holder: tuple[int, int] | None
    target: str
    label: str
    evidence: tuple[int, int] | None = None


@dataclass
class DocumentPredictions:
    """One document's validated predictions; a layer that is None was not given."""

    doc_id: str
    line: int | None
    entities: list[tuple[int, int, str]] | None = None
    events: list[EventTuple] | None = None
    stances: list[PredictedStance] | None = None


@dataclass
class PredictionSet:
    """Validated predictions of one system.

    Attributes:
        source: where they came from (a path, or ``<predictions>``).
        format: ``jsonl``, ``labelstudio`` or ``dataset``.
        layers: the layers given on at least one line (only those are scored).
        documents: per doc id.
        issues: every problem found (skipped items in lenient mode).
        ignored: items deliberately not read (e.g. unsupported Label Studio results), by reason.
    """

    source: str
    format: str
    layers: set[str]
    documents: dict[str, DocumentPredictions]
    issues: list[Problem] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)


class RowChecker:
    """Checks prediction rows against the gold; collects every problem as an issue."""

    def __init__(self, source: str, gold: Mapping[str, GoldDocument]) -> None:
        self.source = source
        self.gold = gold
        self.issues: list[Problem] = []
        self.validator = jsonschema.Draft202012Validator(PREDICTION_SCHEMA)

    def issue(self, line: int | None, field_name: str | None, reason: str) -> None:
        self.issues.append(Problem(reason, path=self.source, line=line, field=field_name))

    def span_ok(self, doc: Document, start: int, end: int, line: int | None, where: str) -> bool:
        if not start < end:
            self.issue(
                line, where, f"empty or reversed span [{start}, {end}): expected start < end"
            )
            return False
        if end > len(doc.text):
            self.issue(
                line,
                where,
                f"span [{start}, {end}) is out of range: document {doc.id} has "
                f"{len(doc.text)} characters",
            )
            return False
        region = doc.overlaps_excluded(start, end)
        if region is not None:
            self.issue(
                line,
                where,
                f"span [{start}, {end}) falls into an excluded region "
                f"[{region.start}, {region.end}) "
                f"({region.reason}); excluded text is never annotated or scored",
            )
            return False
        return True

    def row(self, raw: Any, line: int | None, seen: set[str]) -> DocumentPredictions | None:
        errors = sorted(self.validator.iter_errors(raw), key=lambda e: list(e.absolute_path))
        if errors:
            for error in errors:
                path = ".".join(str(p) for p in error.absolute_path) or None
                self.issue(line, path, f"does not match the prediction schema: {error.message}")
            return None
        doc_id = raw["doc_id"]
        if doc_id not in self.gold:
            self.issue(line, "doc_id", f"unknown document id {doc_id!r}: not in the gold")
            return None
        if doc_id in seen:
            self.issue(line, "doc_id", f"duplicate prediction line for document {doc_id!r}")
            return None
        seen.add(doc_id)
        gold = self.gold[doc_id]
        doc = gold.document
        result = DocumentPredictions(doc_id, line)
        if "entities" in raw:
            result.entities = []
            keys: set[tuple[int, int, str]] = set()
            for i, item in enumerate(raw["entities"]):
                key = (item["start"], item["end"], item["label"])
                if not self.span_ok(doc, key[0], key[1], line, f"entities.{i}"):
                    continue
                if key in keys:
                    self.issue(line, f"entities.{i}", f"duplicate entity prediction {list(key)}")
                    continue
                keys.add(key)
                result.entities.append(key)
        if "events" in raw:
            result.events = []
            event_keys: set[tuple[int, int, str]] = set()
            for i, item in enumerate(raw["events"]):
                trig = item["trigger"]
                where = f"events.{i}"
                if not self.span_ok(doc, trig["start"], trig["end"], line, f"{where}.trigger"):
                    continue
                ekey = (trig["start"], trig["end"], item["type"])
                if ekey in event_keys:
                    self.issue(
                        line, where, f"duplicate event prediction (trigger and type) {list(ekey)}"
                    )
                    continue
                arguments: list[tuple[str, int, int]] = []
                for j, arg in enumerate(item.get("arguments", [])):
                    akey = (arg["role"], arg["start"], arg["end"])
                    if not self.span_ok(doc, akey[1], akey[2], line, f"{where}.arguments.{j}"):
                        continue
                    if akey in arguments:
                        self.issue(
                            line, f"{where}.arguments.{j}", f"duplicate argument {list(akey)}"
                        )
                        continue
                    arguments.append(akey)
                event_keys.add(ekey)
                result.events.append(
                    EventTuple(
                        ekey[0], ekey[1], ekey[2], item.get("realis"), tuple(sorted(arguments))
                    )
                )
        if "stances" in raw:
            result.stances = []
            declared = {t.id for t in gold.targets}
            stance_keys: set[PredictedStance] = set()
            for i, item in enumerate(raw["stances"]):
                where = f"stances.{i}"
                holder = item["holder"]
                holder_span = None if holder is None else (holder["start"], holder["end"])
                if holder_span and not self.span_ok(doc, *holder_span, line, f"{where}.holder"):
                    continue
                evidence = item.get("evidence")
                evidence_span = None if evidence is None else (evidence["start"], evidence["end"])
                if evidence_span and not self.span_ok(
                    doc, *evidence_span, line, f"{where}.evidence"
                ):
                    continue
                if item["target"] not in declared:
                    self.issue(
                        line,
                        f"{where}.target",
                        f"unknown stance target {item['target']!r} for document {doc_id}; "
                        "declared: "
                        f"{', '.join(sorted(declared)) or '(none)'}",
                    )
                    continue
                stance = PredictedStance(holder_span, item["target"], item["label"], evidence_span)
                if stance in stance_keys:
                    self.issue(line, where, "duplicate stance prediction")
                    continue
                stance_keys.add(stance)
                result.stances.append(stance)
        return result


def finish_checks(checker: RowChecker, result: PredictionSet, lenient: bool) -> PredictionSet:
    """Attach the checker's issues; raise the first one unless ``lenient``."""
    result.issues = checker.issues
    if checker.issues and not lenient:
        first = checker.issues[0]
        more = len(checker.issues) - 1
        suffix = f" (and {more} more problem(s); --lenient counts and skips them)" if more else ""
        raise InputError(first.reason + suffix, path=first.path, line=first.line, field=first.field)
    return result


def validate_rows(
    rows: Iterable[Any],
    gold: Mapping[str, GoldDocument],
    *,
    source: str = "<predictions>",
    lenient: bool = False,
    first_line: int = 1,
) -> PredictionSet:
    """Validate prediction rows (already parsed dicts) against the gold documents.

    Args:
        rows: one dict per document in the prediction format.
        gold: gold documents by id.
        source: name used in issues (a file path, or ``<predictions>``).
        lenient: count and skip bad items instead of raising.
        first_line: line number of the first row.

    Returns:
        The :class:`PredictionSet`.

    Raises:
        InputError: the first problem (file, line, field, reason), unless ``lenient``.
    """
    checker = RowChecker(source, gold)
    result = PredictionSet(source, "jsonl", set(), {})
    seen: set[str] = set()
    for number, raw in enumerate(rows, start=first_line):
        prediction = checker.row(raw, number, seen)
        if prediction is not None:
            result.documents[prediction.doc_id] = prediction
            result.layers.update(k for k in LAYER_KEYS if getattr(prediction, k) is not None)
    return finish_checks(checker, result, lenient)


def gold_as_prediction_row(record: GoldDocument) -> dict[str, Any]:
    """A gold-shaped record (e.g. another annotator's, or a dataset) as a prediction row."""
    ann = record.annotations
    by_id = ann.entity_by_id()
    row: dict[str, Any] = {
        "doc_id": record.document.id,
        "entities": [{"start": m.start, "end": m.end, "label": m.label} for m in ann.entities],
        "events": [
            {
                "trigger": {"start": e.start, "end": e.end},
                "type": e.type,
                "realis": e.realis,
                "arguments": [
                    {
                        "role": a.role,
                        "start": by_id[a.entity_id].start,
                        "end": by_id[a.entity_id].end,
                    }
                    for a in e.arguments
                    if a.entity_id in by_id
                ],
            }
            for e in ann.events
        ],
        "stances": [
            {
                "holder": None
                if s.holder_id is None or s.holder_id not in by_id
                else {"start": by_id[s.holder_id].start, "end": by_id[s.holder_id].end},
                "target": s.target,
                "label": s.polarity,
                "evidence": {"start": s.start, "end": s.end},
            }
            for s in ann.stances
        ],
    }
    return row


def __getattr__(name: str) -> Any:
    # read_predictions moved to newsgold.io.predictions; the old import path keeps working.
    if name in ("read_predictions",):
        import importlib

        return getattr(importlib.import_module("newsgold.io.predictions"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
