"""``newsgold predict``: run a model over the corpus and write a prediction file."""

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
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Corpus folder."),
    stance_targets: Path | None = typer.Option(
        None,
        "--stance-targets",
        help="Stance-target declaration (default: annotations/stance_targets.json if present).",
    ),
    fit_on: Path | None = typer.Option(
        None,
        "--fit-on",
        help="Annotation records (JSONL) the majority baseline learns its labels from.",
    ),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Run a model over every corpus document and write predictions in the project format."""
    from newsgold.models import load_extractor
    from newsgold.predict import predict_corpus

    fit_records = None
    if fit_on is not None:
        if not fit_on.is_file():
            raise InputError("annotation file not found", path=fit_on, field="--fit-on")
        fit_records = list(read_annotations_jsonl(fit_on))
    extractor = load_extractor(model, fit_on=fit_records)
    chosen = None if layers is None else [p.strip() for p in layers.split(",") if p.strip()]
    run = predict_corpus(
        extractor,
        corpus_dir=corpus,
        out=out,
        stance_targets=load_targets_option(stance_targets),
        layers=chosen,
        progress=progress,
    )
    typer.echo(f"wrote {run.summary()}")


def register(app: typer.Typer) -> None:
    app.command("predict")(predict_command)
