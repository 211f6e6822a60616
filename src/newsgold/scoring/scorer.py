"""``score_records()``: gold records + validated predictions -> :class:`Report`.

Counting is :func:`~newsgold.scoring.counting.count_layers`; this module assembles the
report: settings, input summary, gold ids, figures and intervals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsgold.errors import InputError
from newsgold.records import GoldDocument
from newsgold.scoring.bootstrap import CONFIDENCE_DEFAULT, RESAMPLES_DEFAULT, SEED_DEFAULT
from newsgold.scoring.counting import count_layers
from newsgold.scoring.gold_ids import layer_gold_ids
from newsgold.scoring.layers import LayerCounts, build_report
from newsgold.scoring.prediction_set import PredictionSet
from newsgold.scoring.prf import ZERO_DIVISION_DEFAULT, check_zero_division
from newsgold.scoring.report import Report

LAYER_OF_KEY = {"entities": "entities", "events": "events", "stances": "stance"}


def report_settings(
    seed: int, n_resamples: int, confidence: float, zero_division: float, units: str
) -> dict[str, Any]:
    """The ``settings`` of a document report (and of a comparison's signatures)."""
    return {
        "seed": seed,
        "resamples": n_resamples,
        "confidence": confidence,
        "zero_division": zero_division,
        "units": units,
        "matching": "optimal",
        "scheme": "spans",
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
        predictions: validated predictions (:func:`~newsgold.scoring.row_checks.validate_rows`).
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
    settings = report_settings(seed, n_resamples, confidence, zero_division, counts.units)
    report = build_report(
        counts,
        settings,
        input_info(records, predictions, counts),
        layer_gold_ids(records),
        zero_division,
    )
    report.errors_collected = with_errors
    return report


def input_info(
    records: Sequence[GoldDocument], preds: PredictionSet, counts: LayerCounts
) -> dict[str, Any]:
    """The report's ``input`` section: sources, layers, documents, issues."""
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
