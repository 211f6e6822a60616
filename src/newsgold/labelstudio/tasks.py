"""Label Studio task files: one task per annotatable chunk of a document, per layer.

Chunks are :mod:`newsgold.labelstudio.chunks`: for most articles one chunk, the whole
article minus trailing publisher boilerplate, so the annotator sees the full context and
relations can reach across paragraphs.

Every task carries in ``data``:

``doc_id``   the document id;
``offset``   the chunk's first character in ``Document.text`` (code points);
``text``     ``Document.text[offset:offset + len(text)]``, exactly;
``header``   a one-line description shown above the text;
``targets``  (stance only) the document's declared targets as dynamic choices.

``predictions`` hold one pre-annotation per task: the gold entities (events and stance
layers) and, when given, a model's predictions for the layer, merged into one result so
that Label Studio pre-labels the task with both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold.atomic import atomic_write_json
from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.labelstudio.chunks import Chunk, document_chunks
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.encode import entity_region_results, model_prediction_results
from newsgold.records import DocumentAnnotations, StanceTarget

GOLD_ENTITIES_VERSION = "gold-entities"


def _header(document: Document, chunk: Chunk, number: int, total: int) -> str:
    title = document.title or "(untitled)"
    source = document.source or "unknown source"
    part = f" · part {number}/{total}" if total > 1 else ""
    return f"{title} — {source} · doc {document.id}{part} · characters {chunk.start}–{chunk.end}"


def _target_choices(targets: Iterable[StanceTarget]) -> list[dict[str, str]]:
    return [
        {"value": target.id, "html": f"{target.name}: {target.description}"} for target in targets
    ]


@dataclass
class TaskSet:
    """The tasks of one layer, and what was left out (with reasons)."""

    layer: str
    tasks: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "<doc_id>: <reason>"


def to_label_studio_tasks(
    layer: str,
    documents: Iterable[Document],
    *,
    gold_entities: Mapping[str, DocumentAnnotations] | None = None,
    stance_targets: Mapping[str, list[StanceTarget]] | None = None,
    predictions: Iterable[DocumentAnnotations] | None = None,
    model_version: str | None = None,
) -> TaskSet:
    """Build the Label Studio tasks of one layer.

    Args:
        layer: ``entities``, ``events`` or ``stance``.
        documents: the corpus documents (tasks come out sorted by doc id, then offset).
        gold_entities: doc id -> gold annotations whose ``entities`` are pre-annotated
            in the events and stance tasks (their ids become the region ids).
        stance_targets: doc id -> declared targets; needed for the stance layer, where
            documents without declared targets are skipped (and listed in ``skipped``).
        predictions: a model's annotations for this layer (e.g. from ``newsgold.models``);
            merged into the task's pre-annotation.
        model_version: the model's name/version, required with ``predictions``.

    Returns:
        A :class:`TaskSet`.

    Raises:
        InputError: unknown layer, ``predictions`` without ``model_version``, or a
            record that does not fit the document (see ``to_label_studio_results``).

    Example:
        >>> doc = Document(
        ...     "d", "Ann met Bob.", "A title", "A paper", None, None, None,
        ...     paragraphs=((0, 12),), sentences=((0, 12),), tokens=((0, 3), (4, 7), (8, 11)),
        ... )
        >>> (task,) = to_label_studio_tasks("entities", [doc]).tasks
        >>> task["data"]["header"], task["data"]["offset"], task["data"]["text"]
        ('A title — A paper · doc d · characters 0–12', 0, 'Ann met Bob.')
    """
    if layer not in LAYERS:
        raise InputError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
    predicted: dict[str, DocumentAnnotations] = {}
    if predictions is not None:
        if not model_version:
            raise InputError("model predictions need a model_version", field="model_version")
        for item in predictions:
            predicted[item.doc_id] = item
    gold_entities = gold_entities or {}
    result = TaskSet(layer)
    for document in sorted(documents, key=lambda d: d.id):
        targets = (stance_targets or {}).get(document.id)
        if layer == "stance" and not targets:
            result.skipped.append(f"{document.id}: no declared stance targets")
            continue
        chunks = document_chunks(document)
        if not chunks:
            result.skipped.append(f"{document.id}: every paragraph is excluded")
            continue
        gold = gold_entities.get(document.id) if layer != "entities" else None
        model = predicted.get(document.id)
        for number, chunk in enumerate(chunks, start=1):
            data: dict[str, Any] = {
                "doc_id": document.id,
                "offset": chunk.start,
                "text": document.text[chunk.start : chunk.end],
                "header": _header(document, chunk, number, len(chunks)),
            }
            if layer == "stance":
                data["targets"] = _target_choices(targets or [])
            task: dict[str, Any] = {"data": data}
            prediction = chunk_prediction(layer, document, chunk, gold, model, model_version)
            if prediction is not None:
                task["predictions"] = [prediction]
            result.tasks.append(task)
    return result


def chunk_prediction(
    layer: str,
    document: Document,
    chunk: Chunk,
    gold: DocumentAnnotations | None,
    model: DocumentAnnotations | None,
    model_version: str | None,
) -> dict[str, Any] | None:
    """The pre-annotation of one chunk: gold entity regions and/or a model's results.

    Returns:
        ``{"model_version": ..., "result": [...]}`` (versions joined by ``+``), or None
        when there is neither gold nor a model.
    """
    versions: list[str] = []
    results: list[dict[str, Any]] = []
    if gold is not None:
        results += entity_region_results(gold.entities, document, chunk)
        versions.append(GOLD_ENTITIES_VERSION)
    if model is not None and model_version:
        results += model_prediction_results(layer, model, document, chunk, gold=gold)
        versions.append(model_version)
    if not versions:
        return None
    return {"model_version": "+".join(versions), "result": results}


def write_task_files(
    out_dir: str | Path,
    documents: Iterable[Document],
    *,
    gold_entities: Mapping[str, DocumentAnnotations] | None = None,
    stance_targets: Mapping[str, list[StanceTarget]] | None = None,
    predictions: Mapping[str, Iterable[DocumentAnnotations]] | None = None,
    model_version: str | None = None,
    layers: Iterable[str] = LAYERS,
) -> dict[str, TaskSet]:
    """Write ``<out_dir>/<layer>.json`` (a JSON list of tasks) for each layer, atomically.

    Args:
        predictions: layer -> model annotations for that layer (optional).
        Other arguments as for :func:`to_label_studio_tasks`.

    Returns:
        layer -> the :class:`TaskSet` written. Same inputs give byte-identical files.
    """
    documents = list(documents)
    written: dict[str, TaskSet] = {}
    for layer in layers:
        task_set = to_label_studio_tasks(
            layer,
            documents,
            gold_entities=gold_entities,
            stance_targets=stance_targets,
            predictions=(predictions or {}).get(layer),
            model_version=model_version,
        )
        atomic_write_json(Path(out_dir) / f"{layer}.json", task_set.tasks)
        written[layer] = task_set
    return written


__all__ = [
    "GOLD_ENTITIES_VERSION",
    "TaskSet",
    "chunk_prediction",
    "to_label_studio_tasks",
    "write_task_files",
]
