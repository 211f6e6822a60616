"""One-to-one optimal matching of gold and predicted spans, vectorized over many units.

Spans are ``[start, end)`` character (or token) offsets, end-exclusive. Two spans
*overlap* when ``a.start < b.end and b.start < a.end``. A gold span may be paired with at
most one predicted span and vice versa, and only with one it overlaps.

For each SemEval-2013 mode the pairing maximises, lexicographically, first the number of
*correct* pairs and then the number of pairs overall:

========  =====================================  =========================
mode      a pair is correct (COR) when            other overlapping pairs
========  =====================================  =========================
strict    same boundaries and same label          INC
exact     same boundaries                         INC
partial   same boundaries                         PAR
type      same label (any overlap)                INC
========  =====================================  =========================

Because the optimum's counts are unique, results never depend on input order (unlike
nervaluate's greedy first-come pairing). Overlap *components* (maximal chains of
overlapping spans inside one unit) are independent, so a component with one gold and one
predicted span is classified with array operations, and only components with several
spans on a side go through :func:`scipy.optimize.linear_sum_assignment`.

Example:
    >>> gold = SpanTable.from_tuples([(0, 0, 5, 0), (0, 10, 12, 1)])
    >>> pred = SpanTable.from_tuples([(0, 0, 5, 1), (0, 9, 12, 1)])
    >>> m = match_spans(gold, pred)
    >>> m.counts("strict", n_units=1).tolist()
    [[0, 2, 0, 0, 0]]
    >>> m.counts("type", n_units=1).tolist()
    [[1, 1, 0, 0, 0]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

MODES: tuple[str, ...] = ("strict", "exact", "partial", "type")
"""The SemEval-2013 evaluation modes, in report order."""

COUNT_FIELDS: tuple[str, ...] = ("cor", "inc", "par", "mis", "spu")
"""Columns of a count matrix: correct, incorrect, partial, missed, spurious."""

IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class SpanTable:
    """Labelled spans of many units (documents or sentences) as parallel int64 arrays.

    Attributes:
        unit: index of the unit each span belongs to (0-based).
        start: first offset, inclusive.
        end: end offset, exclusive.
        label: label index (into whatever label list the caller keeps).
    """

    unit: IntArray
    start: IntArray
    end: IntArray
    label: IntArray

    def __post_init__(self) -> None:
        n = len(self.unit)
        if not (len(self.start) == len(self.end) == len(self.label) == n):
            raise ValueError("SpanTable arrays must have the same length")

    def __len__(self) -> int:
        return len(self.unit)

    @classmethod
    def from_arrays(
        cls,
        unit: Sequence[int] | NDArray[np.integer],
        start: Sequence[int] | NDArray[np.integer],
        end: Sequence[int] | NDArray[np.integer],
        label: Sequence[int] | NDArray[np.integer],
    ) -> SpanTable:
        """Build a table from four equally long sequences (copied to int64 arrays)."""
        return cls(
            np.asarray(unit, dtype=np.int64).reshape(-1),
            np.asarray(start, dtype=np.int64).reshape(-1),
            np.asarray(end, dtype=np.int64).reshape(-1),
            np.asarray(label, dtype=np.int64).reshape(-1),
        )

    @classmethod
    def from_tuples(cls, rows: Iterable[tuple[int, int, int, int]]) -> SpanTable:
        """Build a table from ``(unit, start, end, label)`` tuples.

        Example:
            >>> len(SpanTable.from_tuples([(0, 1, 3, 0)]))
            1
        """
        array = np.asarray(list(rows), dtype=np.int64).reshape(-1, 4)
        return cls.from_arrays(array[:, 0], array[:, 1], array[:, 2], array[:, 3])

    def take(self, index: NDArray[np.integer] | NDArray[np.bool_]) -> SpanTable:
        """The sub-table of rows ``index`` (integer positions or a boolean mask)."""
        return SpanTable(self.unit[index], self.start[index], self.end[index], self.label[index])


@dataclass(frozen=True)
class SpanMatching:
    """The optimal pairing of one gold and one predicted :class:`SpanTable` in every mode.

    Attributes:
        gold: the gold spans.
        pred: the predicted spans.
        gold_match: per mode, for each gold span the index of its predicted partner or -1.
        pred_match: per mode, for each predicted span the index of its gold partner or -1.
        correct: per mode, for each gold span whether it is paired *correctly* (COR).
    """

    gold: SpanTable
    pred: SpanTable
    gold_match: dict[str, Any]
    pred_match: dict[str, Any]
    correct: dict[str, Any]

    def counts(self, mode: str, n_units: int) -> IntArray:
        """Per-unit ``COR, INC, PAR, MIS, SPU`` counts, shape ``(n_units, 5)``.

        Raises:
            ValueError: an unknown mode.
        """
        return _unit_counts(self, mode, self.gold.unit, self.pred.unit, n_units)

    def grouped_counts(
        self, mode: str, group_gold: IntArray, group_pred: IntArray, n: int
    ) -> IntArray:
        """Counts per arbitrary group (e.g. ``unit * n_labels + label``), shape ``(n, 5)``."""
        return _unit_counts(self, mode, group_gold, group_pred, n)


def _unit_counts(
    matching: SpanMatching, mode: str, group_gold: IntArray, group_pred: IntArray, n: int
) -> IntArray:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    out = np.zeros((n, len(COUNT_FIELDS)), dtype=np.int64)
    # Each gold span is missed (0), paired but not correctly (1) or correct (2); each
    # predicted span spurious (0) or paired (1): one bincount per side.
    state = (matching.gold_match[mode] >= 0).astype(np.int64)
    state += matching.correct[mode]
    gold = np.bincount(group_gold * 3 + state, minlength=3 * n)[: 3 * n].reshape(n, 3)
    pred_state = (matching.pred_match[mode] >= 0).astype(np.int64)
    pred = np.bincount(group_pred * 2 + pred_state, minlength=2 * n)[: 2 * n].reshape(n, 2)
    out[:, 0] = gold[:, 2]
    out[:, 2 if mode == "partial" else 1] = gold[:, 1]
    out[:, 3] = gold[:, 0]
    out[:, 4] = pred[:, 0]
    return out


def overlap_components(
    gold: SpanTable, pred: SpanTable, group_gold: IntArray, group_pred: IntArray
) -> tuple[IntArray, IntArray, int]:
    """Label every span with its overlap component inside its group.

    Args:
        gold, pred: the spans.
        group_gold, group_pred: group of each span (spans of different groups never
            overlap); usually the unit, or ``unit * n_labels + label`` for per-type scoring.

    Returns:
        ``(component of each gold span, component of each predicted span, n_components)``.
    """
    n_gold = len(gold)
    key = np.concatenate([group_gold, group_pred])
    start = np.concatenate([gold.start, pred.start])
    end = np.concatenate([gold.end, pred.end])
    if len(key) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, 0
    scale = int(end.max()) + 1
    # One global sweep: offsets shifted by group so that groups can never overlap. Only the
    # start order matters for the sweep, so one argsort of one int64 key is enough.
    shifted = key * scale + start
    order = np.argsort(shifted, kind="stable")
    shifted_start = shifted[order]
    shifted_end = (key * scale + end)[order]
    reach = np.maximum.accumulate(shifted_end)
    new_component = np.empty(len(order), dtype=bool)
    new_component[0] = True
    new_component[1:] = shifted_start[1:] >= reach[:-1]
    component_sorted = np.cumsum(new_component, dtype=np.int64) - 1
    component = np.empty(len(order), dtype=np.int64)
    component[order] = component_sorted
    return component[:n_gold], component[n_gold:], int(component_sorted[-1]) + 1


def _pair_weights(
    gold: SpanTable, pred: SpanTable, g_idx: IntArray, p_idx: IntArray
) -> dict[str, NDArray[np.int64]]:
    gs, ge, gl = gold.start[g_idx][:, None], gold.end[g_idx][:, None], gold.label[g_idx][:, None]
    ps, pe, pl = pred.start[p_idx][None, :], pred.end[p_idx][None, :], pred.label[p_idx][None, :]
    overlap = (gs < pe) & (ps < ge)
    same_span = (gs == ps) & (ge == pe)
    same_label = gl == pl
    # A correct pair outweighs any number of other pairs: lexicographic (COR, pairs).
    big = min(len(g_idx), len(p_idx)) + 1
    base = overlap.astype(np.int64)
    return {
        "strict": base * (1 + big * (same_span & same_label)),
        "exact": base * (1 + big * same_span),
        "type": base * (1 + big * same_label),
    }


def match_spans(
    gold: SpanTable,
    pred: SpanTable,
    *,
    group_gold: IntArray | None = None,
    group_pred: IntArray | None = None,
) -> SpanMatching:
    """Pair gold and predicted spans one-to-one, optimally, in all four modes.

    Args:
        gold: gold spans.
        pred: predicted spans.
        group_gold, group_pred: optional grouping finer than the unit (defaults to
            ``unit``); per-type scoring passes ``unit * n_labels + label``.

    Returns:
        A :class:`SpanMatching`; its ``counts(mode, n_units)`` gives COR/INC/PAR/MIS/SPU.

    Example:
        >>> gold = SpanTable.from_tuples([(0, 0, 4, 0), (0, 5, 9, 0)])
        >>> pred = SpanTable.from_tuples([(0, 0, 9, 0)])
        >>> match_spans(gold, pred).counts("partial", 1).tolist()
        [[0, 0, 1, 1, 0]]
    """
    g_group = gold.unit if group_gold is None else np.asarray(group_gold, dtype=np.int64)
    p_group = pred.unit if group_pred is None else np.asarray(group_pred, dtype=np.int64)
    g_comp, p_comp, n_comp = overlap_components(gold, pred, g_group, p_group)
    n_gold_in = np.bincount(g_comp, minlength=n_comp)
    n_pred_in = np.bincount(p_comp, minlength=n_comp)

    # Components with exactly one span on each side: the two overlap, pair them (in every
    # mode alike).
    simple = (n_gold_in == 1) & (n_pred_in == 1)
    pred_of_component = np.full(n_comp, -1, dtype=np.int64)
    pred_of_component[p_comp] = np.arange(len(pred), dtype=np.int64)
    simple_gold = np.flatnonzero(simple[g_comp])
    paired = np.full(len(gold), -1, dtype=np.int64)
    paired[simple_gold] = pred_of_component[g_comp[simple_gold]]
    gold_match = dict.fromkeys(("strict", "exact", "type"), paired)

    # Components with several spans on a side: assignment problem per component.
    complex_components = np.flatnonzero((n_gold_in >= 1) & (n_pred_in >= 1) & ~simple)
    if len(complex_components):
        gold_match = {mode: paired.copy() for mode in gold_match}
        is_complex = np.zeros(n_comp, dtype=bool)
        is_complex[complex_components] = True
        g_sel = np.flatnonzero(is_complex[g_comp])
        p_sel = np.flatnonzero(is_complex[p_comp])
        g_sel = g_sel[np.argsort(g_comp[g_sel], kind="stable")]
        p_sel = p_sel[np.argsort(p_comp[p_sel], kind="stable")]
        g_bounds = np.searchsorted(g_comp[g_sel], complex_components, side="left")
        g_ends = np.searchsorted(g_comp[g_sel], complex_components, side="right")
        p_bounds = np.searchsorted(p_comp[p_sel], complex_components, side="left")
        p_ends = np.searchsorted(p_comp[p_sel], complex_components, side="right")
        for k in range(len(complex_components)):
            g_idx = _canonical(gold, g_sel[g_bounds[k] : g_ends[k]])
            p_idx = _canonical(pred, p_sel[p_bounds[k] : p_ends[k]])
            for mode, weights in _pair_weights(gold, pred, g_idx, p_idx).items():
                from scipy.optimize import linear_sum_assignment  # only for tied spans

                rows, cols = linear_sum_assignment(weights, maximize=True)
                keep = weights[rows, cols] > 0
                gold_match[mode][g_idx[rows[keep]]] = p_idx[cols[keep]]

    gold_match["partial"] = gold_match["exact"]
    pred_match: dict[str, IntArray] = {}
    correct: dict[str, NDArray[np.bool_]] = {}
    # Per distinct pairing (one for all modes unless a component needed the assignment):
    # which pairs share boundaries, which share the label, and each predicted span's pair.
    found: dict[int, tuple[Any, Any, Any, IntArray]] = {}
    for mode in MODES:
        partner = gold_match[mode]
        if id(partner) not in found:
            matched = partner >= 0
            safe = np.where(matched, partner, 0)
            if len(pred):
                same_span = (gold.start == pred.start[safe]) & (gold.end == pred.end[safe])
                same_label = gold.label == pred.label[safe]
            else:
                same_span = same_label = np.zeros(len(gold), bool)
            pred_partner: IntArray = np.full(len(pred), -1, dtype=np.int64)
            pred_partner[partner[matched]] = np.flatnonzero(matched)
            found[id(partner)] = (matched, same_span & matched, same_label & matched, pred_partner)
        matched, same_span, same_label, back = found[id(partner)]
        if mode == "strict":
            correct[mode] = same_span & same_label
        elif mode == "type":
            correct[mode] = same_label
        else:
            correct[mode] = same_span
        pred_match[mode] = back
    return SpanMatching(gold, pred, gold_match, pred_match, correct)


def _canonical(table: SpanTable, index: IntArray) -> IntArray:
    # Sort a component's spans by (start, end, label) so that ties between equally good
    # pairings are broken the same way whatever order the input came in.
    order = np.lexsort((table.label[index], table.end[index], table.start[index]))
    return index[order]
