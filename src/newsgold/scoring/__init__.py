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

from newsgold.scoring.api import (
    Comparison,
    LayerCounts,
    compare,
    count_layers,
    entity_gold_hash,
    gold_hash,
    load_gold,
    score,
    write_errors,
)
from newsgold.scoring.bootstrap import PairedResult, bootstrap_ci, paired_significance
from newsgold.scoring.conll import (
    SCHEMES,
    TaggingScheme,
    decode_tags,
    read_conll,
    read_label_map,
)
from newsgold.scoring.entities import (
    EntityCounts,
    EntityScores,
    ModeScores,
    entity_counts,
    score_entities,
    spans_to_table,
)
from newsgold.scoring.events import EventCounts, EventScores, EventTuple, event_counts, score_events
from newsgold.scoring.matching import MODES, SpanMatching, SpanTable, match_spans
from newsgold.scoring.predictions import (
    PREDICTION_SCHEMA,
    GoldDocument,
    InputIssue,
    PredictionSet,
    read_predictions,
    validate_rows,
)
from newsgold.scoring.report import Report, signature
from newsgold.scoring.stance import PlacedStance, StanceScores, score_stance, score_stance_cells
from newsgold.scoring.tags import map_labels, score_conll, score_tags

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
    "InputIssue",
    "LayerCounts",
    "ModeScores",
    "PairedResult",
    "PlacedStance",
    "PredictionSet",
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
