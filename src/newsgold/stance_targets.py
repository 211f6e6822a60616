"""Declared stance targets per document (``annotations/stance_targets.json``).

The file maps a document id to its short list of targets:
``{"<doc_id>": [{"id": "...", "name": "...", "description": "..."}]}``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsgold.errors import InputError
from newsgold.records import StanceTarget

_TARGET_ID = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


def load_stance_targets(path: str | Path) -> dict[str, list[StanceTarget]]:
    """Read and validate the stance-target declaration.

    Raises:
        InputError: the file is missing or malformed, an id is not a lowercase slug,
            or a document declares the same target id twice.
    """
    source = Path(path)
    if not source.exists():
        raise InputError("stance-target file not found", path=source)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid JSON: {exc}", path=source) from None
    if not isinstance(data, dict):
        raise InputError("expected an object mapping document ids to target lists", path=source)
    result: dict[str, list[StanceTarget]] = {}
    for doc_id, targets in sorted(data.items()):
        if not isinstance(targets, list) or not targets:
            raise InputError(
                f"document {doc_id}: expected a non-empty list of targets", path=source
            )
        seen: set[str] = set()
        parsed: list[StanceTarget] = []
        for number, item in enumerate(targets, start=1):
            if not isinstance(item, dict) or not {"id", "name", "description"} <= set(item):
                raise InputError(
                    f"document {doc_id}, target {number}: expected an object with "
                    f"id, name and description, got {item!r}",
                    path=source,
                )
            target = StanceTarget.from_dict(item)
            if not _TARGET_ID.match(target.id):
                raise InputError(
                    f"document {doc_id}: target id {target.id!r} is not a lowercase slug "
                    "(letters, digits, underscores)",
                    path=source,
                )
            if target.id in seen:
                raise InputError(
                    f"document {doc_id}: target id {target.id!r} declared twice", path=source
                )
            seen.add(target.id)
            parsed.append(target)
        result[doc_id] = parsed
    return result
