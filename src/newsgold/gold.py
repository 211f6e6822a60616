"""Load the gold (and annotation passes) from their Label Studio exports.

``annotations/gold/<layer>.json`` and ``annotations/passes/<name>/<layer>.json`` are raw
Label Studio JSON exports, one per layer. Loading converts them with every check of
:mod:`newsgold.labelstudio.validate` and merges the three layers into one
:class:`~newsgold.records.DocumentAnnotations` per document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from newsgold.corpus import load_corpus
from newsgold.corpus.document import Document
from newsgold.errors import InputError, ValidationError
from newsgold.labelstudio.validate import validate_export_folder
from newsgold.paths import ProjectPaths
from newsgold.records import DocumentAnnotations, StanceTarget
from newsgold.stance_targets import load_stance_targets

GOLD_ANNOTATOR = "gold"


def load_annotation_folder(
    folder: str | Path,
    annotator: str,
    *,
    documents: Mapping[str, Document],
    stance_targets: Mapping[str, list[StanceTarget]] | None = None,
    require_all: bool = True,
) -> dict[str, DocumentAnnotations]:
    """Read one annotator's three layer exports and merge them per document.

    Args:
        folder: holds ``entities.json``, ``events.json`` and ``stance.json``.
        annotator: the name the merged records carry (the pass name, or ``gold``).
        documents: the corpus.
        stance_targets: declared stance targets.
        require_all: every layer file must be present.

    Returns:
        doc id -> merged annotations, sorted canonically; documents no layer annotated
        are absent.

    Raises:
        InputError: the folder or a layer file is missing or not an export.
        ValidationError: any item was rejected; ``problems`` lists each one.

    """
    check = validate_export_folder(
        folder, documents=documents, stance_targets=stance_targets, require_all=require_all
    )
    if not check.ok:
        problems = [p.format() for p in check.problems]
        raise ValidationError(
            f"{folder}: {len(problems)} problem(s) in the Label Studio exports; run "
            f"`newsgold validate {folder}` to list them (first: {problems[0]})",
            problems,
        )
    merged: dict[str, DocumentAnnotations] = {}
    for layer in ("entities", "events", "stance"):
        for record in check.conversions[layer].annotations if layer in check.conversions else []:
            target = merged.setdefault(record.doc_id, DocumentAnnotations(record.doc_id, annotator))
            if layer == "entities":
                target.entities = list(record.entities)
                continue
            # arguments and holders point to the entities layer's mention of the same span
            # and label (the folder check made sure there is one)
            ids = {(m.start, m.end, m.label): m.id for m in target.entities}
            relink = {m.id: ids.get((m.start, m.end, m.label), m.id) for m in record.entities}
            if layer == "events":
                target.events = [
                    replace(
                        event,
                        arguments=tuple(
                            sorted(
                                replace(a, entity_id=relink.get(a.entity_id, a.entity_id))
                                for a in event.arguments
                            )
                        ),
                    )
                    for event in record.events
                ]
            else:
                target.stances = [
                    replace(s, holder_id=relink.get(s.holder_id, s.holder_id))
                    if s.holder_id is not None
                    else s
                    for s in record.stances
                ]
    return {doc_id: merged[doc_id].sorted() for doc_id in sorted(merged)}


def _inputs(root: Path) -> tuple[dict[str, Document], dict[str, list[StanceTarget]] | None]:
    paths = ProjectPaths(root)
    documents = load_corpus(paths.corpus)
    targets = load_stance_targets(paths.stance_targets) if paths.stance_targets.exists() else None
    return documents, targets


def read_gold_store(root: str | Path = ".") -> dict[str, DocumentAnnotations]:
    """Read the project's adjudicated gold store, ``annotations/gold/<layer>.json``.

    (The gold of a *built dataset folder* is :func:`newsgold.dataset.read.read_dataset`.)

    Returns:
        doc id -> the gold :class:`DocumentAnnotations` (annotator ``gold``).

    Raises:
        InputError: a gold export is missing or malformed.
        ValidationError: any item of the gold exports fails a check.

    """
    paths = ProjectPaths(Path(root))
    documents, targets = _inputs(paths.root)
    return load_annotation_folder(
        paths.gold, GOLD_ANNOTATOR, documents=documents, stance_targets=targets
    )


def list_passes(root: str | Path = ".") -> list[str]:
    """Names of the annotation passes under ``annotations/passes/``, sorted."""
    folder = ProjectPaths(Path(root)).passes
    if not folder.is_dir():
        return []
    return sorted(path.name for path in folder.iterdir() if path.is_dir())


def load_pass(name: str, root: str | Path = ".") -> dict[str, DocumentAnnotations]:
    """Load ``annotations/passes/<name>/<layer>.json``; records carry annotator ``name``.

    Raises:
        InputError: no such pass, or an export is missing or malformed.
        ValidationError: any item fails a check.
    """
    paths = ProjectPaths(Path(root))
    folder = paths.passes / name
    if not folder.is_dir():
        known = ", ".join(list_passes(root)) or "none"
        raise InputError(f"no annotation pass {name!r} (known: {known})", path=folder)
    documents, targets = _inputs(paths.root)
    return load_annotation_folder(folder, name, documents=documents, stance_targets=targets)
