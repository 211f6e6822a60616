"""Push tasks to and pull exports from a Label Studio server with label-studio-sdk.

Projects are found by title (``newsgold entities``, ``newsgold events``, ``newsgold
stance``; a pass gets ``newsgold <layer> · pass <name>``), and tasks by their
``(doc_id, offset)``, so pushing twice creates no duplicates: a second push updates the
config, adds new tasks, and replaces a task's pre-annotation only when it changed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold.atomic import atomic_write_bytes, dumps_canonical
from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.labelstudio.config import LAYERS, labeling_config
from newsgold.labelstudio.encode import to_label_studio_annotations
from newsgold.labelstudio.server import ServerError, is_healthy
from newsgold.labelstudio.tasks import to_label_studio_tasks
from newsgold.records import DocumentAnnotations, StanceTarget

ANNOTATOR_EMAIL_DOMAIN = "newsgold.local"
"""Annotator accounts are ``<name>@newsgold.local`` (see :mod:`newsgold.labelstudio.annotators`)."""


def one_record_per_document(
    records: Iterable[DocumentAnnotations], documents: Mapping[str, Document]
) -> dict[str, DocumentAnnotations]:
    """doc id -> record, checking each document is in the corpus and appears once.

    Raises:
        InputError: a document is not in the corpus or appears twice.
    """
    by_doc: dict[str, DocumentAnnotations] = {}
    for record in records:
        if record.doc_id not in documents:
            raise InputError(f"document {record.doc_id!r} is not in the corpus", field="doc_id")
        if record.doc_id in by_doc:
            raise InputError(
                f"document {record.doc_id} appears twice; give one record per document",
                field="doc_id",
            )
        by_doc[record.doc_id] = record
    return by_doc


def project_title(layer: str, pass_name: str | None = None) -> str:
    """The title of a layer's project (``newsgold events``; with a pass name, its own)."""
    if layer not in LAYERS:
        raise InputError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
    return f"newsgold {layer}" + (f" · pass {pass_name}" if pass_name else "")


@contextmanager
def label_studio_errors(doing: str) -> Iterator[None]:
    """Turn a Label Studio API error into one :class:`ServerError` line (status, detail).

    Example:
        >>> from label_studio_sdk.core.api_error import ApiError
        >>> with label_studio_errors("connecting the ML backend"):
        ...     raise ApiError(status_code=400, body={"detail": "url is not reachable"})
        Traceback (most recent call last):
            ...
        newsgold.labelstudio.server.ServerError: Label Studio answered HTTP 400 when
        connecting the ML backend: url is not reachable
    """
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except ApiError as exc:
        body = exc.body if isinstance(exc.body, dict) else {}
        detail = body.get("detail") or body.get("validation_errors") or exc.body
        raise ServerError(
            f"Label Studio answered HTTP {exc.status_code} when {doing}: {detail}"
        ) from None


def connect(url: str, api_key: str) -> Any:
    """A ``label_studio_sdk.LabelStudio`` client for a server that is up.

    Raises:
        ServerError: nothing healthy answers at ``url`` (start one with
            ``newsgold labelstudio serve``).
    """
    from label_studio_sdk import LabelStudio

    if not is_healthy(url):
        raise ServerError(
            f"no Label Studio answers at {url}; start one with `newsgold labelstudio serve` "
            "or pass --url"
        )
    return LabelStudio(base_url=url, api_key=api_key)


def find_project(client: Any, title: str) -> int | None:
    """The id of the project titled exactly ``title``, or None."""
    for project in client.projects.list(title=title):
        if project.title == title:
            return int(project.id)
    return None


@dataclass
class PushResult:
    """What a push did to one project."""

    layer: str
    project_id: int
    title: str
    created: bool
    tasks_added: int
    tasks_kept: int
    predictions_replaced: int
    overlap: int | None = None  # annotators per task, when set by this push

    def summary(self) -> str:
        action = "created" if self.created else "updated"
        overlap = f", {self.overlap} annotator(s) per task" if self.overlap else ""
        return (
            f"{self.layer:<8} project {self.project_id} {self.title!r} {action}: "
            f"{self.tasks_added} task(s) added, {self.tasks_kept} already there, "
            f"{self.predictions_replaced} pre-annotation(s) replaced{overlap}"
        )


def _task_key(data: Mapping[str, Any]) -> tuple[str, int]:
    return (str(data.get("doc_id")), int(data.get("offset", -1)))


