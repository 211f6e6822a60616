"""``score()`` and ``compare()``: gold + predictions -> :class:`Report`.

Units for the statistics are documents, or the sentences of the document when the gold
holds exactly one. Each layer's counts are cached per unit once; intervals and
significance tests only re-sum them.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsgold.errors import InputError
from newsgold.records import DocumentAnnotations, GoldDocument
from newsgold.scheme import ENTITY_LABELS
from newsgold.scoring.bootstrap import (
    CONFIDENCE_DEFAULT,
    RESAMPLES_DEFAULT,
    SEED_DEFAULT,
    PairedResult,
    paired_significance,
)
from newsgold.scoring.entities import EntityCounts, entity_counts
from newsgold.scoring.events import EventTuple, event_counts
from newsgold.scoring.layers import LayerCounts, build_report, figure_fns, signature_fields
from newsgold.scoring.matching import SpanTable
from newsgold.scoring.predictions import (
    DocumentPredictions,
    PredictionSet,
)
from newsgold.scoring.prf import ZERO_DIVISION_DEFAULT, check_zero_division
from newsgold.scoring.report import Report, signature
from newsgold.scoring.stance import (
    PlacedStance,
    StanceCounts,
    document_cells,
    stance_unit_row,
    triples,
)
from newsgold.tagging import entity_layer_hash, token_sentences

LAYER_OF_KEY = {"entities": "entities", "events": "events", "stances": "stance"}


def entity_gold_hash(gold: Sequence[GoldDocument]) -> str:
    """The entity layer's gold id: tokens and entity chunks of every annotatable sentence,
    documents in id order (:func:`newsgold.tagging.entity_layer_hash`). A CoNLL export of
    the same gold, in any tagging scheme, has the same id.
    """
    return entity_layer_hash(
        (sentence.tokens, sentence.chunks)
        for record in sorted(gold, key=lambda r: r.document.id)
        for sentence in token_sentences(
            record.document, [(m.start, m.end, m.label) for m in record.annotations.entities]
        )
    )


def layer_gold_ids(gold: Sequence[GoldDocument]) -> dict[str, str]:
    """The gold id each layer's signature carries: the entity layer's own, else the whole gold."""
    whole = gold_hash(gold)
    return {"entities": entity_gold_hash(gold), "events": whole, "stance": whole}


def gold_hash(gold: Sequence[GoldDocument]) -> str:
    """``sha256-<12 hex>`` over the canonical JSON of every gold document, in id order."""
    digest = hashlib.sha256()
    for record in sorted(gold, key=lambda r: r.document.id):
        row = {
            "document": record.document.to_dict(),
            "annotations": record.annotations.to_dict(),
            "targets": [t.to_dict() for t in record.targets],
        }
        digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return "sha256-" + digest.hexdigest()[:12]


def _sentence_of(sentence_starts: list[int], offset: int) -> int:
    # Sentence containing the offset, or the one before it when the offset is between sentences.
    return max(0, bisect_right(sentence_starts, offset) - 1)


def event_tuples(annotations: DocumentAnnotations) -> list[EventTuple]:
    """The events of an annotation set as scored: arguments resolved to entity spans.

    Example:
        >>> event_tuples(gold.annotations)[0].arguments  # doctest: +SKIP
        (('SOURCE', 10, 22), ('TARGET', 48, 59))
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
                _sentence_of(sentence_starts, s.start),
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
        return _sentence_of(starts, offset) if sentence_units else d

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
            result.errors += _entity_errors(
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
                result.errors += _event_errors(record, g_events, p_events)
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
                sentence = None if anchor is None else _sentence_of(starts_of[d], anchor[0])
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
                result.errors += _stance_errors(record, g_cells, p_cells, g_tr, p_tr)
        result.stance = StanceCounts(
            all_targets, rows, triple_resampled=not sentence_units, unplaced=unplaced
        )
        result.unplaced_stances = unplaced
    return result


def _context(record: GoldDocument, start: int) -> str:
    doc = record.document
    index = doc.sentence_index(start)
    if index is None:
        return doc.text[max(0, start - 60) : start + 60]
    s, e = doc.sentences[index]
    return doc.text[s:e]


def _span_dict(record: GoldDocument, start: int, end: int, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "text": record.document.text[start:end], **extra}


def _entity_errors(
    gold: Sequence[GoldDocument],
    counts: EntityCounts,
    owners: np.ndarray,
    p_owners: np.ndarray,
    labels: tuple[str, ...],
) -> list[dict[str, Any]]:
    m = counts.matching
    assert m is not None
    rows: list[dict[str, Any]] = []
    partner = m.gold_match["strict"]
    correct = m.correct["strict"]
    for i in range(len(m.gold)):
        if correct[i]:
            continue
        record = gold[int(owners[i])]
        g = _span_dict(
            record, int(m.gold.start[i]), int(m.gold.end[i]), label=labels[m.gold.label[i]]
        )
        j = int(partner[i])
        if j < 0:
            rows.append(
                {
                    "layer": "entities",
                    "category": "missed",
                    "doc_id": record.document.id,
                    "gold": g,
                    "pred": None,
                    "context": _context(record, g["start"]),
                }
            )
            continue
        p = _span_dict(
            record, int(m.pred.start[j]), int(m.pred.end[j]), label=labels[m.pred.label[j]]
        )
        same_span = (g["start"], g["end"]) == (p["start"], p["end"])
        category = (
            "type" if same_span else ("boundary" if g["label"] == p["label"] else "boundary_type")
        )
        rows.append(
            {
                "layer": "entities",
                "category": category,
                "doc_id": record.document.id,
                "gold": g,
                "pred": p,
                "context": _context(record, g["start"]),
            }
        )
    for j in np.flatnonzero(m.pred_match["strict"] < 0):
        record = gold[int(p_owners[j])]
        p = _span_dict(
            record, int(m.pred.start[j]), int(m.pred.end[j]), label=labels[m.pred.label[j]]
        )
        rows.append(
            {
                "layer": "entities",
                "category": "spurious",
                "doc_id": record.document.id,
                "gold": None,
                "pred": p,
                "context": _context(record, p["start"]),
            }
        )
    return rows


def _event_errors(
    record: GoldDocument, gold: list[EventTuple], pred: list[EventTuple]
) -> list[dict[str, Any]]:
    from collections import Counter

    rows: list[dict[str, Any]] = []
    doc_id = record.document.id
    g_keys = Counter((e.start, e.end, e.type) for e in gold)
    p_keys = Counter((e.start, e.end, e.type) for e in pred)
    missing, extra = g_keys - p_keys, p_keys - g_keys

    def trigger(key: tuple[int, int, str]) -> dict[str, Any]:
        return _span_dict(record, key[0], key[1], type=key[2])

    for key in sorted(extra.elements()):
        same_span = any(k[:2] == key[:2] for k in missing)
        overlap = any(k[2] == key[2] and k[0] < key[1] and key[0] < k[1] for k in missing)
        category = "type" if same_span else ("boundary" if overlap else "spurious")
        rows.append(
            {
                "layer": "events.trigger",
                "category": category,
                "doc_id": doc_id,
                "gold": None,
                "pred": trigger(key),
                "context": _context(record, key[0]),
            }
        )
    for key in sorted(missing.elements()):
        same_span = any(k[:2] == key[:2] for k in extra)
        overlap = any(k[2] == key[2] and k[0] < key[1] and key[0] < k[1] for k in extra)
        category = "type" if same_span else ("boundary" if overlap else "missed")
        rows.append(
            {
                "layer": "events.trigger",
                "category": category,
                "doc_id": doc_id,
                "gold": trigger(key),
                "pred": None,
                "context": _context(record, key[0]),
            }
        )
    g_real = Counter((e.start, e.end, e.type, e.realis) for e in gold)
    p_real = Counter((e.start, e.end, e.type, e.realis) for e in pred)
    for rkey in sorted((p_real - g_real).elements(), key=str):
        if rkey[:3] in g_keys and rkey[:3] not in extra:
            rows.append(
                {
                    "layer": "events.realis",
                    "category": "realis",
                    "doc_id": doc_id,
                    "gold": None,
                    "pred": _span_dict(record, rkey[0], rkey[1], type=rkey[2], realis=rkey[3]),
                    "context": _context(record, rkey[0]),
                }
            )
    g_args = Counter((e.start, e.end, e.type, a[1], a[2], a[0]) for e in gold for a in e.arguments)
    p_args = Counter((e.start, e.end, e.type, a[1], a[2], a[0]) for e in pred for a in e.arguments)
    a_missing, a_extra = g_args - p_args, p_args - g_args
    for side, keys, others, default in (
        ("pred", a_extra, a_missing, "spurious"),
        ("gold", a_missing, a_extra, "missed"),
    ):
        for akey in sorted(keys.elements()):
            same = any(k[:5] == akey[:5] for k in others)
            overlap = any(
                k[:3] == akey[:3] and k[5] == akey[5] and k[3] < akey[4] and akey[3] < k[4]
                for k in others
            )
            category = "role" if same else ("boundary" if overlap else default)
            item = _span_dict(record, akey[3], akey[4], role=akey[5], trigger=trigger(akey[:3]))
            rows.append(
                {
                    "layer": "events.argument",
                    "category": category,
                    "doc_id": doc_id,
                    "gold": item if side == "gold" else None,
                    "pred": item if side == "pred" else None,
                    "context": _context(record, akey[3]),
                }
            )
    return rows


def _stance_errors(
    record: GoldDocument,
    g_cells: dict[tuple[int, str], str],
    p_cells: dict[tuple[int, str], str],
    g_tr: set[Any],
    p_tr: set[Any],
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    doc = record.document
    for key in sorted(g_cells):
        g, p = g_cells[key], p_cells[key]
        if g == p:
            continue
        category = "spurious" if g == "NONE" else ("missed" if p == "NONE" else "type")
        s, e = doc.sentences[key[0]]
        rows.append(
            {
                "layer": "stance.cell",
                "category": category,
                "doc_id": doc.id,
                "sentence": key[0],
                "target": key[1],
                "gold": g,
                "pred": p,
                "context": doc.text[s:e],
            }
        )
    for triple in sorted(p_tr - g_tr, key=str):
        rows.append(
            {
                "layer": "stance.triple",
                "category": "spurious",
                "doc_id": doc.id,
                "gold": None,
                "pred": _triple_dict(record, triple),
                "context": "",
            }
        )
    for triple in sorted(g_tr - p_tr, key=str):
        rows.append(
            {
                "layer": "stance.triple",
                "category": "missed",
                "doc_id": doc.id,
                "gold": _triple_dict(record, triple),
                "pred": None,
                "context": "",
            }
        )
    return rows


def _triple_dict(record: GoldDocument, triple: Any) -> dict[str, Any]:
    holder, target, label = triple
    return {
        "holder": None if holder is None else _span_dict(record, holder[0], holder[1]),
        "target": target,
        "label": label,
    }


def score_records(
    records: Sequence[GoldDocument],
    predictions: PredictionSet,
    *,
    n_resamples: int = RESAMPLES_DEFAULT,
    seed: int = SEED_DEFAULT,
    confidence: float = CONFIDENCE_DEFAULT,
    zero_division: float = ZERO_DIVISION_DEFAULT,
    with_errors: bool = False,
) -> Report:
    """Score validated predictions against gold records, every layer the predictions give.

    :func:`newsgold.pipeline.score` (also ``newsgold.score``) reads files into these.

    Args:
        records: the gold documents.
        predictions: validated predictions (:func:`~newsgold.scoring.predictions.validate_rows`).
        n_resamples, seed, confidence: bootstrap intervals (0 resamples: none).
        zero_division: value of an undefined figure (0, 1 or NaN), as in scikit-learn.
        with_errors: collect per-instance errors into ``report.errors``.

    Raises:
        InputError: a negative number of resamples or a bad ``zero_division``.
    """
    zero_division = check_zero_division(zero_division)
    if n_resamples < 0:
        raise InputError(f"resamples must be >= 0, got {n_resamples}", field="resamples")
    counts = count_layers(records, predictions, with_errors=with_errors)
    settings = {
        "seed": seed,
        "resamples": n_resamples,
        "confidence": confidence,
        "zero_division": zero_division,
        "units": counts.units,
        "matching": "optimal",
        "scheme": "spans",
    }
    report = build_report(
        counts,
        settings,
        _input_info(records, predictions, counts),
        layer_gold_ids(records),
        zero_division,
    )
    report.errors_collected = with_errors
    return report


def _input_info(
    records: Sequence[GoldDocument], preds: PredictionSet, counts: LayerCounts
) -> dict[str, Any]:
    return {
        "source": preds.source,
        "format": preds.format,
        "layers": sorted(LAYER_OF_KEY[k] for k in preds.layers),
        "gold_documents": len(records),
        "predicted_documents": len(preds.documents),
        "documents_without_prediction": sorted(
            r.document.id for r in records if r.document.id not in preds.documents
        ),
        "issue_count": len(preds.issues),
        "issues": [i.to_dict() for i in preds.issues],
        "ignored": dict(sorted(preds.ignored.items())),
        "unplaced_stances": counts.unplaced_stances,
        "ill_formed": [],
    }


@dataclass
class Comparison:
    """Paired comparison of two systems on the same gold: per layer, per figure."""

    signatures: dict[str, str]
    a: str
    b: str
    results: dict[str, dict[str, PairedResult]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "signature": self.signatures,
            "a": self.a,
            "b": self.b,
            "results": {
                layer: {k: v.to_dict() for k, v in sorted(r.items())}
                for layer, r in self.results.items()
            },
        }


HEADLINE_PATTERNS = ("f1", "f_avg", "macro_f1", "accuracy", "realis_accuracy")


def compare_records(
    records: Sequence[GoldDocument],
    pa: PredictionSet,
    pb: PredictionSet,
    *,
    n_resamples: int = RESAMPLES_DEFAULT,
    seed: int = SEED_DEFAULT,
    confidence: float = CONFIDENCE_DEFAULT,
    zero_division: float = ZERO_DIVISION_DEFAULT,
    all_figures: bool = False,
) -> Comparison:
    """Paired bootstrap and approximate-randomization tests of system A against B.

    Only layers both systems predict are compared; by default only headline figures
    (micro/macro F1, F_avg, accuracy) are tested, ``all_figures=True`` tests all of them.
    :func:`newsgold.pipeline.compare` (also ``newsgold.compare``) reads files into these.

    Raises:
        InputError: no layer in common.
    """
    zero_division = check_zero_division(zero_division)
    common = pa.layers & pb.layers
    if not common:
        raise InputError(
            f"the two systems share no layer: A has {sorted(pa.layers)}, B has {sorted(pb.layers)}",
            field="predictions",
        )
    pa.layers, pb.layers = set(common), set(common)
    ca, cb = count_layers(records, pa), count_layers(records, pb)
    if ca.entities is not None and cb.entities is not None:
        # Both systems must macro-average over the same types.
        present = ca.entities.present_labels() | cb.entities.present_labels()
        ca.entities.present_override = present
        cb.entities.present_override = present
    settings = {
        "seed": seed,
        "resamples": n_resamples,
        "confidence": confidence,
        "zero_division": zero_division,
        "units": ca.units,
        "matching": "optimal",
        "scheme": "spans",
    }
    gold_ids = layer_gold_ids(records)
    results: dict[str, dict[str, PairedResult]] = {}
    signatures: dict[str, str] = {}
    fa, fb = figure_fns(ca, zero_division), figure_fns(cb, zero_division)
    for layer in fa:
        matrix_a, fn = fa[layer]
        matrix_b, _ = fb[layer]

        def selected(
            s: np.ndarray, fn: Callable[[np.ndarray], dict[str, np.ndarray]] = fn
        ) -> dict[str, np.ndarray]:
            figs = fn(s)
            if all_figures:
                return figs
            return {
                k: v
                for k, v in figs.items()
                if "per_" not in k and k.split(".")[-1] in HEADLINE_PATTERNS
            }

        results[layer] = paired_significance(
            matrix_a,
            matrix_b,
            selected,
            n_resamples=max(1, n_resamples),
            seed=seed,
            confidence=confidence,
        )
        signatures[layer] = signature(
            {**signature_fields(layer, settings, gold_ids[layer]), "test": "paired-bootstrap+ar"}
        )
    return Comparison(signatures, pa.source, pb.source, results)
