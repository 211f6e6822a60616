"""``newsgold agreement PASS_A PASS_B``: inter-annotator agreement of two passes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from newsgold.agreement import headline_figures, measure_agreement_by
from newsgold.annotation_sets import read_annotation_set
from newsgold.atomic import atomic_write_json
from newsgold.corpus import load_corpus
from newsgold.corpus.splits import load_split_policy
from newsgold.errors import InputError
from newsgold.guard import check_output_file
from newsgold.paths import ProjectPaths
from newsgold.stance_targets import load_stance_targets


def _fmt(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def agreement_table(result: dict[str, Any]) -> list[str]:
    """The headline figures as aligned text lines (all documents, then one column per split
    when the result has ``per_split``), a per-document table when it has
    ``per_document``, then the signature."""
    splits = result.get("per_split", {})
    columns = [("all", result), *sorted(splits.items())]
    headers = [f"{name} ({len(part['documents'])} docs)" for name, part in columns]
    figures = [headline_figures(part) for _, part in columns]
    names = [name for name, _ in figures[0]]
    width = max(len(name) for name in names)
    widths = [max(len(h), 5) for h in headers]
    lines = [
        " " * width + "  " + "  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True))
    ]
    for row, name in enumerate(names):
        cells = [_fmt(column[row][1]).rjust(w) for column, w in zip(figures, widths, strict=True)]
        lines.append(f"{name:<{width}}  " + "  ".join(cells))
    per_document = result.get("per_document", {})
    if per_document:
        lines.append("")
        lines.append(
            "per document        split  ent.strict  ent.kappa  trig.cls  arg.cls  "
            "stance.kappa  triples"
        )
        split_of = {d: name for name, part in splits.items() for d in part["documents"]}
        for doc_id, part in sorted(per_document.items()):
            cells = [
                _fmt(part["entities"]["strict"]["f1"]),
                _fmt(part["entities"]["token_kappa"]),
                _fmt(part["events"]["trigger_classification"]["f1"]),
                _fmt(part["events"]["argument_classification"]["f1"]),
                _fmt(part["stance"]["cohen_kappa"]),
                _fmt(part["stance"]["triple_f1"]["f1"]),
            ]
            lines.append(
                f"{doc_id:<18}  {split_of.get(doc_id, '-'):>5}  {cells[0]:>10}  {cells[1]:>9}  "
                f"{cells[2]:>8}  {cells[3]:>7}  {cells[4]:>12}  {cells[5]:>7}"
            )
    return [*lines, result["signature"]]


def register(app: typer.Typer) -> None:
    @app.command("agreement")
    def agreement_command(
        pass_a: Path = typer.Argument(..., help="Pass A: export folder or records .jsonl."),
        pass_b: Path = typer.Argument(..., help="Pass B: export folder or records .jsonl."),
        out: Path | None = typer.Option(None, "--out", help="Also write every figure as JSON."),
        output_format: str = typer.Option("table", "--format", help="table or json."),
        root: Path = typer.Option(Path("."), "--root", help="Project folder."),
    ) -> None:
        """Agreement of two passes: entity span F1 and token kappa, event trigger/argument
        F1 and realis, stance kappa/alpha and triple F1 — with the scorer's matching code."""
        if output_format not in ("table", "json"):
            raise InputError(f"expected 'table' or 'json', got {output_format!r}", field="--format")
        if out is not None:
            check_output_file(
                out,
                command="agreement",
                inputs=[("PASS_A", pass_a), ("PASS_B", pass_b)],
                roots=[root],
                field="--out",
            )
        paths = ProjectPaths(root)
        a = read_annotation_set(pass_a, root=root)
        b = read_annotation_set(pass_b, root=root)
        if set(a) != set(b):
            raise InputError(
                f"the passes cover different documents: {sorted(set(a) ^ set(b))}", path=pass_b
            )
        result = measure_agreement_by(
            load_corpus(paths.corpus),
            a,
            b,
            load_stance_targets(paths.stance_targets),
            load_split_policy().split_of,
        )
        result["passes"] = [str(pass_a), str(pass_b)]
        if out is not None:
            atomic_write_json(out, result)
        if output_format == "json":
            typer.echo(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))
        else:
            for line in agreement_table(result):
                typer.echo(line)
