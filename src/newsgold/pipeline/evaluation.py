"""The evaluation: predict with every system, score, rank and report, per split.

:func:`evaluate_systems` is the evaluation half of ``newsgold run``: it runs the models
(:mod:`newsgold.predict`), scores their prediction files (:func:`newsgold.pipeline.score`)
and hands the score reports to the two renderers, :mod:`newsgold.leaderboard` and
:mod:`newsgold.report`, which know nothing of models or of each other.
:func:`rescored_system` rebuilds a report's system from files already written.

Example:
    >>> import tempfile
    >>> from newsgold.corpus import Metadata, make_document
    >>> from newsgold.records import DocumentAnnotations, EventMention
    >>> document = make_document("Angela Merkel met Emmanuel Macron.", Metadata())  # a test doc
    >>> met = EventMention(14, 17, "04", "ACTUAL", "met", "e1")
    >>> gold = [(document, DocumentAnnotations(document.id, "gold", events=[met]), [])]
    >>> scratch = tempfile.TemporaryDirectory()
    >>> outputs = evaluate_systems(gold, models=["cameo-rules"], out_dir=scratch.name,
    ...                            n_resamples=0, progress=False)
    >>> [(e.split, e.rank, e.system, e.figures[0].metric, e.figures[0].value)
    ...  for e in outputs.entries]
    [('test', 1, 'cameo-rules', 'trigger classification F1', 1.0)]
    >>> outputs.notes
    ['the gold has no dev document yet: no dev figures']
    >>> scores = json.loads(outputs.scores[("test", "cameo-rules")].read_text())
    >>> rescored_system("cameo-rules", "CAMEO rules", gold,
    ...                 outputs.predictions[("test", "cameo-rules")], scores).layers()
    ('events',)
    >>> scratch.cleanup()
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgold.atomic import atomic_write_json, atomic_write_text
from newsgold.corpus.splits import SplitPolicy, load_split_policy
from newsgold.errors import InputError
from newsgold.figures import RANKED_SPLIT, SystemScores, percent, split_order
from newsgold.io.reports import write_errors
from newsgold.leaderboard import LeaderboardEntry, SystemCard, build_leaderboard, write_leaderboard
from newsgold.models import BASELINES, RUN_BASELINES, load_extractor
from newsgold.models.fitting import FIT_SPLIT, describe_fit
from newsgold.pipeline.scoring import score
from newsgold.predict import read_model_outputs, run_extractor, write_predictions
from newsgold.records import GoldDocument
from newsgold.scoring.bootstrap import RESAMPLES_DEFAULT, SEED_DEFAULT
from newsgold.scoring.gold_ids import gold_hash

if TYPE_CHECKING:
    from newsgold.report import SystemResult


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
            ci = "" if head.low is None else f" [{percent(head.low)}, {percent(head.high)}]"
            rank = f"#{entry.rank}" if entry.rank is not None else "  "
            lines.append(
                f"{entry.split:<5} {entry.layer:<9} {rank} {entry.system:<15} {head.metric} "
                f"{percent(head.value)}{ci}"
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
            ``newsgold.pipeline.gold_records("build/dataset")``.
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

    See the module docstring for an example; ``newsgold run`` calls this on the project's
    dataset (``newsgold.pipeline.gold_records("build/dataset")``).
    """
    from newsgold.report import SystemResult, write_report  # plots: matplotlib

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


def rescored_system(
    name: str,
    description: str,
    gold: Sequence[Any],
    predictions_path: str | Path,
    scores: Mapping[str, Any],
) -> SystemResult:
    """A :class:`SystemResult` from files: a prediction file and its stored score report.

    The error rows come from scoring the prediction file again with
    ``with_errors=True`` (no intervals: the rows do not depend on them), so a score report
    written without errors can still be shown.

    Args:
        name: the system name.
        description: one line saying what the system is.
        gold: gold records ``(document, annotations, targets)`` the report was scored on.
        predictions_path: the system's prediction file (JSONL).
        scores: the stored score report (``Report.to_dict()``) of that file.

    Returns:
        The system with its predictions, the stored scores and fresh error rows.

    Raises:
        InputError: the prediction file is malformed, or scoring it now gives other
            headline figures than the stored report (the report is stale: score again).

    See the module docstring for an example (``newsgold report`` calls this per system).
    """
    from newsgold.report import SystemResult

    settings = scores.get("settings") or {}
    issues = (scores.get("input") or {}).get("issue_count", 0)
    report = score(
        gold,
        predictions_path,
        lenient=bool(issues),
        n_resamples=0,
        zero_division=settings.get("zero_division", 0.0),
        with_errors=True,
    )
    now = json.dumps(json.loads(report.to_json())["headline"], sort_keys=True)
    if now != json.dumps(scores.get("headline"), sort_keys=True):
        raise InputError(
            f"the score report of {name!r} does not match its predictions on this gold; "
            f"score the predictions again: newsgold score --pred {predictions_path} "
            "--format json",
            path=predictions_path,
        )
    return SystemResult(
        name, description, read_model_outputs(predictions_path), scores, report.errors
    )
