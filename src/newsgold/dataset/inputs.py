"""What a build takes: the gold, joined with the corpus and the declared stance targets.

:func:`gold_records` joins the three into the ``GoldDocument`` records that
:func:`newsgold.dataset.build.build_dataset` streams, in document-id order;
:func:`read_gold_jsonl` reads a gold given as JSONL instead of Label Studio exports.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.records import DocumentAnnotations, GoldDocument, StanceTarget, read_annotations_jsonl


def gold_records(
    documents: Mapping[str, Document],
    gold: Mapping[str, DocumentAnnotations],
    stance_targets: Mapping[str, Sequence[StanceTarget]],
) -> Iterator[GoldDocument]:
    """Join the corpus, the gold and the declared targets into records, in doc-id order.

    Only documents with gold become records.

    Example:
        >>> from newsgold.dataset.synthetic import synthetic_document
        >>> doc = synthetic_document(0)
        >>> gold = {doc.id: DocumentAnnotations(doc.id, "gold")}
        >>> [(r.document.id, r.targets) for r in gold_records({doc.id: doc}, gold, {})]
        [('0000000000000000', ())]

    Raises:
        InputError: a gold document is not in the corpus.
    """
    for doc_id in sorted(gold):
        document = documents.get(doc_id)
        if document is None:
            raise InputError(
                f"the gold annotates document {doc_id!r}, which is not in the corpus; "
                "add it with `newsgold corpus add` or remove its annotations",
                field="doc_id",
            )
        yield GoldDocument(document, gold[doc_id], tuple(stance_targets.get(doc_id, ())))


def read_gold_jsonl(path: str | Path) -> dict[str, DocumentAnnotations]:
    """Read gold annotation sets written by ``newsgold.records.write_annotations_jsonl``.

    Raises:
        InputError: the file is missing, a line is malformed, or a document appears twice.
    """
    source = Path(path)
    if not source.exists():
        raise InputError("gold file not found", path=source)
    gold: dict[str, DocumentAnnotations] = {}
    for number, record in enumerate(read_annotations_jsonl(source), start=1):
        if record.doc_id in gold:
            raise InputError(
                f"document {record.doc_id} has a second annotation set; the gold holds "
                "one per document",
                path=source,
                line=number,
            )
        gold[record.doc_id] = record
    return gold


__all__ = ["gold_records", "read_gold_jsonl"]
