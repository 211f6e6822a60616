"""The entity gold of a built dataset folder as columns, for scoring many documents fast.

:func:`read_entity_gold_columns` reads only what scoring entity predictions needs, as
Arrow columns and numpy arrays - no Python object per document or token, and no
``datasets`` import (label names come from the files' features metadata as JSON):

- from the ``documents`` config, the ids and texts (for the withheld-text check);
- from the ``entities`` config, each annotatable sentence's bounds, tokens, token
  offsets and entity spans. A built dataset is validated, so every gold entity starts in
  an annotatable sentence and this config holds them all, in the canonical order of the
  ``documents`` config; the tokens and spans give the layer's gold id.

The result is what :func:`newsgold.dataset.read.read_dataset` and
:func:`newsgold.scoring.gold_ids.entity_gold_hash` give for the same folder (a test
checks that), or ``None`` when the folder is one it does not handle (one document, an
entity label outside the installed scheme, a token the gold id must escape): the caller
then reads the records.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsgold.scheme import ENTITY_LABELS
from newsgold.scoring.entity_columns import EntityGoldColumns, IntArray

_JSON_ESCAPED = r'["\\\x00-\x1f]'  # what json.dumps(ensure_ascii=False) escapes in a string


def _files(folder: Path, config: str) -> list[Path]:
    return sorted((folder / config).glob("*.parquet")) if (folder / config).is_dir() else []


def _label_names(schema: pa.Schema, column: str) -> list[str] | None:
    try:
        features = json.loads(schema.metadata[b"huggingface"])["info"]["features"]
        names = features[column]["feature"]["label"]["names"]
    except (KeyError, TypeError, ValueError):
        return None
    return [str(name) for name in names] if isinstance(names, list) else None


def _read(files: list[Path], columns: list[str], label_column: str) -> tuple[pa.Table, bool]:
    """The files' columns concatenated, entity labels recoded to :data:`ENTITY_LABELS`
    indices; False when a file's labels cannot be recoded."""
    tables = []
    leaves = [f"{label_column}.list.element.{name}" for name in ("start", "end", "label")]
    for path in files:
        # Leaf paths read only the span fields of the entity structs (not ids and texts).
        table = pq.ParquetFile(path, pre_buffer=True).read(columns=[*columns, *leaves])
        names = _label_names(table.schema, label_column)
        if names is None or not set(names) <= set(ENTITY_LABELS):
            return table, False
        lists = table[label_column].combine_chunks()
        recode = np.asarray([ENTITY_LABELS.index(n) for n in names] or [0], dtype=np.int64)
        labels = lists.values.field("label").to_numpy(zero_copy_only=False)
        entities = pa.ListArray.from_arrays(
            lists.offsets,
            pa.StructArray.from_arrays(
                [lists.values.field("start"), lists.values.field("end"), pa.array(recode[labels])],
                names=["start", "end", "label"],
            ),
        )
        table = table.set_column(table.schema.get_field_index(label_column), label_column, entities)
        tables.append(table)
    return pa.concat_tables(tables), True


def _list_parts(column: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, IntArray]:
    """The values of a list column and each row's value count."""
    lists = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    lengths = pc.fill_null(pc.list_value_length(lists), 0).to_numpy()
    return pc.list_flatten(lists), lengths.astype(np.int64)


def _ints(array: pa.Array) -> IntArray:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=np.int64)


def _joined(values: pa.Array, lengths: IntArray, separator: str) -> pa.Array:
    """Each row's values joined by ``separator`` (rows of ``lengths`` values)."""
    offsets = pa.array(np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32))
    return pc.binary_join(pa.ListArray.from_arrays(offsets, values), separator)


def _tokens_json(tokens: pa.Array, lengths: IntArray) -> pa.Array | None:
    """Each sentence's tokens as ``json.dumps(tokens, ensure_ascii=False)[1:-1]``, or None
    when a token needs escaping (the caller then takes the record path)."""
    plain = _joined(tokens, lengths, "")
    if len(plain) and pc.any(pc.match_substring_regex(plain, _JSON_ESCAPED)).as_py():
        return None
    joined = _joined(tokens, lengths, '", "')
    quoted = pc.binary_join_element_wise('"', joined, '"', "")
    return pc.if_else(pa.array(lengths > 0), quoted, "")


def _chunks_json(
    row: IntArray, start: IntArray, end: IntArray, label: IntArray, sentences: pa.Table
) -> pa.Array:
    """Each sentence's entity chunks as JSON array contents, sorted as
    :func:`newsgold.tagging.entity_layer_hash` sorts them: ``[start, end, "LABEL"]`` in
    token indices, ``false`` appended to a chunk that is not token-aligned; a span that
    covers no token is left out (``expand`` alignment, :func:`newsgold.tagging.span_chunks`)."""
    offsets, n_tokens = _list_parts(sentences["token_offsets"])
    first = np.concatenate([[0], np.cumsum(n_tokens)])
    # One key space for all sentences (row * 2**32 + offset): searchsorted stays in a row.
    token_row = np.repeat(np.arange(len(n_tokens), dtype=np.int64), n_tokens) << 32
    starts = token_row + _ints(offsets.field("start"))
    ends = token_row + _ints(offsets.field("end"))
    base = row << 32
    lo = np.searchsorted(ends, base + start, side="right")
    hi = np.searchsorted(starts, base + end, side="left")
    keep = lo < hi
    row, start, end, label = row[keep], start[keep], end[keep], label[keep]
    lo, hi, base = lo[keep], hi[keep], base[keep]
    aligned = (starts[lo] - base == start) & (ends[hi - 1] - base == end)
    lo, hi = lo - first[row], hi - first[row]
    rank = np.argsort(np.argsort(np.asarray(ENTITY_LABELS)))  # label index -> rank by name
    order = np.lexsort((~aligned, rank[label], hi, lo, row))
    names = pa.array([f'"{name}"' for name in ENTITY_LABELS])
    chunk = pc.binary_join_element_wise(
        "[",
        pc.cast(pa.array(lo[order]), pa.string()),
        ", ",
        pc.cast(pa.array(hi[order]), pa.string()),
        ", ",
        names.take(pa.array(label[order])),
        pc.if_else(pa.array(aligned[order]), "]", ", false]"),
        "",
    )
    return _joined(chunk, np.bincount(row, minlength=len(n_tokens)).astype(np.int64), ", ")


