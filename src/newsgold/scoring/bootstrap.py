"""Bootstrap confidence intervals and paired significance over per-unit cached counts.

Every scorer keeps a matrix of counts with one row per unit (document, or sentence when
there is one document) and a ``figures`` function that turns *summed* rows into figures.
Resampling therefore never re-runs matching: a resample is a vector of unit multiplicities
``w`` (how often each unit was drawn), and its summed counts are ``w @ counts``. Batches of
resamples are one matrix product.

Example:
    >>> counts = np.array([[1, 2], [3, 4], [0, 4]])
    >>> ratio = lambda s: {"ratio": s[:, 0] / s[:, 1]}
    >>> ci = bootstrap_ci(counts, ratio, n_resamples=200, seed=1)
    >>> lo, hi = ci["ratio"]
    >>> lo <= 0.4 <= hi
    True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

FiguresFn = Callable[[NDArray[np.float64]], dict[str, NDArray[np.float64]]]
SEED_DEFAULT = 12345
RESAMPLES_DEFAULT = 1000
CONFIDENCE_DEFAULT = 0.95
_CELLS_PER_BATCH = 20_000_000  # resamples x units per batch: bounds memory (~160 MB)


def _check(n_resamples: int, confidence: float) -> None:
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be at least 1, got {n_resamples}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")


def resample_weights(
    n_units: int,
    n_resamples: int,
    rng: np.random.Generator,
    dtype: type[np.floating[Any]] = np.float64,
) -> Iterator[NDArray[np.floating[Any]]]:
    """Yield batches of bootstrap weight rows (unit multiplicities, each row sums to n_units).

    Batches are ``(batch, n_units)``; each row draws ``n_units`` indices and counts them,
    which is much faster than ``multinomial`` for many units. A batch is drawn in one call
    (the generator's stream does not depend on how the draws are cut into calls, so the
    rows are those of one call per row) and counted row by row (the counts stay in cache).
    """
    batch = max(1, min(n_resamples, _CELLS_PER_BATCH // max(1, n_units), 256))
    done = 0
    while done < n_resamples:
        size = min(batch, n_resamples - done)
        draws = rng.integers(0, n_units, size=(size, n_units), dtype=np.int32)
        weights = np.empty((size, n_units), dtype=dtype)
        for row in range(size):
            weights[row] = np.bincount(draws[row], minlength=n_units)
        yield weights
        done += size


def _percentiles(samples: NDArray[np.float64], confidence: float) -> tuple[float, float]:
    alpha = (1.0 - confidence) / 2.0
    finite = samples[~np.isnan(samples)]
    if len(finite) == 0:
        return (float("nan"), float("nan"))
    lo, hi = np.percentile(finite, [100 * alpha, 100 * (1 - alpha)])
    return float(lo), float(hi)


def _percentile_table(
    samples: dict[str, NDArray[np.float64]], confidence: float
) -> dict[str, tuple[float, float]]:
    """:func:`_percentiles` of every figure, with one ``np.percentile`` call per count of
    defined values (the same numbers: it computes each row as it would alone)."""
    names = list(samples)
    if not names:
        return {}
    matrix = np.stack([np.asarray(samples[name], dtype=np.float64) for name in names])
    alpha = (1.0 - confidence) / 2.0
    defined = np.count_nonzero(~np.isnan(matrix), axis=1)
    bounds = np.full((len(names), 2), np.nan)
    for count in np.unique(defined).tolist():
        rows = np.flatnonzero(defined == count)
        if count == 0:
            continue
        values = matrix[rows]
        if count < matrix.shape[1]:  # NaNs sort last: keep the defined values
            values = np.sort(values, axis=1)[:, :count]
        bounds[rows] = np.percentile(values, [100 * alpha, 100 * (1 - alpha)], axis=1).T
    return {
        name: (float(lo), float(hi)) for name, (lo, hi) in zip(names, bounds.tolist(), strict=True)
    }


def bootstrap_samples(
    unit_counts: NDArray[Any],
    figures: FiguresFn,
    *,
    n_resamples: int = RESAMPLES_DEFAULT,
    seed: int = SEED_DEFAULT,
) -> dict[str, NDArray[np.float64]]:
    """Every figure on ``n_resamples`` bootstrap resamples of the units.

    Args:
        unit_counts: ``(n_units, n_columns)`` counts, one row per unit.
        figures: maps summed rows ``(n, n_columns)`` to ``{name: array(n)}``.
        n_resamples: number of resamples.
        seed: seed of the ``numpy.random.default_rng`` generator.

    Returns:
        ``{name: array(n_resamples)}``.
    """
    _check(n_resamples, 0.5)
    counts = np.asarray(unit_counts)
    n_units, n_columns = counts.shape
    # Only the distinct non-zero columns are resampled (many count columns are zero, as
    # PAR outside the partial mode, or repeat another); in float32 when every sum is an
    # integer below 2**24 and so exact, which halves the work of the matrix product.
    nonzero = np.flatnonzero(counts.any(axis=0))
    first_of: dict[bytes, int] = {}
    inverse = np.asarray(
        [
            first_of.setdefault(column.tobytes(), len(first_of))
            for column in np.ascontiguousarray(counts[:, nonzero].T)
        ],
        dtype=np.intp,
    )
    distinct = counts[:, nonzero[np.unique(inverse, return_index=True)[1]]]
    bound = float(np.abs(distinct).max(initial=0)) * n_units
    exact32 = np.issubdtype(counts.dtype, np.integer) and bound < 2**24
    dtype: type[np.floating[Any]] = np.float32 if exact32 else np.float64
    matrix = distinct.astype(dtype)
    summed = np.zeros((n_resamples, n_columns), dtype=np.float64)
    done = 0
    for weights in resample_weights(n_units, n_resamples, np.random.default_rng(seed), dtype):
        part = weights @ matrix
        summed[done : done + len(weights), nonzero] = part[:, inverse]
        done += len(weights)
    return {name: np.asarray(values) for name, values in figures(summed).items()}


def bootstrap_ci(
    unit_counts: NDArray[Any],
    figures: FiguresFn,
    *,
    n_resamples: int = RESAMPLES_DEFAULT,
    seed: int = SEED_DEFAULT,
    confidence: float = CONFIDENCE_DEFAULT,
) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap confidence interval of every figure.

    Args:
        unit_counts: ``(n_units, n_columns)`` counts, one row per unit.
        figures: maps summed rows to ``{name: array}`` (see module docstring).
        n_resamples: number of resamples (1,000 by default).
        seed: random seed; the same seed gives the same intervals.
        confidence: coverage of the interval (0.95 by default).

    Returns:
        ``{name: (low, high)}``.

    Raises:
        ValueError: ``n_resamples < 1`` or ``confidence`` outside (0, 1).
    """
    _check(n_resamples, confidence)
    samples = bootstrap_samples(unit_counts, figures, n_resamples=n_resamples, seed=seed)
    return _percentile_table(samples, confidence)


