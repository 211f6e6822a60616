"""An annotation campaign on the three shared projects: per-annotator work in, per-annotator
passes out, and progress.

- :func:`submit_annotations` enters one annotator's records as annotations made by that
  annotator's own account (the client authenticates with their token, so Label Studio
  records ``completed_by`` = that user) on the tasks ``push`` created.
- :func:`split_export` cuts a project's export into one export per annotator, so ``pull``
  writes ``annotations/passes/<annotator>/<layer>.json``.
- :func:`campaign_status` counts, per project and annotator, tasks done / skipped / left,
  and measures agreement on the tasks that enough annotators finished.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.convert import convert_export
from newsgold.labelstudio.encode import to_label_studio_annotations
from newsgold.labelstudio.export import parse_export
from newsgold.records import DocumentAnnotations, StanceTarget


def _user_id(completed_by: Any) -> int | None:
    if isinstance(completed_by, dict):  # some versions inline the user
        completed_by = completed_by.get("id")
    text = str(completed_by)
    return int(text) if isinstance(completed_by, int | str) and text.isdigit() else None


@dataclass
class Submission:
    """What :func:`submit_annotations` did in one layer's project."""

    layer: str
    project_id: int
    created: int = 0
    updated: int = 0

    def summary(self, annotator: str) -> str:
        return (
            f"{self.layer:<8} project {self.project_id}: {self.created} annotation(s) created, "
            f"{self.updated} updated, as {annotator}"
        )


def submit_annotations(
    client: Any,
    records: Iterable[DocumentAnnotations],
    *,
    documents: Mapping[str, Document],
    stance_targets: Mapping[str, list[StanceTarget]] | None,
    layers: Iterable[str] = LAYERS,
) -> list[Submission]:
    """Enter one annotator's records on the tasks of the ``push``-ed projects, as them.

    ``client`` must authenticate as the annotator (see
    :func:`newsgold.labelstudio.annotators.annotator_client`): Label Studio records
    ``completed_by`` from the token. Tasks are matched by ``(doc_id, offset)``. The
    annotator's own annotation on a task is updated (a re-import replaces it); nobody
    else's is touched, and nothing is exported.

    Everything is checked before anything is written: each record fits its document, each
    chunk has a task, the annotator has at most one annotation per task.

    Args:
        client: a ``LabelStudio`` client with the annotator's token.
        records: :class:`DocumentAnnotations`, one per document (all layers).
        documents: the corpus.
        stance_targets: declared targets (stances need them).
        layers: which projects to fill.

    Returns:
        One :class:`Submission` per layer.

    Raises:
        InputError: a document is not in the corpus or twice; a project or task is
            missing (run ``newsgold labelstudio push``); stances for a document without
            declared targets; a record that does not fit its document.

    ``newsgold labelstudio import-annotations --annotator NAME`` calls this with
    :func:`~newsgold.labelstudio.annotators.annotator_client` (a running server is needed).
    """
    from newsgold.labelstudio.client import (
        find_project,
        one_record_per_document,
        project_title,
    )

    by_doc = one_record_per_document(records, documents)
    me = int(client.users.whoami().id)
    targets = stance_targets or {}
    plans: list[tuple[Submission, list[tuple[int, int | None, list[dict[str, Any]]]]]] = []
    problems: list[str] = []
    for layer in layers:
        title = project_title(layer)
        project_id = find_project(client, title)
        if project_id is None:
            raise InputError(f"no project {title!r} on the server; run `newsgold labelstudio push`")
        tasks = {
            (str(task.data.get("doc_id")), int(task.data.get("offset", -1))): int(task.id)
            for task in client.tasks.list(project=project_id)
        }
        planned: list[tuple[int, int | None, list[dict[str, Any]]]] = []
        for doc_id, record in sorted(by_doc.items()):
            if layer == "stance" and not targets.get(doc_id):
                if record.stances:
                    problems.append(
                        f"document {doc_id}: stances given but no stance targets declared "
                        "(`newsgold targets add`)"
                    )
                continue
            for chunk, result in to_label_studio_annotations(layer, record, documents[doc_id]):
                task_id = tasks.get((doc_id, chunk.start))
                if task_id is None:
                    problems.append(
                        f"document {doc_id}, characters {chunk.start}-{chunk.end}: no task in "
                        f"project {title!r}; run `newsgold labelstudio push`"
                    )
                    continue
                own = [
                    a for a in client.annotations.list(task_id) if _user_id(a.completed_by) == me
                ]
                if len(own) > 1:
                    problems.append(
                        f"task {task_id} ({title}): this annotator already has {len(own)} "
                        "annotations; keep one in Label Studio first"
                    )
                    continue
                planned.append((task_id, int(own[0].id) if own else None, result))
        plans.append((Submission(layer, project_id), planned))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"nothing submitted: {problems[0]}{more}")
    for submission, planned in plans:
        for task_id, annotation_id, result in planned:
            if annotation_id is None:
                client.annotations.create(task_id, result=result, was_cancelled=False)
                submission.created += 1
            else:
                client.annotations.update(annotation_id, result=result, was_cancelled=False)
                submission.updated += 1
    return [submission for submission, _ in plans]


