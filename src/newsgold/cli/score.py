"""``newsgold score`` and ``newsgold compare``: thin wrappers over newsgold.scoring."""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgold.atomic import atomic_write_text
from newsgold.errors import InputError
from newsgold.guard import check_output_file

if TYPE_CHECKING:
    import typer

FORMATS = ("table", "json", "markdown")

# `newsgold score`'s options: flag -> (parameter of run_score, kind, default), as the
# typer command below declares them. A plain command line is parsed with this table
# alone (parse_plain), without loading typer; tests/scoring/test_score_cli.py keeps the
# table equal to the typer command's options.
SCORE_OPTIONS: dict[str, tuple[str, str, Any]] = {
    "--pred": ("pred", "path", None),
    "--gold": ("gold", "path", None),
    "--conll": ("conll", "path", None),
    "--format": ("fmt", "text", "table"),
    "--scheme": ("scheme", "text", "IOB2"),
    "--reading": ("reading", "text", "conlleval"),
    "--lenient": ("lenient", "flag", False),
    "--errors": ("errors", "path", None),
    "--output": ("output", "path", None),
    "--seed": ("seed", "count", 12345),
    "--resamples": ("resamples", "count", 1000),
    "--zero-division": ("zero_division", "text", "0"),
    "--model-version": ("model_version", "text", None),
    "--label-map": ("label_map", "path", None),
    "--any-labels": ("any_labels", "flag", False),
}


def parse_plain(args: list[str]) -> dict[str, Any] | None:
    """``run_score``'s arguments from a plain ``newsgold score`` command line: known
    options, each at most once, as ``--flag value`` or ``--flag=value``, values that
    cannot be mistaken for options, counts as plain digits. ``None`` for anything else
    (``--help``, an unknown option, a value typer must check or refuse), which the typer
    command then parses, so every such case is answered exactly as before.

    Example:
        >>> parse_plain(["--conll", "out.conll", "--seed=3"])["seed"]
        3
        >>> parse_plain(["--conll", "out.conll", "--seed", "-3"]) is None
        True
    """
    values = {name: default for name, _, default in SCORE_OPTIONS.values()}
    seen: set[str] = set()
    i = 0
    while i < len(args):
        flag, inline, value = args[i].partition("=")
        if flag not in SCORE_OPTIONS or flag in seen:
            return None
        seen.add(flag)
        name, kind, _ = SCORE_OPTIONS[flag]
        if kind == "flag":
            if inline:
                return None
            values[name] = True
            i += 1
            continue
        if not inline:
            if i + 1 == len(args):
                return None
            value = args[i + 1]
        i += 1 if inline else 2
        if not value or value.startswith("-"):
            return None
        if kind == "count":
            if not (value.isascii() and value.isdigit()):
                return None
            values[name] = int(value)
        else:
            values[name] = Path(value) if kind == "path" else value
    return values


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(
            f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", field="--format"
        )
    return fmt


def _zero_division(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not (number in (0.0, 1.0) or math.isnan(number)):
        raise InputError(f"expected 0, 1 or nan, got {value!r}", field="--zero-division")
    return number


def _reuse_freed_memory() -> None:
    """Let freed memory serve the next allocation instead of returning it to the OS.

    Scoring a large file allocates and frees arrays of the file's size again and again;
    by default glibc maps each one afresh, and faulting its pages in again costs a
    700k-token ``--conll`` run about 0.1 s of system time (benchmarks/bench_score_process.py).
    Elsewhere than glibc this does nothing.
    """
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError, TypeError):
        return
    mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD: keep up to 1 GiB free at the top of the heap
    mallopt(-2, 64 << 20)  # M_TOP_PAD: grow the heap 64 MiB at a time
    mallopt(-3, 32 << 20)  # M_MMAP_THRESHOLD: arrays up to 32 MiB come from the heap


def _single_threaded_blas() -> None:
    """One BLAS thread, if numpy is not loaded yet and the user chose no number.

    The bootstrap's matrix products are small (256 resamples x units x ~50 columns): a
    second OpenBLAS thread makes them no faster, and its busy-waiting between them costs
    a 700k-token ``--conll`` run about 0.1 s of CPU (benchmarks/bench_score_process.py).
    """
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def run_score(
    pred: Path | None,
    gold: Path | None,
    conll: Path | None,
    fmt: str,
    scheme: str,
    reading: str,
    lenient: bool,
    errors: Path | None,
    output: Path | None,
    seed: int,
    resamples: int,
    zero_division: str,
    model_version: str | None = None,
    label_map: Path | None = None,
    any_labels: bool = False,
) -> str:
    """Score and return the rendered report (what ``newsgold score`` prints)."""
    from newsgold.scheme import ENTITY_LABELS

    _check_format(fmt)
    _reuse_freed_memory()
    _single_threaded_blas()
    if (pred is None) == (conll is None):
        raise InputError("give exactly one of --pred FILE or --conll FILE", field="--pred")
    inputs = [("--pred", pred), ("--gold", gold), ("--conll", conll)]
    if errors is not None:
        check_output_file(errors, command="score --errors", inputs=inputs, field="--errors")
    if output is not None:
        check_output_file(output, command="score --output", inputs=[*inputs, ("--errors", errors)])
    common = {
        "n_resamples": resamples,
        "seed": seed,
        "zero_division": _zero_division(zero_division),
        "with_errors": errors is not None,
    }
    if conll is None and (label_map is not None or any_labels):
        raise InputError("--label-map and --any-labels apply to --conll only", field="--label-map")
    if conll is not None:
        # The tag scorer alone: no dataset, Label Studio or prediction readers.
        from newsgold.io.conll import read_label_map
        from newsgold.pipeline import score_conll

        report = score_conll(
            conll,
            scheme=scheme,
            reading=reading,  # type: ignore[arg-type]
            label_map=None if label_map is None else read_label_map(label_map),
            labels=None if any_labels else ENTITY_LABELS,
            **common,  # type: ignore[arg-type]
        )
    else:
        from newsgold.pipeline import score

        report = score(gold, pred, lenient=lenient, model_version=model_version, **common)  # type: ignore[arg-type]
    if errors is not None:
        from newsgold.io.reports import write_errors

        write_errors(errors, report)
    text = report.render(fmt)
    if output is not None:
        atomic_write_text(output, text + "\n")
    return text


