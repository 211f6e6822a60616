"""Prediction inputs: the JSONL format (with its JSON Schema), Label Studio exports, datasets.

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

Every problem becomes an :class:`InputIssue` naming file, line, field and reason. By
default the first one is raised as :class:`~newsgold.errors.InputError` (with the total
count); with ``lenient=True`` the offending item (or line) is skipped and the issue is kept
in the result so the report can count and list it. Nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema

from newsgold.corpus import Document
from newsgold.errors import InputError
from newsgold.jsonfile import parse_json
from newsgold.labelstudio.config import (
    ENTITY_CONTROL,
    EVIDENCE_CONTROL,
    LAYERS,
    POLARITY_CONTROL,
    REALIS_CONTROL,
    TARGET_CONTROL,
    TRIGGER_CONTROL,
)
from newsgold.labelstudio.convert import convert_export, read_export
from newsgold.labelstudio.tasks import GOLD_ENTITIES_VERSION
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventMention,
    StanceAnnotation,
    StanceTarget,
)
from newsgold.scheme import ENTITY_LABELS, EVENT_TYPES, REALIS_LABELS, ROLE_LABELS, STANCE_LABELS
from newsgold.scoring.events import EventTuple

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


class GoldDocument(NamedTuple):
    """One gold document: text and segmentation, annotations, declared stance targets.

    Same shape as ``newsgold.dataset.GoldRecord``; either can be passed to the scorer.
    """

    document: Document
    annotations: DocumentAnnotations
    targets: Sequence[StanceTarget]


@dataclass(frozen=True)
class InputIssue:
    """One problem in the predictions: where (file, line, field) and why."""

    path: str
    line: int | None
    field: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "field": self.field, "reason": self.reason}

    def to_error(self) -> InputError:
        return InputError(self.reason, path=self.path, line=self.line, field=self.field)


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
    issues: list[InputIssue] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)


class _Checker:
    def __init__(self, source: str, gold: Mapping[str, GoldDocument]) -> None:
        self.source = source
        self.gold = gold
        self.issues: list[InputIssue] = []
        self.validator = jsonschema.Draft202012Validator(PREDICTION_SCHEMA)

    def issue(self, line: int | None, field_name: str | None, reason: str) -> None:
        self.issues.append(InputIssue(self.source, line, field_name, reason))

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


def _finish(checker: _Checker, result: PredictionSet, lenient: bool) -> PredictionSet:
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
    checker = _Checker(source, gold)
    result = PredictionSet(source, "jsonl", set(), {})
    seen: set[str] = set()
    for number, raw in enumerate(rows, start=first_line):
        prediction = checker.row(raw, number, seen)
        if prediction is not None:
            result.documents[prediction.doc_id] = prediction
            result.layers.update(k for k in LAYER_KEYS if getattr(prediction, k) is not None)
    return _finish(checker, result, lenient)


def read_predictions(
    path: str | Path,
    gold: Mapping[str, GoldDocument],
    *,
    lenient: bool = False,
    model_version: str | None = None,
) -> PredictionSet:
    """Read and validate predictions from a file or folder.

    Accepted:

    * a JSONL prediction file;
    * a Label Studio JSON export of one layer's project (a ``.json`` file holding a list
      of tasks with ``predictions``), or a folder holding ``entities.json``,
      ``events.json`` and/or ``stance.json`` exports; the model's predictions are read
      with :func:`newsgold.labelstudio.convert.convert_export` (see
      ``docs/predictions.md`` for exactly what is read);
    * a built newsgold dataset folder (it has a ``documents`` folder).

    Every item then passes the same checks as a JSONL line.

    Args:
        path: the file or folder.
        gold: gold documents by id.
        lenient: count and skip bad items instead of raising.
        model_version: Label Studio exports only: score the predictions of this model
            version (needed when an export holds several).

    Returns:
        The :class:`PredictionSet`.

    Raises:
        InputError: a missing file, a malformed line, an unknown doc id, offsets out of
            range or into excluded regions, unknown labels or targets, duplicates; naming
            file, line (or Label Studio task) and field. With ``lenient=True`` only
            file-level problems raise (missing or unreadable file, several model versions
            in a Label Studio export, none).

    Example:
        >>> preds = read_predictions("evaluate/predictions/spacy.jsonl", gold)  # doctest: +SKIP
    """
    source = Path(path)
    if not source.exists():
        raise InputError("prediction file not found", path=source)
    exports = _label_studio_exports(source) if source.is_dir() else []
    if exports and not (source / "documents").exists():
        return _read_labelstudio(exports, gold, lenient, model_version)
    if source.is_file() and source.suffix == ".json":
        return _read_labelstudio([source], gold, lenient, model_version)
    if model_version is not None:
        raise InputError(
            "a model version can only be chosen in a Label Studio export (a .json file or a "
            f"folder of entities.json/events.json/stance.json), got {source}",
            field="model_version",
        )
    if source.is_dir():
        return _read_dataset_predictions(source, gold, lenient)
    checker = _Checker(str(source), gold)
    result = PredictionSet(str(source), "jsonl", set(), {})
    seen: set[str] = set()
    with source.open(encoding="utf-8") as handle:
        try:
            lines = list(handle)
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text: {exc}", path=source) from None
    if not any(text.strip() for text in lines):
        raise InputError(
            "the prediction file is empty; expected one JSON object per document", path=source
        )
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            raw = parse_json(text, line=number)
        except InputError as exc:
            checker.issue(number, None, f"malformed line: {exc.message}")
            continue
        prediction = checker.row(raw, number, seen)
        if prediction is not None:
            result.documents[prediction.doc_id] = prediction
            result.layers.update(k for k in LAYER_KEYS if getattr(prediction, k) is not None)
    return _finish(checker, result, lenient)


# ------------------------------------------------------------------ Label Studio exports

# Layer of a Label Studio project -> key of the prediction row it fills.
_LS_LAYER_KEYS: dict[str, str] = {"entities": "entities", "events": "events", "stance": "stances"}
_LS_IGNORED_CONTEXT = (
    f"Label Studio predictions {GOLD_ENTITIES_VERSION!r} (gold entities shown as context, "
    "not a model)"
)
_LS_IGNORED_OTHER = "Label Studio predictions of other model versions"
_LS_IGNORED_NO_MODEL = "Label Studio tasks without a model prediction"


def _ls_anchor_reason(layer: str) -> str:
    return (
        f"entity regions in the {layer} export (argument and holder anchors, not entity "
        "predictions)"
    )


def _label_studio_exports(folder: Path) -> list[Path]:
    return [folder / f"{layer}.json" for layer in LAYERS if (folder / f"{layer}.json").is_file()]


def _prediction_items(task: dict[str, Any]) -> list[dict[str, Any]]:
    predictions = task.get("predictions")
    return [p for p in predictions if isinstance(p, dict)] if isinstance(predictions, list) else []


def _result_items(prediction: dict[str, Any]) -> list[dict[str, Any]]:
    result = prediction.get("result")
    return [r for r in result if isinstance(r, dict)] if isinstance(result, list) else []


def _export_layer(path: Path, tasks: Sequence[dict[str, Any]]) -> str:
    """The layer an export holds: from its name (``events.json``), else from its controls."""
    if path.stem in LAYERS:
        return path.stem
    controls: set[Any] = set()
    context = False
    for task in tasks:
        for prediction in _prediction_items(task):
            context |= GOLD_ENTITIES_VERSION in str(prediction.get("model_version")).split("+")
            controls.update(item.get("from_name") for item in _result_items(prediction))
    if controls & {TRIGGER_CONTROL, REALIS_CONTROL}:
        return "events"
    if controls & {EVIDENCE_CONTROL, TARGET_CONTROL, POLARITY_CONTROL}:
        return "stance"
    if controls and not context:  # gold entities are never shown in the entities project
        return "entities"
    raise InputError(
        "cannot tell which layer this Label Studio export holds (its predictions use no "
        "trigger or evidence control); name the file entities.json, events.json or stance.json",
        path=path,
    )


def _version_matches(version: str, wanted: str) -> bool:
    # tasks.py joins the versions of a merged pre-annotation with "+"
    return version == wanted or wanted in version.split("+")


def _select_predictions(
    path: Path,
    tasks: Sequence[dict[str, Any]],
    model_version: str | None,
    checker: _Checker,
    ignored: dict[str, int],
) -> list[dict[str, Any]]:
    """Tasks reduced to the one model prediction each is scored by (the rest counted)."""
    chosen: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    versions: set[str] = set()
    crowded: tuple[Any, int, list[str]] | None = None
    for number, task in enumerate(tasks, start=1):
        task = {**task, "id": task.get("id", f"#{number}")}  # "#n": n-th task of the file
        listed = task.get("predictions")
        if isinstance(listed, list) and any(not isinstance(p, dict) for p in listed):
            raise InputError(
                f"task {task['id']} lists its predictions as {listed!r}, not as objects: "
                "Label Studio's plain JSON export writes prediction ids only (label-studio "
                "issue #5654); export with full predictions, e.g. "
                "newsgold.labelstudio.client.export_project(client, project, "
                "with_predictions=True)",
                path=path,
            )
        models = []
        for prediction in _prediction_items(task):
            version = str(prediction.get("model_version"))
            if version == GOLD_ENTITIES_VERSION:
                ignored[_LS_IGNORED_CONTEXT] = ignored.get(_LS_IGNORED_CONTEXT, 0) + 1
            elif model_version is not None and not _version_matches(version, model_version):
                ignored[_LS_IGNORED_OTHER] = ignored.get(_LS_IGNORED_OTHER, 0) + 1
            else:
                models.append(prediction)
        names = [str(p.get("model_version")) for p in models]
        versions.update(names)
        if len(models) > 1 and crowded is None:
            crowded = (task["id"], len(models), names)
        chosen.append((task, models))
    if model_version is None and len(versions) > 1:
        first = ""
        if crowded is not None:
            first = f"task {crowded[0]} has {crowded[1]} predictions ({', '.join(crowded[2])}); "
        raise InputError(
            f"{first}the export holds predictions of {len(versions)} model versions "
            f"({', '.join(sorted(versions))}); score one at a time with --model-version",
            path=path,
        )
    if not versions:
        wanted = f" of model version {model_version!r}" if model_version is not None else ""
        raise InputError(
            f"no task carries a model prediction{wanted}; export every task with its "
            "predictions (export_project(..., with_predictions=True)) from a project whose "
            "tasks were made with a model's predictions",
            path=path,
        )
    selected = []
    for task, models in chosen:
        if not models:
            ignored[_LS_IGNORED_NO_MODEL] = ignored.get(_LS_IGNORED_NO_MODEL, 0) + 1
        elif len(models) > 1:
            checker.issue(
                None,
                f"task {task['id']}",
                f"{len(models)} predictions of model version {models[0].get('model_version')!r} "
                "in one task; expected one",
            )
        else:
            selected.append({**task, "predictions": models})
    return selected


def _task_of_item(tasks: Sequence[dict[str, Any]], doc_id: str, start: int) -> Any:
    for task in tasks:
        data = task.get("data")
        if not isinstance(data, dict) or data.get("doc_id") != doc_id:
            continue
        offset, text = data.get("offset"), data.get("text")
        if (
            isinstance(offset, int)
            and isinstance(text, str)
            and offset <= start < offset + len(text)
        ):
            return task["id"]
    return None


def _read_labelstudio(
    paths: Sequence[Path],
    gold: Mapping[str, GoldDocument],
    lenient: bool,
    model_version: str | None,
) -> PredictionSet:
    """Read the model predictions of one or more layer exports, with convert_export's checks.

    Each export holds one layer (one Label Studio project) and fills only that layer:
    entity regions in the events and stance exports are anchors of arguments and
    holders (the pre-annotated gold entities, or the model's own when none were shown)
    and are never read as entity predictions; the entities project never shows gold
    entities, so all its regions are the model's.
    """
    source = str(paths[0]) if len(paths) == 1 else str(paths[0].parent)
    checker = _Checker(source, gold)
    ignored: dict[str, int] = {}
    documents = {doc_id: g.document for doc_id, g in gold.items()}
    targets = {doc_id: list(g.targets) for doc_id, g in gold.items()}
    rows: dict[str, dict[str, Any]] = {}
    origins: dict[str, dict[tuple[str, int], tuple[str, str]]] = {}
    for path in paths:
        checker.source = str(path)
        tasks = read_export(path)
        layer = _export_layer(path, tasks)
        key = _LS_LAYER_KEYS[layer]
        selected = _select_predictions(path, tasks, model_version, checker, ignored)
        if layer != "entities":
            anchors = sum(
                item.get("from_name") == ENTITY_CONTROL
                for task in selected
                for item in _result_items(task["predictions"][0])
            )
            if anchors:
                ignored[_ls_anchor_reason(layer)] = anchors
        conversion = convert_export(
            layer, selected, documents=documents, stance_targets=targets, source="predictions"
        )
        for problem in conversion.problems:
            item = f", item {problem.item}" if problem.item is not None else ""
            checker.issue(None, f"task {problem.task_id}{item}", problem.reason)
        for record in conversion.annotations:
            doc_id = record.doc_id
            full = gold_as_prediction_row(GoldDocument(documents[doc_id], record, targets[doc_id]))
            rows.setdefault(doc_id, {"doc_id": doc_id})[key] = full[key]
            things: Sequence[EntityMention | EventMention | StanceAnnotation] = (
                record.entities
                if key == "entities"
                else record.events
                if key == "events"
                else record.stances
            )
            origin = origins.setdefault(doc_id, {})
            for index, thing in enumerate(things):
                task_id = _task_of_item(selected, doc_id, thing.start)
                origin[(key, index)] = (str(path), f"task {task_id}, item {thing.id}")
    checker.source = source
    result = PredictionSet(source, "labelstudio", set(), {}, ignored=dict(sorted(ignored.items())))
    seen: set[str] = set()
    for doc_id in sorted(rows):
        first_issue = len(checker.issues)
        prediction = checker.row(rows[doc_id], None, seen)
        checker.issues[first_issue:] = [
            _issue_at_task(issue, origins[doc_id]) for issue in checker.issues[first_issue:]
        ]
        if prediction is not None:
            result.documents[doc_id] = prediction
            result.layers.update(k for k in LAYER_KEYS if getattr(prediction, k) is not None)
    return _finish(checker, result, lenient)


def _issue_at_task(
    issue: InputIssue, origin: Mapping[tuple[str, int], tuple[str, str]]
) -> InputIssue:
    """Name the export file, task and region behind a row field such as ``events.3.trigger``."""
    parts = (issue.field or "").split(".")
    if len(parts) < 2 or not parts[1].isdigit() or (parts[0], int(parts[1])) not in origin:
        return issue
    path, where = origin[(parts[0], int(parts[1]))]
    rest = ".".join(parts[2:])
    return replace(issue, path=path, field=where + (f" ({rest})" if rest else ""))


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


def _read_dataset_predictions(
    source: Path, gold: Mapping[str, GoldDocument], lenient: bool
) -> PredictionSet:
    from newsgold.dataset import read_dataset

    rows = [gold_as_prediction_row(GoldDocument(*record)) for record in read_dataset(source)]
    result = validate_rows(rows, gold, source=str(source), lenient=lenient)
    result.format = "dataset"
    return result
