"""The typer application behind ``newsgold``: a group listing :data:`newsgold.cli.COMMANDS`
that builds each command from its module when it runs (or shows its help)."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from newsgold.cli._commands import COMMANDS, STATE, load_command


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
            from newsgold._version import __version__

            typer.echo(f"newsgold {__version__}")
            ctx.exit(0)
        if args[:1] == ["--debug"]:  # parsed here for the same reason as --version
            STATE.debug = True
            args = args[1:]
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

    `newsgold --version` prints the version; `newsgold --debug COMMAND ...` shows the
    full traceback of a failure instead of one line (also NEWSGOLD_DEBUG=1).
    """
