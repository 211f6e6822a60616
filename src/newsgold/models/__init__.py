"""Models: the ``Extractor`` protocol, the shipped baselines and the model registry.

Plug in your own model by writing an object with ``name``, ``layers`` and
``predict(document, stance_targets)`` (see :mod:`newsgold.models.protocol` and
``docs/models.md``), then ``newsgold predict --model my_module:MyModel``.

:func:`predict_records` runs a model and returns annotation records, the form Label
Studio pre-annotations (``newsgold labelstudio tasks --model``) are made from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from newsgold.corpus import Document
from newsgold.models.protocol import (
    LAYERS,
    DocumentPrediction,
    Extractor,
    PredictedArgument,
    PredictedEntity,
    PredictedEvent,
    PredictedStance,
)
from newsgold.models.registry import (
    BASELINES,
    RUN_BASELINES,
    BaselineInfo,
    FunctionExtractor,
    load_extractor,
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

__all__ = [
    "BASELINES",
    "LAYERS",
    "RUN_BASELINES",
    "BaselineInfo",
    "DocumentPrediction",
    "Extractor",
    "FunctionExtractor",
    "PredictedArgument",
    "PredictedEntity",
    "PredictedEvent",
    "PredictedStance",
    "load_extractor",
    "predict_records",
]


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
        >>> model = load_extractor("spacy-ner")
        >>> records = predict_records(model, corpus.values())  # doctest: +SKIP
        >>> records[0].entities[0].label  # doctest: +SKIP
        'PER'
    """
    from newsgold.predict import run_extractor

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
