"""Headline figures read back from score reports: what the leaderboard ranks and the
report shows.

A score report is ``Report.to_dict()`` (as written to ``evaluate/scores/<split>/<system>.json``);
nothing here scores or reads a file. The headline figures per layer
(:data:`LEADERBOARD_METRICS`), the first of each layer being the one systems are ranked by:

- entities: strict micro F1, partial micro F1;
- events: trigger classification F1, argument classification F1;
- stance: F_avg (SemEval-2016: mean F1 of FAVOR and AGAINST), holder-triple F1.

Example:
    >>> report = {"entities": {"strict": {"f1": 0.5, "ci": {"f1": [0.25, 0.75]}},
    ...                        "partial": {"f1": 0.625}}}
    >>> [(f.metric, f.value, f.low) for f in headline_rows(SystemScores("mine", report))]
    [('strict F1', 0.5, 0.25), ('partial F1', 0.625, None)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsgold.errors import InputError
from newsgold.jsonfile import short_repr


@dataclass(frozen=True)
class Metric:
    """Where a headline figure lives in a report dict: ``report[layer][*path][figure]``."""

    name: str
    path: tuple[str, ...]
    figure: str


LEADERBOARD_METRICS: dict[str, tuple[Metric, ...]] = {
    "entities": (
        Metric("strict F1", ("strict",), "f1"),
        Metric("partial F1", ("partial",), "f1"),
    ),
    "events": (
        Metric("trigger classification F1", ("trigger_classification",), "f1"),
        Metric("argument classification F1", ("argument_classification",), "f1"),
    ),
    "stance": (
        Metric("F_avg", (), "f_avg"),
        Metric("triple F1", ("triples",), "f1"),
    ),
}


RANKED_SPLIT = "test"
"""The split systems are ranked on."""

SPLIT_ORDER: tuple[str, ...] = ("test", "dev")
"""Splits in the order the leaderboard shows them (others follow, sorted)."""


def percent(value: float | None) -> str:
    """A fraction as a percent with two decimals; ``–`` for a figure that is undefined.

    Example:
        >>> percent(0.8123), percent(None)
        ('81.23', '–')
    """
    return "–" if value is None else f"{100 * value:.2f}"


def split_order(split: str) -> tuple[int, str]:
    """Sort key: ``test``, ``dev``, then any other split by name."""
    return (SPLIT_ORDER.index(split) if split in SPLIT_ORDER else len(SPLIT_ORDER), split)


@dataclass(frozen=True)
class SystemScores:
    """A system's name with its score report dict (``Report.to_dict()``) on one split."""

    name: str
    report: Mapping[str, Any]
    split: str = RANKED_SPLIT


@dataclass(frozen=True)
class Figure:
    """One figure with its 95% CI (``None`` when the report has no interval)."""

    layer: str
    metric: str
    value: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class TypeScore:
    """F1 of one type (entity type or CAMEO root) with its CI."""

    label: str
    f1: float
    low: float | None
    high: float | None


def _block(report: Mapping[str, Any], layer: str, path: Sequence[str]) -> Mapping[str, Any]:
    block = report.get(layer)
    for key in path:
        if not isinstance(block, Mapping) or key not in block:
            raise InputError(
                f"score report has no {'.'.join([layer, *path])}; expected the layout of "
                "newsgold.scoring.report.Report.to_dict()",
                field=".".join([layer, *path]),
            )
        block = block[key]
    if not isinstance(block, Mapping):
        raise InputError(f"score report field {layer} is not an object", field=layer)
    return block


def _number(value: Any, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"expected a number or null, got {short_repr(value)}", field=field)
    return float(value)


def _figure(block: Mapping[str, Any], name: str) -> tuple[float | None, float | None, float | None]:
    value = _number(block.get(name), name)
    intervals = block.get("ci") or {}
    if not isinstance(intervals, Mapping):
        raise InputError(f"expected an object, got {short_repr(intervals)}", field="ci")
    ci = intervals.get(name)
    if ci is None:
        return value, None, None
    if not isinstance(ci, list) or len(ci) != 2:
        raise InputError(f"expected [low, high], got {short_repr(ci)}", field=f"ci.{name}")
    return value, _number(ci[0], f"ci.{name}"), _number(ci[1], f"ci.{name}")


def scored_layers(report: Mapping[str, Any]) -> tuple[str, ...]:
    """The layers a report scored (its layer block is not null), in pipeline order."""
    return tuple(layer for layer in LEADERBOARD_METRICS if report.get(layer) is not None)


def headline_rows(system: SystemScores) -> list[Figure]:
    """The headline figures of every layer the system's report scored.

    Raises:
        InputError: the report lacks a figure the leaderboard needs.
    """
    rows = []
    for layer in scored_layers(system.report):
        for metric in LEADERBOARD_METRICS[layer]:
            value, low, high = _figure(_block(system.report, layer, metric.path), metric.figure)
            rows.append(Figure(layer, metric.name, value, low, high))
    return rows


def per_type_figures(system: SystemScores, layer: str) -> list[TypeScore]:
    """Per-type F1 with CI: entity types (strict mode) or CAMEO roots, sorted by label.

    Types with neither gold nor predicted mentions are left out.
    """
    if system.report.get(layer) is None:
        return []
    if layer == "entities":
        per_type = _typed_blocks(_block(system.report, "entities", ("strict", "per_type")))
        sizes = {k: (v.get("possible", 0), v.get("actual", 0)) for k, v in per_type.items()}
    elif layer == "events":
        per_type = _typed_blocks(_block(system.report, "events", ("per_type",)))
        sizes = {k: (v.get("gold", 0), v.get("predicted", 0)) for k, v in per_type.items()}
    else:
        raise ValueError(f"per-type figures exist for entities and events, not {layer!r}")
    result = []
    for label in sorted(per_type):
        if sizes[label] == (0, 0):
            continue
        value, low, high = _figure(per_type[label], "f1")
        result.append(TypeScore(label, 0.0 if value is None else value, low, high))
    return result


def _typed_blocks(per_type: Mapping[str, Any]) -> Mapping[str, Mapping[str, Any]]:
    for label, block in per_type.items():
        if not isinstance(block, Mapping):
            raise InputError(f"expected an object, got {short_repr(block)}", field=label)
    return per_type
