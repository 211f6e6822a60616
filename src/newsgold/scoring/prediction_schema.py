"""Prediction rows: the JSONL format (with its JSON Schema) and its checks against the gold.

Reading files (JSONL, Label Studio exports, dataset folders) is
:mod:`newsgold.io.predictions`' job; every reader's rows pass the checks of
:mod:`newsgold.scoring.row_checks`.

The prediction format is one JSON object per line, one line per document::

    {"doc_id": "6ebade2f8e52de11",
     "entities": [{"start": 0, "end": 5, "label": "GPE"}],
     "events":   [{"trigger": {"start": 9, "end": 15}, "type": "04", "realis": "ACTUAL",
                   "arguments": [{"role": "SOURCE", "start": 0, "end": 5}]}],
     "stances":  [{"holder": {"start": 0, "end": 5}, "target": "summit", "label": "FAVOR",
                   "evidence": {"start": 0, "end": 40}}]}

Offsets are character offsets into the document's normalized text, end-exclusive. A
layer key that appears on no line is not scored. ``realis`` and ``evidence`` are
optional. The JSON Schema is :data:`PREDICTION_SCHEMA` (also ``schemas/predictions.schema.json``).

Every problem becomes a :class:`~newsgold.problems.Problem` naming file, line, field and reason. By
default the first one is raised as :class:`~newsgold.errors.InputError` (with the total
count); with ``lenient=True`` the offending item (or line) is skipped and the issue is kept
in the result so the report can count and list it. Nothing is dropped silently.
"""

from __future__ import annotations

from typing import Any

from newsgold.scheme import ENTITY_LABELS, EVENT_TYPES, REALIS_LABELS, ROLE_LABELS, STANCE_LABELS

LAYER_KEYS: tuple[str, ...] = ("entities", "events", "stances")

_SPAN = {
    "type": "object",
    "required": ["start", "end"],
    "properties": {
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
    "additionalProperties": False,
}

PREDICTION_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://newsgold.example/schemas/predictions.schema.json",
    "title": "newsgold prediction line",
    "description": (
        "One document's predictions. Offsets are character offsets into the document's "
        "normalized text (Python str indices), end-exclusive. A layer absent from every "
        "line is not scored."
    ),
    "type": "object",
    "required": ["doc_id"],
    "additionalProperties": False,
    "properties": {
        "doc_id": {"type": "string", "minLength": 1},
        "entities": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start", "end", "label"],
                "additionalProperties": False,
                "properties": {
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0},
                    "label": {"enum": list(ENTITY_LABELS)},
                },
            },
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["trigger", "type"],
                "additionalProperties": False,
                "properties": {
                    "trigger": _SPAN,
                    "type": {"enum": list(EVENT_TYPES)},
                    "realis": {"enum": list(REALIS_LABELS)},
                    "arguments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["role", "start", "end"],
                            "additionalProperties": False,
                            "properties": {
                                "role": {"enum": list(ROLE_LABELS)},
                                "start": {"type": "integer", "minimum": 0},
                                "end": {"type": "integer", "minimum": 0},
                            },
                        },
                    },
                },
            },
        },
        "stances": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["holder", "target", "label"],
                "additionalProperties": False,
                "properties": {
                    "holder": {"oneOf": [{"type": "null"}, _SPAN]},
                    "target": {"type": "string", "minLength": 1},
                    "label": {"enum": list(STANCE_LABELS)},
                    "evidence": _SPAN,
                },
            },
        },
    },
}
