"""Entity predictions of many documents as columns: the checks and the score, vectorized.

The per-row path (:class:`~newsgold.scoring.row_checks.RowChecker`, then
:func:`~newsgold.scoring.counting.count_layers`) builds Python objects per document and
per span. For a file of entity predictions only, :func:`entity_problems_found` runs every
check the row checker runs on such a file (labels, offsets in range, not in an excluded
region, unknown or repeated documents, duplicate spans) over whole arrays, and
:func:`score_entity_columns` gives the same :class:`~newsgold.scoring.report.Report`,
byte for byte, as scoring the same rows through that path. When a check fails the caller
reads the file again through the row checker, which names file, line and field.

Example:
    >>> import numpy as np, pyarrow as pa
    >>> gold = EntityGoldColumns.from_spans(
    ...     ["a", "b"], [[(0, 9)], [(0, 9)]], [[(0, 3, "PER")], []])
    >>> def line(doc_id, start, end):
    ...     return EntityPredictionColumns(
    ...         "p.jsonl", pa.array([doc_id]), np.array([1]), np.array([start]),
    ...         np.array([end]), pa.array(["PER"]))
    >>> entity_problems_found(gold, line("a", 0, 3))
    False
    >>> entity_problems_found(gold, line("a", 5, 12))  # past the sentence, and the text
    True
    >>> entity_problems_found(gold, line("c", 0, 3))  # not in the gold
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from newsgold.scheme import ENTITY_LABELS
from newsgold.scoring.entities import entity_counts
from newsgold.scoring.layers import LayerCounts, build_report
from newsgold.scoring.matching import SpanTable
from newsgold.scoring.report import Report

IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class EntityGoldColumns:
    """The entity gold of many documents (at least two), documents in id order.

    Attributes:
        doc_ids: the document ids, sorted.
        sentence_doc, sentence_start, sentence_end: the annotatable sentences, in
            (document, offset) order.
        entity_doc, entity_start, entity_end, entity_label: gold entities in canonical
            order (label: index into :data:`~newsgold.scheme.ENTITY_LABELS`).
        gold_id: the entity layer's gold id (:func:`~newsgold.scoring.gold_ids.entity_gold_hash`).
    """

    doc_ids: pa.Array
    sentence_doc: IntArray
    sentence_start: IntArray
    sentence_end: IntArray
    entity_doc: IntArray
    entity_start: IntArray
    entity_end: IntArray
    entity_label: IntArray
    gold_id: str

    @classmethod
    def from_spans(
        cls,
        doc_ids: Sequence[str],
        sentences: Sequence[Sequence[tuple[int, int]]],
        entities: Sequence[Sequence[tuple[int, int, str]]],
        gold_id: str = "",
    ) -> EntityGoldColumns:
        """Columns from per-document annotatable sentences ``(start, end)`` and entity
        spans ``(start, end, label)``."""

        def owners(per_doc: Sequence[Sequence[Any]]) -> IntArray:
            return np.repeat(np.arange(len(per_doc)), [len(d) for d in per_doc]).astype(np.int64)

        spans = [span for doc in entities for span in doc]
        bounds = [bound for doc in sentences for bound in doc]
        return cls(
            pa.array(list(doc_ids), type=pa.string()),
            owners(sentences),
            np.asarray([s for s, _ in bounds], dtype=np.int64),
            np.asarray([e for _, e in bounds], dtype=np.int64),
            owners(entities),
            np.asarray([s for s, _, _ in spans], dtype=np.int64),
            np.asarray([e for _, e, _ in spans], dtype=np.int64),
            np.asarray([ENTITY_LABELS.index(label) for _, _, label in spans], dtype=np.int64),
            gold_id,
        )


@dataclass(frozen=True)
class EntityPredictionColumns:
    """One file of entity predictions, one row per line.

    Attributes:
        source: the file, as the report names it.
        doc_ids: each line's document id.
        counts: each line's number of entity items.
        start, end: every item's offsets, lines in file order, items in line order.
        labels: every item's label as given.
    """

    source: str
    doc_ids: pa.Array
    counts: IntArray
    start: IntArray
    end: IntArray
    labels: pa.Array


def _doc_index(gold: EntityGoldColumns, preds: EntityPredictionColumns) -> IntArray:
    index = pc.index_in(preds.doc_ids, value_set=gold.doc_ids)
    return np.asarray(pc.fill_null(index, -1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _label_index(preds: EntityPredictionColumns) -> IntArray:
    index = pc.index_in(preds.labels, value_set=pa.array(list(ENTITY_LABELS)))
    return np.asarray(pc.fill_null(index, -1).to_numpy(zero_copy_only=False), dtype=np.int64)


def entity_problems_found(gold: EntityGoldColumns, preds: EntityPredictionColumns) -> bool:
    """True when a line may break a rule the row checker enforces on entity predictions:
    an empty, unknown or repeated document id; a label outside the scheme; an empty or
    reversed span; the same ``(start, end, label)`` twice in one line; or a span that does
    not lie inside one annotatable sentence of its document. The last is stricter than
    the row checker (which refuses a span past the text or touching an excluded region,
    and annotatable sentences are inside the text and away from every excluded region):
    a span across sentences is valid, and the caller then checks it the row way."""
    doc = _doc_index(gold, preds)
    if len(doc) == 0 or (doc < 0).any() or len(np.unique(doc)) != len(doc):
        return True
    if pc.any(pc.equal(pc.utf8_length(preds.doc_ids), 0)).as_py():
        return True
    label = _label_index(preds)
    owner = np.repeat(doc, preds.counts)
    start, end = preds.start, preds.end
    if (label < 0).any() or (start < 0).any() or (start >= end).any():
        return True
    # The sentence each span starts in: the last one of its document starting at or before it.
    key = (gold.sentence_doc << 32) + gold.sentence_start
    at = np.searchsorted(key, (owner << 32) + start, side="right") - 1
    if len(key) == 0 and len(start):
        return True
    inside = (at >= 0) & (gold.sentence_doc[np.maximum(at, 0)] == owner)
    inside &= end <= gold.sentence_end[np.maximum(at, 0)]
    if not inside.all():
        return True
    if len(start) > 1:
        order = np.lexsort((label, end, start, owner))
        same = np.ones(len(order) - 1, dtype=bool)
        for column in (owner, start, end, label):
            ordered = column[order]
            same &= ordered[1:] == ordered[:-1]
        if same.any():
            return True
    return False


def score_entity_columns(
    gold: EntityGoldColumns,
    preds: EntityPredictionColumns,
    settings: dict[str, Any],
    zero_division: float,
) -> Report:
    """The report of :func:`~newsgold.scoring.scorer.score_records` for checked entity
    predictions (:func:`entity_problems_found` is False), documents as units.

    Args:
        gold: the entity gold.
        preds: checked entity predictions.
        settings: the report's settings (seed, resamples, confidence, ...).
        zero_division: value of an undefined figure.
    """
    doc = _doc_index(gold, preds)
    owner = np.repeat(doc, preds.counts)
    # The row path lists predictions document by document (gold order), items in line order.
    order = np.argsort(owner, kind="stable")
    n_units = len(gold.doc_ids)
    counts = LayerCounts("documents", n_units)
    counts.entities = entity_counts(
        SpanTable(gold.entity_doc, gold.entity_start, gold.entity_end, gold.entity_label),
        SpanTable(owner[order], preds.start[order], preds.end[order], _label_index(preds)[order]),
        n_units,
        tuple(ENTITY_LABELS),
    )
    predicted = np.zeros(n_units, dtype=bool)
    predicted[doc] = True
    input_info = {
        "source": preds.source,
        "format": "jsonl",
        "layers": ["entities"],
        "gold_documents": n_units,
        "predicted_documents": len(doc),
        "documents_without_prediction": gold.doc_ids.filter(pa.array(~predicted)).to_pylist(),
        "issue_count": 0,
        "issues": [],
        "ignored": {},
        "unplaced_stances": counts.unplaced_stances,
        "ill_formed": [],
    }
    report = build_report(counts, settings, input_info, {"entities": gold.gold_id}, zero_division)
    report.errors_collected = False
    return report
