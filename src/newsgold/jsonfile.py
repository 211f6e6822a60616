"""Reading a user's JSON file with one clear error for each way it can be wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgold.errors import InputError


def read_json_object(path: str | Path, *, what: str) -> dict[str, Any]:
    """Read a JSON file that must hold one object.

    Args:
        path: the file.
        what: what the file is, for the error messages ("stance-target file", say).

    Raises:
        InputError: naming the file, when it is missing, not UTF-8 JSON, or not an object.

    Example:
        >>> read_json_object("annotations/agreement.json", what="agreement file")  # doctest: +SKIP
    """
    source = Path(path)
    if not source.is_file():
        raise InputError(f"{what} not found", path=source)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid JSON: {exc}", path=source) from None
    if not isinstance(data, dict):
        raise InputError(
            f"expected a JSON object, got {type(data).__name__} (a {what} is one object)",
            path=source,
        )
    return data