def _layer_id(chunks: pa.Array, tokens: pa.Array) -> str:
    """The entity layer's gold id from each sentence's chunk and token JSON contents: the
    rows :func:`newsgold.tagging.entity_layer_hash_of_runs` hashes, one string each."""
    rows = pc.binary_join_element_wise(
        '{"entities": [', chunks, '], "tokens": [', tokens, "]}\n", ""
    )
    digest = hashlib.sha256()
    for chunk in (
        rows.cast(pa.large_string()).chunks
        if isinstance(rows, pa.ChunkedArray)
        else [rows.cast(pa.large_string())]
    ):
        _, bounds, data = chunk.buffers()
        edges = np.frombuffer(bounds, dtype=np.int64)[chunk.offset : chunk.offset + len(chunk) + 1]
        if data is not None and len(chunk):
            digest.update(memoryview(data)[int(edges[0]) : int(edges[-1])])
    return "sha256-" + digest.hexdigest()[:12]


def read_entity_gold_columns(folder: str | Path) -> EntityGoldColumns | None:
    """The entity gold of a built dataset folder as columns, or None when this reader
    does not handle the folder (the caller reads it with
    :func:`newsgold.dataset.read.read_dataset`).

    Raises:
        InputError: the text of some documents is withheld (a redistributable build), as
            :func:`~newsgold.dataset.read.read_dataset` with ``require_text=True`` says it.

    Example:
        >>> read_entity_gold_columns("no/such/folder") is None
        True
    """
    root = Path(folder)
    documents, sentence_files = _files(root, "documents"), _files(root, "entities")
    if not documents or not sentence_files:
        return None
    columns = ["doc_id", "sentence_index", "sentence_start", "sentence_end", "tokens"]
    try:
        docs = pa.concat_tables(
            [pq.ParquetFile(f, pre_buffer=True).read(columns=["id", "text"]) for f in documents]
        )
        sentences, ok = _read(sentence_files, [*columns, "token_offsets"], "entities")
    except (pa.ArrowException, OSError, ValueError, KeyError):
        return None
    ids = pc.sort_indices(docs["id"])
    doc_ids = docs["id"].combine_chunks().take(ids)
    if not ok or len(doc_ids) < 2 or doc_ids.null_count or len(pc.unique(doc_ids)) != len(doc_ids):
        return None
    lengths = pc.utf8_length(docs["text"].combine_chunks())
    if lengths.null_count or pc.any(pc.equal(lengths, 0)).as_py():
        from newsgold.dataset.read import check_text_present

        text = pc.fill_null(docs["text"].combine_chunks().take(ids), "")
        check_text_present(doc_ids.to_pylist(), text.to_pylist(), root)
    if sentences["tokens"].null_count:
        return None
    # Split files are each in (document, sentence) order; one permutation merges them.
    order = pc.sort_indices(
        sentences, sort_keys=[("doc_id", "ascending"), ("sentence_index", "ascending")]
    )
    entities, n_entities = _list_parts(sentences["entities"])
    row = np.repeat(np.arange(len(n_entities), dtype=np.int64), n_entities)
    start, end = _ints(entities.field("start")), _ints(entities.field("end"))
    label = _ints(entities.field("label"))
    tokens, n_tokens = _list_parts(sentences["tokens"])
    token_json = _tokens_json(tokens, n_tokens)
    if token_json is None:
        return None
    chunk_json = _chunks_json(row, start, end, label, sentences)
    gold_id = _layer_id(chunk_json.take(order), token_json.take(order))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order.to_numpy()] = np.arange(len(order))
    by_row = np.argsort(rank[row], kind="stable")  # entities in (document, offset) order
    sentence_doc = _ints(pc.index_in(sentences["doc_id"], value_set=doc_ids))
    if (sentence_doc < 0).any():
        return None
    sentence_rank = np.argsort(rank)
    return EntityGoldColumns(
        doc_ids=doc_ids,
        sentence_doc=sentence_doc[sentence_rank],
        sentence_start=_ints(sentences["sentence_start"].combine_chunks())[sentence_rank],
        sentence_end=_ints(sentences["sentence_end"].combine_chunks())[sentence_rank],
        entity_doc=sentence_doc[row][by_row],
        entity_start=start[by_row],
        entity_end=end[by_row],
        entity_label=label[by_row],
        gold_id=gold_id,
    )
