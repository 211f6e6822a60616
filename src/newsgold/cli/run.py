"""``newsgold run``: the whole pipeline on the project's embedded data (what `make run` calls).

The stages and their order are :func:`newsgold.pipeline.run.run_pipeline`; this module
only parses the options.
"""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run_command(
        root: Path = typer.Option(Path("."), "--root", help="Project folder (holds seeds/)."),
        progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bars."),
    ) -> None:
        """Run the whole pipeline on the embedded default data and print where each output is."""
        from newsgold.pipeline.run import run_pipeline

        run_pipeline(root, echo=typer.echo, progress=progress)
