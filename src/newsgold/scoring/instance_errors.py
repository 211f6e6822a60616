"""Per-instance error rows of a scored layer (``newsgold score --errors``): what was
missed, spurious, of the wrong type or boundary, with the gold and predicted items and
the sentence around them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsgold.records import GoldDocument
from newsgold.scoring.entities import EntityCounts
from newsgold.scoring.events import EventTuple


def _context(record: GoldDocument, start: int) -> str:
    doc = record.document
    index = doc.sentence_index(start)
    if index is None:
        return doc.text[max(0, start - 60) : start + 60]
    s, e = doc.sentences[index]
    return doc.text[s:e]


def _span_dict(record: GoldDocument, start: int, end: int, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "text": record.document.text[start:end], **extra}


def entity_errors(
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


def event_errors(
    record: GoldDocument, gold: list[EventTuple], pred: list[EventTuple]
) -> list[dict[str, Any]]:
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


def stance_errors(
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
