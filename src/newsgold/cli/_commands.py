"""The table of ``newsgold`` commands, each built from its own module on first use,
and the process-wide CLI state (``--debug``). No typer at import time."""

from __future__ import annotations

from typing import Any


class _State:
    """What the command line set for the whole process."""

    debug: bool = False  # --debug or NEWSGOLD_DEBUG=1: tracebacks instead of one line


STATE = _State()

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

    import typer
    from typer.core import TyperGroup

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
