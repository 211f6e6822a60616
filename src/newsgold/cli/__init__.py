"""The ``newsgold`` command line: a thin typed layer over functions that return data.

Each stage registers its commands from its own module. Every failure prints one line
on stderr (``error: ...``) and exits non-zero; ``newsgold --debug COMMAND`` shows the
traceback instead. The typer application lives in :mod:`newsgold.cli._app` and loads on
first use: a plain ``newsgold score`` command line runs without it (see :func:`main`).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any

from newsgold.cli._commands import COMMANDS, STATE, load_command
from newsgold.errors import NewsgoldError

__all__ = ["COMMANDS", "load_command", "main"]


def __getattr__(name: str) -> Any:
    # `app`, the typer application, is built on first use (typer and click cost ~50 ms).
    if name == "app":
        from newsgold.cli._app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    _echo(f"error: {_one_line(message)}", err=True)
    sys.exit(code)


def _echo(text: str, err: bool = False) -> None:
    """Print a line as ``typer.echo`` does (click strips ANSI escapes from what does not
    go to a terminal: only text holding an escape needs click)."""
    if "\x1b" in text:
        import click

        click.echo(text, err=err)
        return
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n")
    stream.flush()


def _run_plain(args: list[str]) -> int | None:
    """Run a command line that needs no typer: ``newsgold score`` with options given
    plainly (:func:`newsgold.cli.score.parse_plain`). ``None`` for every other command
    line, which the typer application parses (help, usage errors and all)."""
    if args[:1] != ["score"]:
        return None
    from newsgold.cli.score import parse_plain, run_score

    options = parse_plain(args[1:])
    if options is None:
        return None
    _echo(run_score(**options))
    return 0


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: every failure is one ``error: ...`` line on stderr.

    Exit status 1 for bad input, refused outputs and OS errors (a full disk, a file where
    a folder is expected), 2 for a command-line usage error, 130 when interrupted.
    ``newsgold --debug COMMAND`` (or ``NEWSGOLD_DEBUG=1``) shows the traceback instead.
    """
    STATE.debug = os.environ.get("NEWSGOLD_DEBUG", "") not in ("", "0")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        code = _run_plain(sys.argv[1:] if argv is None else list(argv))
        if code is None:
            from newsgold.cli._app import app

            code = app(args=argv, standalone_mode=False)
    except Exception as exc:
        if STATE.debug:
            raise
        _fail(*_explain(exc))
    except KeyboardInterrupt:
        if STATE.debug:
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
    click = sys.modules.get("click")  # typer's Abort is click's
    if click is not None and isinstance(exc, click.exceptions.Abort):
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
