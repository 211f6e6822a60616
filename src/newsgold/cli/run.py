"""``newsgold run``: the whole pipeline on the project's embedded data (what `make run` calls)."""

from __future__ import annotations

from pathlib import Path

import typer

from newsgold.corpus import build_corpus


def run_pipeline(root: Path) -> list[str]:
    """Run every stage on the project in ``root``; return the summary lines."""
    lines: list[str] = []
    documents = build_corpus(root / "seeds", root / "corpus")
    lines.append(f"corpus    {root / 'corpus' / 'documents.jsonl'}: {len(documents)} document(s)")
    for doc in documents:
        lines.append(
            f"          {doc.id}  {len(doc.sentences)} sentences, {len(doc.tokens)} tokens, "
            f"{len(doc.excluded)} excluded region(s)  source={doc.source or '(unknown)'}"
        )
    return lines


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run_command(
        root: Path = typer.Option(Path("."), "--root", help="Project folder (holds seeds/)."),
    ) -> None:
        """Run the pipeline on the embedded default data and print where each output is."""
        for line in run_pipeline(root):
            typer.echo(line)
