"""Options and helpers every ``newsgold labelstudio`` command module shares.

Kept apart from :mod:`newsgold.cli.labelstudio` so that :mod:`newsgold.cli.campaign`
(whose commands that module registers) does not import it back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from newsgold.labelstudio.server import DEFAULT_TOKEN

ROOT_OPTION = typer.Option(Path("."), "--root", help="Project folder (corpus/, annotations/).")
URL_OPTION = typer.Option(
    None,
    "--url",
    help="Label Studio URL; default $LABEL_STUDIO_URL, else http://127.0.0.1:$LABEL_STUDIO_PORT "
    "(port 8080).",
)
KEY_OPTION = typer.Option(
    DEFAULT_TOKEN, "--api-key", envvar="LABEL_STUDIO_API_KEY", help="Label Studio API token."
)


CREDENTIALS_OPTION = typer.Option(
    None,
    "--credentials",
    help="Annotator credentials file (0600, never committed); default "
    "<root>/.labelstudio/annotators.json.",
)


def annotator_registry(root: Path, credentials: Path | None) -> Any:
    """The annotator credentials file of the project at ``root`` (or ``credentials``)."""
    from newsgold.labelstudio.annotators import DEFAULT_CREDENTIALS, AnnotatorRegistry

    return AnnotatorRegistry(credentials or root / DEFAULT_CREDENTIALS)
