"""Entity scoring: the four SemEval-2013 modes with COR/INC/PAR/MIS/SPU counts.

Precision and recall follow nervaluate's definitions for each mode::

    POS = COR + INC + PAR + MIS        (gold)
    ACT = COR + INC + PAR + SPU        (predicted)
    strict, exact, type:  P = COR / ACT,              R = COR / POS
    partial:              P = (COR + 0.5 PAR) / ACT,  R = (COR + 0.5 PAR) / POS

Per-type figures score the sub-problem of one type (gold and predicted spans of that
type only), as seqeval and nervaluate >= 1.0 do; so a wrong-type prediction is an INC in
the overall counts but a MIS of the gold type and a SPU of the predicted type per type.
Macro figures are the unweighted mean of the per-type figures over the types present in
the gold or the predictions (seqeval's ``average='macro'``).

Counts are kept per unit (document or sentence) so that bootstrap resampling
(:mod:`newsgold.scoring.bootstrap`) never re-runs the matching.

Example:
    >>> scores = score_entities([(0, 5, "PER")], [(0, 5, "PER"), (7, 9, "ORG")])
    >>> scores["strict"].micro.f1
    0.6666666666666666
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsgold.scoring.matching import COUNT_FIELDS, MODES, SpanMatching, SpanTable, match_spans
from newsgold.scoring.prf import ZERO_DIVISION_DEFAULT, check_zero_division, prf_arrays

FloatArray = NDArray[np.float64]
_PARTIAL_WEIGHT = {"strict": 0.0, "exact": 0.0, "partial": 0.5, "type": 0.0}


@dataclass(frozen=True)
class ModeScores:
    """Counts and figures of one mode (overall or for one type).

    ``possible`` is the number of gold spans, ``actual`` the number of predicted spans.
    """

    cor: int
    inc: int
    par: int
    mis: int
    spu: int
    precision: float
    recall: float
    f1: float

    @property
    def possible(self) -> int:
        return self.cor + self.inc + self.par + self.mis

    @property
    def actual(self) -> int:
        return self.cor + self.inc + self.par + self.spu

    def to_dict(self) -> dict[str, Any]:
        return {
            "cor": self.cor,
            "inc": self.inc,
            "par": self.par,
            "mis": self.mis,
            "spu": self.spu,
            "possible": self.possible,
            "actual": self.actual,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class ModeResult:
    """One mode: micro figures, macro figures and per-type figures."""

    micro: ModeScores
    macro_precision: float
    macro_recall: float
    macro_f1: float
    per_type: dict[str, ModeScores]


@dataclass(frozen=True)
class EntityScores:
    """Entity scores in the four modes; ``scores["strict"].micro.f1`` and so on."""

    modes: dict[str, ModeResult]

    def __getitem__(self, mode: str) -> ModeResult:
        return self.modes[mode]


def _figures_from_counts(
    counts: NDArray[np.floating[Any]] | NDArray[np.integer[Any]], mode: str, zero_division: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    c = np.asarray(counts, dtype=np.float64)
    cor, inc, par, mis, spu = (c[..., i] for i in range(5))
    credit = cor + _PARTIAL_WEIGHT[mode] * par
    return prf_arrays(credit, cor + inc + par + spu, cor + inc + par + mis, zero_division)


@dataclass
class EntityCounts:
    """Per-unit entity counts in every mode, the cache every statistic is computed from.

    Attributes:
        labels: label names; column ``i`` of ``per_type`` is ``labels[i]``.
        micro: shape ``(n_units, 4, 5)``: unit x mode (``MODES`` order) x COR..SPU.
        per_type: shape ``(n_units, n_labels, 4, 5)``.
        matching: the overall matching (used for per-instance errors).
    """

    labels: tuple[str, ...]
    micro: NDArray[np.int64]
    per_type: NDArray[np.int64]
    matching: SpanMatching | None = field(default=None, repr=False)
    present_override: NDArray[np.bool_] | None = None  # fixed macro classes (paired tests)

    @property
    def n_units(self) -> int:
        return int(self.micro.shape[0])

    def present_labels(self) -> NDArray[np.bool_]:
        """Labels with at least one gold or predicted span (the macro average's classes)."""
        if self.present_override is not None:
            return self.present_override
        totals = self.per_type.sum(axis=0)[:, 0, :]  # strict mode, every count
        return np.asarray(totals.sum(axis=1) > 0)

    def unit_matrix(self) -> NDArray[np.int64]:
        """All counts flattened to one row per unit, for resampling."""
        return np.concatenate(
            [self.micro.reshape(self.n_units, -1), self.per_type.reshape(self.n_units, -1)], axis=1
        )

    def figures(
        self, summed: NDArray[np.floating[Any]], zero_division: float
    ) -> dict[str, FloatArray]:
        """Every headline figure from summed count rows (``unit_matrix`` columns).

        Args:
            summed: shape ``(n_samples, n_columns)``: unit rows summed (or resampled).
            zero_division: value of an undefined figure.

        Returns:
            ``{"strict.f1": array(n), "strict.macro_f1": ..., "strict.per_type.PER.f1": ...}``.
        """
        n = summed.shape[0]
        n_modes, n_fields = len(MODES), len(COUNT_FIELDS)
        micro = summed[:, : n_modes * n_fields].reshape(n, n_modes, n_fields)
        per_type = summed[:, n_modes * n_fields :].reshape(n, len(self.labels), n_modes, n_fields)
        present = self.present_labels()
        out: dict[str, FloatArray] = {}
        for m, mode in enumerate(MODES):
            p, r, f = _figures_from_counts(micro[:, m, :], mode, zero_division)
            out[f"{mode}.precision"], out[f"{mode}.recall"], out[f"{mode}.f1"] = p, r, f
            tp, tr, tf = _figures_from_counts(per_type[:, :, m, :], mode, zero_division)
            if present.any():
                out[f"{mode}.macro_precision"] = tp[:, present].mean(axis=1)
                out[f"{mode}.macro_recall"] = tr[:, present].mean(axis=1)
                out[f"{mode}.macro_f1"] = tf[:, present].mean(axis=1)
            else:
                for name in ("macro_precision", "macro_recall", "macro_f1"):
                    out[f"{mode}.{name}"] = np.full(n, zero_division)
            for i in np.flatnonzero(present):
                label = self.labels[i]
                out[f"{mode}.per_type.{label}.precision"] = tp[:, i]
                out[f"{mode}.per_type.{label}.recall"] = tr[:, i]
                out[f"{mode}.per_type.{label}.f1"] = tf[:, i]
        return out

    def scores(self, zero_division: float = ZERO_DIVISION_DEFAULT) -> EntityScores:
        """Point scores over all units.

        Example:
            >>> counts = entity_counts(
            ...     SpanTable.from_tuples([(0, 0, 2, 0)]), SpanTable.from_tuples([]), 1, ("PER",))
            >>> counts.scores()["exact"].micro.mis
            1
        """
        zero_division = check_zero_division(zero_division)
        total = self.unit_matrix().sum(axis=0, keepdims=True).astype(np.float64)
        figures = {k: float(v[0]) for k, v in self.figures(total, zero_division).items()}
        micro_total = self.micro.sum(axis=0)
        type_total = self.per_type.sum(axis=0)
        present = self.present_labels()
        modes: dict[str, ModeResult] = {}
        for m, mode in enumerate(MODES):
            per_type = {
                self.labels[i]: _mode_scores(
                    type_total[i, m], figures, f"{mode}.per_type.{self.labels[i]}."
                )
                for i in np.flatnonzero(present)
            }
            modes[mode] = ModeResult(
                micro=_mode_scores(micro_total[m], figures, f"{mode}."),
                macro_precision=figures[f"{mode}.macro_precision"],
                macro_recall=figures[f"{mode}.macro_recall"],
                macro_f1=figures[f"{mode}.macro_f1"],
                per_type=per_type,
            )
        return EntityScores(modes)


def _mode_scores(
    counts: NDArray[np.int64], figures: Mapping[str, float], prefix: str
) -> ModeScores:
    cor, inc, par, mis, spu = (int(x) for x in counts)
    return ModeScores(
        cor,
        inc,
        par,
        mis,
        spu,
        figures[prefix + "precision"],
        figures[prefix + "recall"],
        figures[prefix + "f1"],
    )


def entity_counts(
    gold: SpanTable, pred: SpanTable, n_units: int, labels: Sequence[str]
) -> EntityCounts:
    """Match gold and predicted spans of many units and count per unit, mode and type.

    Args:
        gold, pred: spans; ``label`` columns index into ``labels``; ``unit`` columns are
            ``0 .. n_units - 1``.
        n_units: number of units (documents or sentences), including empty ones.
        labels: the label names.

    Returns:
        The :class:`EntityCounts` cache.

    Example:
        >>> g = SpanTable.from_tuples([(0, 0, 2, 0)])
        >>> entity_counts(g, g, 1, ("PER",)).micro[0, 0].tolist()
        [1, 0, 0, 0, 0]
    """
    n_labels = len(labels)
    overall = match_spans(gold, pred)
    micro = np.stack([overall.counts(mode, n_units) for mode in MODES], axis=1)
    group_gold = gold.unit * n_labels + gold.label
    group_pred = pred.unit * n_labels + pred.label
    by_type = match_spans(gold, pred, group_gold=group_gold, group_pred=group_pred)
    n_groups = n_units * n_labels
    per_type = np.stack(
        [by_type.grouped_counts(mode, group_gold, group_pred, n_groups) for mode in MODES], axis=1
    )  # (groups, modes, fields)
    per_type = per_type.reshape(n_units, n_labels, len(MODES), len(COUNT_FIELDS))
    return EntityCounts(tuple(labels), micro, per_type, overall)


def spans_to_table(
    units: Iterable[Iterable[tuple[int, int, str]]], labels: Sequence[str]
) -> SpanTable:
    """Turn per-unit lists of ``(start, end, label)`` into a :class:`SpanTable`.

    Raises:
        ValueError: a label not in ``labels``.
    """
    index = {label: i for i, label in enumerate(labels)}
    rows: list[tuple[int, int, int, int]] = []
    for u, spans in enumerate(units):
        for start, end, label in spans:
            if label not in index:
                raise ValueError(f"unknown label {label!r}; expected one of {', '.join(labels)}")
            rows.append((u, int(start), int(end), index[label]))
    return SpanTable.from_tuples(rows)


def score_entities(
    gold_spans: Iterable[tuple[int, int, str]] | Iterable[Any],
    pred_spans: Iterable[tuple[int, int, str]] | Iterable[Any],
    *,
    zero_division: float = ZERO_DIVISION_DEFAULT,
) -> EntityScores:
    """Score one unit's predicted entity spans against its gold spans, in all four modes.

    Args:
        gold_spans: ``(start, end, label)`` tuples or objects with ``start``, ``end`` and
            ``label`` attributes (e.g. :class:`~newsgold.records.EntityMention`).
        pred_spans: the same for the predictions (or a second annotator).
        zero_division: value of an undefined figure (0, 1 or NaN), as in scikit-learn.

    Returns:
        :class:`EntityScores`; ``scores["partial"].micro.par`` etc.

    Example:
        >>> s = score_entities([(0, 4, "ORG")], [(0, 3, "ORG")])
        >>> (s["partial"].micro.par, s["partial"].micro.f1)
        (1, 0.5)
    """
    gold = [_as_tuple(s) for s in gold_spans]
    pred = [_as_tuple(s) for s in pred_spans]
    labels = tuple(sorted({s[2] for s in gold} | {s[2] for s in pred}))
    counts = entity_counts(
        spans_to_table([gold], labels), spans_to_table([pred], labels), 1, labels
    )
    return counts.scores(zero_division)


def _as_tuple(span: Any) -> tuple[int, int, str]:
    if isinstance(span, tuple):
        start, end, label = span
        return int(start), int(end), str(label)
    return int(span.start), int(span.end), str(span.label)
