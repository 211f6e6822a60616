"""``newsgold adjudicate``: list the disagreements of two passes; build the gold from decisions."""

from __future__ import annotations

from pathlib import Path

import typer

from newsgold.adjudication import (
    apply_decisions,
    find_disagreements,
    read_decisions,
    write_disagreements,
)
from newsgold.annotation_sets import read_annotation_set
from newsgold.corpus import load_corpus
from newsgold.errors import InputError, ValidationError
from newsgold.guard import check_output_file
from newsgold.paths import ProjectPaths
from newsgold.records import DocumentAnnotations, write_annotations_jsonl
from newsgold.stance_targets import load_stance_targets
from newsgold.validation import annotation_problems

adjudicate_app = typer.Typer(help="Resolve disagreements between two passes.", no_args_is_help=True)
ROOT_OPTION = typer.Option(Path("."), "--root", help="Project folder (corpus/, annotations/).")


def _both(pass_a: Path, pass_b: Path, root: Path) -> tuple[dict[str, DocumentAnnotations], ...]:
    a, b = read_annotation_set(pass_a, root=root), read_annotation_set(pass_b, root=root)
    if not a:
        raise InputError("the pass holds no annotations; nothing to adjudicate", path=pass_a)
    missing = sorted(set(a) - set(load_corpus(ProjectPaths(root).corpus)))
    if missing:
        raise InputError(
            f"the passes annotate documents that are not in the corpus: {missing[:5]}",
            path=pass_a,
        )
    if set(a) != set(b):
        raise InputError(
            f"the passes cover different documents: {sorted(set(a) ^ set(b))}; "
            "adjudicate passes over the same documents",
            path=pass_b,
        )
    return a, b


@adjudicate_app.command("diff")
def diff_command(
    pass_a: Path = typer.Argument(..., help="Pass A: export folder or records .jsonl."),
    pass_b: Path = typer.Argument(..., help="Pass B: export folder or records .jsonl."),
    out: Path = typer.Option(..., "--out", help="Adjudication log to write (JSONL)."),
    root: Path = ROOT_OPTION,
) -> None:
    """Write one line per disagreement, with empty decision and reason to fill in."""
    check_output_file(
        out,
        command="adjudicate diff",
        inputs=[("PASS_A", pass_a), ("PASS_B", pass_b)],
        roots=[root],
        field="--out",
    )
    a, b = _both(pass_a, pass_b, root)
    documents = load_corpus(ProjectPaths(root).corpus)
    found = [
        d
        for doc_id in sorted(a)
        for d in find_disagreements(documents[doc_id], a[doc_id], b[doc_id])
    ]
    write_disagreements(out, found)
    per_layer = {
        layer: sum(d.layer == layer for d in found) for layer in ("entities", "events", "stances")
    }
    typer.echo(f"{len(found)} disagreement(s) written to {out}: {per_layer}")


@adjudicate_app.command("apply")
def apply_command(
    pass_a: Path = typer.Argument(..., help="Pass A: export folder or records .jsonl."),
    pass_b: Path = typer.Argument(..., help="Pass B: export folder or records .jsonl."),
    decisions: Path = typer.Option(..., "--decisions", help="The filled-in adjudication log."),
    out: Path = typer.Option(..., "--out", help="Gold records to write (JSONL)."),
    root: Path = ROOT_OPTION,
) -> None:
    """Build the gold: agreed items plus each decision; validate; write records JSONL."""
    check_output_file(
        out,
        command="adjudicate apply",
        inputs=[("PASS_A", pass_a), ("PASS_B", pass_b), ("--decisions", decisions)],
        roots=[root],
        field="--out",
    )
    a, b = _both(pass_a, pass_b, root)
    paths = ProjectPaths(root)
    documents = load_corpus(paths.corpus)
    targets = load_stance_targets(paths.stance_targets)
    rows = read_decisions(decisions)
    gold = [apply_decisions(documents[doc_id], a[doc_id], b[doc_id], rows) for doc_id in sorted(a)]
    problems = [
        str(p)
        for record in gold
        for p in annotation_problems(
            documents[record.doc_id], record, targets.get(record.doc_id, [])
        )
    ]
    if problems:
        raise ValidationError(f"the adjudicated gold fails validation: {problems[0]}", problems)
    write_annotations_jsonl(out, gold)
    for record in gold:
        typer.echo(
            f"{record.doc_id}: {len(record.entities)} entities, {len(record.events)} events, "
            f"{len(record.stances)} stances -> {out}"
        )


def register(app: typer.Typer) -> None:
    app.add_typer(adjudicate_app, name="adjudicate")