def register(app: typer.Typer) -> None:
    import typer

    @app.command("score")
    def score_command(
        pred: Path | None = typer.Option(
            None,
            "--pred",
            help=(
                "Predictions: JSONL file, Label Studio .json export (or a folder of "
                "entities/events/stance.json exports), or dataset folder."
            ),
        ),
        gold: Path | None = typer.Option(
            None, "--gold", help="Gold dataset folder (default: build/dataset)."
        ),
        conll: Path | None = typer.Option(
            None,
            "--conll",
            help="conlleval-style file: gold and predicted tags as last two columns.",
        ),
        fmt: str = typer.Option("table", "--format", help="Output: table, json or markdown."),
        scheme: str = typer.Option(
            "IOB2", "--scheme", help="Tagging scheme of --conll: IOB1, IOB2, IOBES, BILOU."
        ),
        reading: str = typer.Option(
            "conlleval",
            "--reading",
            help="Ill-formed tag sequences: 'conlleval' (keep) or 'strict' (seqeval strict).",
        ),
        lenient: bool = typer.Option(
            False, "--lenient", help="Count and report bad predictions instead of failing."
        ),
        errors: Path | None = typer.Option(
            None, "--errors", help="Write every FP/FN as JSONL to this file."
        ),
        output: Path | None = typer.Option(
            None, "--output", help="Also write the report to this file."
        ),
        seed: int = typer.Option(12345, "--seed", min=0, help="Bootstrap seed (>= 0)."),
        resamples: int = typer.Option(
            1000, "--resamples", min=0, help="Bootstrap resamples (0: no intervals)."
        ),
        zero_division: str = typer.Option(
            "0", "--zero-division", help="Value of undefined figures: 0, 1 or nan."
        ),
        model_version: str | None = typer.Option(
            None,
            "--model-version",
            help="Label Studio export: score the predictions of this model version.",
        ),
        label_map: Path | None = typer.Option(
            None,
            "--label-map",
            help='--conll: JSON object renaming labels, e.g. {"PERSON": "PER", "MISC": null}.',
        ),
        any_labels: bool = typer.Option(
            False,
            "--any-labels",
            help="--conll: accept labels outside the newsgold scheme (plain conlleval use).",
        ),
    ) -> None:
        """Score predictions against the gold (every layer given) with intervals and a signature."""
        typer.echo(
            run_score(
                pred,
                gold,
                conll,
                fmt,
                scheme,
                reading,
                lenient,
                errors,
                output,
                seed,
                resamples,
                zero_division,
                model_version,
                label_map,
                any_labels,
            )
        )

    @app.command("compare")
    def compare_command(
        pred_a: Path = typer.Argument(..., help="Predictions of system A."),
        pred_b: Path = typer.Argument(..., help="Predictions of system B."),
        gold: Path | None = typer.Option(
            None, "--gold", help="Gold dataset folder (default: build/dataset)."
        ),
        fmt: str = typer.Option("table", "--format", help="Output: table, json or markdown."),
        lenient: bool = typer.Option(
            False, "--lenient", help="Count and report bad predictions instead of failing."
        ),
        seed: int = typer.Option(12345, "--seed", min=0, help="Random seed (>= 0)."),
        resamples: int = typer.Option(
            1000, "--resamples", min=0, help="Resamples and randomization trials."
        ),
        zero_division: str = typer.Option(
            "0", "--zero-division", help="Value of undefined figures: 0, 1 or nan."
        ),
    ) -> None:
        """Paired bootstrap and approximate randomization: is A better than B?"""
        from newsgold.pipeline import compare

        _check_format(fmt)
        result = compare(
            gold,
            pred_a,
            pred_b,
            lenient=lenient,
            n_resamples=resamples,
            seed=seed,
            zero_division=_zero_division(zero_division),
        )
        if fmt == "json":
            typer.echo(json.dumps(result.to_dict(), sort_keys=True, indent=2))
            return
        bar = "|" if fmt == "markdown" else " "
        typer.echo(f"A = {result.a}\nB = {result.b}\n")
        header = (
            f"{'figure':<40}{bar}{'A':>8}{bar}{'B':>8}{bar}{'A-B':>8}{bar}{'95% CI':>18}"
            f"{bar}{'p boot':>8}{bar}{'p AR':>8}"
        )
        for layer, figures in result.results.items():
            typer.echo(header)
            for name, r in sorted(figures.items()):
                ci = f"[{100 * r.ci[0]:.2f}, {100 * r.ci[1]:.2f}]"
                typer.echo(
                    f"{layer + '.' + name:<40}{bar}{100 * r.a:8.2f}{bar}{100 * r.b:8.2f}{bar}"
                    f"{100 * r.delta:8.2f}{bar}{ci:>18}{bar}{r.p_bootstrap:8.4f}"
                    f"{bar}{r.p_randomization:8.4f}"
                )
            typer.echo(f"signature: {result.signatures[layer]}\n")
