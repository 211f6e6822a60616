"""``newsgold labelstudio`` (config, tasks, serve, stop, push, pull, import-annotations,
and the campaign commands of :mod:`newsgold.cli.campaign`) and ``newsgold validate``.

Server settings come from options or ``LABEL_STUDIO_*`` environment variables; see
:mod:`newsgold.labelstudio.server` for the table. Every command finds the server with
:func:`newsgold.labelstudio.server.label_studio_url`.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from newsgold.cli._labelstudio_options import (
    CREDENTIALS_OPTION,
    KEY_OPTION,
    ROOT_OPTION,
    URL_OPTION,
    annotator_registry,
)
from newsgold.corpus import load_corpus
from newsgold.corpus.document import Document
from newsgold.errors import InputError, ValidationError
from newsgold.guard import check_output_file
from newsgold.labelstudio.config import write_labeling_configs
from newsgold.labelstudio.convert import Conversion
from newsgold.labelstudio.server import (
    ServerSettings,
    free_port,
    label_studio_port,
    label_studio_url,
    start_server,
    stop_server_in,
)
from newsgold.labelstudio.validate import FolderCheck, layer_of, validate_export_folder
from newsgold.paths import ProjectPaths
from newsgold.pipeline.project import (
    model_pre_annotations,
    project_stance_targets,
    task_summary_lines,
    write_labelstudio_tasks,
)
from newsgold.records import read_annotations_jsonl

labelstudio_app = typer.Typer(
    help="Label Studio projects: configs, task files, a local server, push and pull.",
    no_args_is_help=True,
)


@labelstudio_app.command("config")
def config_command(root: Path = ROOT_OPTION) -> None:
    """Write annotations/labelstudio/<layer>.xml, generated from the scheme."""
    for path in write_labeling_configs(ProjectPaths(root).labelstudio_configs):
        typer.echo(f"wrote {path}")


@labelstudio_app.command("tasks")
def tasks_command(
    root: Path = ROOT_OPTION,
    out: Path | None = typer.Option(None, "--out", help="Folder for <layer>.json task files."),
    model: str | None = typer.Option(
        None, "--model", help="Add this model's predictions as pre-annotations."
    ),
) -> None:
    """Write importable Label Studio task files, one per layer."""
    predictions = None
    if model is not None:
        predictions = model_pre_annotations(root, model)
    out_dir = out or ProjectPaths(root).build / "labelstudio" / "tasks"
    written = write_labelstudio_tasks(root, out_dir, predictions=predictions, model_version=model)
    for line in task_summary_lines(written, out_dir):
        typer.echo(line)


@labelstudio_app.command("serve")
def serve_command(
    port: int | None = typer.Option(
        None,
        "--port",
        help="Port on 127.0.0.1; default the port of $LABEL_STUDIO_URL, else $LABEL_STUDIO_PORT, "
        "else 8080.",
    ),
    data_dir: Path = typer.Option(
        Path(".labelstudio"),
        "--data-dir",
        envvar="LABEL_STUDIO_BASE_DATA_DIR",
        help="Data directory (SQLite database, uploads, log, pid file).",
    ),
    username: str = typer.Option(
        "admin@newsgold.local", "--username", envvar="LABEL_STUDIO_USERNAME", help="Admin e-mail."
    ),
    password: str = typer.Option(
        "newsgold-admin", "--password", envvar="LABEL_STUDIO_PASSWORD", help="Admin password."
    ),
    api_key: str = KEY_OPTION,
    detach: bool = typer.Option(
        False, "--detach", help="Leave the server running and return (stop it with `stop`)."
    ),
    timeout: float = typer.Option(240.0, "--timeout", help="Seconds to wait for readiness."),
) -> None:
    """Start a local Label Studio on 127.0.0.1 and wait until it is ready."""
    settings = ServerSettings(label_studio_port(port), data_dir, username, password, api_key)
    server = start_server(settings, timeout=timeout)
    typer.echo(f"Label Studio is ready at {server.url} (log: {server.log_path})")
    typer.echo(f"log in as {username}; API token for push/pull: --api-key or LABEL_STUDIO_API_KEY")
    if detach:
        typer.echo(
            f"running as pid {server.process.pid}; stop it with "
            f"`newsgold labelstudio stop --data-dir {data_dir}`"
        )
        return
    try:
        while server.process.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        typer.echo("stopping Label Studio")
    finally:
        server.stop()


@labelstudio_app.command("stop")
def stop_command(
    data_dir: Path = typer.Option(
        Path(".labelstudio"),
        "--data-dir",
        envvar="LABEL_STUDIO_BASE_DATA_DIR",
        help="Data directory.",
    ),
) -> None:
    """Stop a server started with `serve --detach`."""
    pid = stop_server_in(data_dir)
    typer.echo(f"stopped Label Studio (pid {pid})")


@labelstudio_app.command("push")
def push_command(
    root: Path = ROOT_OPTION,
    url: str | None = URL_OPTION,
    api_key: str = KEY_OPTION,
    from_file: list[Path] = typer.Option(
        [], "--from-file", help="Push these task files (<layer>.json) instead of building tasks."
    ),
    overlap: int | None = typer.Option(
        None,
        "--overlap",
        min=1,
        help="Annotators per task (double annotation: 2). Default: leave the projects' setting.",
    ),
) -> None:
    """Create or update the three projects and their tasks (idempotent).

    Every document left out of a project is named, with the reason."""
    from newsgold.labelstudio.client import connect, push_tasks

    skipped: dict[str, list[str]] = {}
    if from_file:
        task_lists = {layer_of(path): _read_tasks(path) for path in from_file}
    else:
        written = write_labelstudio_tasks(root)
        task_lists = {layer: task_set.tasks for layer, task_set in written.items()}
        skipped = {layer: task_set.skipped for layer, task_set in written.items()}
    client = connect(label_studio_url(url), api_key)
    for layer, tasks in task_lists.items():
        typer.echo(push_tasks(client, layer, tasks, overlap=overlap).summary())
        for reason in skipped.get(layer, []):
            typer.echo(f"{'':<8} left out {reason}")


def _read_tasks(path: Path) -> list[dict[str, Any]]:
    from newsgold.jsonfile import read_json

    tasks = read_json(path, what="task file")
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise InputError("expected a JSON list of task objects", path=path)
    if not tasks:
        raise InputError("the task file holds no tasks", path=path)
    return tasks


def _destination(paths: ProjectPaths, pass_name: str | None, gold: bool) -> Path:
    from newsgold.labelstudio.store import destination

    return destination(paths, pass_name, gold)


def _print_conversion(conversion: Conversion) -> None:
    typer.echo(conversion.summary())
    for problem in conversion.problems:
        typer.echo(f"  rejected: {problem.format()}")


@labelstudio_app.command("pull")
def pull_command(
    root: Path = ROOT_OPTION,
    pass_name: str | None = typer.Option(
        None,
        "--pass",
        help="Only this annotator's pass (with --with-predictions: the whole snapshot, "
        "for scoring a model, saved under this name).",
    ),
    gold: bool = typer.Option(False, "--gold", help="The whole export to annotations/gold."),
    url: str | None = URL_OPTION,
    api_key: str = KEY_OPTION,
    from_file: list[Path] = typer.Option(
        [], "--from-file", help="Use these export files (<layer>.json) instead of the server."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Converted records (JSONL); default build/labelstudio/<name>.jsonl."
    ),
    with_predictions: bool = typer.Option(
        False,
        "--with-predictions",
        help="Export every task with its full predictions (a snapshot export), so the file "
        "can also be scored with `newsgold score --pred`.",
    ),
    credentials: Path | None = CREDENTIALS_OPTION,
) -> None:
    """Export the annotations and write one pass per annotator.

    The exports are saved exactly as received (annotations/exports/<layer>.json), then
    split: annotations/passes/<annotator>/<layer>.json holds each annotator's tasks with
    only their annotations, and is checked like `newsgold validate`. With --gold the whole
    export goes to annotations/gold instead."""
    from newsgold.guard import check_pass_name

    paths = ProjectPaths(root)
    if gold and pass_name is not None:
        raise InputError("give at most one of --pass NAME and --gold", field="--pass")
    if with_predictions and pass_name is None:
        raise InputError("--with-predictions needs --pass NAME (the model)", field="--pass")
    if pass_name is not None:
        check_pass_name(pass_name)
    if out is not None:
        check_output_file(
            out,
            command="labelstudio pull",
            inputs=[("--from-file", path) for path in from_file],
            roots=[root],
            field="--out",
        )
    server_url = label_studio_url(url)
    names = annotator_registry(root, credentials).names_by_user_id(server_url)
    raw: dict[str, bytes] = {}
    if from_file:
        for path in from_file:
            if not path.is_file():
                raise InputError("export file not found", path=path)
            if layer_of(path) in raw:
                raise InputError("a second export of this layer; give one per layer", path=path)
            raw[layer_of(path)] = path.read_bytes()
    else:
        from newsgold.labelstudio.annotators import annotator_names
        from newsgold.labelstudio.client import connect, fetch_exports

        client = connect(server_url, api_key)
        names = annotator_names(client, server_url, annotator_registry(root, credentials))
        raw = fetch_exports(client, with_predictions=with_predictions)
    if gold or with_predictions:
        _pull_whole(paths, paths.gold if gold else paths.passes / str(pass_name), raw, names, out)
    else:
        _pull_passes(paths, raw, names, pass_name, out)


def _pull_whole(
    paths: ProjectPaths, dest: Path, raw: dict[str, bytes], names: dict[int, str], out: Path | None
) -> None:
    """The whole export to ``dest``: checked completely, then saved exactly as received."""
    from newsgold.labelstudio.store import check_exports, refuse, write_exports
    from newsgold.records import write_annotations_jsonl

    checked = check_exports(
        paths,
        dest,
        raw,
        documents=load_corpus(paths.corpus),
        stance_targets=project_stance_targets(paths),
        annotator_names=names,
        one_annotator=dest == paths.gold,
    )
    _print_checked(checked)
    refuse(paths, [checked], {dest: raw})
    for target in write_exports(paths, {dest: raw}, [checked]):
        typer.echo(f"saved     {target} (exactly as received)")
    records = [r for conversion in checked.conversions.values() for r in conversion.annotations]
    out_path = out or paths.build / "labelstudio" / f"{dest.name}.jsonl"
    write_annotations_jsonl(out_path, records)
    typer.echo(
        f"converted {out_path}: {len(records)} record set(s) (one per layer, doc, annotator)"
    )


def _print_checked(checked: Any) -> None:
    for conversion in checked.conversions.values():
        _print_conversion(conversion)
    if checked.folder_check is not None:
        for problem in checked.folder_check.cross_layer:
            typer.echo(f"  rejected: {problem.format()}")


def _pull_passes(
    paths: ProjectPaths,
    raw: dict[str, bytes],
    names: dict[int, str],
    only: str | None,
    out: Path | None,
) -> None:
    """One pass per annotator: every pass is checked before anything is written; then the
    raw exports (annotations/exports/) and the passes are replaced under the store lock."""
    from newsgold.gold import load_annotation_folder
    from newsgold.guard import check_pass_name
    from newsgold.labelstudio.campaign import split_export
    from newsgold.labelstudio.store import check_exports, refuse, write_exports
    from newsgold.records import write_annotations_jsonl

    exports = paths.annotations / "exports"
    split: dict[str, dict[str, bytes]] = {}
    for layer, data in raw.items():
        for name, part in split_export(data, names, source=str(exports / f"{layer}.json")).items():
            split.setdefault(name, {})[layer] = part
    if only is not None:
        if only not in split:
            found = ", ".join(sorted(split)) or "nobody"
            raise InputError(f"no annotations by {only!r} (annotated by: {found})", field="--pass")
        split = {only: split[only]}
    if not split:
        raise InputError("the exports hold no annotations; nothing to pull", field="--pass")
    documents = load_corpus(paths.corpus)
    targets = project_stance_targets(paths)
    updates: dict[Path, dict[str, bytes]] = {}
    checks = []
    for name, parts in sorted(split.items()):
        folder = paths.passes / check_pass_name(name, field="annotator name")
        updates[folder] = {layer: parts.get(layer, b"[]") for layer in raw}
        checked = check_exports(
            paths,
            folder,
            updates[folder],
            documents=documents,
            stance_targets=targets,
            allow_no_tasks=True,
        )
        typer.echo(f"pass      {folder}: {name}'s annotations of {', '.join(raw)}")
        _print_checked(checked)
        checks.append(checked)
    refuse(paths, checks, updates)
    write_exports(paths, {exports: raw, **updates}, checks)
    for layer, data in raw.items():
        typer.echo(f"saved     {exports / f'{layer}.json'} ({len(data)} bytes, as exported)")
    for name in sorted(split):
        folder = paths.passes / name
        records = load_annotation_folder(
            folder, name, documents=documents, stance_targets=targets, require_all=False
        )
        out_path = (
            out if out is not None and only else paths.build / "labelstudio" / f"{name}.jsonl"
        )
        write_annotations_jsonl(out_path, records.values())
        typer.echo(f"converted {out_path}: {len(records)} document(s)")


@contextmanager
def _server_for(url: str | None, api_key: str) -> Iterator[Any]:
    from newsgold.labelstudio.client import connect

    if url:
        yield connect(url, api_key)
        return
    data_dir = Path(tempfile.mkdtemp(prefix="newsgold-ls-"))
    try:
        with start_server(
            ServerSettings(port=free_port(), data_dir=data_dir, token=api_key)
        ) as server:
            yield connect(server.url, api_key)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@labelstudio_app.command("import-annotations")
def import_annotations_command(
    records_path: Path = typer.Argument(..., help="JSONL of DocumentAnnotations of ONE annotator."),
    root: Path = ROOT_OPTION,
    annotator: str | None = typer.Option(
        None,
        "--annotator",
        help="Submit as this annotator's own account (see `annotators add`) on the tasks of "
        "the pushed projects; `pull` then gives their pass.",
    ),
    pass_name: str | None = typer.Option(
        None, "--pass", help="Without --annotator: a pass in its own projects, exported at once."
    ),
    gold: bool = typer.Option(False, "--gold", help="The records are the gold (annotator 'gold')."),
    url: str | None = typer.Option(
        None,
        "--url",
        help="Label Studio URL (default as for every command: $LABEL_STUDIO_URL, "
        "$LABEL_STUDIO_PORT); with --pass/--gold and none of them set, a private temporary "
        "server is started.",
    ),
    api_key: str = KEY_OPTION,
    credentials: Path | None = CREDENTIALS_OPTION,
) -> None:
    """Enter one annotator's records into Label Studio as real annotations.

    With --annotator NAME: as annotations made by NAME's account on the tasks `push`
    created (matched by doc_id and offset); NAME's earlier annotation of a task is
    updated, nobody else's is touched, nothing is exported. With --pass/--gold: in a
    pass's own projects, exported to annotations/passes/NAME/ (or annotations/gold/).
    """
    paths = ProjectPaths(root)
    records = list(read_annotations_jsonl(records_path))
    if not records:
        raise InputError("no annotation records in the file; nothing to import", path=records_path)
    documents = load_corpus(paths.corpus)
    if annotator is not None:
        if gold or pass_name is not None:
            raise InputError(
                "give --annotator alone, without --pass or --gold", field="--annotator"
            )
        from newsgold.labelstudio.annotators import annotator_client
        from newsgold.labelstudio.campaign import submit_annotations
        from newsgold.labelstudio.client import label_studio_errors

        server_url = label_studio_url(url)
        client = annotator_client(server_url, annotator, annotator_registry(root, credentials))
        with label_studio_errors(f"submitting {records_path} as {annotator}"):
            submitted = submit_annotations(
                client, records, documents=documents, stance_targets=project_stance_targets(paths)
            )
        for submission in submitted:
            typer.echo(submission.summary(annotator))
        typer.echo(f"submitted {records_path} as {annotator} to {server_url}; `pull` writes passes")
        return
    from newsgold.labelstudio.client import import_annotation_records
    from newsgold.labelstudio.store import check_exports, refuse, write_exports

    dest = _destination(paths, pass_name, gold)
    name = "gold" if gold else str(pass_name)
    # Label Studio's exports go to a private folder first; the store is replaced only
    # after they pass every check.
    with tempfile.TemporaryDirectory(prefix="newsgold-import-") as staging:
        with _server_for(_configured_url(url), api_key) as client:
            exported = import_annotation_records(
                client,
                records,
                pass_name=name,
                documents=documents,
                stance_targets=project_stance_targets(paths),
                out_dir=staging,
            )
        raw = {layer: path.read_bytes() for layer, path in exported.items()}
    checked = check_exports(
        paths,
        dest,
        raw,
        documents=documents,
        stance_targets=project_stance_targets(paths),
        one_annotator=True,
    )
    _print_checked(checked)
    refuse(paths, [checked], {dest: raw})
    for target in write_exports(paths, {dest: raw}, [checked]):
        typer.echo(f"saved     {target} (as exported by Label Studio)")


def _configured_url(url: str | None) -> str | None:
    """``--url`` or the environment's server, or None when neither names one."""
    import os

    if url or os.environ.get("LABEL_STUDIO_URL") or os.environ.get("LABEL_STUDIO_PORT"):
        return label_studio_url(url)
    return None


