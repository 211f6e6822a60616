"""Parquet files of a build: streamed row group by row group, with their hashes and sizes.

Row groups have a fixed size per config and nothing time-dependent is written, so equal
rows give byte-identical files. Each file embeds the ``datasets`` features in its Arrow
schema metadata (key ``huggingface``), so ``datasets.load_dataset`` restores the
``ClassLabel`` names without newsgold.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Features

# Rows per Parquet row group: fixed, so files are byte-identical whatever the input size.
ROW_GROUP_SIZES: dict[str, int] = {
    "documents": 64,
    "entities": 1024,
    "events": 1024,
    "stance": 1024,
}
PARQUET_COMPRESSION = "zstd"


class ParquetSink:
    """One Parquet file written row group by row group (at most one group in memory)."""

    def __init__(self, path: Path, features: Features, row_group_size: int) -> None:
        self.path = path
        self.schema = features.arrow_schema  # carries the `huggingface` features metadata
        self.row_group_size = row_group_size
        self.rows = 0
        self._buffer: list[dict[str, Any]] = []
        self._writer: pq.ParquetWriter | None = None

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        """Buffer ``rows``, writing a row group each time the buffer is full."""
        for row in rows:
            self._buffer.append(row)
            if len(self._buffer) >= self.row_group_size:
                self._flush()

    def _flush(self) -> None:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(
                self.path,
                self.schema,
                compression=PARQUET_COMPRESSION,
                use_dictionary=True,
                write_statistics=True,
            )
        if self._buffer:
            table = pa.Table.from_pylist(self._buffer, schema=self.schema)
            self._writer.write_table(table, row_group_size=self.row_group_size)
            self.rows += len(self._buffer)
            self._buffer = []

    def close(self) -> None:
        """Write what is buffered and finish the file."""
        self._flush()
        assert self._writer is not None
        self._writer.close()

    def abort(self) -> None:
        """Close the file however it stands, after a failure (errors ignored: the build's
        staging folder is removed anyway)."""
        if self._writer is not None:
            with contextlib.suppress(Exception):
                self._writer.close()


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def arrow_bytes(path: Path) -> int:
    """Arrow size of the file's data as read back, one row group at a time: the
    ``num_bytes`` that ``datasets`` records for the split."""
    parquet = pq.ParquetFile(path)
    return sum(parquet.read_row_group(i).nbytes for i in range(parquet.num_row_groups))


__all__ = ["PARQUET_COMPRESSION", "ROW_GROUP_SIZES", "ParquetSink", "arrow_bytes", "file_sha256"]
