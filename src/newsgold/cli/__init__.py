"""The ``newsgold`` command line: a thin typed layer over functions that return data.

Each stage registers its commands from its own module. Every failure prints one line
on stderr (``error: ...``) and exits non-zero; ``newsgold --debug COMMAND`` shows the
traceback instead.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
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
            from newsgold._version import __version__

            typer.echo(f"newsgold {__version__}")
            ctx.exit(0)
        if args[:1] == ["--debug"]:  # parsed here for the same reason as --version
            global _debug
            _debug = True
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


_debug = False


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def _os_error(exc: OSError) -> str:
    what = exc.strerror or type(exc).__name__
    if exc.filename is None:
        return f"{what} ({exc})" if exc.strerror else str(exc) or what
    where = str(exc.filename)
    if exc.filename2 is not None:
        where += f" -> {exc.filename2}"
    return f"{where}: {what}"


def _exit_on_sigterm(signum: int, frame: object) -> None:
    # SystemExit unwinds like an exception: atomic writes delete their temporary files
    # and store locks are released.
    raise SystemExit(128 + signum)


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {_one_line(message)}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: every failure is one ``error: ...`` line on stderr.

    Exit status 1 for bad input, refused outputs and OS errors (a full disk, a file where
    a folder is expected), 2 for a command-line usage error, 130 when interrupted.
    ``newsgold --debug COMMAND`` (or ``NEWSGOLD_DEBUG=1``) shows the traceback instead.
    """
    global _debug
    _debug = os.environ.get("NEWSGOLD_DEBUG", "") not in ("", "0")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        code = app(args=argv, standalone_mode=False)
    except Exception as exc:
        if _debug:
            raise
        _fail(*_explain(exc))
    except KeyboardInterrupt:
        if _debug:
            raise
        _fail(_INTERRUPTED, 130)
    if code == 130:  # typer turns Ctrl-C into Exit(130), silently
        _fail(_INTERRUPTED, 130)
    sys.exit(code if isinstance(code, int) else 0)


_INTERRUPTED = "interrupted (store files are replaced atomically: none is half-written)"


def _explain(exc: Exception) -> tuple[str, int]:
    """The one line and exit status for a failure."""
    if isinstance(exc, NewsgoldError):
        return str(exc), 1
    if isinstance(exc, typer.Abort):
        return _INTERRUPTED, 130
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
        # click's (or typer's vendored click's) usage errors: one line, not a box
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]  # the help text, as click prints it
            sys.exit(int(exc.exit_code))
        hint = f" (see `newsgold {_command(exc)}--help`)" if exc.exit_code == 2 else ""
        return f"{exc.format_message()}{hint}", int(exc.exit_code)
    if isinstance(exc, OSError):
        return _os_error(exc), 1
    if isinstance(exc, RecursionError | MemoryError):
        return f"input too large or too deeply nested ({type(exc).__name__})", 1
    return (
        f"unexpected {type(exc).__name__}: {str(exc)[:300]} (a newsgold bug; run again with "
        "`newsgold --debug ...` and report the traceback)",
        1,
    )


def _command(exc: Exception) -> str:
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return ""
    return str(ctx.command_path).removeprefix(ctx.find_root().info_name or "").strip() + " "