def split_export(
    data: bytes, names: Mapping[int, str], *, source: str | None = None
) -> dict[str, bytes]:
    """Cut one project's JSON export into one export per annotator.

    Each annotator's export lists the tasks they annotated (or skipped), each task exactly
    as received except that ``annotations`` (and ``drafts``) keep only theirs.
    Serialised compactly like Label Studio's own export; same input, same bytes.

    Args:
        data: the export bytes as Label Studio sent them.
        names: Label Studio user id -> annotator name (an unknown id is named ``user<id>``).
        source: where the bytes came from, for error messages.

    Returns:
        annotator name -> export bytes, sorted by name.

    Raises:
        InputError: not a JSON export.

    ``newsgold labelstudio pull`` calls this with the exported bytes and
    :func:`~newsgold.labelstudio.annotators.annotator_names`.

    Example:
        >>> raw = b'[{"id": 1, "annotations": [{"completed_by": 4}, {"completed_by": 3}]}]'
        >>> split_export(raw, {3: "alice", 4: "bob"})
        {'alice': b'[{"id":1,"annotations":[{"completed_by":3}]}]',
         'bob': b'[{"id":1,"annotations":[{"completed_by":4}]}]'}
    """
    tasks = parse_export(data, source=source)
    per_annotator: dict[str, list[dict[str, Any]]] = {}
    for task in tasks:
        by_name: dict[str, list[Any]] = {}
        for annotation in task.get("annotations") or []:
            user_id = _user_id(annotation.get("completed_by"))
            name = names.get(user_id, f"user{user_id}") if user_id is not None else "unknown"
            by_name.setdefault(name, []).append(annotation)
        for name, theirs in by_name.items():
            ids = {k for k, v in names.items() if v == name}
            kept = dict(task)
            kept["annotations"] = theirs
            if isinstance(task.get("drafts"), list):
                kept["drafts"] = [
                    d
                    for d in task["drafts"]
                    if isinstance(d, dict) and _user_id(d.get("user")) in ids
                ]
            per_annotator.setdefault(name, []).append(kept)
    return {
        name: json.dumps(per_annotator[name], ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8"
        )
        for name in sorted(per_annotator)
    }


@dataclass
class AnnotatorProgress:
    """One annotator's counts in one project."""

    done: int = 0  # tasks with a submitted (not skipped) annotation
    skipped: int = 0  # tasks the annotator skipped and did not annotate
    left: int = 0  # tasks they have not touched that still need annotators


@dataclass
class ProjectProgress:
    """One project's progress and the agreement so far on its finished overlap tasks."""

    layer: str
    project_id: int
    tasks: int
    overlap: int  # annotators per task (the project's maximum_annotations)
    complete: int  # tasks with at least `overlap` submitted annotations
    annotators: dict[str, AnnotatorProgress] = field(default_factory=dict)
    agreement: list[dict[str, Any]] = field(default_factory=list)  # one row per pair

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "project_id": self.project_id,
            "tasks": self.tasks,
            "overlap": self.overlap,
            "complete": self.complete,
            "annotators": {n: vars(p) for n, p in sorted(self.annotators.items())},
            "agreement": self.agreement,
        }


# The agreement figures shown per layer (keys into a measure_agreement result).
_LAYER_FIGURES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "entities": [
        ("span F1 strict", ("entities", "strict", "f1")),
        ("token kappa", ("entities", "token_kappa")),
    ],
    "events": [
        ("trigger F1 +type", ("events", "trigger_classification", "f1")),
        ("argument F1 +role", ("events", "argument_classification", "f1")),
    ],
    "stance": [
        ("kappa", ("stance", "cohen_kappa")),
        ("triple F1", ("stance", "triple_f1", "f1")),
    ],
}


def _figure(result: Mapping[str, Any], path: Sequence[str]) -> float | None:
    value: Any = result
    for key in path:
        value = value[key]
    return None if value is None else float(value)


