"""The corpus on disk: ``corpus/documents.jsonl``, rebuilt deterministically from ``seeds/``.

``seeds/`` keeps every source file exactly as received (plus an optional
``NAME.meta.json`` with metadata given on the command line). ``corpus/`` holds the
normalized documents, one JSON object per line, sorted by id.

Updates read, check and replace both folders under the project's store lock
(:mod:`newsgold.storelock`), so concurrent ``corpus add`` runs serialize and none is
lost; a failed update leaves both folders byte-identical. Loading refuses a corpus that
breaks its own invariants (id = hash of the text, spans inside the text and ordered).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from newsgold.atomic import atomic_write_bytes, atomic_write_json, atomic_write_jsonl
from newsgold.corpus.document import Document
from newsgold.corpus.ingest import META_SUFFIX, SUPPORTED_SUFFIXES, Metadata, read_documents
from newsgold.corpus.normalize import document_id, normalize_text
from newsgold.errors import ConflictError, InputError
from newsgold.jsonfile import (
    int_field,
    list_field,
    optional_str_field,
    read_json_lines,
    require_object,
    span_pair,
    str_field,
    with_location,
)
from newsgold.storelock import store_lock

DOCUMENTS_FILE = "documents.jsonl"


@dataclass
class AddResult:
    """What ``add_to_corpus`` did: ids added and ids that were already there, unchanged."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def load_corpus(corpus_dir: str | Path) -> dict[str, Document]:
    """Read ``corpus_dir/documents.jsonl`` (an absent file is an empty corpus).

    Every record is type-checked and must keep the corpus invariants: its id is the
    hash of its normalized text, and its paragraph, sentence and token spans lie inside
    the text, in order, without overlap.

    Raises:
        InputError: naming the file, line and field of the first bad record, or a
            document id that appears twice.
    """
    folder = Path(corpus_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError("is a file; expected the corpus folder", path=folder)
    path = folder / DOCUMENTS_FILE
    documents: dict[str, Document] = {}
    if not path.exists():
        return documents
    for number, row in read_json_lines(path, what="corpus file"):
        try:
            document = document_from_record(row)
        except InputError as exc:
            raise with_location(exc, path=path, line=number) from None
        if document.id in documents:
            raise InputError(
                f"document {document.id} appears twice; the corpus holds one line per document",
                path=path,
                line=number,
            )
        documents[document.id] = document
    return documents


_METADATA_FIELDS = ("title", "source", "url", "date", "language", "license", "attribution")


def document_from_record(row: object) -> Document:
    """A :class:`Document` from one ``documents.jsonl`` record, after checking it.

    Raises:
        InputError: a field has the wrong type, or the record breaks an invariant (id vs
            text hash, normalized text, spans inside the text and ordered).
    """
    record = require_object(row)
    doc_id = str_field(record, "id")
    text = str_field(record, "text")
    for name in _METADATA_FIELDS:
        optional_str_field(record, name)
    spans = {
        name: [span_pair(v, field=f"{name}.{i}") for i, v in enumerate(list_field(record, name))]
        for name in ("paragraphs", "sentences", "tokens")
    }
    for index, region in enumerate(list_field(record, "excluded", default=[])):
        region = require_object(region, field=f"excluded.{index}")
        int_field(region, "start", prefix=f"excluded.{index}.")
        int_field(region, "end", prefix=f"excluded.{index}.")
        str_field(region, "reason", prefix=f"excluded.{index}.")
    if normalize_text(text) != text:
        raise InputError(
            "text is not normalized (NFC, \\n line endings); the record was edited by hand "
            "— rebuild the corpus with `newsgold corpus build`",
            field="text",
        )
    if document_id(text) != doc_id:
        raise InputError(
            f"id {doc_id!r} is not the hash of the text ({document_id(text)!r}); the text "
            "was edited after ingestion — rebuild the corpus with `newsgold corpus build`",
            field="id",
        )
    for name, pairs in spans.items():
        previous_end = 0
        for index, (start, end) in enumerate(pairs):
            if end > len(text) or start < previous_end or start == end:
                raise InputError(
                    f"span [{start}, {end}) must be non-empty, inside the text "
                    f"({len(text)} characters) and after the previous one (ending at "
                    f"{previous_end})",
                    field=f"{name}.{index}",
                )
            previous_end = end
    document = Document.from_dict(record)
    for index, excluded in enumerate(document.excluded):
        if not 0 <= excluded.start < excluded.end <= len(text):
            raise InputError(
                f"excluded region [{excluded.start}, {excluded.end}) is not inside the text",
                field=f"excluded.{index}",
            )
    return document


def get_document(corpus_dir: str | Path, doc_id: str) -> Document:
    """Find one document by id (a unique prefix is accepted)."""
    documents = load_corpus(corpus_dir)
    if doc_id in documents:
        return documents[doc_id]
    matches = [key for key in documents if key.startswith(doc_id)]
    if len(matches) == 1:
        return documents[matches[0]]
    known = ", ".join(sorted(documents)) or "none"
    raise InputError(
        f"no document with id {doc_id!r} in {corpus_dir} "
        f"({'ambiguous prefix' if matches else 'known ids: ' + known}); "
        "see `newsgold corpus list`",
        field="doc_id",
    )


def write_corpus(corpus_dir: str | Path, documents: Iterable[Document]) -> Path:
    """Write the documents (sorted by id) atomically; return the file path."""
    path = Path(corpus_dir) / DOCUMENTS_FILE
    atomic_write_jsonl(path, (doc.to_dict() for doc in sorted(documents, key=lambda d: d.id)))
    return path


def _merge(existing: dict[str, Document], new: Iterable[tuple[Path, Document]]) -> AddResult:
    result = AddResult()
    for origin, document in new:
        previous = existing.get(document.id)
        if previous is None:
            existing[document.id] = document
            result.added.append(document.id)
        elif previous == document:
            if document.id not in result.added:
                result.unchanged.append(document.id)
        else:
            differing = [
                name
                for name in ("title", "source", "url", "date", "language")
                if getattr(previous, name) != getattr(document, name)
            ]
            raise ConflictError(
                f"{origin}: document {document.id} is already in the corpus with different "
                f"metadata ({', '.join(differing) or 'content'}); refusing to overwrite it. "
                "Remove the old seed first if the new metadata is right."
            )
    return result


def seed_paths(seeds_dir: str | Path) -> list[Path]:
    """Source files in ``seeds_dir`` in a fixed order (sidecar metadata files excluded)."""
    root = Path(seeds_dir)
    if not root.is_dir():
        raise InputError("seeds folder not found", path=root)
    return sorted(
        path
        for path in root.iterdir()
        if path.is_file()
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and not path.name.endswith(META_SUFFIX)
    )


def build_corpus(seeds_dir: str | Path, corpus_dir: str | Path) -> list[Document]:
    """Rebuild ``corpus_dir`` from every file in ``seeds_dir``; byte-identical for equal input.

    Every seed is read and checked first; the corpus file is replaced only after, under
    the store lock.
    """
    _check_folders(seeds_dir, corpus_dir)
    with store_lock(corpus_dir, seeds_dir):
        documents: dict[str, Document] = {}
        for path in seed_paths(seeds_dir):
            _merge(documents, ((path, doc) for doc in read_documents(path)))
        _check_folder(corpus_dir, "corpus")
        write_corpus(corpus_dir, documents.values())
    return sorted(documents.values(), key=lambda d: d.id)


def _check_folder(folder: str | Path, what: str) -> None:
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise InputError(f"is a file; expected the {what} folder", path=path)


def _check_folders(seeds_dir: str | Path, corpus_dir: str | Path) -> None:
    _check_folder(corpus_dir, "corpus")
    _check_folder(seeds_dir, "seeds")
    if Path(seeds_dir).resolve() == Path(corpus_dir).resolve():
        raise InputError(
            "the seeds and the corpus must be different folders", path=seeds_dir, field="--seeds"
        )


def add_to_corpus(
    paths: Sequence[str | Path],
    *,
    seeds_dir: str | Path,
    corpus_dir: str | Path,
    overrides: Metadata | None = None,
) -> AddResult:
    """Validate and add source files: copy them into ``seeds_dir`` as received, then update
    ``corpus_dir``. Every file is read and checked before anything is written, and the
    update runs under the store lock; if writing fails, the seed files just copied are
    removed again, so a failed add leaves both folders unchanged.

    Raises:
        InputError: a file is unreadable or invalid (see ``read_documents``), or a
            store path is a file.
        ConflictError: a different document is already stored under the same id.
        StoreBusyError: another command held the store lock too long.
    """
    overrides = overrides or Metadata()
    if not paths:
        raise InputError("no files given; expected .txt, .html or .jsonl files to add")
    parsed: list[tuple[Path, list[Document]]] = []
    for raw in paths:
        path = Path(raw)
        documents = read_documents(path, overrides)
        if len(documents) > 1 and (overrides.title or overrides.url):
            raise InputError(
                f"--title/--url describe one document, but the file holds {len(documents)}; "
                "put per-document metadata in the JSONL lines",
                path=path,
            )
        parsed.append((path, documents))
    _check_folders(seeds_dir, corpus_dir)
    with store_lock(corpus_dir, seeds_dir):
        existing = load_corpus(corpus_dir)
        result = _merge(existing, ((path, doc) for path, docs in parsed for doc in docs))
        if not result.added:
            return result
        seeds = Path(seeds_dir)
        with _undo_on_failure() as written:
            for path, documents in parsed:
                if any(doc.id in result.added for doc in documents):
                    _keep_as_received(path, seeds, overrides, written)
            write_corpus(corpus_dir, existing.values())
    return result


@contextmanager
def _undo_on_failure() -> Iterator[list[tuple[Path, bytes | None]]]:
    """Collect ``(path, previous bytes or None)`` of seed files written; restore on failure."""
    written: list[tuple[Path, bytes | None]] = []
    try:
        yield written
    except BaseException:
        for path, previous in reversed(written):
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write_bytes(path, previous)
        raise


def _keep_as_received(
    path: Path, seeds: Path, overrides: Metadata, written: list[tuple[Path, bytes | None]]
) -> None:
    data = path.read_bytes()
    target = seeds / path.name
    if target.exists() and target.read_bytes() != data:
        digest = hashlib.sha256(data).hexdigest()[:8]
        target = seeds / f"{path.stem}_{digest}{path.suffix}"
    if not target.exists():
        written.append((target, None))
        atomic_write_bytes(target, data)
    sidecar = path.with_name(path.name + META_SUFFIX)
    meta = overrides
    if sidecar.exists():
        from newsgold.corpus.ingest import read_sidecar_metadata

        meta = overrides.merged_over(read_sidecar_metadata(path))
    if not meta.is_empty():
        kept = target.with_name(target.name + META_SUFFIX)
        written.append((kept, kept.read_bytes() if kept.exists() else None))
        atomic_write_json(kept, meta.to_dict())
