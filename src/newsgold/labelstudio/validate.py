"""Checks on Label Studio exports: one file, or a folder of layer exports (a pass, the gold).

A folder holds ``entities.json``, ``events.json`` and ``stance.json``. Beyond the
per-file checks of :func:`newsgold.labelstudio.convert.convert_export`, a folder check
makes sure the entity regions linked in the events and stance layers are mentions of
the same annotator's entities layer (same span and label; the region ids may differ, as
they do when a person draws the regions in each project), or of the gold entities when
those are given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.convert import Conversion, convert_export
from newsgold.labelstudio.export import read_export
from newsgold.problems import Problem
from newsgold.records import DocumentAnnotations, EntityMention, StanceTarget


def layer_of(path: str | Path) -> str:
    """The layer an export file holds, from its name (``<layer>.json``).

    Raises:
        InputError: the file name is not one of ``entities.json``, ``events.json``,
            ``stance.json``.
    """
    stem = Path(path).stem
    if stem not in LAYERS:
        raise InputError(
            f"cannot tell the layer from the file name; expected one of "
            f"{', '.join(f'{layer}.json' for layer in LAYERS)} (or pass --layer)",
            path=path,
        )
    return stem


def validate_export_file(
    path: str | Path,
    *,
    documents: Mapping[str, Document],
    layer: str | None = None,
    stance_targets: Mapping[str, list[StanceTarget]] | None = None,
    gold_entities: Mapping[str, DocumentAnnotations] | None = None,
    annotator_names: Mapping[int, str] | None = None,
) -> Conversion:
    """Convert one export file with every check; problems are returned, not raised.

    Raises:
        InputError: the file is missing or not a JSON export, or the layer is unknown.

    Example:
        >>> import json, tempfile
        >>> from newsgold.corpus.ingest import Metadata, make_document
        >>> from newsgold.labelstudio.tasks import to_label_studio_tasks
        >>> doc = make_document("Kim met Trump in Hanoi.", Metadata())
        >>> task = to_label_studio_tasks("entities", [doc]).tasks[0]
        >>> kim = {"id": "r1", "from_name": "entity", "to_name": "text", "type": "labels",
        ...        "value": {"start": 0, "end": 3, "text": "Kim", "labels": ["PERSON"]}}
        >>> task.update(id=7, annotations=[{"id": 1, "completed_by": 1, "result": [kim]}])
        >>> tmp = tempfile.TemporaryDirectory()
        >>> path = Path(tmp.name, "entities.json")  # the file name says the layer
        >>> _ = path.write_text(json.dumps([task]))
        >>> conversion = validate_export_file(path, documents={doc.id: doc})
        >>> conversion.ok, [str(problem) for problem in conversion.problems]
        (False, ["task 7, annotator 1, item r1: unknown label 'PERSON' for control 'entity'
        (expected one of PER, ORG, ...)"])
        >>> tmp.cleanup()
    """
    return convert_export(
        layer or layer_of(path),
        read_export(path),
        documents=documents,
        stance_targets=stance_targets,
        gold_entities=gold_entities,
        annotator_names=annotator_names,
    )


@dataclass
class FolderCheck:
    """The conversions of a folder's layer files and the cross-layer problems."""

    folder: Path
    conversions: dict[str, Conversion] = field(default_factory=dict)
    cross_layer: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        found = [
            p
            for layer in LAYERS
            if layer in self.conversions
            for p in self.conversions[layer].problems
        ]
        return found + self.cross_layer

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_export_folder(
    folder: str | Path,
    *,
    documents: Mapping[str, Document],
    stance_targets: Mapping[str, list[StanceTarget]] | None = None,
    gold_entities: Mapping[str, DocumentAnnotations] | None = None,
    require_all: bool = True,
    one_annotator: bool = True,
) -> FolderCheck:
    """Check every layer export in ``folder`` and their consistency.

    Args:
        folder: e.g. ``annotations/gold`` or ``annotations/passes/<name>``.
        documents: the corpus.
        stance_targets: declared targets (see ``convert_export``).
        gold_entities: reference entities for the events/stance layers; default: the
            folder's own entities layer, per annotator.
        require_all: every layer file must be present.
        one_annotator: the folder is one annotator's work (a pass, the gold): each
            document must have one annotation per layer, and the layers are cross-checked
            per document even when different Label Studio users made them.

    Raises:
        InputError: the folder is missing, or a layer file is missing with ``require_all``.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError("export folder not found", path=root)
    check = FolderCheck(root)
    exports: dict[str, list[dict[str, Any]]] = {}
    for layer in LAYERS:
        path = root / f"{layer}.json"
        if not path.exists():
            if require_all:
                raise InputError(f"missing the {layer} export", path=path)
            continue
        exports[layer] = read_export(path)
    # One annotator's folder: their Label Studio user id is named after the folder (the
    # pass name), so problems name the annotator as everywhere else. Several users in one
    # folder keep their ids, and the one-annotator check below reports them.
    users = {
        str(annotation.get("completed_by"))
        for tasks in exports.values()
        for task in tasks
        for annotation in task.get("annotations") or []
        if isinstance(annotation, dict)
    }
    names = None
    if one_annotator and len(users) == 1 and next(iter(users)).isdigit():
        names = {int(next(iter(users))): root.resolve().name}
    for layer, export in exports.items():
        check.conversions[layer] = convert_export(
            layer,
            export,
            documents=documents,
            stance_targets=stance_targets,
            gold_entities=gold_entities if layer != "entities" else None,
            annotator_names=names,
        )
    if one_annotator:
        for layer, conversion in check.conversions.items():
            check.cross_layer += _single_annotator(layer, conversion)
    if gold_entities is None and "entities" in check.conversions:
        reference = {
            _who(r, one_annotator): {(m.start, m.end, m.label): m for m in r.entities}
            for r in check.conversions["entities"].annotations
        }
        for layer in ("events", "stance"):
            if layer in check.conversions:
                check.cross_layer += _cross_check(
                    layer, check.conversions[layer], reference, one_annotator
                )
    return check


def _who(record: DocumentAnnotations, one_annotator: bool) -> tuple[str, str]:
    return (record.doc_id, "*" if one_annotator else record.annotator)


def _single_annotator(layer: str, conversion: Conversion) -> list[Problem]:
    by_doc: dict[str, list[str]] = {}
    for record in conversion.annotations:
        by_doc.setdefault(record.doc_id, []).append(record.annotator)
    return [
        Problem(
            f"{len(annotators)} annotators in a folder that must hold one annotator's work",
            annotator=", ".join(annotators),
            doc_id=doc_id,
            layer=layer,
        )
        for doc_id, annotators in sorted(by_doc.items())
        if len(annotators) > 1
    ]


def _cross_check(
    layer: str,
    conversion: Conversion,
    reference: Mapping[tuple[str, str], Mapping[tuple[int, int, str], EntityMention]],
    one_annotator: bool,
) -> list[Problem]:
    # Same span and label: region ids differ between projects when a person draws the
    # regions in the UI (Label Studio makes them up); loading relinks them (gold.py).
    problems = []
    for record in conversion.annotations:
        known = reference.get(_who(record, one_annotator)) or {}
        for mention in record.entities:
            if (mention.start, mention.end, mention.label) not in known:
                problems.append(
                    Problem(
                        f"entity [{mention.start}:{mention.end}] {mention.label} of the {layer} "
                        "layer is not in the same annotator's entities layer",
                        annotator=record.annotator,
                        doc_id=record.doc_id,
                        layer=layer,
                        item=mention.id,
                    )
                )
    return problems
