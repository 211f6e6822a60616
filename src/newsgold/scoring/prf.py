"""Precision, recall and F1 from counts, vectorized, with scikit-learn's ``zero_division``.

Every scorer in :mod:`newsgold.scoring` turns counts into figures here, so the
zero-division convention is defined once:

* precision = credit / predicted, and ``zero_division`` when nothing was predicted;
* recall = credit / gold, and ``zero_division`` when there is no gold;
* F1 = 2PR / (P + R), ``0`` when P + R = 0, and ``zero_division`` when there is neither
  gold nor prediction (scikit-learn's ``f1_score`` convention since 1.3).

``credit`` is the number of correct items (``COR``), or ``COR + 0.5 * PAR`` in the
SemEval-2013 ``partial`` mode.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

ZERO_DIVISION_DEFAULT = 0.0
"""The value a figure takes when its denominator is zero (scikit-learn's default is 0)."""


def check_zero_division(zero_division: float) -> float:
    """Validate a ``zero_division`` value: 0, 1 or NaN, as scikit-learn accepts.

    Raises:
        ValueError: any other value.

    Example:
        >>> check_zero_division(1)
        1.0
    """
    value = float(zero_division)
    if not (value in (0.0, 1.0) or math.isnan(value)):
        raise ValueError(
            f"zero_division must be 0, 1 or nan (as in scikit-learn), got {zero_division!r}"
        )
    return value


def safe_divide(
    numerator: ArrayLike, denominator: ArrayLike, zero_division: float
) -> NDArray[np.float64]:
    """``numerator / denominator`` elementwise, ``zero_division`` where the denominator is 0.

    Example:
        >>> safe_divide([1, 0], [2, 0], 0.0).tolist()
        [0.5, 0.0]
    """
    num = np.asarray(numerator, dtype=np.float64)
    den = np.asarray(denominator, dtype=np.float64)
    out = np.full(np.broadcast(num, den).shape, zero_division, dtype=np.float64)
    np.divide(num, den, out=out, where=den != 0)
    return out


def prf_arrays(
    credit: ArrayLike, predicted: ArrayLike, gold: ArrayLike, zero_division: float
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Precision, recall and F1 arrays from credit, predicted-count and gold-count arrays.

    Args:
        credit: correct items (may be fractional in ``partial`` mode).
        predicted: number of predicted items (the SemEval ``ACT``).
        gold: number of gold items (the SemEval ``POS``).
        zero_division: value for an undefined figure (0, 1 or NaN).

    Returns:
        ``(precision, recall, f1)``, each shaped like the broadcast inputs.

    Example:
        >>> p, r, f = prf_arrays(1, 2, 4, 0.0)
        >>> float(p), float(r), round(float(f), 4)
        (0.5, 0.25, 0.3333)
    """
    credit_a = np.asarray(credit, dtype=np.float64)
    pred_a = np.asarray(predicted, dtype=np.float64)
    gold_a = np.asarray(gold, dtype=np.float64)
    precision = safe_divide(credit_a, pred_a, zero_division)
    recall = safe_divide(credit_a, gold_a, zero_division)
    total = precision + recall
    f1 = np.zeros(np.broadcast(precision, recall).shape, dtype=np.float64)
    np.divide(2 * precision * recall, total, out=f1, where=total > 0)
    # Neither gold nor prediction: the F-score itself is undefined (scikit-learn >= 1.3).
    f1 = np.where((pred_a == 0) & (gold_a == 0), zero_division, f1)
    return precision, recall, f1


def prf(
    credit: float, predicted: float, gold: float, zero_division: float
) -> tuple[float, float, float]:
    """Scalar version of :func:`prf_arrays`.

    Example:
        >>> prf(0, 0, 0, 1.0)
        (1.0, 1.0, 1.0)
    """
    p, r, f = prf_arrays(credit, predicted, gold, zero_division)
    return float(p), float(r), float(f)
