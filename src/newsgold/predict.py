"""Predictions stage: run an extractor over the corpus and write the prediction file.

The prediction file is JSONL, one line per document, sorted by ``doc_id``::

    {"doc_id": "...", "entities": [{"start": 0, "end": 12, "label": "PER"}],
     "events": [{"trigger": {"start": 5, "end": 9}, "type": "04", "realis": "ACTUAL",
                 "arguments": [{"role": "SOURCE", "start": 0, "end": 4}]}],
     "stances": [{"holder": {"start": 0, "end": 4} | null, "target": "...", "label": "FAVOR",
                  "evidence": {"start": 0, "end": 40}}]}

Offsets are character offsets into ``Document.text``, end-exclusive. A layer the run
did not cover is absent from every line; ``realis`` and ``evidence`` are optional (see
``newsgold.scoring.predictions`` for the JSON Schema). Writes are atomic and deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from newsgold.atomic import atomic_write_jsonl
from newsgold.corpus import Document, load_corpus
from newsgold.errors import InputError, ModelError
from newsgold.jsonfile import read_json_lines
from newsgold.models.protocol import (
    LAYERS,
    DocumentPrediction,
    Extractor,
    PredictedStance,
    check_layers,
    coerce_prediction,
)
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    StanceAnnotation,
    StanceTarget,
)
from newsgold.scheme import ENTITY_LABELS, ROLE_ENTITY_TYPES


@dataclass
class PredictionRun:
    """What :func:`predict_corpus` did."""

    system: str
    layers: tuple[str, ...]
    path: Path
    documents: int
    counts: dict[str, int] = field(default_factory=dict)  # layer -> predicted items

    def summary(self) -> str:
        counts = ", ".join(f"{n} {layer}" for layer, n in self.counts.items())
        return f"{self.system}: {self.documents} document(s), {counts} -> {self.path}"


def resolve_layers(extractor: Extractor, layers: Sequence[str] | None) -> tuple[str, ...]:
    """The layers to predict: ``layers`` (checked against what the model offers) or all it offers.

    Raises:
        InputError: a requested layer is unknown or the model does not predict it.
    """
    offered = check_layers(list(extractor.layers), field="layers")
    if layers is None:
        return offered
    wanted = check_layers(list(layers))
    missing = [layer for layer in wanted if layer not in offered]
    if missing:
        raise InputError(
            f"model {extractor.name!r} predicts {', '.join(offered) or 'no layer'}; "
            f"it cannot predict {', '.join(missing)}",
            field="layers",
        )
    return wanted


def run_extractor(
    extractor: Extractor,
    documents: Iterable[Document],
    *,
    stance_targets: Mapping[str, Sequence[StanceTarget]] | None = None,
    layers: Sequence[str] | None = None,
    progress: bool = True,
) -> list[DocumentPrediction]:
    """Run ``extractor`` on each document, with a progress bar on stderr.

    Args:
        extractor: any object following the ``Extractor`` protocol.
        documents: the documents to predict on.
        stance_targets: declared stance targets per document id.
        layers: the layers to keep (default: every layer the model predicts).
        progress: show a tqdm progress bar.

    Returns:
        One checked :class:`DocumentPrediction` per document, sorted by document id;
        spans touching an excluded region are dropped.

    Raises:
        InputError: the model returned malformed or out-of-scheme predictions.

    Example:
        >>> from newsgold.corpus import Metadata, make_document
        >>> from newsgold.models import load_extractor
        >>> document = make_document("Angela Merkel met Emmanuel Macron.", Metadata())
        >>> (prediction,) = run_extractor(load_extractor("cameo-rules"), [document], progress=False)
        >>> [(e.type, document.text[e.start : e.end]) for e in prediction.events]
        [('04', 'met')]
    """
    chosen = resolve_layers(extractor, layers)
    targets = stance_targets or {}
    ordered = sorted(documents, key=lambda d: d.id)
    results = []
    for document in tqdm(
        ordered, desc=f"predict {extractor.name}", unit="doc", disable=not progress
    ):
        declared = targets.get(document.id, [])
        try:
            raw = extractor.predict(document, declared)
        except Exception as exc:  # a plug-in's bug is reported, not shown as a traceback
            raise ModelError(str(extractor.name), exc, document=document.id) from exc
        results.append(
            coerce_prediction(
                document, raw, layers=chosen, system=extractor.name, stance_targets=declared
            )
        )
    return results


def write_predictions(path: str | Path, predictions: Iterable[DocumentPrediction]) -> Path:
    """Write predictions as the project's JSONL format (sorted by ``doc_id``), atomically."""
    rows = sorted((p.to_dict() for p in predictions), key=lambda row: row["doc_id"])
    atomic_write_jsonl(path, rows)
    return Path(path)


