"""The ``newsgold`` command line: a thin typed layer over functions that return data.

Each stage registers its commands from its own module. Failures print one line on
stderr and exit with status 1.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from newsgold.errors import NewsgoldError

# Top-level command -> (module that registers it, one-line help shown by `newsgold --help`).
# A command's module is imported only when that command runs (or shows its own help),
# so `newsgold --help` pays for typer alone. tests/test_cli_lazy.py keeps this table equal
# to what the modules register.
COMMANDS: dict[str, tuple[str, str]] = {
    "adjudicate": ("adjudicate", "Resolve disagreements between two passes."),
    "agreement": ("agreement", "Agreement of two passes, overall, per split and per document."),
    "annotate": ("annotate", "Annotate documents in a plain-text format with exact offsets."),
    "compare": ("score", "Paired significance test of two systems on the same gold."),
    "corpus": ("corpus", "Ingest and inspect the normalized corpus."),
    "dataset": ("dataset", "Build, inspect, export and publish the Hugging Face dataset."),
    "labelstudio": ("labelstudio", "Label Studio: server, projects, annotators, exports."),
    "leaderboard": ("predict", "Leaderboard (Markdown and JSON) from score reports."),
    "predict": ("predict", "Run models on the corpus or a built dataset; write predictions."),
    "report": ("predict", "Self-contained HTML report with plots and an error view."),
    "run": ("run", "The whole pipeline on the project: corpus to report."),
    "score": ("score", "Score predictions against the gold (table, JSON or Markdown)."),
    "targets": ("targets", "Declare and list stance targets per document."),
    "validate": ("labelstudio", "Check Label Studio exports; list every rejected item."),
}


def load_command(name: str) -> Any:
    """The real click command ``name``, built by importing its module."""
    import importlib

    module = importlib.import_module(f"newsgold.cli.{COMMANDS[name][0]}")
    scratch = typer.Typer(
        add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None
    )

    @scratch.callback()
    def _group() -> None:  # keeps typer from collapsing a single command into the group
        pass

    module.register(scratch)
    group = typer.main.get_command(scratch)
    command = group.commands.get(name) if isinstance(group, TyperGroup) else None
    if command is None:
        raise KeyError(f"newsgold.cli.{COMMANDS[name][0]} does not register {name!r}")
    return command


class _LazyCommand(TyperCommand):
    """Stands for a command in the listing; builds the real one when it is run."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Any = None,
        **extra: Any,
    ) -> Any:
        return load_command(self.name or "").make_context(info_name, args, parent, **extra)


class _LazyGroup(TyperGroup):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # --version here rather than as a typer option: typer builds every option's
        # coercion with pydantic, which would cost every command ~0.2 s of start-up.
        if args[:1] == ["--version"]:
            from newsgold import __version__

            typer.echo(f"newsgold {__version__}")
            ctx.exit(0)
        result: list[str] = super().parse_args(ctx, args)
        return result

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        help_text = COMMANDS[cmd_name][1]
        return _LazyCommand(cmd_name, help=help_text, short_help=help_text)


app = typer.Typer(
    cls=_LazyGroup,
    rich_markup_mode=None,  # plain help: rich costs ~0.15 s of start-up
    name="newsgold",
    help="Annotated news dataset toolkit: corpus, Label Studio, gold, dataset, scoring.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _options() -> None:
    """Annotated news dataset toolkit: corpus, Label Studio, gold, dataset, scoring.

    `newsgold --version` prints the version.
    """


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        app(args=argv, standalone_mode=True)
    except NewsgoldError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