def push_tasks(
    client: Any,
    layer: str,
    tasks: list[dict[str, Any]],
    *,
    title: str | None = None,
    overlap: int | None = None,
) -> PushResult:
    """Create or update one layer's project and bring its tasks up to date.

    Args:
        client: from :func:`connect`.
        layer: the layer (its generated config is used).
        tasks: task dicts as written by ``newsgold labelstudio tasks``.
        title: project title; default :func:`project_title`.
        overlap: annotators per task. Sets the project's ``maximum_annotations`` to it
            and ``overlap_cohort_percentage`` to 100, so Label Studio hands every task to
            that many different annotators. None: leave the project's setting as it is.

    Returns:
        A :class:`PushResult`.

    Raises:
        InputError: a task lacks ``data.doc_id``/``data.offset``, or ``overlap`` < 1.
    """
    title = title or project_title(layer)
    config = labeling_config(layer)
    versions = sorted({p["model_version"] for t in tasks for p in t.get("predictions", [])})
    settings: dict[str, Any] = {"show_collab_predictions": True}
    if versions:
        settings["model_version"] = versions[0]
    if overlap is not None:
        if overlap < 1:
            raise InputError(
                f"expected at least 1 annotator per task, got {overlap}", field="--overlap"
            )
        settings["maximum_annotations"] = overlap
        settings["overlap_cohort_percentage"] = 100
    project_id = find_project(client, title)
    created = project_id is None
    if project_id is None:
        project = client.projects.create(title=title, label_config=config, **settings)
        project_id = int(project.id)
    else:
        current = client.projects.get(project_id)
        if current.label_config != config:
            client.projects.update(project_id, label_config=config)
        client.projects.update(project_id, **settings)
    existing: dict[tuple[str, int], int] = {}
    for task in client.tasks.list(project=project_id):
        existing[_task_key(task.data)] = int(task.id)
    predictions: dict[int, list[Any]] = {}
    if existing:
        for prediction in client.predictions.list(project=project_id):
            predictions.setdefault(int(prediction.task), []).append(prediction)
    new: list[dict[str, Any]] = []
    replaced = 0
    for task in tasks:
        data = task.get("data") or {}
        if "doc_id" not in data or "offset" not in data:
            raise InputError("task without data.doc_id / data.offset", field="data")
        task_id = existing.get(_task_key(data))
        if task_id is None:
            new.append(task)
            continue
        wanted = task.get("predictions", [])
        have = predictions.get(task_id, [])
        same = sorted(dumps_canonical([p["model_version"], p["result"]]) for p in wanted) == sorted(
            dumps_canonical([p.model_version, p.result]) for p in have
        )
        if not same:
            for prediction in have:
                client.predictions.delete(prediction.id)
            for prediction in wanted:
                client.predictions.create(
                    task=task_id,
                    result=prediction["result"],
                    model_version=prediction["model_version"],
                )
            replaced += 1
    if new:
        client.projects.import_tasks(project_id, request=new, return_task_ids=True)
    return PushResult(
        layer, project_id, title, created, len(new), len(tasks) - len(new), replaced, overlap
    )


def export_project(
    client: Any, project_id: int, *, with_predictions: bool = False, timeout: float = 60.0
) -> bytes:
    """The project's JSON export, exactly as Label Studio sends it.

    Args:
        client: from :func:`connect`.
        project_id: the project.
        with_predictions: export every task with its full predictions, for scoring a
            model (``newsgold score --pred``). Label Studio's plain JSON export lists
            annotated tasks only and writes each prediction as its id (label-studio
            issue #5654), so this goes through an export snapshot with
            ``serialization_options.predictions.only_id = false``; the snapshot is
            deleted afterwards.
        timeout: seconds to wait for the snapshot.

    Raises:
        ServerError: the snapshot failed or was not ready within ``timeout``.
    """
    exports = client.projects.exports
    if not with_predictions:
        return b"".join(exports.download_sync(project_id, export_type="JSON"))
    snapshot = exports.create(
        project_id,
        title="newsgold predictions",
        serialization_options={"predictions": {"only_id": False}},
        task_filter_options={"only_with_annotations": False},
    )
    deadline = time.monotonic() + timeout
    try:
        while snapshot.status != "completed":
            if snapshot.status == "failed" or time.monotonic() > deadline:
                raise ServerError(
                    f"export snapshot {snapshot.id} of project {project_id} is "
                    f"{snapshot.status!r} after {timeout:g} s; expected 'completed'"
                )
            time.sleep(0.2)
            snapshot = exports.get(project_id, snapshot.id)
        return b"".join(exports.download(project_id, snapshot.id, export_type="JSON"))
    finally:
        exports.delete(project_id, snapshot.id)