def read_predictions(path: str | Path) -> list[DocumentPrediction]:
    """Read a prediction file written by :func:`write_predictions` (no scheme checks).

    Raises:
        InputError: naming the file and line of a malformed row.
    """
    from newsgold.models.protocol import prediction_from_dict

    results = []
    for number, row in read_json_lines(path, what="prediction file"):
        try:
            results.append(prediction_from_dict(row))
        except InputError as exc:
            where = f"field {exc.field!r}: " if exc.field else ""
            raise InputError(
                f"not a valid prediction row ({where}{exc.message})", path=path, line=number
            ) from None
    if not results:
        raise InputError("the prediction file holds no rows; expected one per document", path=path)
    return results


def predict_dataset(
    extractor: Extractor,
    *,
    dataset_dir: str | Path,
    out: str | Path,
    split: str | None = None,
    stance_targets: Mapping[str, Sequence[StanceTarget]] | None = None,
    layers: Sequence[str] | None = None,
    progress: bool = True,
) -> PredictionRun:
    """Run ``extractor`` over the documents of a built dataset (no corpus folder needed).

    Documents and their declared stance targets come from the dataset's ``documents``
    config; ``stance_targets`` overrides the targets when given.

    Args:
        dataset_dir: a folder written by ``newsgold dataset build`` (or downloaded).
        split: only the documents of this split (default: every split).

    Raises:
        InputError: not a dataset, an unknown split, a document whose text was left out
            (hydrate it first), or malformed model output.

    ``newsgold predict --dataset build/dataset --split test`` calls this.
    """
    from newsgold.dataset.read import read_dataset

    records = list(read_dataset(dataset_dir, split=split))
    dehydrated = [r.document.id for r in records if not r.document.text]
    if dehydrated:
        raise InputError(
            f"the text of {len(dehydrated)} document(s) is not in this dataset "
            f"({', '.join(dehydrated[:3])}); restore it with `newsgold dataset hydrate`",
            path=Path(dataset_dir),
        )
    targets = (
        stance_targets
        if stance_targets is not None
        else {r.document.id: list(r.targets) for r in records}
    )
    return _predict_and_write(
        extractor, [r.document for r in records], out, targets, layers, progress
    )


def predict_corpus(
    extractor: Extractor,
    *,
    corpus_dir: str | Path,
    out: str | Path,
    stance_targets: Mapping[str, Sequence[StanceTarget]] | None = None,
    layers: Sequence[str] | None = None,
    progress: bool = True,
) -> PredictionRun:
    """Run ``extractor`` over every document of ``corpus_dir`` and write ``out``.

    Returns:
        A :class:`PredictionRun` with the counts per layer and the output path.

    Raises:
        InputError: the corpus is empty or the model's output is malformed.

    Example:
        >>> import tempfile
        >>> from newsgold.corpus import Metadata, make_document, write_corpus
        >>> from newsgold.models import load_extractor
        >>> scratch = tempfile.TemporaryDirectory()
        >>> corpus = Path(scratch.name) / "corpus"
        >>> document = make_document("Angela Merkel met Emmanuel Macron.", Metadata())
        >>> _ = write_corpus(corpus, [document])
        >>> run = predict_corpus(load_extractor("cameo-rules"), corpus_dir=corpus,
        ...                      out=Path(scratch.name) / "cameo-rules.jsonl", progress=False)
        >>> run.documents, run.counts
        (1, {'events': 1})
        >>> [len(p.events or []) for p in read_predictions(run.path)]
        [1]
        >>> scratch.cleanup()
    """
    documents = load_corpus(corpus_dir)
    if not documents:
        raise InputError(
            "the corpus holds no documents; build it first (`newsgold corpus build`), "
            "or predict on a built dataset with --dataset DIR",
            path=Path(corpus_dir),
        )
    return _predict_and_write(
        extractor, list(documents.values()), out, stance_targets, layers, progress
    )


def _predict_and_write(
    extractor: Extractor,
    documents: Sequence[Document],
    out: str | Path,
    stance_targets: Mapping[str, Sequence[StanceTarget]] | None,
    layers: Sequence[str] | None,
    progress: bool,
) -> PredictionRun:
    predictions = run_extractor(
        extractor,
        documents,
        stance_targets=stance_targets,
        layers=layers,
        progress=progress,
    )
    path = write_predictions(out, predictions)
    chosen = resolve_layers(extractor, layers)
    counts = {}
    for layer in LAYERS:
        if layer in chosen:
            attribute = "stances" if layer == "stance" else layer
            counts[layer] = sum(len(getattr(p, attribute) or []) for p in predictions)
    return PredictionRun(
        system=extractor.name,
        layers=chosen,
        path=path,
        documents=len(predictions),
        counts=counts,
    )


