"""Project builds: what a project folder's Label Studio tasks and models are made from.

The project (``corpus/``, ``annotations/``, see :class:`~newsgold.paths.ProjectPaths`)
gives the task files of every layer (:func:`write_labelstudio_tasks`, what
``newsgold labelstudio tasks`` and ``newsgold run`` write), its models
(:func:`load_project_model`: ``majority`` fitted on the gold's dev documents) and
their pre-annotations (:func:`model_pre_annotations`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgold.corpus import load_corpus
from newsgold.errors import InputError, ValidationError
from newsgold.guard import check_output_folder, mark_output_folder
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.tasks import TaskSet, write_task_files
from newsgold.paths import ProjectPaths
from newsgold.records import DocumentAnnotations, StanceTarget
from newsgold.stance_targets import load_stance_targets


def project_stance_targets(paths: ProjectPaths) -> dict[str, list[StanceTarget]] | None:
    """The project's declared stance targets, or None when none are declared yet."""
    return load_stance_targets(paths.stance_targets) if paths.stance_targets.exists() else None


def project_gold_entities(paths: ProjectPaths) -> dict[str, DocumentAnnotations] | None:
    """Gold entities from annotations/gold/entities.json, or None when there is none yet."""
    from newsgold.labelstudio.validate import validate_export_file

    path = paths.gold / "entities.json"
    if not path.exists():
        return None
    conversion = validate_export_file(path, documents=load_corpus(paths.corpus), layer="entities")
    _raise_problems(str(path), conversion.problems)
    return {record.doc_id: record for record in conversion.annotations}


def _raise_problems(where: str, problems: list[Any]) -> None:
    if problems:
        lines = [p.format() for p in problems]
        raise ValidationError(f"{where}: {len(lines)} problem(s); first: {lines[0]}", lines)


def write_labelstudio_tasks(
    root: Path,
    out_dir: Path | None = None,
    *,
    predictions: dict[str, list[DocumentAnnotations]] | None = None,
    model_version: str | None = None,
) -> dict[str, TaskSet]:
    """Write the task files of every layer for the project at ``root`` (offline).

    Pre-annotations: gold entities (when ``annotations/gold/entities.json`` exists) in
    the events and stance tasks, plus ``predictions`` (layer -> model records).

    Returns:
        layer -> :class:`TaskSet`; files are ``<out_dir>/<layer>.json`` (default
        ``build/labelstudio/tasks``).
    """
    paths = ProjectPaths(root)
    out = out_dir or paths.build / "labelstudio" / "tasks"
    check_output_folder(
        out,
        command="labelstudio tasks",
        inputs=[("corpus", paths.corpus), ("annotations", paths.annotations)],
        roots=[paths.root],
    )
    documents = load_corpus(paths.corpus)
    if not documents:
        raise InputError(
            "the corpus is empty; add documents with `newsgold corpus add`", path=paths.corpus
        )
    Path(out).mkdir(parents=True, exist_ok=True)
    mark_output_folder(out, "labelstudio tasks")
    return write_task_files(
        out,
        documents.values(),
        gold_entities=project_gold_entities(paths),
        stance_targets=project_stance_targets(paths),
        predictions=predictions,
        model_version=model_version,
    )


def task_summary_lines(written: dict[str, TaskSet], out_dir: Path) -> list[str]:
    """One line per layer (and per skipped document) for the tasks written."""
    lines = []
    for layer, task_set in written.items():
        predicted = sum(1 for t in task_set.tasks if t.get("predictions"))
        lines.append(
            f"tasks     {out_dir / f'{layer}.json'}: {len(task_set.tasks)} task(s), "
            f"{predicted} with pre-annotations"
        )
        lines += [f"          skipped {reason}" for reason in task_set.skipped]
    return lines


def load_project_model(root: Path, model: str) -> Any:
    """The extractor ``model`` (a baseline name or ``module:callable``) for the project."""
    from newsgold.models import load_extractor

    fit_on = None
    if model == "majority":  # the only baseline fitted on data: the dev split of the gold
        from newsgold.gold import load_gold
        from newsgold.models.fitting import dev_annotations

        fit_on = dev_annotations(load_gold(root).values())
    return load_extractor(model, fit_on=fit_on)


def model_pre_annotations(root: Path, model: str) -> dict[str, list[DocumentAnnotations]]:
    """layer -> the records of ``model`` over the project's corpus, as task pre-annotations."""
    from newsgold.predict import predict_records

    paths = ProjectPaths(root)
    documents = load_corpus(paths.corpus)
    targets = project_stance_targets(paths) or {}
    records = predict_records(
        load_project_model(root, model), documents.values(), stance_targets=targets
    )
    return {layer: records for layer in LAYERS}
