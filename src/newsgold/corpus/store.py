"""The corpus on disk: ``corpus/documents.jsonl``, rebuilt deterministically from ``seeds/``.

``seeds/`` keeps every source file exactly as received (plus an optional
``NAME.meta.json`` with metadata given on the command line). ``corpus/`` holds the
normalized documents, one JSON object per line, sorted by id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgold.atomic import atomic_write_bytes, atomic_write_json, atomic_write_jsonl
from newsgold.corpus.document import Document
from newsgold.corpus.ingest import META_SUFFIX, SUPPORTED_SUFFIXES, Metadata, read_documents
from newsgold.errors import ConflictError, InputError

DOCUMENTS_FILE = "documents.jsonl"


@dataclass
class AddResult:
    """What ``add_to_corpus`` did: ids added and ids that were already there, unchanged."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def load_corpus(corpus_dir: str | Path) -> dict[str, Document]:
    """Read ``corpus_dir/documents.jsonl`` (an absent file is an empty corpus)."""
    path = Path(corpus_dir) / DOCUMENTS_FILE
    documents: dict[str, Document] = {}
    if not path.exists():
        return documents
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                document = Document.from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(
                    f"not a valid document record ({exc})", path=path, line=number
                ) from None
            documents[document.id] = document
    return documents


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
    """Rebuild ``corpus_dir`` from every file in ``seeds_dir``; byte-identical for equal input."""
    documents: dict[str, Document] = {}
    for path in seed_paths(seeds_dir):
        _merge(documents, ((path, doc) for doc in read_documents(path)))
    write_corpus(corpus_dir, documents.values())
    return sorted(documents.values(), key=lambda d: d.id)


def add_to_corpus(
    paths: Sequence[str | Path],
    *,
    seeds_dir: str | Path,
    corpus_dir: str | Path,
    overrides: Metadata | None = None,
) -> AddResult:
    """Validate and add source files: copy them into ``seeds_dir`` as received, then update
    ``corpus_dir``. Every file is read and checked before anything is written, so a bad
    file leaves both folders unchanged.

    Raises:
        InputError: a file is unreadable or invalid (see ``read_documents``).
        ConflictError: a different document is already stored under the same id.
    """
    overrides = overrides or Metadata()
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
    existing = load_corpus(corpus_dir)
    result = _merge(existing, ((path, doc) for path, docs in parsed for doc in docs))
    if not result.added:
        return result
    seeds = Path(seeds_dir)
    for path, documents in parsed:
        if any(doc.id in result.added for doc in documents):
            _keep_as_received(path, seeds, overrides)
    write_corpus(corpus_dir, existing.values())
    return result


def _keep_as_received(path: Path, seeds: Path, overrides: Metadata) -> None:
    data = path.read_bytes()
    target = seeds / path.name
    if target.exists() and target.read_bytes() != data:
        digest = hashlib.sha256(data).hexdigest()[:8]
        target = seeds / f"{path.stem}_{digest}{path.suffix}"
    if not target.exists():
        atomic_write_bytes(target, data)
    sidecar = path.with_name(path.name + META_SUFFIX)
    meta = overrides
    if sidecar.exists():
        from newsgold.corpus.ingest import read_sidecar_metadata

        meta = overrides.merged_over(read_sidecar_metadata(path))
    if not meta.is_empty():
        atomic_write_json(target.with_name(target.name + META_SUFFIX), meta.to_dict())
