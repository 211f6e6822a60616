"""Read a built dataset back into newsgold records, without loss.

:func:`read_dataset` rebuilds every ``(Document, DocumentAnnotations, targets)`` from the
``documents`` config, streaming one row group at a time. :func:`read_sentence_layers`
rebuilds the annotation layers from the per-sentence configs (``entities``, ``events``,
``stance``) instead, which lets a test prove those configs lose nothing either.

Label columns are decoded with the names stored in each file's features metadata, not
with the installed scheme, so an older dataset reads back as it was written.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Features

from newsgold.corpus.document import Document, ExcludedRegion
from newsgold.dataset.features import event_code, label_decoder
from newsgold.errors import InputError
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventMention,
    GoldDocument,
    StanceAnnotation,
    StanceTarget,
)
from newsgold.scheme import AUTHOR_HOLDER


def _files(dataset_dir: Path, config: str, split: str | None = None) -> list[Path]:
    folder = dataset_dir / config
    files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    if not files:
        raise InputError(
            f"no {config} Parquet files in {folder}; is this a dataset built by "
            "`newsgold dataset build`?",
            path=dataset_dir,
        )
    if split is not None:
        chosen = [path for path in files if path.stem == split]
        if not chosen:
            raise InputError(
                f"no split {split!r}; the dataset has {', '.join(p.stem for p in files)}",
                path=dataset_dir,
                field="split",
            )
        return chosen
    return files


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of one Parquet file with labels decoded, one row group in memory at a time.

    Raises:
        InputError: the file is not Parquet, or its schema is not a dataset's.
    """
    try:
        parquet = pq.ParquetFile(path)
        features = Features.from_arrow_schema(parquet.schema_arrow)
        decode = label_decoder(features)
        for group in range(parquet.num_row_groups):
            for row in parquet.read_row_group(group).to_pylist():
                yield decode(row) if decode is not None else row
    except (pa.ArrowException, OSError, ValueError, TypeError, KeyError) as exc:
        raise InputError(
            f"not a readable dataset Parquet file ({type(exc).__name__}: {exc}); rebuild it "
            "with `newsgold dataset build`",
            path=path,
        ) from None


def _merged(
    dataset_dir: Path, config: str, key: Any, split: str | None = None
) -> Iterator[dict[str, Any]]:
    # Each split file is in document order; merging keeps memory at one group per file.
    return heapq.merge(*(_rows(path) for path in _files(dataset_dir, config, split)), key=key)


def _holder(value: str | None) -> str | None:
    return None if value == AUTHOR_HOLDER else value


def record_from_row(row: dict[str, Any]) -> GoldDocument:
    """Rebuild one record from a decoded ``documents`` row.

    A withheld text (redistributable build) reads as ``""``, and so do the annotations'
    texts; offsets, labels and ids are intact (``newsgold dataset hydrate`` restores it).
    """
    metadata = row["metadata"]
    document = Document(
        id=row["id"],
        text=row["text"] if row["text"] is not None else "",
        title=metadata["title"],
        source=metadata["source"],
        url=metadata["url"],
        date=metadata["date"],
        language=metadata["language"],
        license=metadata.get("license"),
        attribution=metadata.get("attribution"),
        paragraphs=tuple((s["start"], s["end"]) for s in row["paragraphs"]),
        sentences=tuple((s["start"], s["end"]) for s in row["sentences"]),
        tokens=tuple((s["start"], s["end"]) for s in row["tokens"]),
        excluded=tuple(ExcludedRegion(r["start"], r["end"], r["reason"]) for r in row["excluded"]),
    )
    annotations = DocumentAnnotations(
        doc_id=row["id"],
        annotator=row["annotator"],
        entities=[_entity(m) for m in row["entities"]],
        events=[_event(e) for e in row["events"]],
        stances=[_stance(s, s["target"]) for s in row["stances"]],
    )
    targets = tuple(StanceTarget.from_dict(t) for t in row["stance_targets"])
    return GoldDocument(document, annotations, targets)


def _text(item: dict[str, Any]) -> str:
    return item["text"] if item.get("text") is not None else ""


def _entity(mention: dict[str, Any]) -> EntityMention:
    return EntityMention.from_dict({**mention, "text": _text(mention)})


