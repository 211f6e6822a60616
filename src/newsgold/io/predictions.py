"""Reading predictions: JSONL files, Label Studio exports, dataset folders.

Every reader yields prediction rows that pass :class:`newsgold.scoring.predictions.RowChecker`,
the same checks as a JSONL line, and returns a
:class:`~newsgold.scoring.predictions.PredictionSet`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

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
from newsgold.labelstudio.convert import convert_export
from newsgold.labelstudio.export import read_export
from newsgold.labelstudio.tasks import GOLD_ENTITIES_VERSION
from newsgold.problems import Problem
from newsgold.records import EntityMention, EventMention, GoldDocument, StanceAnnotation
from newsgold.scoring.predictions import (
    LAYER_KEYS,
    PredictionSet,
    RowChecker,
    finish_checks,
    gold_as_prediction_row,
    validate_rows,
)


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
    checker = RowChecker(str(source), gold)
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
    return finish_checks(checker, result, lenient)


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
    checker: RowChecker,
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
    checker = RowChecker(source, gold)
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
    return finish_checks(checker, result, lenient)


def _issue_at_task(issue: Problem, origin: Mapping[tuple[str, int], tuple[str, str]]) -> Problem:
    """Name the export file, task and region behind a row field such as ``events.3.trigger``."""
    parts = (issue.field or "").split(".")
    if len(parts) < 2 or not parts[1].isdigit() or (parts[0], int(parts[1])) not in origin:
        return issue
    path, where = origin[(parts[0], int(parts[1]))]
    rest = ".".join(parts[2:])
    return replace(issue, path=path, field=where + (f" ({rest})" if rest else ""))


def _read_dataset_predictions(
    source: Path, gold: Mapping[str, GoldDocument], lenient: bool
) -> PredictionSet:
    from newsgold.dataset import read_dataset

    rows = [gold_as_prediction_row(record) for record in read_dataset(source)]
    result = validate_rows(rows, gold, source=str(source), lenient=lenient)
    result.format = "dataset"
    return result
