"""``newsgold dataset``: build the Hugging Face dataset from the gold, and check it."""

from __future__ import annotations

from pathlib import Path

import typer

dataset_app = typer.Typer(help="Build and read the Hugging Face dataset.", no_args_is_help=True)


@dataset_app.command("build")
def build_command(
    out: Path | None = typer.Option(
        None, "--out", help="Dataset folder to (re)create [default: <root>/build/dataset]."
    ),
    root: Path = typer.Option(
        Path("."), "--root", help="Project folder (holds corpus/ and annotations/)."
    ),
    gold: Path | None = typer.Option(
        None,
        "--gold",
        help="JSONL of gold DocumentAnnotations, instead of the exports in annotations/gold/.",
    ),
    splits: Path | None = typer.Option(
        None, "--splits", help="Split declaration JSON [default: the packaged splits.json]."
    ),
    redistributable: bool = typer.Option(
        False,
        "--redistributable",
        help="Leave out the text of documents whose licence does not allow republishing it "
        "(annotations, offsets and a SHA-256 of the text stay; `dataset hydrate` restores it).",
    ),
) -> None:
    """Validate the gold, then write Parquet per config and split plus the README.md card."""
    # Imported here: `datasets` and pyarrow take a second to load, other commands skip it.
    from newsgold.dataset.build import build_project_dataset

    result = build_project_dataset(
        root, out_dir=out, gold_path=gold, splits_path=splits, redistributable=redistributable
    )
    for line in result.summary_lines():
        typer.echo(line)


@dataset_app.command("show")
def show_command(
    path: Path = typer.Argument(Path("build/dataset"), help="A built dataset folder."),
) -> None:
    """Read a built dataset back into records and print one line per document."""
    from newsgold.dataset.read import read_dataset

    for document, layers, targets in read_dataset(path):
        typer.echo(
            f"{document.id}  {len(layers.entities)} entities, {len(layers.events)} "
            f"events, {len(layers.stances)} stances, {len(targets)} targets"
        )


@dataset_app.command("export")
def export_command(
    fmt: str = typer.Option(..., "--format", help="conll, spacy (DocBin) or jsonl."),
    dataset: Path = typer.Option(
        Path("build/dataset"), "--dataset", help="A built dataset folder."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="File to write [default: <dataset>/../export/gold.<format>]."
    ),
    split: str | None = typer.Option(None, "--split", help="Only this split (e.g. dev)."),
    scheme: str = typer.Option(
        "IOB2", "--scheme", help="CoNLL tagging scheme: IOB1, IOB2, IOBES or BILOU."
    ),
) -> None:
    """Export the gold for training and other tools (CoNLL, spaCy DocBin, JSONL)."""
    from newsgold.dataset.export import default_export_path, export_records
    from newsgold.dataset.read import read_dataset_with_splits
    from newsgold.guard import check_output_file

    records, split_of = read_dataset_with_splits(dataset)
    if split is not None:
        if split not in set(split_of.values()):
            from newsgold.errors import InputError

            raise InputError(
                f"no split {split!r}; the dataset has {', '.join(sorted(set(split_of.values())))}",
                path=dataset,
                field="--split",
            )
        records = [r for r in records if split_of[r.document.id] == split]
    target = out if out is not None else default_export_path(dataset, fmt)
    check_output_file(target, command="dataset export", inputs=[("--dataset", dataset)])
    result = export_records(records, target, fmt=fmt, scheme=scheme, splits=split_of)
    typer.echo(f"wrote {result.summary()}")


@dataset_app.command("hydrate")
def hydrate_command(
    dataset: Path = typer.Argument(..., help="A redistributable build (has newsgold.json)."),
    source: list[Path] = typer.Option(
        ...,
        "--source",
        help="Your own copy of a withheld article (.txt, .html, .jsonl) or a folder of them; "
        "repeatable.",
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Write the hydrated dataset here [default: in place]."
    ),
) -> None:
    """Restore withheld texts from your own copies, checked against their SHA-256."""
    from newsgold.dataset.hydrate import hydrate_dataset
    from newsgold.guard import check_output_folder

    if out is not None:
        check_output_folder(
            out,
            command="dataset build",  # hydrate writes the folder with the dataset build
            inputs=[("DATASET", dataset), *(("--source", path) for path in source)],
        )
    result = hydrate_dataset(dataset, source, out_dir=out)
    for doc_id in result.restored:
        typer.echo(f"restored {doc_id}")
    for path, digest in result.unmatched:
        typer.echo(f"ignored {path}: its text (SHA-256 {digest[:12]}…) is no withheld document")
    for line in result.build.summary_lines():
        typer.echo(line)


@dataset_app.command("push")
def push_command(
    repo_id: str = typer.Argument(..., help="Hub dataset repo, NAMESPACE/NAME."),
    dataset: Path = typer.Option(
        Path("build/dataset"), "--dataset", help="The built dataset folder to publish."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Print exactly what would be uploaded, upload nothing."
    ),
    private: bool = typer.Option(False, "--private", help="Create the repo as private."),
    as_json: bool = typer.Option(False, "--json", help="Print the plan as JSON."),
) -> None:
    """Publish the dataset on the Hugging Face Hub (refuses text its licence forbids)."""
    import json

    from newsgold.dataset.push import plan_push, push_dataset

    plan = plan_push(dataset, repo_id, private=private)
    if as_json:
        typer.echo(json.dumps({**plan.to_dict(), "dry_run": dry_run}, indent=2))
    else:
        if dry_run:
            typer.echo("dry run: nothing is uploaded")
        for line in plan.summary_lines():
            typer.echo(line)
    if not dry_run:
        typer.echo(f"uploaded: {push_dataset(plan)}")


def register(app: typer.Typer) -> None:
    app.add_typer(dataset_app, name="dataset")
