"""Leaderboard: every system's headline figures with 95% confidence intervals.

Built only from score reports (``newsgold.score(...).to_dict()``, as written to
``evaluate/scores/<system>.json``), never from typed numbers. Written as Markdown and
JSON; same inputs give byte-identical files.

The headline figures per layer (:data:`LEADERBOARD_METRICS`), the first of each layer
being the one systems are ranked by:

- entities: strict micro F1, partial micro F1;
- events: trigger classification F1, argument classification F1;
- stance: F_avg (SemEval-2016: mean F1 of FAVOR and AGAINST), holder-triple F1.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold.atomic import atomic_write_json, atomic_write_text
from newsgold.errors import InputError
from newsgold.jsonfile import read_json_object


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


@dataclass(frozen=True)
class SystemScores:
    """A system's name with its score report dict (``Report.to_dict()``)."""

    name: str
    report: Mapping[str, Any]


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


def _figure(block: Mapping[str, Any], name: str) -> tuple[float | None, float | None, float | None]:
    value = block.get(name)
    ci = (block.get("ci") or {}).get(name)
    low, high = (None, None) if ci is None else (float(ci[0]), float(ci[1]))
    return (None if value is None else float(value), low, high)


def scored_layers(report: Mapping[str, Any]) -> tuple[str, ...]:
    """The layers a report scored (its layer block is not null), in pipeline order."""
    return tuple(layer for layer in LEADERBOARD_METRICS if report.get(layer) is not None)


def headline_rows(system: SystemScores) -> list[Figure]:
    """The headline figures of every layer the system's report scored.

    Raises:
        InputError: the report lacks a figure the leaderboard needs.

    Example:
        >>> [f.metric for f in headline_rows(SystemScores("x", report))]  # doctest: +SKIP
        ['strict F1', 'partial F1']
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
        per_type = _block(system.report, "entities", ("strict", "per_type"))
        sizes = {k: (v.get("possible", 0), v.get("actual", 0)) for k, v in per_type.items()}
    elif layer == "events":
        per_type = _block(system.report, "events", ("per_type",))
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


@dataclass(frozen=True)
class LeaderboardEntry:
    """One system's line for one layer."""

    layer: str
    rank: int
    system: str
    description: str
    figures: tuple[Figure, ...]
    signature: str


def build_leaderboard(
    systems: Sequence[SystemScores], descriptions: Mapping[str, str] | None = None
) -> list[LeaderboardEntry]:
    """Rank systems per layer by the layer's first headline figure (ties: by name).

    Args:
        systems: each system's score report.
        descriptions: one line per system name saying what it is.

    Returns:
        Entries grouped by layer (entities, events, stance), best first.
    """
    descriptions = descriptions or {}
    entries = []
    for layer in LEADERBOARD_METRICS:
        rows = []
        for system in systems:
            if system.report.get(layer) is None:
                continue
            figures = tuple(f for f in headline_rows(system) if f.layer == layer)
            signature = str((system.report.get("signature") or {}).get(layer, ""))
            rows.append((system, figures, signature))
        rows.sort(key=lambda r: (-(r[1][0].value or 0.0), r[0].name))
        for rank, (system, figures, signature) in enumerate(rows, start=1):
            entries.append(
                LeaderboardEntry(
                    layer=layer,
                    rank=rank,
                    system=system.name,
                    description=descriptions.get(system.name, ""),
                    figures=figures,
                    signature=signature,
                )
            )
    return entries


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.2f}"


