"""``newsgold predict``, ``newsgold leaderboard`` and ``newsgold report``."""

from __future__ import annotations

from pathlib import Path

import typer

from newsgold.errors import InputError
from newsgold.guard import check_output_file, check_output_folder
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
        help="A baseline (spacy-ner, cameo-petrarch, cameo-rules, stance-vader, stance-cues, "
        "majority) or module:callable.",
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

    check_output_file(
        out,
        command="predict",
        inputs=[
            ("--corpus", (corpus or Path("corpus")) / "documents.jsonl"),
            ("--dataset", dataset),
            ("--stance-targets", stance_targets),
            ("--fit-on", fit_on),
        ],
        field="--out",
    )
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
        Path("evaluate/scores"),
        "--scores",
        help="Folder of <split>/<system>.json score reports.",
    ),
    out: Path = typer.Option(
        Path("evaluate"),
        "--out",
        help="Folder for leaderboard.md and leaderboard.json (and its systems.json, if any).",
    ),
) -> None:
    """Rank every scored system per layer on test, dev figures labelled, with 95% CIs."""
    from newsgold.leaderboard import (
        build_leaderboard,
        read_split_score_reports,
        read_system_cards,
        write_leaderboard,
    )
    from newsgold.pipeline.evaluation import system_card

    for name in ("leaderboard.md", "leaderboard.json"):
        check_output_file(
            out / name, command="leaderboard", inputs=[("--scores", scores)], field="--out"
        )
    systems = read_split_score_reports(scores)
    cards, notes = read_system_cards(out / "systems.json")
    for system in systems:
        cards.setdefault(system.name, system_card(system.name))
    entries = build_leaderboard(systems, cards)
    markdown, json_path = write_leaderboard(
        entries,
        markdown_path=out / "leaderboard.md",
        json_path=out / "leaderboard.json",
        systems=systems,
        notes=notes,
    )
    for entry in entries:
        head = entry.figures[0]
        value = "–" if head.value is None else f"{100 * head.value:.2f}"
        rank = f"#{entry.rank}" if entry.rank is not None else "  "
        typer.echo(
            f"{entry.split:<5} {entry.layer:<9} {rank} {entry.system:<15} {head.metric} {value}"
        )
    typer.echo(f"wrote {markdown} and {json_path}")


def report_command(
    gold: Path = typer.Option(
        Path("build/dataset"), "--gold", help="Gold dataset folder (newsgold dataset build)."
    ),
    evaluate: Path = typer.Option(
        Path("evaluate"),
        "--evaluate",
        help="Folder with predictions/<split>/<system>.jsonl and scores/<split>/<system>.json.",
    ),
    split: str = typer.Option(
        "test", "--split", help="The split to report on (its gold documents only)."
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        help="Report folder (default: <evaluate>/report for test, <evaluate>/report/<split>).",
    ),
) -> None:
    """Write the HTML report of one split (escaped text, embedded PNG plots, error view).

    The error view shows the scorer's error rows (as ``newsgold score --errors``) of each
    system's prediction file, scored again on the split's gold; a score report that no
    longer matches its predictions is an error.
    """
    from newsgold.corpus.splits import load_split_policy
    from newsgold.figures import RANKED_SPLIT
    from newsgold.io.gold import load_gold
    from newsgold.leaderboard import read_score_reports, read_system_cards
    from newsgold.pipeline.evaluation import rescored_system, system_card
    from newsgold.report import write_report

    default_out = evaluate / "report" if split == RANKED_SPLIT else evaluate / "report" / split
    folder = out or default_out
    check_output_folder(
        folder,
        command="report",
        inputs=[
            ("--gold", gold),
            ("--evaluate scores", evaluate / "scores"),
            ("--evaluate predictions", evaluate / "predictions"),
        ],
    )
    policy = load_split_policy()
    records = [r for r in load_gold(gold) if policy.split_of(r.document.id) == split]
    if not records:
        raise InputError(f"the gold has no {split!r} document", path=gold, field="--split")
    score_paths = sorted((evaluate / "scores" / split).glob("*.json"))
    if not score_paths:
        raise InputError("no score reports (*.json) found", path=evaluate / "scores" / split)
    cards, _ = read_system_cards(evaluate / "systems.json")
    systems = [
        rescored_system(
            scored.name,
            cards.get(scored.name, system_card(scored.name)).line(),
            records,
            evaluate / "predictions" / split / f"{scored.name}.jsonl",
            scored.report,
        )
        for scored in read_score_reports(score_paths, split=split)
    ]
    files = write_report(
        folder,
        documents={r.document.id: r.document for r in records},
        gold={r.document.id: r.annotations for r in records},
        systems=systems,
        title=f"newsgold evaluation report: {split} split"
        + ("" if split == RANKED_SPLIT else " (development data, not a ranking)"),
    )
    typer.echo(f"wrote {files.html} and {len(files.plots)} plot(s)")
    for plot in files.plots:
        typer.echo(f"      {plot}")


def register(app: typer.Typer) -> None:
    app.command("predict")(predict_command)
    app.command("leaderboard")(leaderboard_command)
    app.command("report")(report_command)
