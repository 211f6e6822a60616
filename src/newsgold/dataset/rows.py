"""Row encoding: one gold record -> its rows in each config, labels as ``ClassLabel`` indices.

:func:`document_row` gives the ``documents`` row (every layer nested),
:func:`sentence_rows` the ``entities``, ``events`` and ``stance`` rows of the annotatable
sentences (BIO tags, spans, the stance label of each sentence x declared target by
:func:`stance_label_of`), and :func:`withhold_text` nulls the text columns of a document
whose licence forbids republishing it. Every offset is a character offset into the
document's ``text``, end-exclusive. The features these rows follow are
:mod:`newsgold.dataset.features`.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from newsgold.dataset.features import NER_TAGS, TRIGGER_TAGS
from newsgold.records import GoldDocument, StanceAnnotation
from newsgold.scheme import (
    AUTHOR_HOLDER,
    ENTITY_LABELS,
    EVENT_TYPES,
    REALIS_LABELS,
    ROLE_LABELS,
    STANCE_LABELS,
)
from newsgold.stance_targets import cell_decider
from newsgold.tagging import bio_tags, span_chunks

if TYPE_CHECKING:
    from newsgold.dataset.statistics import SplitStatistics

_ENTITY_INDEX = {code: index for index, code in enumerate(ENTITY_LABELS)}
_EVENT_INDEX = {code: index for index, code in enumerate(EVENT_TYPES)}
_REALIS_INDEX = {code: index for index, code in enumerate(REALIS_LABELS)}
_ROLE_INDEX = {code: index for index, code in enumerate(ROLE_LABELS)}
_STANCE_INDEX = {code: index for index, code in enumerate(STANCE_LABELS)}
_TAG_INDEX = {tag: index for index, tag in enumerate(NER_TAGS)}
_TRIGGER_INDEX = {tag: index for index, tag in enumerate(TRIGGER_TAGS)}


def _holder_columns(holder_id: str | None, entities: dict[str, Any]) -> dict[str, Any]:
    if holder_id is None:
        return {
            "holder_id": AUTHOR_HOLDER,
            "holder_text": None,
            "holder_start": None,
            "holder_end": None,
        }
    mention = entities[holder_id]
    return {
        "holder_id": holder_id,
        "holder_text": mention.text,
        "holder_start": mention.start,
        "holder_end": mention.end,
    }


def _entity_dict(mention: Any) -> dict[str, Any]:
    return {
        "id": mention.id,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "label": _ENTITY_INDEX[mention.label],
        "key": mention.key,
    }


def text_sha256(text: str) -> str:
    """Hex SHA-256 of a document's normalized text, UTF-8: what hydration checks.

    Example:
        >>> text_sha256("abc")[:16]
        'ba7816bf8f01cfea'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Columns that hold text copied from the document; a redistributable build nulls them.
_TEXT_COLUMNS = frozenset({"text", "holder_text", "evidence_text"})