def fetch_exports(
    client: Any,
    *,
    layers: Iterable[str] = LAYERS,
    pass_name: str | None = None,
    with_predictions: bool = False,
) -> dict[str, bytes]:
    """Export each layer's project; return the bytes exactly as Label Studio sent them.

    Raises:
        InputError: a layer's project does not exist on the server.
    """
    raw: dict[str, bytes] = {}
    for layer in layers:
        title = project_title(layer, pass_name)
        project_id = find_project(client, title)
        if project_id is None:
            raise InputError(f"no project {title!r} on the server; run `newsgold labelstudio push`")
        raw[layer] = export_project(client, project_id, with_predictions=with_predictions)
    return raw


def user_names(client: Any) -> dict[int, str]:
    """Label Studio user id -> annotator name (username, else the e-mail's local part)."""
    names: dict[int, str] = {}
    for user in client.users.list():
        name = user.username or (user.email or "").split("@")[0] or str(user.id)
        names[int(user.id)] = name
    return names


def ensure_annotator(client: Any, name: str) -> int:
    """The id of the Label Studio user ``name`` (``<name>@newsgold.local``), created if missing."""
    email = f"{name}@{ANNOTATOR_EMAIL_DOMAIN}"
    for user in client.users.list():
        if user.email == email:
            return int(user.id)
    user = client.users.create(username=name, email=email, first_name=name)
    return int(user.id)


def import_annotation_records(
    client: Any,
    records: Iterable[DocumentAnnotations],
    *,
    pass_name: str,
    documents: Mapping[str, Document],
    stance_targets: Mapping[str, list[StanceTarget]] | None,
    out_dir: str | Path,
    layers: Iterable[str] = LAYERS,
) -> dict[str, Path]:
    """Make one annotator's records into real Label Studio exports.

    For each layer: push the tasks to the pass's own project (``newsgold <layer> · pass
    <name>``), create the annotations through the API as user ``<name>`` (an existing
    annotation of that user on a task is replaced), export the project, and save the
    export exactly as received to ``<out_dir>/<layer>.json``.

    Args:
        client: from :func:`connect`.
        records: one annotator's :class:`DocumentAnnotations` (all layers), one per doc.
        pass_name: the annotator / pass name (a Label Studio user of that name is made).
        documents: the corpus.
        stance_targets: declared targets (the stance tasks need them).
        out_dir: where the exports go (``annotations/passes/<name>`` or
            ``annotations/gold``).

    Returns:
        layer -> saved export path.

    Raises:
        InputError: a record's document is not in the corpus, a document appears twice,
            or a record does not fit its document (see ``to_label_studio_annotations``).

    ``newsgold labelstudio import-annotations`` calls this (it needs a running server; see
    ``tests/labelstudio`` for runs against one).
    """
    by_doc = one_record_per_document(records, documents)
    user_id = ensure_annotator(client, pass_name)
    saved: dict[str, Path] = {}
    for layer in layers:
        task_set = to_label_studio_tasks(
            layer, [documents[d] for d in by_doc], stance_targets=stance_targets
        )
        if layer == "stance":
            missing = [
                doc
                for doc, rec in by_doc.items()
                if rec.stances and not (stance_targets or {}).get(doc)
            ]
            if missing:
                raise InputError(
                    f"stances given for document(s) without declared stance targets: "
                    f"{', '.join(missing)}",
                    field="stances",
                )
        title = project_title(layer, pass_name)
        pushed = push_tasks(client, layer, task_set.tasks, title=title)
        task_ids = {
            _task_key(task.data): int(task.id)
            for task in client.tasks.list(project=pushed.project_id)
        }
        for doc_id, record in sorted(by_doc.items()):
            if layer == "stance" and not (stance_targets or {}).get(doc_id):
                continue
            for chunk, result in to_label_studio_annotations(layer, record, documents[doc_id]):
                task_id = task_ids[(doc_id, chunk.start)]
                for old in client.annotations.list(task_id):
                    if int(old.completed_by or -1) == user_id:
                        client.annotations.delete(old.id)
                client.annotations.create(
                    task_id, result=result, completed_by=user_id, was_cancelled=False
                )
        path = Path(out_dir) / f"{layer}.json"
        atomic_write_bytes(path, export_project(client, pushed.project_id))
        saved[layer] = path
    return saved
