"""The CLI imports a command's module only when that command runs; the listing stays true."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
import typer

from newsgold.cli import COMMANDS, load_command

# Libraries that cost start-up time; none may load for `newsgold --help`.
HEAVY = (
    "spacy",
    "sklearn",
    "scipy",
    "pandas",
    "matplotlib",
    "datasets",
    "label_studio_sdk",
    "pyarrow",
    "numpy",
    "rich",
    "huggingface_hub",
    "seqeval",
)


def test_the_command_table_lists_exactly_what_the_modules_register() -> None:
    scratch = typer.Typer()

    @scratch.callback()
    def _group() -> None:
        pass

    for module in sorted({module for module, _ in COMMANDS.values()}):
        importlib.import_module(f"newsgold.cli.{module}").register(scratch)
    group = typer.main.get_command(scratch)
    assert sorted(group.commands) == sorted(COMMANDS)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_loads_from_its_module(name: str) -> None:
    command = load_command(name)
    assert command.name == name


@pytest.mark.parametrize("argv", [["--help"], ["score", "--help"], ["corpus", "--help"]])
def test_help_imports_no_heavy_library(argv: list[str]) -> None:
    script = (
        "import sys\n"
        f"sys.argv = ['newsgold', *{argv!r}]\n"
        "from newsgold.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "Usage: newsgold" in result.stdout
    assert "HEAVY []" in result.stderr, result.stderr


def test_a_lazy_command_runs_and_unknown_commands_fail() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "newsgold.cli", "corpus", "list", "--corpus", "does-not-exist"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert "holds no documents" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "newsgold.cli", "no-such-command"], capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert "No such command 'no-such-command'" in bad.stderr