def _event(event: dict[str, Any]) -> EventMention:
    # Type names are "04 Consult" (bare codes in older builds); records keep the code.
    return EventMention.from_dict(
        {**event, "type": event_code(event["type"]), "text": _text(event)}
    )


def _stance(stance: dict[str, Any], target: str) -> StanceAnnotation:
    # The dataset stores the author as "AUTHOR" and the polarity as `label` (`polarity`
    # in older builds); records use None and `polarity`.
    polarity = stance["label"] if "label" in stance else stance["polarity"]
    return StanceAnnotation.from_dict(
        {
            **stance,
            "text": _text(stance),
            "polarity": polarity,
            "target": target,
            "holder_id": _holder(stance["holder_id"]),
        }
    )


def read_dataset(dataset_dir: str | Path, *, split: str | None = None) -> Iterator[GoldDocument]:
    """Read a built dataset back: ``(Document, DocumentAnnotations, targets)`` per document.

    Streams the ``documents`` config (every split, or ``split``), in increasing
    document-id order.

    Args:
        dataset_dir: a folder written by :func:`newsgold.dataset.build_dataset`.
        split: read only this split (``dev``, ``test``, ...).

    Returns:
        An iterator of :class:`GoldDocument` (a named tuple ``document, annotations, targets``).

    Raises:
        InputError: the folder holds no ``documents`` Parquet files, or no such split.

    Each record unpacks as ``document, annotations, targets``; on the project's
    ``build/dataset`` (``newsgold run``) the seed article ``6ebade2f8e52de11`` has 96
    entities.
    """
    rows = _merged(Path(dataset_dir), "documents", key=lambda r: r["id"], split=split)
    while True:
        try:
            row = next(rows, None)
            if row is None:
                return
            record = record_from_row(row)
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError(
                f"not a newsgold dataset: a documents row is malformed "
                f"({type(exc).__name__}: {exc})",
                path=dataset_dir,
            ) from None
        yield record


def dataset_splits(dataset_dir: str | Path) -> list[str]:
    """The splits of a built dataset (from its ``documents`` files), sorted.

    Raises:
        InputError: the folder holds no ``documents`` Parquet files.
    """
    return sorted(path.stem for path in _files(Path(dataset_dir), "documents"))


def read_dataset_with_splits(dataset_dir: str | Path) -> tuple[list[GoldDocument], dict[str, str]]:
    """Every record of a built dataset, in document-id order, and each document's split."""
    split_of: dict[str, str] = {}
    records: list[GoldDocument] = []
    for split in dataset_splits(dataset_dir):
        for record in read_dataset(dataset_dir, split=split):
            split_of[record.document.id] = split
            records.append(record)
    records.sort(key=lambda r: r.document.id)
    return records, split_of


def read_sentence_layers(dataset_dir: str | Path) -> dict[str, DocumentAnnotations]:
    """Rebuild each document's annotation layers from the per-sentence configs.

    Entities come from ``entities``, events (arguments re-linked by entity id) from
    ``events`` and stance annotations from ``stance`` (its ``annotations`` lists). The
    annotator is not stored there; it is set to ``"gold"``.

    Returns:
        Document id -> annotations, every layer in canonical (offset) order.

    Raises:
        InputError: a config is missing.
    """
    root = Path(dataset_dir)
    result: dict[str, DocumentAnnotations] = {}

    def layers(doc_id: str) -> DocumentAnnotations:
        return result.setdefault(doc_id, DocumentAnnotations(doc_id=doc_id, annotator="gold"))

    order = lambda r: (r["doc_id"], r["sentence_index"])  # noqa: E731
    for row in _merged(root, "entities", key=order):
        layers(row["doc_id"]).entities.extend(_entity(m) for m in row["entities"])
    for row in _merged(root, "events", key=order):
        layers(row["doc_id"]).events.extend(_event(e) for e in row["events"])

    def target_of(row: dict[str, Any]) -> str:
        return row["target"] if "target" in row else row["target_id"]

    for row in _merged(
        root, "stance", key=lambda r: (r["doc_id"], r["sentence_index"], target_of(r))
    ):
        layers(row["doc_id"]).stances.extend(_stance(s, target_of(row)) for s in row["annotations"])
    return {doc_id: annotations.sorted() for doc_id, annotations in sorted(result.items())}
