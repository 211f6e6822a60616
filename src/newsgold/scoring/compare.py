"""``compare_records()``: paired bootstrap and approximate-randomization tests of two
systems on the same gold, per layer and figure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsgold.errors import InputError
from newsgold.records import GoldDocument
from newsgold.scoring.bootstrap import (
    CONFIDENCE_DEFAULT,
    RESAMPLES_DEFAULT,
    SEED_DEFAULT,
    PairedResult,
    paired_significance,
)
from newsgold.scoring.counting import count_layers
from newsgold.scoring.gold_ids import layer_gold_ids
from newsgold.scoring.layers import figure_fns, signature_fields
from newsgold.scoring.prediction_set import PredictionSet
from newsgold.scoring.prf import ZERO_DIVISION_DEFAULT, check_zero_division
from newsgold.scoring.report import signature
from newsgold.scoring.scorer import report_settings


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
    settings = report_settings(seed, n_resamples, confidence, zero_division, ca.units)
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
