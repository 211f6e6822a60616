"""``newsgold targets add|list``: the declared stance targets of each document."""

from __future__ import annotations

from pathlib import Path

import typer

from newsgold.paths import ProjectPaths

targets_app = typer.Typer(
    help="Declared stance targets (annotations/stance_targets.json).", no_args_is_help=True
)
ROOT_OPTION = typer.Option(Path("."), "--root", help="Project folder (corpus/, annotations/).")


@targets_app.command("add")
def add_command(
    doc_id: str = typer.Argument(..., help="The document (see `newsgold corpus list`)."),
    target_id: str = typer.Argument(..., help="Target id: a lowercase slug, e.g. sanctions."),
    name: str = typer.Option(..., "--name", help="Short name shown to annotators."),
    description: str = typer.Option(
        ..., "--description", help="What the target is, and what FAVOR and AGAINST mean."
    ),
    root: Path = ROOT_OPTION,
) -> None:
    """Declare a stance target for a document (the stance project needs one per document)."""
    from newsgold.corpus import load_corpus
    from newsgold.records import StanceTarget
    from newsgold.stance_targets import add_stance_target

    paths = ProjectPaths(root)
    added = add_stance_target(
        paths.stance_targets,
        doc_id,
        StanceTarget(target_id, name, description),
        known_documents=list(load_corpus(paths.corpus)),
    )
    verb = "declared" if added else "already declared"
    typer.echo(f"{verb} target {target_id!r} for {doc_id} in {paths.stance_targets}")


@targets_app.command("list")
def list_command(
    doc_id: str | None = typer.Argument(None, help="Only this document."),
    root: Path = ROOT_OPTION,
) -> None:
    """List the declared targets, and the corpus documents that have none."""
    from newsgold.corpus import load_corpus
    from newsgold.stance_targets import load_stance_targets

    paths = ProjectPaths(root)
    declared = load_stance_targets(paths.stance_targets) if paths.stance_targets.exists() else {}
    documents = sorted(load_corpus(paths.corpus))
    for doc in documents if doc_id is None else [doc_id]:
        targets = declared.get(doc, [])
        if not targets:
            typer.echo(f"{doc}: no stance targets (left out of the stance project)")
        for target in targets:
            typer.echo(f"{doc}: {target.id:<24} {target.name}")


def register(app: typer.Typer) -> None:
    app.add_typer(targets_app, name="targets")
