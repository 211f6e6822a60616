"""``newsgold predict``, ``newsgold leaderboard`` and ``newsgold report``."""

from __future__ import annotations

from pathlib import Path

import typer

from newsgold.errors import InputError
from newsgold.records import StanceTarget, read_annotations_jsonl

DEFAULT_STANCE_TARGETS = Path("annotations/stance_targets.json")


def load_targets_option(path: Path | None) -> dict[str, list[StanceTarget]]:
    """Stance targets from ``path``; with no path, the project's file if it exists, else none.

    Raises:
        InputError: ``path`` was given but is missing or malformed.
    """
    from newsgold.stance_targets import load_stance_targets

    if path is not None:
        return load_stance_targets(path)
    if DEFAULT_STANCE_TARGETS.exists():
        return load_stance_targets(DEFAULT_STANCE_TARGETS)
    return {}


def predict_command(
    model: str = typer.Option(
        ...,
        "--model",
        help="A baseline (spacy-ner, cameo-rules, stance-cues, majority) or module:callable.",
    ),
    out: Path = typer.Option(..., "--out", help="Prediction file to write (JSONL)."),
    layers: str | None = typer.Option(
        None,
        "--layers",
        help="Comma-separated layers to predict: entities,events,stance (default: all the "
        "model offers).",
    ),
    corpus: Path | None = typer.Option(None, "--corpus", help="Corpus folder [default: corpus]."),
    dataset: Path | None = typer.Option(
        None,
        "--dataset",
        help="Predict on a built dataset's documents instead of a corpus folder.",
    ),
    split: str | None = typer.Option(
        None, "--split", help="With --dataset: only this split (e.g. test)."
    ),
    stance_targets: Path | None = typer.Option(
        None,
        "--stance-targets",
        help="Stance-target declaration (default: the dataset's targets with --dataset, else "
        "annotations/stance_targets.json if present).",
    ),
    fit_on: Path | None = typer.Option(
        None,
        "--fit-on",
        help="Annotation records (JSONL) the majority baseline learns its labels from.",
    ),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Run a model over every corpus (or dataset) document and write predictions."""
    from newsgold.models import load_extractor
    from newsgold.predict import predict_corpus, predict_dataset

    if dataset is not None and corpus is not None:
        raise InputError("give --corpus DIR or --dataset DIR, not both", field="--dataset")
    if split is not None and dataset is None:
        raise InputError("--split needs --dataset DIR", field="--split")

    fit_records = None
    if fit_on is not None:
        if not fit_on.is_file():
            raise InputError("annotation file not found", path=fit_on, field="--fit-on")
        fit_records = list(read_annotations_jsonl(fit_on))
    extractor = load_extractor(model, fit_on=fit_records)
    chosen = None if layers is None else [p.strip() for p in layers.split(",") if p.strip()]
    if dataset is not None:
        run = predict_dataset(
            extractor,
            dataset_dir=dataset,
            out=out,
            split=split,
            stance_targets=None if stance_targets is None else load_targets_option(stance_targets),
            layers=chosen,
            progress=progress,
        )
    else:
        run = predict_corpus(
            extractor,
            corpus_dir=corpus if corpus is not None else Path("corpus"),
            out=out,
            stance_targets=load_targets_option(stance_targets),
            layers=chosen,
            progress=progress,
        )
    typer.echo(f"wrote {run.summary()}")


def leaderboard_command(
    scores: Path = typer.Option(
        Path("evaluate/scores"), "--scores", help="Folder of <system>.json score reports."
    ),
    out: Path = typer.Option(
        Path("evaluate"), "--out", help="Folder for leaderboard.md and leaderboard.json."
    ),
) -> None:
    """Rank every scored system per layer, with 95% CIs (Markdown and JSON)."""
    from newsgold.leaderboard import (
        build_leaderboard,
        read_score_reports,
        system_description,
        write_leaderboard,
    )

    paths = sorted(scores.glob("*.json")) if scores.is_dir() else []
    if not paths:
        raise InputError(
            "no score reports (*.json) found; score predictions first: newsgold score "
            "--pred P.jsonl --format json --output evaluate/scores/NAME.json",
            path=scores,
        )
    systems = read_score_reports(paths)
    entries = build_leaderboard(systems, {s.name: system_description(s.name) for s in systems})
    markdown, json_path = write_leaderboard(
        entries, markdown_path=out / "leaderboard.md", json_path=out / "leaderboard.json"
    )
    for entry in entries:
        head = entry.figures[0]
        value = "–" if head.value is None else f"{100 * head.value:.2f}"
        typer.echo(f"{entry.layer:<9} #{entry.rank} {entry.system:<14} {head.metric} {value}")
    typer.echo(f"wrote {markdown} and {json_path}")


def report_command(
    gold: Path = typer.Option(
        Path("build/dataset"), "--gold", help="Gold dataset folder (newsgold dataset build)."
    ),
    evaluate: Path = typer.Option(
        Path("evaluate"),
        "--evaluate",
        help="Folder with predictions/<system>.jsonl and scores/<system>.json.",
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Report folder (default: <evaluate>/report)."
    ),
) -> None:
    """Write the HTML report (escaped text, embedded PNG plots, error view) and the PNGs.

    The error view shows the scorer's error rows (as ``newsgold score --errors``) of each
    system's prediction file, scored again on the gold; a score report that no longer
    matches its predictions is an error.
    """
    from newsgold.leaderboard import read_score_reports, system_description
    from newsgold.report import rescored_system, write_report
    from newsgold.scoring import load_gold

    records = load_gold(gold)
    score_paths = sorted((evaluate / "scores").glob("*.json"))
    if not score_paths:
        raise InputError("no score reports (*.json) found", path=evaluate / "scores")
    systems = [
        rescored_system(
            scored.name,
            system_description(scored.name),
            records,
            evaluate / "predictions" / f"{scored.name}.jsonl",
            scored.report,
        )
        for scored in read_score_reports(score_paths)
    ]
    files = write_report(
        out or evaluate / "report",
        documents={r.document.id: r.document for r in records},
        gold={r.document.id: r.annotations for r in records},
        systems=systems,
    )
    typer.echo(f"wrote {files.html} and {len(files.plots)} plot(s)")
    for plot in files.plots:
        typer.echo(f"      {plot}")


def register(app: typer.Typer) -> None:
    app.command("predict")(predict_command)
    app.command("leaderboard")(leaderboard_command)
    app.command("report")(report_command)
