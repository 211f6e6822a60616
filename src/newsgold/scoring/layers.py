"""Report assembly shared by every scorer: per-layer counts -> :class:`Report`.

A scorer (documents and spans in :mod:`newsgold.scoring.api`, tag sequences in
:mod:`newsgold.scoring.tags`) fills a :class:`LayerCounts`; :func:`build_report` turns it
into point scores, bootstrap intervals and a signature per layer. Nothing here reads a
file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from newsgold._version import __version__
from newsgold.scoring.bootstrap import bootstrap_ci
from newsgold.scoring.report import Report, signature

if TYPE_CHECKING:  # annotations only: tag scoring loads no event or stance code
    from newsgold.scoring.entities import EntityCounts
    from newsgold.scoring.events import EventCounts
    from newsgold.scoring.stance import StanceCounts


@dataclass
class LayerCounts:
    """Every layer's per-unit counts for one system, plus what is needed for errors."""

    units: str  # "documents" or "sentences"
    n_units: int
    entities: EntityCounts | None = None
    events: EventCounts | None = None
    stance: StanceCounts | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    unplaced_stances: int = 0


def signature_fields(layer: str, settings: Mapping[str, Any], gold_id: str) -> dict[str, Any]:
    zd = settings["zero_division"]
    fields: dict[str, Any] = {"newsgold": __version__, "layer": layer}
    if layer == "entities":
        fields["modes"] = "strict,exact,partial,type"
        fields["match"] = "optimal"
        fields["scheme"] = settings.get("scheme", "spans")
        if "reading" in settings:
            fields["reading"] = settings["reading"]
    elif layer == "events":
        fields["match"] = "tuple"
        fields["args"] = "attached:trigger+type"
    else:
        fields["cells"] = "sentence*target"
        fields["holder"] = "span"
    fields.update(
        gold=gold_id,
        units=settings["units"],
        seed=settings["seed"],
        resamples=settings["resamples"],
        ci=round(100 * settings["confidence"]),
        zero_division=int(zd) if zd == zd else "nan",
    )
    return fields


def _bind_figures(
    layer_counts: Any, zero_division: float
) -> Callable[[np.ndarray], dict[str, np.ndarray]]:
    def figures(summed: np.ndarray) -> dict[str, np.ndarray]:
        return dict(layer_counts.figures(summed, zero_division))

    return figures


def figure_fns(
    counts: LayerCounts, zero_division: float
) -> dict[str, tuple[np.ndarray, Callable[[np.ndarray], dict[str, np.ndarray]]]]:
    out: dict[str, tuple[np.ndarray, Callable[[np.ndarray], dict[str, np.ndarray]]]] = {}
    for layer in ("entities", "events", "stance"):
        layer_counts = getattr(counts, layer)
        if layer_counts is not None:
            out[layer] = (layer_counts.unit_matrix(), _bind_figures(layer_counts, zero_division))
    return out


def build_report(
    counts: LayerCounts,
    settings: dict[str, Any],
    input_info: dict[str, Any],
    gold_ids: Mapping[str, str],
    zero_division: float,
) -> Report:
    report = Report(__version__, {}, settings, input_info)
    if counts.entities is not None:
        report.entities = counts.entities.scores(zero_division)
    if counts.events is not None:
        report.events = counts.events.scores(zero_division)
    if counts.stance is not None:
        report.stance = counts.stance.scores(zero_division)
    for layer, (matrix, fn) in figure_fns(counts, zero_division).items():
        report.signatures[layer] = signature(signature_fields(layer, settings, gold_ids[layer]))
        if settings["resamples"] > 0:
            report.ci[layer] = bootstrap_ci(
                matrix,
                fn,
                n_resamples=settings["resamples"],
                seed=settings["seed"],
                confidence=settings["confidence"],
            )
    report.errors = counts.errors
    return report
