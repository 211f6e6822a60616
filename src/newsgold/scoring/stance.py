"""Stance scoring: sentence x target labels (SemEval-2016 F_avg) and holder triples.

**Cells.** Each document contributes one cell per annotatable sentence x declared target.
A stance lands in the sentence that contains the start of its evidence span (for a
prediction without evidence: the start of its holder span). The cell's label is the
majority polarity of the FAVOR/AGAINST stances landing in it; a tie goes to the first
stance by offset; a cell with none is ``NONE`` (GUIDELINES §5.5, as the dataset builds
it). Predicted stances that cannot be placed (author stance
without evidence) are counted as ``unplaced`` and still scored as triples.

**Figures.** From the 3x3 confusion matrix (rows gold, columns predicted, in
``STANCE_LABELS`` order): per-label precision/recall/F1, ``f_avg`` = mean of the FAVOR and
AGAINST F1 (SemEval-2016 Task 6), ``macro_f1`` over the three labels, ``accuracy``; the
same per target.

**Triples.** Per document, the sets of ``(holder span or author, target, polarity)`` for
FAVOR/AGAINST stances; a predicted triple is correct when the same triple is in the gold
(holder matched by exact span).

Example:
    >>> s = score_stance_cells(["FAVOR", "NONE", "AGAINST"], ["FAVOR", "AGAINST", "AGAINST"])
    >>> round(s.f_avg, 4), round(s.accuracy, 4)
    (0.8333, 0.6667)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsgold.scheme import STANCE_LABELS
from newsgold.scoring.prf import ZERO_DIVISION_DEFAULT, check_zero_division, prf_arrays
from newsgold.stance_targets import cell_decider

FloatArray = NDArray[np.float64]
_LABEL_INDEX = {label: i for i, label in enumerate(STANCE_LABELS)}
_POLAR = ("FAVOR", "AGAINST")


@dataclass(frozen=True)
class PlacedStance:
    """A stance reduced to what is scored.

    Attributes:
        offset: ``(start, end)`` used for placement and tie-breaking (evidence, else holder).
        sentence: sentence index it lands in, or None (unplaced).
        target: declared target id.
        label: FAVOR, AGAINST or NONE.
        holder: ``(start, end)`` of the holder mention, or None for the author.
    """

    offset: tuple[int, int] | None
    sentence: int | None
    target: str
    label: str
    holder: tuple[int, int] | None


def cell_label(stances: Sequence[PlacedStance]) -> str:
    """The label of one cell, by the rule of annotations/GUIDELINES.md §5.5.

    NONE stances are ignored; with none left the cell is ``NONE``; otherwise the majority
    of FAVOR vs AGAINST wins, and a tie goes to the polarity of the first stance by offset
    (:func:`newsgold.stance_targets.cell_decider`, which builds the gold cells too).

    Example:
        >>> a = PlacedStance((5, 9), 0, "t", "AGAINST", None)
        >>> f = PlacedStance((1, 3), 0, "t", "FAVOR", None)
        >>> cell_label([a, f])
        'FAVOR'
    """
    decider = cell_decider([(*(s.offset or (-1, -1)), s.label) for s in stances])
    return "NONE" if decider is None else stances[decider].label


def document_cells(
    sentences: Sequence[int], targets: Sequence[str], stances: Iterable[PlacedStance]
) -> dict[tuple[int, str], str]:
    """Label every (annotatable sentence, declared target) cell of one document."""
    placed: dict[tuple[int, str], list[PlacedStance]] = {}
    for stance in stances:
        if stance.sentence is not None:
            placed.setdefault((stance.sentence, stance.target), []).append(stance)
    return {(s, t): cell_label(placed.get((s, t), [])) for s in sentences for t in targets}


def triples(stances: Iterable[PlacedStance]) -> set[Hashable]:
    """The document's set of (holder span or None, target, polarity) for FAVOR/AGAINST."""
    return {(s.holder, s.target, s.label) for s in stances if s.label in _POLAR}