def _ci(figure: Figure) -> str:
    return "–" if figure.low is None else f"[{_pct(figure.low)}, {_pct(figure.high)}]"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def leaderboard_markdown(entries: Sequence[LeaderboardEntry], *, gold: str = "") -> str:
    """Markdown: one table per layer, figures in percent with their 95% CIs."""
    lines = ["# newsgold leaderboard", ""]
    lines.append(
        "Generated by `newsgold leaderboard` from the score reports in `evaluate/scores/` "
        "(do not edit by hand). Figures in percent; brackets: 95% bootstrap CI."
    )
    if gold:
        lines += ["", f"Gold: {_md_cell(gold)}"]
    for layer, metrics in LEADERBOARD_METRICS.items():
        rows = [e for e in entries if e.layer == layer]
        if not rows:
            continue
        lines += ["", f"## {layer}", ""]
        header = ["#", "system"]
        for metric in metrics:
            header += [metric.name, "95% CI"]
        header.append("what it is")
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join("---:" if i == 0 else "---" for i in range(len(header))) + "|")
        for entry in rows:
            cells = [str(entry.rank), f"`{_md_cell(entry.system)}`"]
            for figure in entry.figures:
                cells += [_pct(figure.value), _ci(figure)]
            cells.append(_md_cell(entry.description))
            lines.append("| " + " | ".join(cells) + " |")
        signatures = sorted({e.signature for e in rows if e.signature})
        if signatures:
            lines.append("")
            lines += [f"- signature: `{_md_cell(s)}`" for s in signatures]
    return "\n".join(lines) + "\n"


def leaderboard_dict(entries: Sequence[LeaderboardEntry]) -> dict[str, Any]:
    """JSON-ready leaderboard: ``{"layers": {layer: [entry, ...]}}``, figures as fractions."""
    layers: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        layers.setdefault(entry.layer, []).append(
            {
                "rank": entry.rank,
                "system": entry.system,
                "description": entry.description,
                "signature": entry.signature,
                "figures": {
                    f.metric: {"value": f.value, "ci": None if f.low is None else [f.low, f.high]}
                    for f in entry.figures
                },
            }
        )
    return {
        "metrics": {
            layer: [m.name for m in metrics] for layer, metrics in LEADERBOARD_METRICS.items()
        },
        "layers": layers,
    }


def read_score_reports(paths: Sequence[str | Path]) -> list[SystemScores]:
    """Read ``<system>.json`` score reports; the system name is the file stem.

    Raises:
        InputError: a file is missing or not a JSON object.
    """
    systems = []
    for raw in paths:
        path = Path(raw)
        data = read_json_object(path, what="score report")
        systems.append(SystemScores(path.stem, data))
    return systems


def write_leaderboard(
    entries: Sequence[LeaderboardEntry],
    *,
    markdown_path: str | Path,
    json_path: str | Path,
    gold: str = "",
) -> tuple[Path, Path]:
    """Write the leaderboard as Markdown and JSON, atomically; return both paths."""
    atomic_write_text(markdown_path, leaderboard_markdown(entries, gold=gold))
    atomic_write_json(json_path, leaderboard_dict(entries))
    return Path(markdown_path), Path(json_path)


# ---------------------------------------------------------------- the whole evaluation


@dataclass
class EvaluationOutputs:
    """Every file :func:`evaluate_systems` wrote, per system and overall."""

    predictions: dict[str, Path]
    scores: dict[str, Path]
    errors: dict[str, Path]  # per-instance errors, as `newsgold score --errors` writes them
    leaderboard_markdown: Path
    leaderboard_json: Path
    report_html: Path
    plots: list[Path]
    entries: list[LeaderboardEntry]

    def summary_lines(self) -> list[str]:
        """Human-readable lines: where each output is and the headline figures."""
        lines = []
        for entry in self.entries:
            head = entry.figures[0]
            ci = "" if head.low is None else f" [{_pct(head.low)}, {_pct(head.high)}]"
            lines.append(
                f"{entry.layer:<9} #{entry.rank} {entry.system:<12} {head.metric} "
                f"{_pct(head.value)}{ci}"
            )
        lines += [f"predictions  {path}" for path in self.predictions.values()]
        lines += [f"scores       {path}" for path in self.scores.values()]
        lines += [f"errors       {path}" for path in self.errors.values()]
        lines.append(f"leaderboard  {self.leaderboard_markdown} and {self.leaderboard_json}")
        lines.append(f"report       {self.report_html} (open it in a browser)")
        return lines


def system_description(name: str, extractor: Any = None) -> str:
    """A system's one-line description: the baseline table's, else the model's own."""
    from newsgold.models import BASELINES

    if name in BASELINES:
        return BASELINES[name].description
    return str(getattr(extractor, "description", "") or "user model")


