"""Scoring: entities (SemEval-2013 modes), events (TextEE), stance (SemEval-2016), statistics.

Public API:
    score(gold, predictions, ...) -> Report          score every layer the predictions give
    compare(gold, a, b, ...) -> Comparison           paired bootstrap + approximate randomization
    score_tags(y_true, y_pred, scheme=...) -> Report tag sequences in memory, seqeval-style
    score_conll(path, scheme=..., reading=...)       conlleval-style file, drop-in for conlleval
    score_entities(gold_spans, pred_spans)           one unit, four modes (for agreement too)
    score_events(gold, pred) / score_stance(...)     one unit
    entity_counts / event_counts                     per-unit cached counts for many units
    match_spans(gold, pred) -> SpanMatching          one-to-one optimal matching
    bootstrap_ci / paired_significance               statistics over per-unit counts
    read_predictions / validate_rows                 prediction inputs, with file/line errors
    decode_tags / read_conll                         CoNLL/BIO with declared schemes
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgold.io.conll import read_conll, read_label_map
    from newsgold.io.gold import load_gold
    from newsgold.io.predictions import read_predictions
    from newsgold.io.reports import write_errors
    from newsgold.pipeline import compare, score, score_conll
    from newsgold.problems import Problem
    from newsgold.records import GoldDocument
    from newsgold.scoring.api import (
        Comparison,
        LayerCounts,
        count_layers,
        entity_gold_hash,
        gold_hash,
    )
    from newsgold.scoring.bootstrap import PairedResult, bootstrap_ci, paired_significance
    from newsgold.scoring.conll import (
        SCHEMES,
        TaggingScheme,
        decode_tags,
    )
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
    from newsgold.scoring.matching import MODES, SpanMatching, SpanTable, match_spans
    from newsgold.scoring.predictions import (
        PREDICTION_SCHEMA,
        PredictionSet,
        validate_rows,
    )
    from newsgold.scoring.report import Report, signature
    from newsgold.scoring.stance import PlacedStance, StanceScores, score_stance, score_stance_cells
    from newsgold.scoring.tags import map_labels, score_tags

# name -> module that defines it, imported on first use. The scoring modules read no file;
# the readers (newsgold.io) and the path-taking entry points (newsgold.pipeline) are
# re-exported here because users import them from newsgold.scoring.
_PUBLIC: dict[str, str] = {
    "Comparison": "newsgold.scoring.api",
    "EntityCounts": "newsgold.scoring.entities",
    "EntityScores": "newsgold.scoring.entities",
    "EventCounts": "newsgold.scoring.events",
    "EventScores": "newsgold.scoring.events",
    "EventTuple": "newsgold.scoring.events",
    "GoldDocument": "newsgold.records",
    "Problem": "newsgold.problems",
    "LayerCounts": "newsgold.scoring.api",
    "MODES": "newsgold.scoring.matching",
    "ModeScores": "newsgold.scoring.entities",
    "PREDICTION_SCHEMA": "newsgold.scoring.predictions",
    "PairedResult": "newsgold.scoring.bootstrap",
    "PlacedStance": "newsgold.scoring.stance",
    "PredictionSet": "newsgold.scoring.predictions",
    "Report": "newsgold.scoring.report",
    "SCHEMES": "newsgold.scoring.conll",
    "SpanMatching": "newsgold.scoring.matching",
    "SpanTable": "newsgold.scoring.matching",
    "StanceScores": "newsgold.scoring.stance",
    "TaggingScheme": "newsgold.scoring.conll",
    "bootstrap_ci": "newsgold.scoring.bootstrap",
    "compare": "newsgold.pipeline",
    "count_layers": "newsgold.scoring.api",
    "decode_tags": "newsgold.scoring.conll",
    "entity_counts": "newsgold.scoring.entities",
    "entity_gold_hash": "newsgold.scoring.api",
    "event_counts": "newsgold.scoring.events",
    "gold_hash": "newsgold.scoring.api",
    "load_gold": "newsgold.io.gold",
    "map_labels": "newsgold.scoring.tags",
    "match_spans": "newsgold.scoring.matching",
    "paired_significance": "newsgold.scoring.bootstrap",
    "read_conll": "newsgold.io.conll",
    "read_label_map": "newsgold.io.conll",
    "read_predictions": "newsgold.io.predictions",
    "score": "newsgold.pipeline",
    "score_conll": "newsgold.pipeline",
    "score_entities": "newsgold.scoring.entities",
    "score_events": "newsgold.scoring.events",
    "score_stance": "newsgold.scoring.stance",
    "score_stance_cells": "newsgold.scoring.stance",
    "score_tags": "newsgold.scoring.tags",
    "signature": "newsgold.scoring.report",
    "spans_to_table": "newsgold.scoring.entities",
    "validate_rows": "newsgold.scoring.predictions",
    "write_errors": "newsgold.io.reports",
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
    "compare",
    "count_layers",
    "decode_tags",
    "entity_counts",
    "entity_gold_hash",
    "event_counts",
    "gold_hash",
    "load_gold",
    "map_labels",
    "match_spans",
    "paired_significance",
    "read_conll",
    "read_label_map",
    "read_predictions",
    "score",
    "score_conll",
    "score_entities",
    "score_events",
    "score_stance",
    "score_stance_cells",
    "score_tags",
    "signature",
    "spans_to_table",
    "validate_rows",
    "write_errors",
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