@dataclass(frozen=True)
class LabelScores:
    """Figures of one stance label."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class StanceFigures:
    """Cell-level stance figures (overall or for one target)."""

    f_avg: float
    macro_f1: float
    accuracy: float
    per_label: dict[str, LabelScores]
    confusion: list[list[int]]  # rows gold, columns predicted, STANCE_LABELS order
    cells: int


@dataclass(frozen=True)
class StanceScores:
    """Stance scores: overall cell figures, per target, and holder-triple P/R/F1."""

    overall: StanceFigures
    per_target: dict[str, StanceFigures]
    triple_tp: int
    triple_predicted: int
    triple_gold: int
    triple_precision: float
    triple_recall: float
    triple_f1: float


def _cell_figures(conf: NDArray[np.floating[Any]], zero_division: float) -> dict[str, FloatArray]:
    # conf: (n, 3, 3)
    tp = np.diagonal(conf, axis1=1, axis2=2)
    pred = conf.sum(axis=1)
    gold = conf.sum(axis=2)
    p, r, f = prf_arrays(tp, pred, gold, zero_division)
    total = conf.sum(axis=(1, 2))
    out = {
        "f_avg": f[:, [_LABEL_INDEX[x] for x in _POLAR]].mean(axis=1),
        "macro_f1": f.mean(axis=1),
        "accuracy": np.where(total > 0, tp.sum(axis=1) / np.maximum(total, 1), zero_division),
    }
    for label, i in _LABEL_INDEX.items():
        out[f"per_label.{label}.precision"] = p[:, i]
        out[f"per_label.{label}.recall"] = r[:, i]
        out[f"per_label.{label}.f1"] = f[:, i]
    return out


@dataclass
class StanceCounts:
    """Per-unit stance counts: confusion cells (overall and per target) and triple counts.

    Attributes:
        targets: target ids; per-target confusion blocks follow the overall one.
        unit_counts: ``(n_units, 9 + 9 * len(targets) + 3)``.
        triple_resampled: whether triple counts vary by unit (False when units are the
            sentences of one document: triples are document-level, so no interval).
        unplaced: predicted stances that could not be placed in a sentence.
    """

    targets: tuple[str, ...]
    unit_counts: NDArray[np.int64]
    triple_resampled: bool = True
    unplaced: int = 0

    def unit_matrix(self) -> NDArray[np.int64]:
        return self.unit_counts

    def figures(
        self, summed: NDArray[np.floating[Any]], zero_division: float
    ) -> dict[str, FloatArray]:
        n = summed.shape[0]
        out = _cell_figures(summed[:, :9].reshape(n, 3, 3), zero_division)
        present = self.unit_counts.sum(axis=0)
        for k, target in enumerate(self.targets):
            block = slice(9 + 9 * k, 18 + 9 * k)
            if present[block].sum() == 0:
                continue
            for name, values in _cell_figures(
                summed[:, block].reshape(n, 3, 3), zero_division
            ).items():
                if not name.startswith("per_label"):
                    out[f"per_target.{target}.{name}"] = values
        tp, pred, gold = summed[:, -3], summed[:, -2], summed[:, -1]
        # Document-level triples on sentence units have no interval and no paired test:
        # the same keys for every batch size, so resampling and `compare` see one schema.
        if self.triple_resampled:
            p, r, f = prf_arrays(tp, pred, gold, zero_division)
            out["triple.precision"], out["triple.recall"], out["triple.f1"] = p, r, f
        return out

    def scores(self, zero_division: float = ZERO_DIVISION_DEFAULT) -> StanceScores:
        """Point scores over all units."""
        zero_division = check_zero_division(zero_division)
        total = self.unit_counts.sum(axis=0)
        fig = {
            k: float(v[0])
            for k, v in self.figures(total[None, :].astype(np.float64), zero_division).items()
        }

        def block(conf: NDArray[np.int64], prefix: str) -> StanceFigures:
            per_label = {
                label: LabelScores(
                    fig.get(f"per_label.{label}.precision", 0.0) if not prefix else 0.0,
                    fig.get(f"per_label.{label}.recall", 0.0) if not prefix else 0.0,
                    fig.get(f"per_label.{label}.f1", 0.0) if not prefix else 0.0,
                    int(conf[i].sum()),
                )
                for label, i in _LABEL_INDEX.items()
            }
            if prefix:  # per-target label figures straight from the block
                p, r, f = prf_arrays(
                    np.diagonal(conf), conf.sum(axis=0), conf.sum(axis=1), zero_division
                )
                per_label = {
                    label: LabelScores(float(p[i]), float(r[i]), float(f[i]), int(conf[i].sum()))
                    for label, i in _LABEL_INDEX.items()
                }
            return StanceFigures(
                fig[f"{prefix}f_avg"],
                fig[f"{prefix}macro_f1"],
                fig[f"{prefix}accuracy"],
                per_label,
                conf.tolist(),
                int(conf.sum()),
            )

        per_target = {}
        for k, target in enumerate(self.targets):
            conf = total[9 + 9 * k : 18 + 9 * k].reshape(3, 3)
            if conf.sum():
                per_target[target] = block(conf, f"per_target.{target}.")
        tp, pred, gold = (int(x) for x in total[-3:])
        p, r, f = (float(x) for x in prf_arrays(tp, pred, gold, zero_division))
        return StanceScores(block(total[:9].reshape(3, 3), ""), per_target, tp, pred, gold, p, r, f)


def stance_unit_row(
    gold_cells: dict[tuple[int, str], str],
    pred_cells: dict[tuple[int, str], str],
    targets: Sequence[str],
    gold_triples: set[Hashable],
    pred_triples: set[Hashable],
) -> NDArray[np.int64]:
    """One unit's count row from its cells (same keys on both sides) and triples."""
    target_index = {t: k for k, t in enumerate(targets)}
    row = np.zeros(9 + 9 * len(targets) + 3, dtype=np.int64)
    for key, gold_label in gold_cells.items():
        cell = 3 * _LABEL_INDEX[gold_label] + _LABEL_INDEX[pred_cells[key]]
        row[cell] += 1
        row[9 + 9 * target_index[key[1]] + cell] += 1
    row[-3:] = (len(gold_triples & pred_triples), len(pred_triples), len(gold_triples))
    return row


