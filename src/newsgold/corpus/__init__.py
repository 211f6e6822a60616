"""Corpus stage: normalized documents with exact offsets, built from ``seeds/``."""

from newsgold.corpus.document import Document, ExcludedRegion, Span
from newsgold.corpus.ingest import Metadata, make_document, read_documents
from newsgold.corpus.normalize import document_id, normalize_text
from newsgold.corpus.store import (
    add_to_corpus,
    build_corpus,
    get_document,
    load_corpus,
    write_corpus,
)

__all__ = [
    "Document",
    "ExcludedRegion",
    "Metadata",
    "Span",
    "add_to_corpus",
    "build_corpus",
    "document_id",
    "get_document",
    "load_corpus",
    "make_document",
    "normalize_text",
    "read_documents",
    "write_corpus",
]
