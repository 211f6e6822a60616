"""``newsgold labelstudio annotators add|list|remove``, ``newsgold labelstudio status`` and
``newsgold labelstudio ml-backend``: running an annotation campaign."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from newsgold.cli._labelstudio_options import (
    CREDENTIALS_OPTION,
    KEY_OPTION,
    ROOT_OPTION,
    URL_OPTION,
    annotator_registry,
)
from newsgold.corpus import load_corpus
from newsgold.errors import InputError
from newsgold.labelstudio.server import label_studio_url
from newsgold.paths import ProjectPaths
from newsgold.pipeline.project import (
    load_project_model,
    project_gold_entities,
    project_stance_targets,
)

annotators_app = typer.Typer(
    help="Annotator accounts: real Label Studio users with their own password and API token.",
    no_args_is_help=True,
)


@annotators_app.command("add")
def add_command(
    names: list[str] = typer.Argument(..., help="Annotator name(s): lowercase, e.g. alice."),
    root: Path = ROOT_OPTION,
    url: str | None = URL_OPTION,
    api_key: str = KEY_OPTION,
    credentials: Path | None = CREDENTIALS_OPTION,
) -> None:
    """Create a Label Studio user per name (NAME@newsgold.local, its own password and token).

    The credentials go to the local credentials file (0600, git-ignored), never the repo."""
    from newsgold.labelstudio.annotators import add_annotator
    from newsgold.labelstudio.client import connect, label_studio_errors

    server_url = label_studio_url(url)
    admin = connect(server_url, api_key)
    registry = annotator_registry(root, credentials)
    for name in names:
        with label_studio_errors(f"adding annotator {name}"):
            account = add_annotator(admin, server_url, name, registry)
        typer.echo(
            f"added     {name}: Label Studio user {account.user_id} ({account.email}) on "
            f"{server_url}; credentials in {registry.path}"
        )


@annotators_app.command("list")
def list_command(
    root: Path = ROOT_OPTION,
    url: str | None = URL_OPTION,
    credentials: Path | None = CREDENTIALS_OPTION,
    show_passwords: bool = typer.Option(
        False, "--show-passwords", help="Also print each password (to hand it to the annotator)."
    ),
) -> None:
    """List the annotators of the server (from the local credentials file)."""
    server_url = label_studio_url(url)
    registry = annotator_registry(root, credentials)
    accounts = registry.accounts(server_url, include_removed=True)
    if not accounts:
        typer.echo(f"no annotators for {server_url} in {registry.path}")
    for account in accounts:
        state = "removed" if account.removed else "active"
        secret = f"  password {account.password}" if show_passwords and account.password else ""
        typer.echo(f"{account.name:<20} user {account.user_id:<5} {account.email}  {state}{secret}")


@annotators_app.command("remove")
def remove_command(
    name: str = typer.Argument(..., help="The annotator to remove."),
    root: Path = ROOT_OPTION,
    url: str | None = URL_OPTION,
    api_key: str = KEY_OPTION,
    credentials: Path | None = CREDENTIALS_OPTION,
) -> None:
    """Revoke the annotator's token and remove them from the organization.

    Their annotations stay (and keep their name in pulls)."""
    from newsgold.labelstudio.annotators import remove_annotator
    from newsgold.labelstudio.client import connect, label_studio_errors

    server_url = label_studio_url(url)
    registry = annotator_registry(root, credentials)
    with label_studio_errors(f"removing annotator {name}"):
        remove_annotator(connect(server_url, api_key), server_url, name, registry)
    typer.echo(f"removed   {name} from {server_url}; their annotations stay")


def status_command(
    root: Path = ROOT_OPTION,
    url: str | None = URL_OPTION,
    api_key: str = KEY_OPTION,
    credentials: Path | None = CREDENTIALS_OPTION,
    output_format: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Per project and annotator: tasks done / skipped / left, and the agreement so far on
    tasks that two annotators finished."""
    from newsgold.labelstudio.annotators import annotator_names
    from newsgold.labelstudio.campaign import campaign_status, status_lines
    from newsgold.labelstudio.client import connect, label_studio_errors

    if output_format not in ("table", "json"):
        raise InputError(f"expected 'table' or 'json', got {output_format!r}", field="--format")
    paths = ProjectPaths(root)
    server_url = label_studio_url(url)
    client = connect(server_url, api_key)
    registry = annotator_registry(root, credentials)
    with label_studio_errors("reading the projects' progress"):
        progress = campaign_status(
            client,
            annotator_names(client, server_url, registry),
            documents=load_corpus(paths.corpus),
            stance_targets=project_stance_targets(paths),
            annotators=[a.name for a in registry.accounts(server_url)],
        )
    if output_format == "json":
        rows = [p.to_dict() for p in progress]
        typer.echo(json.dumps(rows, indent=2, sort_keys=True, ensure_ascii=False))
        return
    for line in status_lines(progress):
        typer.echo(line)


def ml_backend_command(
    model: str = typer.Option(
        ..., "--model", help="A baseline (spacy-ner, cameo-rules, ...) or module:callable."
    ),
    port: int = typer.Option(9090, "--port", help="Port on 127.0.0.1 for the ML backend."),
    root: Path = ROOT_OPTION,
    url: str | None = URL_OPTION,
    api_key: str = KEY_OPTION,
    connect: bool = typer.Option(
        True,
        "--connect/--no-connect",
        help="Connect it to the pushed projects of the layers the model predicts.",
    ),
) -> None:
    """Serve a model's pre-annotations to Label Studio, live, until Ctrl-C.

    Annotators then see the model's regions in every task they open that has no
    pre-annotation yet (others: Data Manager, "Retrieve predictions")."""
    import time

    from newsgold.labelstudio.client import connect as connect_client
    from newsgold.labelstudio.client import label_studio_errors
    from newsgold.ml_backend import (
        PreAnnotator,
        connect_ml_backend,
        model_layers,
        running_ml_backend,
    )

    paths = ProjectPaths(root)
    extractor = load_project_model(root, model)
    annotator = PreAnnotator(
        extractor,
        load_corpus(paths.corpus),
        stance_targets=project_stance_targets(paths),
        gold_entities=project_gold_entities(paths),
    )
    with running_ml_backend(annotator, port=port) as backend_url:
        typer.echo(f"ML backend for {annotator.model_version} at {backend_url}")
        if connect:
            server_url = label_studio_url(url)
            layers = model_layers(extractor)
            with label_studio_errors(f"connecting the ML backend {backend_url}"):
                connected = connect_ml_backend(
                    connect_client(server_url, api_key),
                    backend_url,
                    model_version=annotator.model_version,
                    layers=layers,
                )
            for layer, backend_id in connected.items():
                typer.echo(f"connected {layer} project on {server_url} (ML backend {backend_id})")
        typer.echo("serving; stop with Ctrl-C")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            typer.echo("stopping the ML backend")


def register(labelstudio_app: typer.Typer) -> None:
    labelstudio_app.add_typer(annotators_app, name="annotators")
    labelstudio_app.command("status")(status_command)
    labelstudio_app.command("ml-backend")(ml_backend_command)
