"""Scoring: entities (SemEval-2013 modes), events (TextEE), stance (SemEval-2016), statistics.

Pure: it takes records and arrays and returns reports; it reads no file and imports no
stage above it (``newsgold.io`` holds the readers, ``newsgold.pipeline`` the path-taking
entry points ``score``, ``compare``, ``score_conll``, ``gold_records``, which are also
``newsgold.score`` and friends).

Public API:
    score_records(gold, predictions, ...) -> Report  score every layer the predictions give
    compare_records(gold, a, b, ...) -> Comparison   paired bootstrap + approximate randomization
    score_tags(y_true, y_pred, scheme=...) -> Report tag sequences in memory, seqeval-style
    score_entities(gold_spans, pred_spans)           one unit, four modes (for agreement too)
    score_events(gold, pred) / score_stance(...)     one unit
    entity_counts / event_counts                     per-unit cached counts for many units
    match_spans(gold, pred) -> SpanMatching          one-to-one optimal matching
    bootstrap_ci / paired_significance               statistics over per-unit counts
    validate_rows                                    prediction rows, with file/line errors
    decode_tags                                      BIO/IOBES decoding with declared schemes
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgold.problems import Problem
    from newsgold.records import GoldDocument
    from newsgold.scoring.bootstrap import PairedResult, bootstrap_ci, paired_significance
    from newsgold.scoring.compare import Comparison, compare_records
    from newsgold.scoring.conll import (
        SCHEMES,
        TaggingScheme,
        decode_tags,
    )
    from newsgold.scoring.counting import count_layers
    from newsgold.scoring.entities import (
        EntityCounts,
        EntityScores,
        ModeScores,
        entity_counts,
        score_entities,
        spans_to_table,
    )
    from newsgold.scoring.events import (
        EventCounts,
        EventScores,
        EventTuple,
        event_counts,
        score_events,
    )
    from newsgold.scoring.gold_ids import entity_gold_hash, gold_hash
    from newsgold.scoring.layers import LayerCounts
    from newsgold.scoring.matching import MODES, SpanMatching, SpanTable, match_spans
    from newsgold.scoring.prediction_schema import PREDICTION_SCHEMA
    from newsgold.scoring.prediction_set import PredictionSet
    from newsgold.scoring.report import Report, signature
    from newsgold.scoring.row_checks import validate_rows
    from newsgold.scoring.scorer import score_records
    from newsgold.scoring.stance import PlacedStance, StanceScores, score_stance, score_stance_cells
    from newsgold.scoring.tags import map_labels, score_tags

# name -> module that defines it, imported on first use. Scoring reads no file and knows
# no stage above it: the readers live in newsgold.io, the path-taking entry points
# (score, compare, score_conll, gold_records) in newsgold.pipeline (also newsgold.score).
_PUBLIC: dict[str, str] = {
    "Comparison": "newsgold.scoring.compare",
    "EntityCounts": "newsgold.scoring.entities",
    "EntityScores": "newsgold.scoring.entities",
    "EventCounts": "newsgold.scoring.events",
    "EventScores": "newsgold.scoring.events",
    "EventTuple": "newsgold.scoring.events",
    "GoldDocument": "newsgold.records",
    "Problem": "newsgold.problems",
    "LayerCounts": "newsgold.scoring.layers",
    "MODES": "newsgold.scoring.matching",
    "ModeScores": "newsgold.scoring.entities",
    "PREDICTION_SCHEMA": "newsgold.scoring.prediction_schema",
    "PairedResult": "newsgold.scoring.bootstrap",
    "PlacedStance": "newsgold.scoring.stance",
    "PredictionSet": "newsgold.scoring.prediction_set",
    "Report": "newsgold.scoring.report",
    "SCHEMES": "newsgold.scoring.conll",
    "SpanMatching": "newsgold.scoring.matching",
    "SpanTable": "newsgold.scoring.matching",
    "StanceScores": "newsgold.scoring.stance",
    "TaggingScheme": "newsgold.scoring.conll",
    "bootstrap_ci": "newsgold.scoring.bootstrap",
    "compare_records": "newsgold.scoring.compare",
    "count_layers": "newsgold.scoring.counting",
    "decode_tags": "newsgold.scoring.conll",
    "entity_counts": "newsgold.scoring.entities",
    "entity_gold_hash": "newsgold.scoring.gold_ids",
    "event_counts": "newsgold.scoring.events",
    "gold_hash": "newsgold.scoring.gold_ids",
    "map_labels": "newsgold.scoring.tags",
    "match_spans": "newsgold.scoring.matching",
    "paired_significance": "newsgold.scoring.bootstrap",
    "score_entities": "newsgold.scoring.entities",
    "score_records": "newsgold.scoring.scorer",
    "score_events": "newsgold.scoring.events",
    "score_stance": "newsgold.scoring.stance",
    "score_stance_cells": "newsgold.scoring.stance",
    "score_tags": "newsgold.scoring.tags",
    "signature": "newsgold.scoring.report",
    "spans_to_table": "newsgold.scoring.entities",
    "validate_rows": "newsgold.scoring.row_checks",
}

__all__ = [
    "MODES",
    "PREDICTION_SCHEMA",
    "SCHEMES",
    "Comparison",
    "EntityCounts",
    "EntityScores",
    "EventCounts",
    "EventScores",
    "EventTuple",
    "GoldDocument",
    "LayerCounts",
    "ModeScores",
    "PairedResult",
    "PlacedStance",
    "PredictionSet",
    "Problem",
    "Report",
    "SpanMatching",
    "SpanTable",
    "StanceScores",
    "TaggingScheme",
    "bootstrap_ci",
    "compare_records",
    "count_layers",
    "decode_tags",
    "entity_counts",
    "entity_gold_hash",
    "event_counts",
    "gold_hash",
    "map_labels",
    "match_spans",
    "paired_significance",
    "score_entities",
    "score_events",
    "score_records",
    "score_stance",
    "score_stance_cells",
    "score_tags",
    "signature",
    "spans_to_table",
    "validate_rows",
]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'newsgold.scoring' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