def predict_records(
    extractor: Extractor,
    documents: Iterable[Document],
    *,
    stance_targets: Mapping[str, Sequence[StanceTarget]] | None = None,
    layers: Sequence[str] | None = None,
) -> list[DocumentAnnotations]:
    """Run ``extractor`` and return its predictions as annotation records.

    The records' ``annotator`` is ``"model:<name>"``. Spans become entity references:
    an argument or holder span equal to a predicted entity refers to it; otherwise an
    entity is added when the model gave the span's type
    (``PredictedArgument.entity_label``, ``PredictedStance.holder_label``) and that type
    may fill the role; otherwise the argument (or stance) is left out. Stances
    without an evidence span (``PredictedStance.evidence``) are left out: records need one.

    Args:
        extractor: any :class:`Extractor`.
        documents: the documents to annotate.
        stance_targets: declared targets per document id.
        layers: the layers to keep (default: every layer the model predicts).

    Returns:
        One :class:`~newsgold.records.DocumentAnnotations` per document, sorted by id.

    Example:
        >>> from newsgold.corpus import Metadata, make_document
        >>> from newsgold.models import load_extractor
        >>> document = make_document("Angela Merkel met Emmanuel Macron.", Metadata())
        >>> (record,) = predict_records(load_extractor("cameo-rules"), [document])
        >>> record.annotator, [(e.type, e.text) for e in record.events]
        ('model:cameo-rules', [('04', 'met')])
    """
    ordered = sorted(documents, key=lambda d: d.id)
    predictions = run_extractor(
        extractor, ordered, stance_targets=stance_targets, layers=layers, progress=False
    )
    return [
        _to_records(document, prediction, annotator=f"model:{extractor.name}")
        for document, prediction in zip(ordered, predictions, strict=True)
    ]


def _to_records(
    document: Document, checked: DocumentPrediction, *, annotator: str
) -> DocumentAnnotations:
    # ``checked`` comes from run_extractor: in the scheme, inside the text, not excluded.
    entities: dict[tuple[int, int], EntityMention] = {}

    def entity_id(start: int, end: int, label: str | None, allowed: Iterable[str]) -> str | None:
        known = entities.get((start, end))
        if known is not None:
            return known.id if known.label in allowed else None
        if label is None or label not in allowed or label not in ENTITY_LABELS:
            return None
        mention = EntityMention(
            start, end, label, document.text[start:end], id=f"m{len(entities) + 1}"
        )
        entities[(start, end)] = mention
        return mention.id

    for entity in sorted(checked.entities or []):
        if (entity.start, entity.end) not in entities:
            entities[(entity.start, entity.end)] = EntityMention(
                entity.start,
                entity.end,
                entity.label,
                document.text[entity.start : entity.end],
                id=f"m{len(entities) + 1}",
            )
    events = []
    for number, event in enumerate(sorted(checked.events or []), start=1):
        arguments = []
        for argument in event.arguments:
            ref = entity_id(
                argument.start,
                argument.end,
                argument.entity_label,
                ROLE_ENTITY_TYPES[argument.role],
            )
            if ref is not None:
                arguments.append(EventArgument(argument.role, ref))
        events.append(
            EventMention(
                start=event.start,
                end=event.end,
                type=event.type,
                realis=event.realis or "ACTUAL",
                text=document.text[event.start : event.end],
                id=f"e{number}",
                arguments=tuple(sorted(arguments)),
            )
        )
    stances: list[StanceAnnotation] = []
    for stance in sorted(checked.stances or [], key=PredictedStance.sort_key):
        if stance.evidence is None:
            continue
        holder_id = None
        if stance.holder is not None:
            holder_id = entity_id(
                stance.holder[0], stance.holder[1], stance.holder_label, ENTITY_LABELS
            )
            if holder_id is None:
                continue
        start, end = stance.evidence
        stances.append(
            StanceAnnotation(
                start=start,
                end=end,
                target=stance.target,
                polarity=stance.label,
                text=document.text[start:end],
                id=f"s{len(stances) + 1}",
                holder_id=holder_id,
            )
        )
    return DocumentAnnotations(
        doc_id=document.id,
        annotator=annotator,
        entities=sorted(entities.values()),
        events=events,
        stances=stances,
    )
