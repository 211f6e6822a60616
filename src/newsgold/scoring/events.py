"""Event scoring: triggers, arguments attached to their trigger, realis, QuadClass.

Definitions (TextEE's, with arguments attached to a *classified* trigger):

``trigger_identification``   a predicted trigger is correct when its span ``[start, end)``
                             equals a gold trigger's span.
``trigger_classification``   span and CAMEO type both equal.
``trigger_realis``           span, type and realis all equal (TAC-KBP style).
``quad_class``               span and QuadClass (verbal/material cooperation/conflict) equal.
``argument_identification``  the tuple (trigger span, event type, argument span) equals a
                             gold argument's: an argument only counts when its trigger is
                             correctly *classified*.
``argument_classification``  the same tuple plus the role.
``realis accuracy``          trigger_realis matches / trigger_classification matches.

Matching is multiset intersection of these tuples per unit, so it is one-to-one and
independent of input order. Counts are kept per unit for the bootstrap.

Example:
    >>> gold = [EventTuple(0, 4, "04", "ACTUAL", (("SOURCE", 10, 15),))]
    >>> pred = [EventTuple(0, 4, "04", "OTHER", (("TARGET", 10, 15),))]
    >>> s = score_events(gold, pred)
    >>> t = s.tasks
    >>> t["argument_identification"].f1, t["argument_classification"].f1, s.realis_accuracy
    (1.0, 0.0, 0.0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsgold.scheme import EVENT_TYPES, QUAD_CLASSES, ROLE_LABELS, quad_class
from newsgold.scoring.prf import ZERO_DIVISION_DEFAULT, check_zero_division, prf_arrays

TASKS: tuple[str, ...] = (
    "trigger_identification",
    "trigger_classification",
    "trigger_realis",
    "quad_class",
    "argument_identification",
    "argument_classification",
)
FloatArray = NDArray[np.float64]


@dataclass(frozen=True, order=True)
class EventTuple:
    """An event reduced to what is scored: trigger span, type, realis, (role, start, end) args."""

    start: int
    end: int
    type: str
    realis: str | None
    arguments: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class PRF:
    """True positives, predicted and gold counts with precision, recall and F1."""

    tp: int
    predicted: int
    gold: int
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.predicted - self.tp,
            "fn": self.gold - self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class EventScores:
    """Event figures: per task, realis accuracy, per type, per QuadClass and per role."""

    tasks: dict[str, PRF]
    realis_accuracy: float | None
    per_type: dict[str, PRF]
    per_quad_class: dict[str, PRF]
    per_role: dict[str, PRF]


def _keys(events: Sequence[EventTuple]) -> dict[str, list[Hashable]]:
    keys: dict[str, list[Hashable]] = {task: [] for task in TASKS}
    for e in events:
        keys["trigger_identification"].append((e.start, e.end))
        keys["trigger_classification"].append((e.start, e.end, e.type))
        keys["trigger_realis"].append((e.start, e.end, e.type, e.realis))
        keys["quad_class"].append((e.start, e.end, quad_class(e.type)))
        for role, a_start, a_end in e.arguments:
            keys["argument_identification"].append((e.start, e.end, e.type, a_start, a_end))
            keys["argument_classification"].append((e.start, e.end, e.type, a_start, a_end, role))
    return keys


def _tp(gold: Counter[Hashable], pred: Counter[Hashable]) -> int:
    return sum((gold & pred).values())


# Column layout of one unit's count row.
_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("task", TASKS),
    ("type", EVENT_TYPES),
    ("quad", QUAD_CLASSES),
    ("role", ROLE_LABELS),
)


def _unit_row(gold: Sequence[EventTuple], pred: Sequence[EventTuple]) -> list[int]:
    gk, pk = _keys(gold), _keys(pred)
    row: list[int] = []
    for task in TASKS:
        g, p = Counter(gk[task]), Counter(pk[task])
        row += [_tp(g, p), sum(p.values()), sum(g.values())]
    tc_g, tc_p = Counter(gk["trigger_classification"]), Counter(pk["trigger_classification"])
    for event_type in EVENT_TYPES:
        g = Counter({k: v for k, v in tc_g.items() if k[2] == event_type})  # type: ignore[index]
        p = Counter({k: v for k, v in tc_p.items() if k[2] == event_type})  # type: ignore[index]
        row += [_tp(g, p), sum(p.values()), sum(g.values())]
    q_g, q_p = Counter(gk["quad_class"]), Counter(pk["quad_class"])
    for quad in QUAD_CLASSES:
        g = Counter({k: v for k, v in q_g.items() if k[2] == quad})  # type: ignore[index]
        p = Counter({k: v for k, v in q_p.items() if k[2] == quad})  # type: ignore[index]
        row += [_tp(g, p), sum(p.values()), sum(g.values())]
    ac_g, ac_p = Counter(gk["argument_classification"]), Counter(pk["argument_classification"])
    for role in ROLE_LABELS:
        g = Counter({k: v for k, v in ac_g.items() if k[5] == role})  # type: ignore[index]
        p = Counter({k: v for k, v in ac_p.items() if k[5] == role})  # type: ignore[index]
        row += [_tp(g, p), sum(p.values()), sum(g.values())]
    row.append(sum(1 for e in pred if e.realis is not None))
    return row


@dataclass
class EventCounts:
    """Per-unit event counts: ``(n_units, n_columns)``; see :meth:`figures`."""

    unit_counts: NDArray[np.int64]

    @property
    def n_units(self) -> int:
        return int(self.unit_counts.shape[0])

    def unit_matrix(self) -> NDArray[np.int64]:
        return self.unit_counts

    def figures(
        self, summed: NDArray[np.floating[Any]], zero_division: float
    ) -> dict[str, FloatArray]:
        """Figures: ``{"trigger_classification.f1": array, "per_type.04.f1": ...}``."""
        out: dict[str, FloatArray] = {}
        col = 0
        present = self.unit_counts.sum(axis=0)
        for group, names in _GROUPS:
            for name in names:
                tp, pred, gold = summed[:, col], summed[:, col + 1], summed[:, col + 2]
                has_items = present[col + 1] + present[col + 2] > 0
                col += 3
                if group != "task" and not has_items:
                    continue
                p, r, f = prf_arrays(tp, pred, gold, zero_division)
                prefix = (
                    name
                    if group == "task"
                    else f"per_{'quad_class' if group == 'quad' else group}.{name}"
                )
                out[f"{prefix}.precision"], out[f"{prefix}.recall"], out[f"{prefix}.f1"] = p, r, f
        tc_tp = summed[:, TASKS.index("trigger_classification") * 3]
        realis_tp = summed[:, TASKS.index("trigger_realis") * 3]
        if present[-1] > 0:
            out["realis_accuracy"] = np.where(
                tc_tp > 0, realis_tp / np.maximum(tc_tp, 1), zero_division
            )
        return out

    def scores(self, zero_division: float = ZERO_DIVISION_DEFAULT) -> EventScores:
        """Point scores over all units."""
        zero_division = check_zero_division(zero_division)
        total = self.unit_counts.sum(axis=0)
        figures = {
            k: float(v[0])
            for k, v in self.figures(total[None, :].astype(np.float64), zero_division).items()
        }
        groups: dict[str, dict[str, PRF]] = {}
        col = 0
        for group, names in _GROUPS:
            groups[group] = {}
            for name in names:
                tp, pred, gold = (int(x) for x in total[col : col + 3])
                col += 3
                prefix = (
                    name
                    if group == "task"
                    else f"per_{'quad_class' if group == 'quad' else group}.{name}"
                )
                if f"{prefix}.f1" in figures:
                    groups[group][name] = PRF(
                        tp,
                        pred,
                        gold,
                        figures[f"{prefix}.precision"],
                        figures[f"{prefix}.recall"],
                        figures[f"{prefix}.f1"],
                    )
        return EventScores(
            tasks=groups["task"],
            realis_accuracy=figures.get("realis_accuracy"),
            per_type=groups["type"],
            per_quad_class=groups["quad"],
            per_role=groups["role"],
        )


def event_counts(
    gold_units: Iterable[Sequence[EventTuple]], pred_units: Iterable[Sequence[EventTuple]]
) -> EventCounts:
    """Count every task per unit; the two iterables are aligned unit by unit.

    Example:
        >>> e = [EventTuple(0, 3, "11", "ACTUAL")]
        >>> event_counts([e], [e]).scores().tasks["trigger_classification"].f1
        1.0
    """
    rows = [_unit_row(g, p) for g, p in zip(gold_units, pred_units, strict=True)]
    width = 3 * sum(len(names) for _, names in _GROUPS) + 1
    return EventCounts(np.asarray(rows, dtype=np.int64).reshape(-1, width))


def score_events(
    gold: Sequence[EventTuple],
    pred: Sequence[EventTuple],
    *,
    zero_division: float = ZERO_DIVISION_DEFAULT,
) -> EventScores:
    """Score one unit's predicted events against its gold events.

    Args:
        gold, pred: :class:`EventTuple` lists (arguments resolved to spans).
        zero_division: value of an undefined figure (0, 1 or NaN), as in scikit-learn.

    Returns:
        :class:`EventScores`.
    """
    return event_counts([gold], [pred]).scores(zero_division)