@dataclass(frozen=True)
class PairedResult:
    """System A minus system B on one figure.

    Attributes:
        a, b: the two systems' figures.
        delta: ``a - b``.
        ci: bootstrap confidence interval of ``delta``.
        p_bootstrap: two-sided paired-bootstrap p-value (null-centred).
        p_randomization: two-sided approximate-randomization p-value.
    """

    a: float
    b: float
    delta: float
    ci: tuple[float, float]
    p_bootstrap: float
    p_randomization: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "delta": self.delta,
            "ci": list(self.ci),
            "p_bootstrap": self.p_bootstrap,
            "p_randomization": self.p_randomization,
        }


def paired_significance(
    counts_a: NDArray[Any],
    counts_b: NDArray[Any],
    figures: FiguresFn,
    *,
    n_resamples: int = RESAMPLES_DEFAULT,
    seed: int = SEED_DEFAULT,
    confidence: float = CONFIDENCE_DEFAULT,
) -> dict[str, PairedResult]:
    """Paired bootstrap and approximate randomization tests of A against B, per figure.

    Both systems must be scored on the same units (same rows). The paired bootstrap
    resamples units once for both systems and reports
    ``p = (1 + #{|d* - d| >= |d|}) / (R + 1)``; approximate randomization swaps each
    unit's A and B counts with probability 1/2 and reports
    ``p = (1 + #{|d'| >= |d|}) / (R + 1)``.

    Raises:
        ValueError: the count matrices differ in shape.

    Example:
        >>> a = np.array([[1, 1], [1, 1], [0, 1]])
        >>> res = paired_significance(a, a, lambda s: {"acc": s[:, 0] / s[:, 1]}, n_resamples=50)
        >>> res["acc"].delta, res["acc"].p_randomization
        (0.0, 1.0)
    """
    _check(n_resamples, confidence)
    a = np.asarray(counts_a, dtype=np.float64)
    b = np.asarray(counts_b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(
            f"systems must be scored on the same units: shapes {a.shape} and {b.shape}"
        )
    total_a, total_b = a.sum(axis=0, keepdims=True), b.sum(axis=0, keepdims=True)
    fig_a, fig_b = figures(total_a), figures(total_b)
    observed = {name: float(fig_a[name][0] - fig_b[name][0]) for name in fig_a}
    rng = np.random.default_rng(seed)
    boot: dict[str, list[NDArray[np.float64]]] = {name: [] for name in observed}
    for weights in resample_weights(a.shape[0], n_resamples, rng):
        fa, fb = figures(weights @ a), figures(weights @ b)
        for name in observed:
            boot[name].append(fa[name] - fb[name])
    rand: dict[str, list[NDArray[np.float64]]] = {name: [] for name in observed}
    diff = b - a
    done = 0
    batch = max(1, min(n_resamples, _CELLS_PER_BATCH // max(1, a.shape[0])))
    while done < n_resamples:
        size = min(batch, n_resamples - done)
        swap = rng.integers(0, 2, size=(size, a.shape[0])).astype(np.float64)
        moved = swap @ diff
        fa, fb = figures(total_a + moved), figures(total_b - moved)
        for name in observed:
            rand[name].append(fa[name] - fb[name])
        done += size
    results: dict[str, PairedResult] = {}
    for name, delta in observed.items():
        d_boot = np.concatenate(boot[name])
        d_rand = np.concatenate(rand[name])
        p_boot = (1 + np.sum(np.abs(d_boot - delta) >= abs(delta) - 1e-12)) / (n_resamples + 1)
        p_rand = (1 + np.sum(np.abs(d_rand) >= abs(delta) - 1e-12)) / (n_resamples + 1)
        results[name] = PairedResult(
            float(fig_a[name][0]),
            float(fig_b[name][0]),
            delta,
            _percentiles(d_boot, confidence),
            min(1.0, float(p_boot)),
            min(1.0, float(p_rand)),
        )
    return results
