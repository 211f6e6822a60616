"""Per-layer counting: gold documents and validated predictions -> :class:`LayerCounts`.

Units for the statistics are documents, or the sentences of the document when the gold
holds exactly one. Each layer's counts are cached per unit once; intervals and
significance tests only re-sum them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsgold.offsets import sentence_of
from newsgold.records import DocumentAnnotations, GoldDocument
from newsgold.scheme import ENTITY_LABELS
from newsgold.scoring.entities import entity_counts
from newsgold.scoring.events import EventTuple, event_counts
from newsgold.scoring.instance_errors import entity_errors, event_errors, stance_errors
from newsgold.scoring.layers import LayerCounts
from newsgold.scoring.matching import SpanTable
from newsgold.scoring.prediction_set import DocumentPredictions, PredictionSet
from newsgold.scoring.stance import (
    PlacedStance,
    StanceCounts,
    document_cells,
    stance_unit_row,
    triples,
)


def sentence_or_previous(sentence_starts: list[int], offset: int) -> int:
    """The sentence containing ``offset``, or the one before it when the offset lies
    between sentences (the first sentence for an offset before every sentence)."""
    return max(0, sentence_of(sentence_starts, offset))


def event_tuples(annotations: DocumentAnnotations) -> list[EventTuple]:
    """The events of an annotation set as scored: arguments resolved to entity spans.

    Example:
        >>> from newsgold.dataset.synthetic import synthetic_records
        >>> event_tuples(next(synthetic_records(1)).annotations)[0]
        EventTuple(start=72, end=78, type='19', realis='OTHER', arguments=(('TARGET', 26, 41),))
    """
    by_id = annotations.entity_by_id()
    return [
        EventTuple(
            e.start,
            e.end,
            e.type,
            e.realis,
            tuple(
                sorted(
                    (a.role, by_id[a.entity_id].start, by_id[a.entity_id].end)
                    for a in e.arguments
                    if a.entity_id in by_id
                )
            ),
        )
        for e in annotations.events
    ]


def placed_stances(
    annotations: DocumentAnnotations, sentence_starts: list[int]
) -> list[PlacedStance]:
    """The stances of an annotation set as scored: placed in the sentence of their evidence,
    holders resolved to entity spans (None: the author).

    Args:
        annotations: one annotation set.
        sentence_starts: the start offsets of the document's sentences.
    """
    by_id = annotations.entity_by_id()
    out = []
    for s in annotations.stances:
        holder = by_id.get(s.holder_id) if s.holder_id else None
        out.append(
            PlacedStance(
                (s.start, s.end),
                sentence_or_previous(sentence_starts, s.start),
                s.target,
                s.polarity,
                None if holder is None else (holder.start, holder.end),
            )
        )
    return out


def count_layers(
    gold: Sequence[GoldDocument], predictions: PredictionSet, *, with_errors: bool = False
) -> LayerCounts:
    """Match every scored layer and cache per-unit counts (and, optionally, errors).

    Args:
        gold: gold documents (order defines the unit order).
        predictions: validated predictions; documents without a line predict nothing.
        with_errors: also collect per-instance errors.
    """
    sentence_units = len(gold) == 1
    n_units = len(gold[0].document.sentences) if sentence_units else len(gold)
    n_units = max(n_units, 1)
    result = LayerCounts("sentences" if sentence_units else "documents", n_units)
    empty = DocumentPredictions("", None)
    labels = tuple(ENTITY_LABELS)
    label_index = {label: i for i, label in enumerate(labels)}

    def unit_of(d: int, starts: list[int], offset: int) -> int:
        return sentence_or_previous(starts, offset) if sentence_units else d

    starts_of = [[s for s, _ in record.document.sentences] for record in gold]
    if "entities" in predictions.layers:
        g_rows: list[tuple[int, int, int, int]] = []
        p_rows: list[tuple[int, int, int, int]] = []
        owners: list[int] = []
        p_owners: list[int] = []
        for d, record in enumerate(gold):
            pred = predictions.documents.get(record.document.id, empty).entities or []
            for m in record.annotations.entities:
                g_rows.append(
                    (unit_of(d, starts_of[d], m.start), m.start, m.end, label_index[m.label])
                )
                owners.append(d)
            for start, end, label in pred:
                p_rows.append((unit_of(d, starts_of[d], start), start, end, label_index[label]))
                p_owners.append(d)
        gt, pt = SpanTable.from_tuples(g_rows), SpanTable.from_tuples(p_rows)
        result.entities = entity_counts(gt, pt, n_units, labels)
        if with_errors:
            result.errors += entity_errors(
                gold, result.entities, np.asarray(owners), np.asarray(p_owners), labels
            )
    if "events" in predictions.layers:
        g_units: list[list[EventTuple]] = [[] for _ in range(n_units)]
        p_units: list[list[EventTuple]] = [[] for _ in range(n_units)]
        for d, record in enumerate(gold):
            g_events = event_tuples(record.annotations)
            p_events = predictions.documents.get(record.document.id, empty).events or []
            for e in g_events:
                g_units[unit_of(d, starts_of[d], e.start)].append(e)
            for e in p_events:
                p_units[unit_of(d, starts_of[d], e.start)].append(e)
            if with_errors:
                result.errors += event_errors(record, g_events, p_events)
        result.events = event_counts(g_units, p_units)
    if "stances" in predictions.layers:
        all_targets = tuple(sorted({t.id for record in gold for t in record.targets}))
        width = 9 + 9 * len(all_targets) + 3
        rows = np.zeros((n_units, width), dtype=np.int64)
        unplaced = 0
        for d, record in enumerate(gold):
            doc = record.document
            sentences = doc.annotatable_sentences()
            targets = [t.id for t in record.targets]
            g_st = placed_stances(record.annotations, starts_of[d])
            p_st = []
            for s in predictions.documents.get(doc.id, empty).stances or []:
                anchor = s.evidence or s.holder
                sentence = None if anchor is None else sentence_or_previous(starts_of[d], anchor[0])
                unplaced += anchor is None
                p_st.append(PlacedStance(anchor, sentence, s.target, s.label, s.holder))
            g_cells = document_cells(sentences, targets, g_st)
            p_cells = document_cells(sentences, targets, p_st)
            g_tr, p_tr = triples(g_st), triples(p_st)
            if sentence_units:
                for sentence in sentences:
                    keep = {k: v for k, v in g_cells.items() if k[0] == sentence}
                    row = stance_unit_row(keep, p_cells, all_targets, set(), set())
                    rows[sentence] += row
                # Triples are document-level: count them once, on the first unit.
                rows[0, -3:] += stance_unit_row({}, {}, all_targets, g_tr, p_tr)[-3:]
            else:
                rows[d] += stance_unit_row(g_cells, p_cells, all_targets, g_tr, p_tr)
            if with_errors:
                result.errors += stance_errors(record, g_cells, p_cells, g_tr, p_tr)
        result.stance = StanceCounts(
            all_targets, rows, triple_resampled=not sentence_units, unplaced=unplaced
        )
        result.unplaced_stances = unplaced
    return result