def evaluate_systems(
    gold: Sequence[Any],
    *,
    models: Sequence[str] | None = None,
    out_dir: str | Path = "evaluate",
    n_resamples: int | None = None,
    seed: int | None = None,
    progress: bool = True,
) -> EvaluationOutputs:
    """Predict, score, rank and report: the evaluation half of ``make run``.

    For each model: predictions of every gold document go to
    ``<out_dir>/predictions/<name>.jsonl``, ``newsgold.score`` of that file (with
    per-instance errors, scored once) to ``<out_dir>/scores/<name>.json``
    (``Report.to_json()``, as ``newsgold score --errors FILE --format json`` prints it);
    then ``<out_dir>/leaderboard.md`` and ``.json``, and ``<out_dir>/report/index.html``
    with its PNG plots, whose error view shows that run's error rows.

    Args:
        gold: gold records ``(document, annotations, targets)``, e.g.
            ``newsgold.scoring.load_gold("build/dataset")``.
        models: model specs (baseline names or ``module:callable``); default: every
            shipped baseline, ``majority`` fitted on the gold annotations.
        out_dir: the evaluation folder.
        n_resamples, seed: bootstrap settings (default: the scorer's).
        progress: show progress bars.

    Returns:
        :class:`EvaluationOutputs` (see :meth:`EvaluationOutputs.summary_lines`).

    Raises:
        InputError: empty gold, a bad model spec or malformed predictions.

    Example:
        >>> from newsgold.scoring import load_gold
        >>> outputs = evaluate_systems(load_gold("build/dataset"))  # doctest: +SKIP
        >>> print("\\n".join(outputs.summary_lines()))  # doctest: +SKIP
    """
    from newsgold.models import BASELINES, load_extractor
    from newsgold.predict import run_extractor, write_predictions
    from newsgold.report import SystemResult, write_report
    from newsgold.scoring import score, write_errors
    from newsgold.scoring.bootstrap import RESAMPLES_DEFAULT, SEED_DEFAULT

    records = sorted(gold, key=lambda r: r[0].id)
    if not records:
        raise InputError("no gold documents to evaluate on", field="gold")
    documents = [r[0] for r in records]
    annotations = [r[1] for r in records]
    targets = {r[0].id: list(r[2]) for r in records}
    folder = Path(out_dir)
    outputs = EvaluationOutputs({}, {}, {}, Path(), Path(), Path(), [], [])
    systems: list[SystemResult] = []
    for spec in models or list(BASELINES):
        extractor = load_extractor(spec, fit_on=annotations)
        predictions = run_extractor(extractor, documents, stance_targets=targets, progress=progress)
        name = extractor.name
        prediction_path = write_predictions(folder / "predictions" / f"{name}.jsonl", predictions)
        report = score(
            records,
            prediction_path,
            n_resamples=RESAMPLES_DEFAULT if n_resamples is None else n_resamples,
            seed=SEED_DEFAULT if seed is None else seed,
            with_errors=True,  # the report's error view shows these rows, no second matcher
        )
        score_path = folder / "scores" / f"{name}.json"
        atomic_write_text(score_path, report.to_json() + "\n")
        errors_path = folder / "errors" / f"{name}.jsonl"
        write_errors(errors_path, report)
        outputs.errors[name] = errors_path
        outputs.predictions[name] = prediction_path
        outputs.scores[name] = score_path
        scores = json.loads(score_path.read_text(encoding="utf-8"))
        systems.append(
            SystemResult(
                name, system_description(name, extractor), predictions, scores, report.errors
            )
        )
    entries = build_leaderboard(
        [SystemScores(s.name, s.scores) for s in systems],
        {s.name: s.description for s in systems},
    )
    outputs.entries = entries
    outputs.leaderboard_markdown, outputs.leaderboard_json = write_leaderboard(
        entries,
        markdown_path=folder / "leaderboard.md",
        json_path=folder / "leaderboard.json",
    )
    files = write_report(
        folder / "report",
        documents={d.id: d for d in documents},
        gold={a.doc_id: a for a in annotations},
        systems=systems,
    )
    outputs.report_html = files.html
    outputs.plots = files.plots
    return outputs