def withhold_text(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of one document with every text-derived column set to null.

    ``text``, ``holder_text`` and ``evidence_text`` (at any depth) become null and the
    sentence configs' token strings become null tokens of the same count; offsets,
    labels, ids and ``text_sha256`` stay, so the annotations remain usable and
    :func:`newsgold.dataset.hydrate.hydrate_dataset` can restore the text exactly.

    Example:
        >>> withhold_text([{"id": "d", "text": "Hi", "tokens": ["Hi"], "events": [{"text": "Hi"}]}])
        [{'id': 'd', 'text': None, 'tokens': [None], 'events': [{'text': None}]}]
    """

    def strip(value: Any, top: bool) -> Any:
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                if key in _TEXT_COLUMNS:
                    out[key] = None
                elif top and key == "tokens" and item and isinstance(item[0], str):
                    out[key] = [None] * len(item)
                else:
                    out[key] = strip(item, False)
            return out
        if isinstance(value, list):
            return [strip(item, False) for item in value]
        return value

    return [strip(row, True) for row in rows]


def document_row(record: GoldDocument) -> dict[str, Any]:
    """The ``documents`` row of one record (labels as ``ClassLabel`` indices)."""
    document, annotations, targets = record
    canonical = annotations.sorted()
    return {
        "id": document.id,
        "annotator": annotations.annotator,
        "text": document.text,
        "text_sha256": text_sha256(document.text),
        "metadata": {
            "title": document.title,
            "source": document.source,
            "url": document.url,
            "date": document.date,
            "language": document.language,
            "license": document.license,
            "attribution": document.attribution,
        },
        "paragraphs": [{"start": s, "end": e} for s, e in document.paragraphs],
        "sentences": [{"start": s, "end": e} for s, e in document.sentences],
        "tokens": [{"start": s, "end": e} for s, e in document.tokens],
        "excluded": [
            {"start": r.start, "end": r.end, "reason": r.reason} for r in document.excluded
        ],
        "stance_targets": [t.to_dict() for t in targets],
        "entities": [_entity_dict(m) for m in canonical.entities],
        "events": [
            {
                "id": event.id,
                "start": event.start,
                "end": event.end,
                "text": event.text,
                "type": _EVENT_INDEX[event.type],
                "realis": _REALIS_INDEX[event.realis],
                "arguments": [
                    {"role": _ROLE_INDEX[a.role], "entity_id": a.entity_id}
                    for a in sorted(event.arguments)
                ],
            }
            for event in canonical.events
        ],
        "stances": [
            {
                "id": stance.id,
                "start": stance.start,
                "end": stance.end,
                "text": stance.text,
                "target": stance.target,
                "label": _STANCE_INDEX[stance.polarity],
                "holder_id": stance.holder_id if stance.holder_id is not None else AUTHOR_HOLDER,
            }
            for stance in canonical.stances
        ],
    }


def stance_label_of(
    annotations: Sequence[StanceAnnotation],
) -> tuple[str, StanceAnnotation | None]:
    """The label of one sentence x target and the annotation that decides it.

    The rule of annotations/GUIDELINES.md §5.5: ignore NONE annotations; none left ->
    ``NONE``; otherwise the majority of FAVOR vs AGAINST; a tie goes to the polarity of
    the annotation with the smallest start. The deciding annotation is the first by
    offset with the winning polarity (None when the label is NONE).

    Args:
        annotations: the stance annotations of one target whose evidence starts in the
            sentence, in any order.

    Example:
        >>> stance_label_of([])
        ('NONE', None)
    """
    ordered = sorted(annotations)  # full record order: the decider never depends on input order
    decider = cell_decider([(a.start, a.end, a.polarity) for a in ordered])
    if decider is None:
        return "NONE", None
    return ordered[decider].polarity, ordered[decider]


class SentenceRows(NamedTuple):
    """The sentence-level rows of one record, per config."""

    entities: list[dict[str, Any]]
    events: list[dict[str, Any]]
    stance: list[dict[str, Any]]


def sentence_rows(record: GoldDocument, stats: SplitStatistics | None = None) -> SentenceRows:
    """The ``entities``, ``events`` and ``stance`` rows of one record.

    Only annotatable sentences (outside every excluded region) become rows. An annotation
    belongs to the sentence its start offset lies in. BIO tags ("expand" alignment): a
    token gets a tag when it overlaps an entity span, ``B-`` for the first such token of
    the span in the sentence; the exact spans are in ``entities``.

    Args:
        record: a validated record.
        stats: counters to update, if any.
    """
    document, annotations, targets = record
    canonical = annotations.sorted()
    entities_by_id = canonical.entity_by_id()
    sentence_starts = [s for s, _ in document.sentences]
    token_starts = [s for s, _ in document.tokens]
    token_ends = [e for _, e in document.tokens]

    def sentence_of(offset: int) -> int:
        return bisect_right(sentence_starts, offset) - 1

    grouped_entities: dict[int, list[Any]] = {}
    for mention in canonical.entities:
        grouped_entities.setdefault(sentence_of(mention.start), []).append(mention)
    grouped_events: dict[int, list[Any]] = {}
    for event in canonical.events:
        grouped_events.setdefault(sentence_of(event.start), []).append(event)
    grouped_stances: dict[tuple[int, str], list[StanceAnnotation]] = {}
    for stance in canonical.stances:
        grouped_stances.setdefault((sentence_of(stance.start), stance.target), []).append(stance)

    rows = SentenceRows([], [], [])
    for index in document.annotatable_sentences():
        s_start, s_end = document.sentences[index]
        common = {
            "doc_id": document.id,
            "sentence_index": index,
            "sentence_start": s_start,
            "sentence_end": s_end,
            "text": document.text[s_start:s_end],
        }
        first = bisect_left(token_starts, s_start)
        last = bisect_left(token_starts, s_end)
        mentions = grouped_entities.get(index, [])
        chunks = span_chunks(
            document.tokens[first:last], [(m.start, m.end, m.label) for m in mentions]
        )
        if stats is not None:
            stats.unaligned_entities += sum(not c.aligned for c in chunks)
            stats.unaligned_entities += len(mentions) - len(chunks)  # overlaps no token
        tags = [_TAG_INDEX[tag] for tag in bio_tags(last - first, chunks)]
        token_columns = {
            "tokens": [document.text[token_starts[t] : token_ends[t]] for t in range(first, last)],
            "token_offsets": [
                {"start": token_starts[t], "end": token_ends[t]} for t in range(first, last)
            ],
        }
        rows.entities.append(
            {
                **common,
                **token_columns,
                "ner_tags": tags,
                "entities": [_entity_dict(m) for m in mentions],
            }
        )
        events_here = grouped_events.get(index, [])
        trigger_chunks = span_chunks(
            document.tokens[first:last], [(e.start, e.end, e.type) for e in events_here]
        )
        rows.events.append(
            {
                **common,
                **token_columns,
                "trigger_tags": [
                    _TRIGGER_INDEX[tag] for tag in bio_tags(last - first, trigger_chunks)
                ],
                "events": [
                    {
                        "id": event.id,
                        "start": event.start,
                        "end": event.end,
                        "text": event.text,
                        "type": _EVENT_INDEX[event.type],
                        "realis": _REALIS_INDEX[event.realis],
                        "arguments": [
                            {
                                "role": _ROLE_INDEX[argument.role],
                                "entity_id": argument.entity_id,
                                "entity_label": _ENTITY_INDEX[
                                    entities_by_id[argument.entity_id].label
                                ],
                                "start": entities_by_id[argument.entity_id].start,
                                "end": entities_by_id[argument.entity_id].end,
                                "text": entities_by_id[argument.entity_id].text,
                            }
                            for argument in sorted(event.arguments)
                        ],
                    }
                    for event in events_here
                ],
            }
        )
        for target in targets:
            evidence = grouped_stances.get((index, target.id), [])
            label, decider = stance_label_of(evidence)
            if decider is None:
                deciding: dict[str, Any] = {
                    "holder_id": None,
                    "holder_text": None,
                    "holder_start": None,
                    "holder_end": None,
                    "evidence_start": None,
                    "evidence_end": None,
                    "evidence_text": None,
                }
            else:
                deciding = {
                    **_holder_columns(decider.holder_id, entities_by_id),
                    "evidence_start": decider.start,
                    "evidence_end": decider.end,
                    "evidence_text": decider.text,
                }
            rows.stance.append(
                {
                    **common,
                    "target": target.id,
                    "target_name": target.name,
                    "target_description": target.description,
                    "label": _STANCE_INDEX[label],
                    **deciding,
                    "annotations": [
                        {
                            "id": stance.id,
                            "start": stance.start,
                            "end": stance.end,
                            "text": stance.text,
                            "label": _STANCE_INDEX[stance.polarity],
                            **_holder_columns(stance.holder_id, entities_by_id),
                        }
                        for stance in evidence
                    ],
                }
            )
            if stats is not None:
                stats.stance_rows[label] += 1
        if stats is not None:
            stats.sentences += 1
            stats.tokens += last - first
    return rows


__all__ = [
    "SentenceRows",
    "document_row",
    "sentence_rows",
    "stance_label_of",
    "text_sha256",
    "withhold_text",
]
