"""Reading a Label Studio JSON export: the file's bytes -> a list of task objects.

The fields newsgold reads are type-checked against ``export.schema.json`` here, so a
wrongly typed field is one clear error naming the task and the field; the values
(labels, offsets, texts) are checked item by item by :mod:`newsgold.labelstudio.convert`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsgold.errors import InputError
from newsgold.jsonfile import parse_json, short_repr


def read_export(path: str | Path) -> list[dict[str, Any]]:
    """Read a Label Studio JSON export (a list of tasks).

    Raises:
        InputError: the file is missing, not JSON, or not a list of task objects.
    """
    source = Path(path)
    if not source.exists():
        raise InputError("export file not found", path=source)
    return parse_export(source.read_bytes(), source=source)


def parse_export(data: bytes, *, source: str | Path | None = None) -> list[dict[str, Any]]:
    """Parse the bytes of a Label Studio JSON export (see :func:`read_export`).

    The fields newsgold reads are type-checked against ``export.schema.json`` first, so a
    wrongly typed field (``annotations: "x"``, ``from_name: {}``) is one clear error.

    Raises:
        InputError: empty, not JSON, not a list of task objects, or a field of the wrong
            type (naming the task and the field).

    Example:
        >>> parse_export(b'[{"id": 7, "data": {"doc_id": "d", "offset": 0, "text": "Hi"}}]')
        [{'id': 7, 'data': {'doc_id': 'd', 'offset': 0, 'text': 'Hi'}}]
        >>> parse_export(b'[{"id": 7, "data": 1}]')
        Traceback (most recent call last):
        newsgold.errors.InputError: task 7 (item 0), field data: expected object, got int 1
    """
    if not data.strip():
        raise InputError("the export is empty; expected a Label Studio JSON export", path=source)
    try:
        tasks = parse_json(data, path=source)
    except InputError as exc:
        raise InputError(f"not a JSON export: {exc.message}", path=source) from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise InputError(
            "expected a Label Studio JSON export (a list of task objects); "
            "export with format JSON, not JSON_MIN or CSV",
            path=source,
        )
    error = next(_export_validator().iter_errors(tasks), None)
    if error is not None:
        raise InputError(_schema_problem(tasks, error), path=source)
    return tasks


@cache
def _export_validator() -> Any:
    import jsonschema

    schema = json.loads(
        resources.files("newsgold.labelstudio").joinpath("export.schema.json").read_text()
    )
    return jsonschema.Draft202012Validator(schema)


def _schema_problem(tasks: list[dict[str, Any]], error: Any) -> str:
    path = list(error.absolute_path)
    index = path[0] if path else None
    task = f"task {tasks[index].get('id')!r} (item {index})" if isinstance(index, int) else "export"
    field = ".".join(str(p) for p in path[1:]) or "(task)"
    wanted = error.validator_value if error.validator == "type" else error.validator
    expected = " or ".join(wanted) if isinstance(wanted, list) else str(wanted)
    return (
        f"{task}, field {field}: expected {expected}, got "
        f"{type(error.instance).__name__} {short_repr(error.instance)}"
    )


__all__ = ["parse_export", "read_export"]
