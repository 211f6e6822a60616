"""The ``newsgold`` command line: a thin typed layer over functions that return data.

Each stage registers its commands from its own module. Failures print one line on
stderr and exit with status 1.
"""

from __future__ import annotations

import sys

import typer

from newsgold.errors import NewsgoldError

app = typer.Typer(
    name="newsgold",
    help="Annotated news dataset toolkit: corpus, Label Studio, gold, dataset, scoring.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from newsgold import __version__

        typer.echo(f"newsgold {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version,
        is_eager=True,
        help="Print the newsgold version and exit.",
    ),
) -> None:
    """Annotated news dataset toolkit: corpus, Label Studio, gold, dataset, scoring."""


def _register() -> None:
    # One import per stage; each module defines `register(app)`.
    from newsgold.cli import adjudicate as adjudicate_cli
    from newsgold.cli import agreement as agreement_cli
    from newsgold.cli import annotate as annotate_cli
    from newsgold.cli import corpus as corpus_cli
    from newsgold.cli import dataset as dataset_cli
    from newsgold.cli import labelstudio as labelstudio_cli
    from newsgold.cli import predict as predict_cli
    from newsgold.cli import run as run_cli
    from newsgold.cli import score as score_cli
    from newsgold.cli import targets as targets_cli

    adjudicate_cli.register(app)
    annotate_cli.register(app)
    agreement_cli.register(app)
    corpus_cli.register(app)
    labelstudio_cli.register(app)
    dataset_cli.register(app)
    predict_cli.register(app)
    run_cli.register(app)
    score_cli.register(app)
    targets_cli.register(app)


_register()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        app(args=argv, standalone_mode=True)
    except NewsgoldError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
