"""A Label Studio JSON export of one layer -> annotation records, with every check.

:func:`convert_export` locates each task in the corpus (its text must equal the document
at its offset and be one of the document's chunks), reads each annotation with
:class:`~newsgold.labelstudio.decode.AnnotationReader` (offsets converted to code points,
``value.text`` checked against them, labels, choices, roles and relations checked), and
merges the records per (document, annotator): ids must be unique within a document and
entity spans must not overlap. Each rejected item becomes a
:class:`~newsgold.problems.Problem` naming task id, annotator and reason; nothing is
dropped silently. Cancelled annotations are skipped and counted. Reading the file is
:mod:`newsgold.labelstudio.export`; the other way, records -> results, is
:mod:`newsgold.labelstudio.encode`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.labelstudio.chunks import Chunk, document_chunks
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.decode import AnnotationReader
from newsgold.problems import Problem
from newsgold.records import DocumentAnnotations, EntityMention, EventMention, StanceTarget


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
        >>> doc = Document(
        ...     "d", "Ann met Bob.", None, None, None, None, None,
        ...     paragraphs=((0, 12),), sentences=((0, 12),), tokens=((0, 3), (4, 7), (8, 11)),
        ... )
        >>> bob = {"start": 8, "end": 11, "text": "Bob", "labels": ["PER"]}
        >>> region = {"id": "e1", "from_name": "entity", "to_name": "text", "type": "labels"}
        >>> task = {
        ...     "id": 1,
        ...     "data": {"doc_id": "d", "offset": 0, "text": doc.text},
        ...     "annotations": [{"id": 3, "completed_by": 5, "result": [{**region, "value": bob}]}],
        ... }
        >>> conversion = convert_export("entities", [task], documents={"d": doc})
        >>> conversion.summary()
        'entities: 1 task(s), 1 annotation(s), 0 cancelled (skipped), 1 record set(s), 0 problem(s)'
        >>> conversion.annotations[0].entities
        [EntityMention(start=8, end=11, label='PER', text='Bob', id='e1', key=None)]
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
            reader = AnnotationReader(
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


__all__ = ["Conversion", "convert_export"]
