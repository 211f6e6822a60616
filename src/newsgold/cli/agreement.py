"""``newsgold agreement PASS_A PASS_B``: inter-annotator agreement of two passes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from newsgold.agreement import headline_figures, measure_agreement
from newsgold.annotation_sets import read_annotation_set
from newsgold.atomic import atomic_write_json
from newsgold.corpus import load_corpus
from newsgold.errors import InputError
from newsgold.paths import ProjectPaths
from newsgold.stance_targets import load_stance_targets


def _fmt(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def agreement_table(result: dict[str, Any]) -> list[str]:
    """The headline agreement figures as aligned text lines, then the signature."""
    rows = [(name, _fmt(value)) for name, value in headline_figures(result)]
    width = max(len(name) for name, _ in rows)
    return [f"{name:<{width}}  {value}" for name, value in rows] + [result["signature"]]


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
        paths = ProjectPaths(root)
        a = read_annotation_set(pass_a, root=root)
        b = read_annotation_set(pass_b, root=root)
        if set(a) != set(b):
            raise InputError(
                f"the passes cover different documents: {sorted(set(a) ^ set(b))}", path=pass_b
            )
        result = measure_agreement(
            load_corpus(paths.corpus), a, b, load_stance_targets(paths.stance_targets)
        )
        result["passes"] = [str(pass_a), str(pass_b)]
        if out is not None:
            atomic_write_json(out, result)
        if output_format == "json":
            typer.echo(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))
        else:
            for line in agreement_table(result):
                typer.echo(line)
