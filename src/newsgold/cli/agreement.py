"""``newsgold agreement PASS_A PASS_B``: inter-annotator agreement of two passes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from newsgold.agreement import measure_agreement
from newsgold.annotation_sets import read_annotation_set
from newsgold.atomic import atomic_write_json
from newsgold.corpus import load_corpus
from newsgold.errors import InputError
from newsgold.paths import ProjectPaths
from newsgold.stance_targets import load_stance_targets


def _fmt(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def agreement_table(result: dict[str, Any]) -> list[str]:
    """The headline agreement figures as aligned text lines."""
    entities, events, stance = result["entities"], result["events"], result["stance"]
    rows = [
        ("entities  span F1 strict", _fmt(entities["strict"]["f1"])),
        ("entities  span F1 partial", _fmt(entities["partial"]["f1"])),
        (f"entities  token kappa ({entities['tokens']} tokens)", _fmt(entities["token_kappa"])),
        ("events    trigger F1 (identification)", _fmt(events["trigger_identification"]["f1"])),
        ("events    trigger F1 (type)", _fmt(events["trigger_classification"]["f1"])),
        ("events    realis agreement", _fmt(events["realis_agreement"])),
        ("events    argument F1 (identification)", _fmt(events["argument_identification"]["f1"])),
        ("events    argument F1 (role)", _fmt(events["argument_classification"]["f1"])),
        (
            f"stance    Cohen's kappa ({stance['sentence_target_pairs']} sentence x target)",
            _fmt(stance["cohen_kappa"]),
        ),
        ("stance    Krippendorff's alpha (nominal)", _fmt(stance["krippendorff_alpha_nominal"])),
        ("stance    (holder, target, polarity) F1", _fmt(stance["triple_f1"]["f1"])),
    ]
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