def validate_paths(
    targets: list[Path], root: Path, layer: str | None = None
) -> tuple[list[Conversion | FolderCheck], int]:
    """Check export files and folders; return the checks and the number of problems."""
    paths = ProjectPaths(root)
    documents: dict[str, Document] = load_corpus(paths.corpus)
    stance_targets = project_stance_targets(paths)
    results: list[Conversion | FolderCheck] = []
    problems = 0
    for target in targets:
        if target.is_dir():
            check = validate_export_folder(
                target, documents=documents, stance_targets=stance_targets
            )
            results.append(check)
            problems += len(check.problems)
        else:
            from newsgold.labelstudio.validate import validate_export_file

            conversion = validate_export_file(
                target, documents=documents, layer=layer, stance_targets=stance_targets
            )
            results.append(conversion)
            problems += len(conversion.problems)
    return results, problems


def register(app: typer.Typer) -> None:
    from newsgold.cli import campaign as campaign_cli

    campaign_cli.register(labelstudio_app)
    app.add_typer(labelstudio_app, name="labelstudio")

    @app.command("validate")
    def validate_command(
        targets: list[Path] = typer.Argument(
            ..., help="Export files (<layer>.json) or folders (annotations/gold, a pass)."
        ),
        root: Path = ROOT_OPTION,
        layer: str | None = typer.Option(
            None, "--layer", help="Layer of a file not named <layer>.json."
        ),
    ) -> None:
        """Run the Label Studio export checks; list every rejected item with its reason."""
        results, problems = validate_paths(targets, root, layer)
        for target, result in zip(targets, results, strict=True):
            typer.echo(f"{target}:")
            if isinstance(result, FolderCheck):
                for conversion in result.conversions.values():
                    _print_conversion(conversion)
                for problem in result.cross_layer:
                    typer.echo(f"  rejected: {problem.format()}")
            else:
                _print_conversion(result)
        if problems:
            raise ValidationError(f"{problems} problem(s) found", [])
        typer.echo("ok: no problems")