def project_progress(
    layer: str,
    project_id: int,
    overlap: int,
    export: list[dict[str, Any]],
    names: Mapping[int, str],
    *,
    documents: Mapping[str, Document],
    stance_targets: Mapping[str, list[StanceTarget]] | None,
    annotators: Iterable[str] = (),
) -> ProjectProgress:
    """Count progress in one project from its export of all tasks.

    ``left`` for an annotator counts the tasks they have neither done nor skipped that
    have fewer than ``overlap`` submitted annotations. Agreement is measured for every
    pair of annotators on the documents whose every task in this project both submitted.

    Args:
        export: the project's JSON export with ``download_all_tasks``.
        names: Label Studio user id -> annotator name.
        annotators: names to list even with nothing done yet (the registered annotators).
    """
    from newsgold.agreement import measure_agreement

    progress = ProjectProgress(layer, project_id, len(export), overlap, 0)
    for name in annotators:
        progress.annotators[name] = AnnotatorProgress()
    finished: dict[int, set[str]] = {}
    skipped: dict[int, set[str]] = {}
    task_doc: dict[int, str] = {}
    for task in export:
        task_id = int(task["id"])
        task_doc[task_id] = str((task.get("data") or {}).get("doc_id"))
        for annotation in task.get("annotations") or []:
            user_id = _user_id(annotation.get("completed_by"))
            name = names.get(user_id, f"user{user_id}") if user_id is not None else "unknown"
            bucket = skipped if annotation.get("was_cancelled") else finished
            bucket.setdefault(task_id, set()).add(name)
    for task_id in task_doc:
        done = finished.get(task_id, set())
        cancelled = skipped.get(task_id, set()) - done
        if len(done) >= overlap:
            progress.complete += 1
        for name in done | cancelled:
            progress.annotators.setdefault(name, AnnotatorProgress())
        for name, counts in progress.annotators.items():
            if name in done:
                counts.done += 1
            elif name in cancelled:
                counts.skipped += 1
            elif len(done) < overlap:
                counts.left += 1
    tasks_of_doc: dict[str, set[int]] = {}
    for task_id, doc_id in task_doc.items():
        tasks_of_doc.setdefault(doc_id, set()).add(task_id)
    conversion = convert_export(
        layer,
        [t for t in export if len(finished.get(int(t["id"]), ())) >= 2],
        documents=documents,
        stance_targets=stance_targets,
        annotator_names=names,
    )
    records: dict[str, dict[str, DocumentAnnotations]] = {}
    for record in conversion.annotations:
        records.setdefault(record.annotator, {})[record.doc_id] = record
    people = sorted(records)
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            docs = sorted(
                d
                for d in set(records[a]) & set(records[b])
                if all({a, b} <= finished.get(t, set()) for t in tasks_of_doc.get(d, ()))
            )
            if not docs:
                continue
            result = measure_agreement(
                documents,
                {d: records[a][d] for d in docs},
                {d: records[b][d] for d in docs},
                stance_targets or {},
            )
            row: dict[str, Any] = {"annotators": [a, b], "documents": len(docs)}
            for label, path in _LAYER_FIGURES[layer]:
                row[label] = _figure(result, path)
            progress.agreement.append(row)
    return progress


def campaign_status(
    client: Any,
    names: Mapping[int, str],
    *,
    documents: Mapping[str, Document],
    stance_targets: Mapping[str, list[StanceTarget]] | None,
    annotators: Iterable[str] = (),
    layers: Iterable[str] = LAYERS,
) -> list[ProjectProgress]:
    """:func:`project_progress` of every ``push``-ed project on the server.

    Raises:
        InputError: a layer's project does not exist (run ``newsgold labelstudio push``).
    """
    from newsgold.labelstudio.client import find_project, project_title

    annotators = list(annotators)
    found = []
    for layer in layers:
        title = project_title(layer)
        project_id = find_project(client, title)
        if project_id is None:
            raise InputError(f"no project {title!r} on the server; run `newsgold labelstudio push`")
        project = client.projects.get(project_id)
        raw = b"".join(
            client.projects.exports.download_sync(
                project_id, export_type="JSON", download_all_tasks=True
            )
        )
        found.append(
            project_progress(
                layer,
                project_id,
                int(project.maximum_annotations or 1),
                parse_export(raw, source=title),
                names,
                documents=documents,
                stance_targets=stance_targets,
                annotators=annotators,
            )
        )
    return found


def status_lines(progress: Sequence[ProjectProgress]) -> list[str]:
    """The status table: one block per project, a line per annotator, then agreement."""

    def fmt(value: Any) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines: list[str] = []
    for project in progress:
        lines.append(
            f"{project.layer} (project {project.project_id}): {project.tasks} task(s), "
            f"{project.overlap} annotator(s) per task, {project.complete} complete"
        )
        width = max([len(n) for n in project.annotators] + [9])
        lines.append(f"  {'annotator':<{width}}  {'done':>5}  {'skipped':>7}  {'left':>5}")
        for name, counts in sorted(project.annotators.items()):
            lines.append(
                f"  {name:<{width}}  {counts.done:>5}  {counts.skipped:>7}  {counts.left:>5}"
            )
        if not project.agreement:
            lines.append("  agreement: no task finished by two annotators yet")
        for row in project.agreement:
            figures = ", ".join(
                f"{label} {fmt(row[label])}" for label, _ in _LAYER_FIGURES[project.layer]
            )
            a, b = row["annotators"]
            lines.append(f"  agreement {a} vs {b} on {row['documents']} document(s): {figures}")
    return lines
