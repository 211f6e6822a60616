"""A JSONL file of entity predictions as columns, parsed in one pass by pyarrow.

:func:`read_entity_prediction_columns` handles the common file - every line one object
``{"doc_id": ..., "entities": [{"start": ..., "end": ..., "label": ...}, ...]}`` and
nothing else - and returns None for anything it cannot read *exactly* as
:func:`newsgold.io.predictions.read_predictions` reads it: another layer or key, a null,
a number that is not an integer, a blank line, two values on one line, a byte-order
mark, malformed JSON or text. The caller then reads the file line by line, with the
checks that name file, line and field. Reading is strict where it matters: the explicit
Arrow schema refuses unexpected fields and converts no type (``1.0``, ``"3"`` and
``true`` are not integers here), so what this reader accepts the row checker's schema
accepts too.

Example:
    >>> read_entity_prediction_columns("no/such/file.jsonl") is None
    True
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from newsgold.scoring.entity_columns import EntityPredictionColumns

_ENTITY = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("label", pa.string())])
_SCHEMA = pa.schema([("doc_id", pa.string()), ("entities", pa.list_(_ENTITY))])
_TWO_VALUES = re.compile(rb"\}[ \t]*\{")  # two objects on one line (or such text in a string)
_BLOCK = 1 << 24  # bytes per parse block: a line longer than this goes the row way


def read_entity_prediction_columns(path: str | Path) -> EntityPredictionColumns | None:
    """The entity predictions of a JSONL file as columns, or None when the file is not
    the plain entity-only form (see the module docstring)."""
    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError:
        return None
    if not data or data.startswith(b"\xef\xbb\xbf") or b"\r" in data or _TWO_VALUES.search(data):
        return None
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    try:
        table = pj.read_json(
            pa.BufferReader(data),
            read_options=pj.ReadOptions(block_size=_BLOCK),
            parse_options=pj.ParseOptions(
                explicit_schema=_SCHEMA, unexpected_field_behavior="error"
            ),
        )
    except (pa.ArrowException, UnicodeDecodeError, ValueError):
        return None
    if table.num_rows != lines or table.schema != _SCHEMA:
        return None
    doc_ids = table["doc_id"].combine_chunks()
    lists = table["entities"].combine_chunks()
    if doc_ids.null_count or lists.null_count:
        return None  # no doc id, or a line without the entities key: the row way
    items = pc.list_flatten(lists)
    if items.null_count or any(items.field(name).null_count for name in ("start", "end", "label")):
        return None
    counts = pc.list_value_length(lists).to_numpy().astype(np.int64)
    return EntityPredictionColumns(
        str(source),
        doc_ids,
        counts,
        items.field("start").to_numpy(),
        items.field("end").to_numpy(),
        items.field("label"),
    )