def score_stance_cells(
    gold_labels: Sequence[str],
    pred_labels: Sequence[str],
    *,
    zero_division: float = ZERO_DIVISION_DEFAULT,
) -> StanceFigures:
    """Cell-level figures for aligned gold and predicted label sequences.

    Raises:
        ValueError: sequences of different lengths or an unknown label.
    """
    if len(gold_labels) != len(pred_labels):
        raise ValueError(f"{len(gold_labels)} gold labels but {len(pred_labels)} predicted labels")
    conf = np.zeros((3, 3), dtype=np.int64)
    for g, p in zip(gold_labels, pred_labels, strict=True):
        if g not in _LABEL_INDEX or p not in _LABEL_INDEX:
            raise ValueError(f"stance labels must be {', '.join(STANCE_LABELS)}; got {g!r}, {p!r}")
        conf[_LABEL_INDEX[g], _LABEL_INDEX[p]] += 1
    counts = StanceCounts((), np.concatenate([conf.reshape(-1), [0, 0, 0]])[None, :])
    return counts.scores(zero_division).overall


def score_stance(
    gold: Sequence[PlacedStance],
    pred: Sequence[PlacedStance],
    sentences: Sequence[int],
    targets: Sequence[str],
    *,
    zero_division: float = ZERO_DIVISION_DEFAULT,
) -> StanceScores:
    """Score one document's predicted stances against its gold stances.

    Args:
        gold, pred: placed stances (see :class:`PlacedStance`).
        sentences: the document's annotatable sentence indices.
        targets: the document's declared target ids.
        zero_division: value of an undefined figure (0, 1 or NaN), as in scikit-learn.
    """
    row = stance_unit_row(
        document_cells(sentences, targets, gold),
        document_cells(sentences, targets, pred),
        targets,
        triples(gold),
        triples(pred),
    )
    return StanceCounts(tuple(targets), row[None, :]).scores(zero_division)
