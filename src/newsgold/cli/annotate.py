"""``newsgold annotate``: annotate in plain text (quoted spans + sentence numbers), then import.

The text format (``newsgold.annotation_text``) is for annotators who work outside the
Label Studio UI. Compiled records go to Label Studio with
``newsgold labelstudio import-annotations``, so every pass still ends as a Label Studio
export.
"""

from __future__ import annotations

from pathlib import Path

import typer

from newsgold.paths import ProjectPaths

annotate_app = typer.Typer(
    help="Annotate documents in a plain-text format with exact offsets.", no_args_is_help=True
)
ROOT_OPTION = typer.Option(Path("."), "--root", help="Project folder (corpus/, annotations/).")


@annotate_app.command("show")
def show_command(
    doc_id: str = typer.Argument(..., help="Document id (a unique prefix is enough)."),
    root: Path = ROOT_OPTION,
) -> None:
    """Print a document as annotators see it: numbered sentences (sN) and declared targets."""
    from newsgold.annotation_text import describe_document
    from newsgold.corpus import get_document
    from newsgold.stance_targets import load_stance_targets

    paths = ProjectPaths(root)
    document = get_document(paths.corpus, doc_id)
    targets = (
        load_stance_targets(paths.stance_targets).get(document.id, [])
        if paths.stance_targets.exists()
        else []
    )
    typer.echo(describe_document(document, targets), nl=False)


@annotate_app.command("compile")
def compile_command(
    files: list[Path] = typer.Argument(..., help="Annotation files (.ann), one per document."),
    out: Path | None = typer.Option(
        None, "--out", help="Write the records here (JSONL); without it, only check."
    ),
    annotator: str | None = typer.Option(
        None, "--annotator", help="Annotator name (overrides the files' 'annotator' line)."
    ),
    root: Path = ROOT_OPTION,
) -> None:
    """Resolve quoted spans to offsets, validate every file, and write the records."""
    from newsgold.annotation_text import read_annotation_file
    from newsgold.corpus import load_corpus
    from newsgold.errors import InputError
    from newsgold.guard import check_output_file
    from newsgold.records import write_annotations_jsonl
    from newsgold.stance_targets import load_stance_targets

    paths = ProjectPaths(root)
    if out is not None:
        check_output_file(
            out,
            command="annotate compile",
            inputs=[("FILES", path) for path in files],
            roots=[root],
            field="--out",
        )
    documents = load_corpus(paths.corpus)
    targets = load_stance_targets(paths.stance_targets) if paths.stance_targets.exists() else {}
    records = []
    failures = 0
    for path in files:
        try:
            record = read_annotation_file(path, documents, targets, annotator=annotator)
        except InputError as exc:
            typer.echo(f"rejected  {exc}", err=True)
            failures += 1
            continue
        records.append(record)
        typer.echo(
            f"ok        {path}: {record.doc_id} ({record.annotator}) {len(record.entities)} "
            f"entities, {len(record.events)} events, {len(record.stances)} stances"
        )
    keys = [(r.doc_id, r.annotator) for r in records]
    if len(set(keys)) != len(keys):
        raise InputError("two files annotate the same document for the same annotator")
    if failures:
        raise InputError(f"{failures} of {len(files)} file(s) rejected; nothing written")
    if out is not None:
        write_annotations_jsonl(out, records)
        typer.echo(f"wrote     {out} ({len(records)} document(s))")


def register(app: typer.Typer) -> None:
    app.add_typer(annotate_app, name="annotate")
