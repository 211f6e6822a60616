"""Declared stance targets per document (``annotations/stance_targets.json``).

The file maps a document id to its short list of targets:
``{"<doc_id>": [{"id": "...", "name": "...", "description": "..."}]}``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from newsgold.atomic import atomic_write_text
from newsgold.errors import ConflictError, InputError
from newsgold.jsonfile import read_json_object, short_repr
from newsgold.records import StanceTarget


def cell_decider(stances: Sequence[tuple[int, int, str]]) -> int | None:
    """Which stance decides a sentence × target label (annotations/GUIDELINES.md §5.5).

    NONE stances are ignored; with none left the cell is NONE (returns None); otherwise
    the majority of FAVOR vs AGAINST wins, and a tie goes to the polarity of the first
    stance by offset. The gold (``newsgold.dataset``) and the scorer both use this rule.

    Args:
        stances: ``(start, end, polarity)`` of the stances on one sentence and target.

    Returns:
        The index in ``stances`` of the first stance (by offset) with the winning
        polarity, or None when the cell is NONE.

    Example:
        >>> cell_decider([(5, 9, "AGAINST"), (1, 3, "FAVOR")])
        1
    """
    polar = sorted(
        (start, end, polarity, index)
        for index, (start, end, polarity) in enumerate(stances)
        if polarity != "NONE"
    )
    if not polar:
        return None
    votes = Counter(item[2] for item in polar)
    best = max(votes.values())
    return next(item[3] for item in polar if votes[item[2]] == best)


_TARGET_ID = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


def load_stance_targets(path: str | Path) -> dict[str, list[StanceTarget]]:
    """Read and validate the stance-target declaration.

    Raises:
        InputError: the file is missing or malformed, an id is not a lowercase slug,
            or a document declares the same target id twice.
    """
    source = Path(path)
    data = read_json_object(source, what="stance-target file")
    result: dict[str, list[StanceTarget]] = {}
    for doc_id, targets in sorted(data.items()):
        if not isinstance(targets, list) or not targets:
            raise InputError(
                f"document {short_repr(doc_id)}: expected a non-empty list of targets", path=source
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


def add_stance_target(
    path: str | Path, doc_id: str, target: StanceTarget, *, known_documents: Sequence[str]
) -> bool:
    """Declare ``target`` for document ``doc_id`` in the stance-target file, atomically.

    The file keeps its layout (documents sorted by id, each target as ``id``, ``name``,
    ``description``), so a declaration is a small reviewable diff.

    Args:
        path: ``annotations/stance_targets.json`` (created when missing).
        doc_id: a document of the corpus.
        target: the target to declare.
        known_documents: the corpus document ids.

    Returns:
        True when the target was added; False when the same target was declared already.

    Raises:
        InputError: unknown document, an id that is not a lowercase slug, an empty name
            or description, or the file is malformed.
        ConflictError: the document declares this id with another name or description.

    Example:
        >>> import tempfile
        >>> tmp = tempfile.TemporaryDirectory()
        >>> path, doc = Path(tmp.name, "annotations", "stance_targets.json"), "6ebade2f8e52de11"
        >>> target = StanceTarget("sanctions", "Sanctions", "Keeping sanctions on.")
        >>> add_stance_target(path, doc, target, known_documents=[doc])
        True
        >>> add_stance_target(path, doc, target, known_documents=[doc])  # declared already
        False
        >>> load_stance_targets(path)[doc][0].name
        'Sanctions'
        >>> tmp.cleanup()
    """
    source = Path(path)
    if doc_id not in set(known_documents):
        raise InputError(f"document {doc_id!r} is not in the corpus", field="DOC_ID")
    if not _TARGET_ID.match(target.id):
        raise InputError(
            f"target id {target.id!r} is not a lowercase slug (2-64 letters, digits, "
            "underscores, starting with a letter)",
            field="ID",
        )
    for name, value in (("--name", target.name), ("--description", target.description)):
        if not value.strip():
            raise InputError("expected a non-empty text", field=name)
    from newsgold.storelock import store_lock

    with store_lock(source.parent):  # read, change and replace: one writer at a time
        declared = load_stance_targets(source) if source.exists() else {}
        targets = declared.setdefault(doc_id, [])
        for existing in targets:
            if existing.id == target.id:
                if existing == target:
                    return False
                raise ConflictError(
                    f"{source}: document {doc_id} already declares target {target.id!r} as "
                    f"{existing.name!r}; edit the file to change it"
                )
        targets.append(target)
        data = {doc: [t.to_dict() for t in declared[doc]] for doc in sorted(declared)}
        atomic_write_text(source, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return True
