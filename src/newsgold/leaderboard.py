"""Leaderboard: every system's headline figures with 95% confidence intervals, per split.

Built only from score reports (``newsgold.score(...).to_dict()``, as written to
``evaluate/scores/<split>/<system>.json``), never from typed numbers. Systems are ranked
on ``test``; ``dev`` figures (the split baselines are developed and fitted on) are shown
apart and labelled, never ranked. Each row gives the system's version, what it saw
(training and development data) and the scorer's signature; CAMEO roots are shown with
their names. Written as Markdown and JSON; same inputs give byte-identical files.

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
from newsgold.dataset.splits import SplitPolicy
from newsgold.errors import InputError
from newsgold.jsonfile import read_json_object, short_repr
from newsgold.records import GoldDocument


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
class SystemCard:
    """What the leaderboard says about a system besides its figures."""

    description: str
    version: str = ""
    saw: str = ""  # training and development data, e.g. "trained on: ...; developed on: ..."

    def to_dict(self) -> dict[str, str]:
        return {"description": self.description, "version": self.version, "saw": self.saw}

    def line(self) -> str:
        """Description, version and what it saw in one line (the report's system column)."""
        parts = [self.description]
        if self.version:
            parts.append(f"version {self.version}")
        if self.saw:
            parts.append(self.saw)
        return " — ".join(p for p in parts if p)


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


@dataclass(frozen=True)
class LeaderboardEntry:
    """One system's line for one layer on one split (``rank`` is None off the ranked split)."""

    split: str
    layer: str
    rank: int | None
    system: str
    card: SystemCard
    figures: tuple[Figure, ...]
    signature: str


def _signature(system: SystemScores, layer: str) -> str:
    signatures = system.report.get("signature") or {}
    if not isinstance(signatures, Mapping):
        raise InputError(
            f"score report {system.name}: expected an object, got {short_repr(signatures)}",
            field="signature",
        )
    return str(signatures.get(layer, ""))


def build_leaderboard(
    systems: Sequence[SystemScores], cards: Mapping[str, SystemCard] | None = None
) -> list[LeaderboardEntry]:
    """Order systems per split and layer by the layer's first headline figure (ties: name).

    Only :data:`RANKED_SPLIT` rows get a rank; other splits keep the same order, unranked.

    Args:
        systems: each system's score report on one split.
        cards: what to say about each system (description, version, what it saw).

    Returns:
        Entries grouped by split (test first) then layer (entities, events, stance).
    """
    cards = cards or {}
    entries = []
    for split in sorted({s.split for s in systems}, key=split_order):
        for layer in LEADERBOARD_METRICS:
            rows = []
            for system in systems:
                if system.split != split or system.report.get(layer) is None:
                    continue
                figures = tuple(f for f in headline_rows(system) if f.layer == layer)
                rows.append((system, figures, _signature(system, layer)))
            rows.sort(key=lambda r: (-(r[1][0].value or 0.0), r[0].name))
            for rank, (system, figures, signature) in enumerate(rows, start=1):
                entries.append(
                    LeaderboardEntry(
                        split=split,
                        layer=layer,
                        rank=rank if split == RANKED_SPLIT else None,
                        system=system.name,
                        card=cards.get(system.name, SystemCard("")),
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


def _split_heading(split: str) -> str:
    if split == RANKED_SPLIT:
        return f"{split} split: the ranking"
    return f"{split} split (development data, not ranked)"


def _split_note(split: str) -> str:
    if split == RANKED_SPLIT:
        return (
            "Ranked by the first figure of each layer. A system whose *saw* column names a "
            "test document was not developed blind: read its row with that in mind."
        )
    return (
        "The documents baselines are developed and fitted on: these figures are "
        "optimistic and are not a ranking. Compare systems on the test split."
    )


def cameo_label(code: str) -> str:
    """``"04"`` -> ``"04 Consult"`` (the code with its CAMEO root name from the scheme)."""
    from newsgold.scheme import CAMEO_ROOTS

    names = {label.code: label.name for label in CAMEO_ROOTS}
    return f"{code} {names[code]}" if code in names else code


def per_root_table(entries: Sequence[LeaderboardEntry], systems: Sequence[SystemScores]) -> str:
    """Markdown: event trigger-classification F1 per CAMEO root (with names) on the ranked split."""
    ranked = [e.system for e in entries if e.split == RANKED_SPLIT and e.layer == "events"]
    reports = {s.name: s for s in systems if s.split == RANKED_SPLIT}
    per_system = {name: {t.label: t for t in per_type_figures(reports[name], "events")}
                  for name in ranked}  # fmt: skip
    codes = sorted({code for scores in per_system.values() for code in scores})
    if not codes:
        return ""
    lines = ["| CAMEO root | " + " | ".join(f"`{_md_cell(n)}`" for n in ranked) + " |"]
    lines.append("|---|" + "---|" * len(ranked))
    for code in codes:
        cells = []
        for name in ranked:
            item = per_system[name].get(code)
            if item is None:
                cells.append("–")
            else:
                ci = "" if item.low is None else f" [{_pct(item.low)}, {_pct(item.high)}]"
                cells.append(f"{_pct(item.f1)}{ci}")
        lines.append(f"| {_md_cell(cameo_label(code))} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def leaderboard_markdown(
    entries: Sequence[LeaderboardEntry],
    *,
    gold: str = "",
    systems: Sequence[SystemScores] = (),
    notes: Sequence[str] = (),
) -> str:
    """Markdown: per split (test first), one table per layer, figures in percent with
    95% CIs, each row with version, what the system saw and the signature; then the
    event F1 per CAMEO root on test."""
    lines = ["# newsgold leaderboard", ""]
    lines.append(
        "Generated by `newsgold run` / `newsgold leaderboard` from the score reports in "
        "`evaluate/scores/<split>/` (do not edit by hand). Figures in percent; brackets: "
        "95% bootstrap CI."
    )
    if gold:
        lines += ["", f"Gold: {_md_cell(gold)}"]
    if notes:
        lines += [""] + [f"- {_md_cell(note)}" for note in notes]
    for split in sorted({e.split for e in entries}, key=split_order):
        lines += ["", f"## {_split_heading(split)}", "", _split_note(split)]
        for layer, metrics in LEADERBOARD_METRICS.items():
            rows = [e for e in entries if e.split == split and e.layer == layer]
            if not rows:
                continue
            lines += ["", f"### {layer} ({split})", ""]
            header = ["#", "system"]
            for metric in metrics:
                header += [metric.name, "95% CI"]
            header += ["version", "saw", "signature"]
            lines.append("| " + " | ".join(header) + " |")
            lines.append(
                "|" + "|".join("---:" if i == 0 else "---" for i in range(len(header))) + "|"
            )
            for entry in rows:
                rank = str(entry.rank) if entry.rank is not None else split
                cells = [rank, f"`{_md_cell(entry.system)}`"]
                for figure in entry.figures:
                    cells += [_pct(figure.value), _ci(figure)]
                cells += [
                    _md_cell(entry.card.version) or "–",
                    _md_cell(entry.card.saw) or "–",
                    f"`{_md_cell(entry.signature)}`" if entry.signature else "–",
                ]
                lines.append("| " + " | ".join(cells) + " |")
        if split == RANKED_SPLIT and systems:
            table = per_root_table(entries, systems)
            if table:
                lines += ["", f"### events per CAMEO root ({split}): trigger classification F1", ""]
                lines.append(table)
    described = {e.system: e.card for e in entries}
    if described:
        lines += ["", "## systems", ""]
        lines += [
            f"- `{_md_cell(name)}`: {_md_cell(card.description)}"
            for name, card in sorted(described.items())
        ]
    return "\n".join(lines) + "\n"


def leaderboard_dict(
    entries: Sequence[LeaderboardEntry], *, notes: Sequence[str] = ()
) -> dict[str, Any]:
    """JSON-ready leaderboard: ``{"ranked_split", "metrics", "splits": {split: {layer:
    [entry, ...]}}, "systems": {name: card}, "notes"}``, figures as fractions."""
    splits: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for entry in entries:
        splits.setdefault(entry.split, {}).setdefault(entry.layer, []).append(
            {
                "rank": entry.rank,
                "system": entry.system,
                "version": entry.card.version,
                "saw": entry.card.saw,
                "signature": entry.signature,
                "figures": {
                    f.metric: {"value": f.value, "ci": None if f.low is None else [f.low, f.high]}
                    for f in entry.figures
                },
            }
        )
    return {
        "ranked_split": RANKED_SPLIT,
        "metrics": {
            layer: [m.name for m in metrics] for layer, metrics in LEADERBOARD_METRICS.items()
        },
        "splits": splits,
        "systems": {e.system: e.card.to_dict() for e in sorted(entries, key=lambda e: e.system)},
        "notes": list(notes),
    }


def read_score_reports(
    paths: Sequence[str | Path], *, split: str = RANKED_SPLIT
) -> list[SystemScores]:
    """Read ``<system>.json`` score reports of one split; the system name is the file stem.

    Raises:
        InputError: a file is missing or not a JSON object.
    """
    systems = []
    for raw in paths:
        path = Path(raw)
        data = read_json_object(path, what="score report")
        systems.append(SystemScores(path.stem, data, split))
    return systems


def read_split_score_reports(scores_dir: str | Path) -> list[SystemScores]:
    """Read ``<scores_dir>/<split>/<system>.json`` for every split folder.

    Raises:
        InputError: no score report at all (names the folder and how to make one).
    """
    folder = Path(scores_dir)
    found = [d for d in folder.iterdir() if d.is_dir()] if folder.is_dir() else []
    systems: list[SystemScores] = []
    for split_dir in sorted(found, key=lambda d: split_order(d.name)):
        systems += read_score_reports(sorted(split_dir.glob("*.json")), split=split_dir.name)
    if not systems:
        raise InputError(
            "no score reports (<split>/*.json) found; run `newsgold run`, or score predictions: "
            "newsgold score --pred P.jsonl --format json --output evaluate/scores/test/NAME.json",
            path=folder,
        )
    return systems


def write_leaderboard(
    entries: Sequence[LeaderboardEntry],
    *,
    markdown_path: str | Path,
    json_path: str | Path,
    gold: str = "",
    systems: Sequence[SystemScores] = (),
    notes: Sequence[str] = (),
) -> tuple[Path, Path]:
    """Write the leaderboard as Markdown and JSON, atomically; return both paths."""
    atomic_write_text(
        markdown_path, leaderboard_markdown(entries, gold=gold, systems=systems, notes=notes)
    )
    atomic_write_json(json_path, leaderboard_dict(entries, notes=notes))
    return Path(markdown_path), Path(json_path)


def read_system_cards(path: str | Path) -> tuple[dict[str, SystemCard], list[str]]:
    """Read ``evaluate/systems.json`` (written by :func:`evaluate_systems`): cards and notes.

    A missing file gives the registry's cards (no fitted-data details) and no notes.
    """
    source = Path(path)
    if not source.is_file():
        return {}, []
    data = read_json_object(source, what="system cards")
    cards = {
        str(name): SystemCard(
            str(card.get("description", "")), str(card.get("version", "")), str(card.get("saw", ""))
        )
        for name, card in (data.get("systems") or {}).items()
    }
    return cards, [str(note) for note in data.get("notes") or []]


# ---------------------------------------------------------------- the whole evaluation


@dataclass
class EvaluationOutputs:
    """Every file :func:`evaluate_systems` wrote, per split and system, and overall."""

    predictions: dict[tuple[str, str], Path]  # (split, system) -> file
    scores: dict[tuple[str, str], Path]
    errors: dict[tuple[str, str], Path]  # per-instance errors, as `newsgold score --errors`
    leaderboard_markdown: Path
    leaderboard_json: Path
    systems_json: Path
    reports: dict[str, Path]  # split -> index.html
    plots: list[Path]
    entries: list[LeaderboardEntry]
    notes: list[str]

    @property
    def report_html(self) -> Path:
        """The report of the ranked split."""
        return self.reports[RANKED_SPLIT]

    def summary_lines(self) -> list[str]:
        """Human-readable lines: where each output is and the headline figures."""
        lines = []
        for entry in self.entries:
            head = entry.figures[0]
            ci = "" if head.low is None else f" [{_pct(head.low)}, {_pct(head.high)}]"
            rank = f"#{entry.rank}" if entry.rank is not None else "  "
            lines.append(
                f"{entry.split:<5} {entry.layer:<9} {rank} {entry.system:<15} {head.metric} "
                f"{_pct(head.value)}{ci}"
            )
        lines += [f"note         {note}" for note in self.notes]
        lines += [f"predictions  {path}" for path in self.predictions.values()]
        lines += [f"scores       {path}" for path in self.scores.values()]
        lines += [f"errors       {path}" for path in self.errors.values()]
        lines.append(f"leaderboard  {self.leaderboard_markdown} and {self.leaderboard_json}")
        lines.append(f"systems      {self.systems_json}")
        for split, path in sorted(self.reports.items(), key=lambda kv: split_order(kv[0])):
            lines.append(f"report       {path} ({split}; open it in a browser)")
        return lines


def system_card(name: str, extractor: Any = None, *, fitted_on: str | None = None) -> SystemCard:
    """A system's card: the baseline registry's, else the model's own attributes."""
    from newsgold.models import BASELINES

    if name in BASELINES:
        info = BASELINES[name]
        return SystemCard(info.description, info.version, info.saw(fitted_on))
    return SystemCard(
        str(getattr(extractor, "description", "") or "user model"),
        str(getattr(extractor, "version", "") or ""),
        str(getattr(extractor, "saw", "") or "not declared by the model"),
    )


def system_description(name: str, extractor: Any = None) -> str:
    """A system's one-line description: the baseline table's, else the model's own."""
    return system_card(name, extractor).description


def evaluate_systems(
    gold: Sequence[Any],
    *,
    models: Sequence[str] | None = None,
    out_dir: str | Path = "evaluate",
    n_resamples: int | None = None,
    seed: int | None = None,
    progress: bool = True,
    policy: SplitPolicy | None = None,
) -> EvaluationOutputs:
    """Predict, score, rank and report, per split: the evaluation half of ``make run``.

    The gold documents are split by ``policy`` (default: the packaged ``splits.json``).
    Models that learn (``majority``) are fitted on the ``dev`` documents only; when the
    gold has no dev document with labels they are left out, with a note. For each model
    and split with gold: predictions go to ``<out_dir>/predictions/<split>/<name>.jsonl``,
    ``newsgold.score`` of that file against that split's gold (with per-instance
    errors, scored once) to ``<out_dir>/scores/<split>/<name>.json`` and
    ``<out_dir>/errors/<split>/<name>.jsonl``; then ``<out_dir>/systems.json`` (each
    system's version and what it saw), ``<out_dir>/leaderboard.md`` and ``.json``
    (ranked on test, dev labelled), and the reports: ``<out_dir>/report/index.html`` for
    test, ``<out_dir>/report/<split>/index.html`` for other splits.

    Args:
        gold: gold records ``(document, annotations, targets)``, e.g.
            ``newsgold.scoring.load_gold("build/dataset")``.
        models: model specs (baseline names or ``module:callable``); default:
            :data:`newsgold.models.RUN_BASELINES`.
        out_dir: the evaluation folder.
        n_resamples, seed: bootstrap settings (default: the scorer's).
        progress: show progress bars.
        policy: the split declaration.

    Returns:
        :class:`EvaluationOutputs` (see :meth:`EvaluationOutputs.summary_lines`).

    Raises:
        InputError: empty gold, a bad model spec or malformed predictions.

    Example:
        >>> from newsgold.scoring import load_gold
        >>> outputs = evaluate_systems(load_gold("build/dataset"))  # doctest: +SKIP
        >>> print("\\n".join(outputs.summary_lines()))  # doctest: +SKIP
    """
    from newsgold.dataset.splits import load_split_policy
    from newsgold.io.reports import write_errors
    from newsgold.models import BASELINES, RUN_BASELINES, load_extractor
    from newsgold.models.fitting import FIT_SPLIT, describe_fit
    from newsgold.pipeline import score
    from newsgold.predict import run_extractor, write_predictions
    from newsgold.report import SystemResult, write_report
    from newsgold.scoring.api import gold_hash
    from newsgold.scoring.bootstrap import RESAMPLES_DEFAULT, SEED_DEFAULT

    records = sorted(gold, key=lambda r: r[0].id)
    if not records:
        raise InputError("no gold documents to evaluate on", field="gold")
    declared = policy if policy is not None else load_split_policy()
    by_split: dict[str, list[Any]] = {}
    for record in records:
        by_split.setdefault(declared.split_of(record[0].id), []).append(record)
    splits = sorted(by_split, key=split_order)
    fit_records = by_split.get(FIT_SPLIT, [])
    fit_annotations = [r[1] for r in fit_records]
    fitted_on = describe_fit(
        fit_annotations, gold=gold_hash([GoldDocument(*r) for r in fit_records])
    )
    folder = Path(out_dir)
    outputs = EvaluationOutputs({}, {}, {}, Path(), Path(), Path(), {}, [], [], [])
    cards: dict[str, SystemCard] = {}
    results: dict[str, list[SystemResult]] = {split: [] for split in splits}
    scored: list[SystemScores] = []
    for spec in models or list(RUN_BASELINES):
        needs_fit = spec in BASELINES and BASELINES[spec].needs_fit
        if needs_fit and not fit_annotations:
            outputs.notes.append(f"{spec}: not fitted, so not scored (no {FIT_SPLIT} gold yet)")
            continue
        try:
            extractor = load_extractor(spec, fit_on=fit_annotations if needs_fit else None)
        except InputError as exc:
            if not needs_fit:
                raise
            outputs.notes.append(f"{spec}: not fitted, so not scored ({exc.message})")
            continue
        name = extractor.name
        cards[name] = system_card(name, extractor, fitted_on=fitted_on if needs_fit else None)
        for split in splits:
            split_records = by_split[split]
            predictions = run_extractor(
                extractor,
                [r[0] for r in split_records],
                stance_targets={r[0].id: list(r[2]) for r in split_records},
                progress=progress,
            )
            prediction_path = write_predictions(
                folder / "predictions" / split / f"{name}.jsonl", predictions
            )
            report = score(
                split_records,
                prediction_path,
                n_resamples=RESAMPLES_DEFAULT if n_resamples is None else n_resamples,
                seed=SEED_DEFAULT if seed is None else seed,
                with_errors=True,  # the report's error view shows these rows, no second matcher
            )
            score_path = folder / "scores" / split / f"{name}.json"
            atomic_write_text(score_path, report.to_json() + "\n")
            errors_path = folder / "errors" / split / f"{name}.jsonl"
            write_errors(errors_path, report)
            outputs.predictions[(split, name)] = prediction_path
            outputs.scores[(split, name)] = score_path
            outputs.errors[(split, name)] = errors_path
            scores = json.loads(score_path.read_text(encoding="utf-8"))
            scored.append(SystemScores(name, scores, split))
            results[split].append(
                SystemResult(name, cards[name].line(), predictions, scores, report.errors)
            )
    if FIT_SPLIT not in by_split:
        outputs.notes.append(f"the gold has no {FIT_SPLIT} document yet: no {FIT_SPLIT} figures")
    outputs.systems_json = folder / "systems.json"
    atomic_write_json(
        outputs.systems_json,
        {
            "systems": {name: card.to_dict() for name, card in sorted(cards.items())},
            "notes": outputs.notes,
        },
    )
    entries = build_leaderboard(scored, cards)
    outputs.entries = entries
    outputs.leaderboard_markdown, outputs.leaderboard_json = write_leaderboard(
        entries,
        markdown_path=folder / "leaderboard.md",
        json_path=folder / "leaderboard.json",
        systems=scored,
        notes=outputs.notes,
    )
    for split in splits:
        split_records = by_split[split]
        report_dir = folder / "report" if split == RANKED_SPLIT else folder / "report" / split
        files = write_report(
            report_dir,
            documents={r[0].id: r[0] for r in split_records},
            gold={r[0].id: r[1] for r in split_records},
            systems=results[split],
            title=f"newsgold evaluation report: {split} split"
            + ("" if split == RANKED_SPLIT else " (development data, not a ranking)"),
        )
        outputs.reports[split] = files.html
        outputs.plots += files.plots
    return outputs
