"""Bootstrap over cached counts equals re-scoring resampled documents from scratch."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsgold.scoring.bootstrap import (
    bootstrap_ci,
    bootstrap_samples,
    paired_significance,
    resample_weights,
)
from newsgold.scoring.entities import entity_counts, score_entities, spans_to_table

TYPES = ("PER", "ORG")


def _docs(seed: int, n: int) -> list[list[tuple[int, int, str]]]:
    rnd = random.Random(seed)
    return [
        [(s, s + rnd.randint(1, 3), rnd.choice(TYPES)) for s in rnd.sample(range(0, 30, 4), 4)]
        for _ in range(n)
    ]


def test_resampled_counts_equal_rescoring_the_resampled_documents() -> None:
    gold, pred = _docs(1, 12), _docs(2, 12)
    counts = entity_counts(spans_to_table(gold, TYPES), spans_to_table(pred, TYPES), 12, TYPES)
    samples = bootstrap_samples(
        counts.unit_matrix(), lambda s: counts.figures(s, 0.0), n_resamples=5, seed=9
    )
    weights = next(resample_weights(12, 5, np.random.default_rng(9)))
    for r in range(5):
        # Re-run the whole matching on the resampled corpus: documents repeated w times.
        chosen = [u for u in range(12) for _ in range(int(weights[r, u]))]
        all_gold = [
            (s + 100 * k, e + 100 * k, label)
            for k, u in enumerate(chosen)
            for s, e, label in gold[u]
        ]
        all_pred = [
            (s + 100 * k, e + 100 * k, label)
            for k, u in enumerate(chosen)
            for s, e, label in pred[u]
        ]
        direct = score_entities(all_gold, all_pred)
        for mode in ("strict", "partial", "type"):
            assert samples[f"{mode}.f1"][r] == pytest.approx(direct[mode].micro.f1)


def test_same_seed_same_interval_and_other_seed_differs() -> None:
    counts = np.random.default_rng(0).integers(0, 5, size=(50, 2))
    ratio = lambda s: {"r": s[:, 0] / np.maximum(s[:, 1], 1)}  # noqa: E731
    assert bootstrap_ci(counts, ratio, seed=1) == bootstrap_ci(counts, ratio, seed=1)
    assert bootstrap_ci(counts, ratio, seed=1) != bootstrap_ci(counts, ratio, seed=2)


def test_interval_contains_the_point_estimate() -> None:
    counts = np.random.default_rng(0).integers(1, 5, size=(200, 2))
    lo, hi = bootstrap_ci(counts, lambda s: {"r": s[:, 0] / s[:, 1]})["r"]
    point = counts[:, 0].sum() / counts[:, 1].sum()
    assert lo <= point <= hi


def test_clearly_better_system_is_significant() -> None:
    rng = np.random.default_rng(0)
    gold = np.full((100, 1), 10)
    a = np.concatenate([rng.integers(8, 11, size=(100, 1)), gold], axis=1)
    b = np.concatenate([rng.integers(0, 4, size=(100, 1)), gold], axis=1)
    res = paired_significance(a, b, lambda s: {"acc": s[:, 0] / s[:, 1]}, n_resamples=300)["acc"]
    assert res.delta > 0.5 and res.p_bootstrap < 0.01 and res.p_randomization < 0.01
    assert res.ci[0] > 0


@pytest.mark.parametrize(("n_resamples", "confidence"), [(0, 0.95), (10, 1.5)])
def test_bad_parameters_are_rejected(n_resamples: int, confidence: float) -> None:
    with pytest.raises(ValueError, match="must be"):
        bootstrap_ci(
            np.ones((3, 1)),
            lambda s: {"x": s[:, 0]},
            n_resamples=n_resamples,
            confidence=confidence,
        )


def test_integer_counts_resample_exactly_as_the_plain_matrix_product() -> None:
    # bootstrap_samples drops zero and repeated columns and sums integers in float32;
    # every figure must still equal figures(weights @ counts) in float64.
    rng = np.random.default_rng(7)
    counts = rng.integers(0, 40, size=(700, 10))
    counts[:, 3] = 0
    counts[:, 6] = counts[:, 1]

    def figures(summed: np.ndarray) -> dict[str, np.ndarray]:
        return {"ratio": summed[:, 0] / (summed[:, 1] + summed[:, 6] + 1), "all": summed.copy()}

    samples = bootstrap_samples(counts, figures, n_resamples=300, seed=3)
    weights = np.concatenate(list(resample_weights(700, 300, np.random.default_rng(3))))
    expected = figures(weights @ counts.astype(np.float64))
    assert np.array_equal(samples["all"], expected["all"])
    assert np.array_equal(samples["ratio"], expected["ratio"])


@pytest.mark.parametrize(("n_units", "n_resamples"), [(1, 3), (7, 300), (8601, 5)])
def test_resample_weights_are_one_draw_and_count_per_row(n_units: int, n_resamples: int) -> None:
    # Batches are drawn in one call; the rows must be those of one call per row (the
    # intervals a given seed gave before batching).
    rng = np.random.default_rng(11)
    expected = [
        np.bincount(rng.integers(0, n_units, size=n_units, dtype=np.int32), minlength=n_units)
        for _ in range(n_resamples)
    ]
    weights = np.concatenate(
        list(resample_weights(n_units, n_resamples, np.random.default_rng(11)))
    )
    assert np.array_equal(weights, np.asarray(expected, dtype=np.float64))


def test_all_intervals_at_once_equal_one_percentile_per_figure() -> None:
    from newsgold.scoring.bootstrap import _percentile_table, _percentiles

    rng = np.random.default_rng(5)
    samples = {f"f{i}": rng.random(400) for i in range(6)}
    samples["f1"][rng.random(400) < 0.3] = np.nan  # some resamples leave a figure undefined
    samples["f2"][:] = np.nan
    samples["f3"][::7] = np.nan
    samples["f4"] = np.round(samples["f4"], 1)  # ties
    for confidence in (0.95, 0.9, 0.5):
        table = _percentile_table(samples, confidence)
        for name, values in samples.items():
            expected = _percentiles(values, confidence)
            assert np.array_equal(table[name], expected, equal_nan=True), name  # bit for bit
