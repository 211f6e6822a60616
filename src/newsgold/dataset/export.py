"""Export the gold for training and other tools: CoNLL (BIO tags), spaCy ``DocBin``, JSONL.

Every format is written from the records :func:`newsgold.dataset.read_dataset` gives,
documents in id order, and is deterministic (same dataset, byte-identical file).

``conll``
    One token and its tag per line (``token TAG``), a blank line between sentences,
    ``-DOCSTART- O`` before each document (as CoNLL-2003). Only annotatable sentences;
    tokens and tags as in the dataset's ``entities`` config (``expand`` alignment), in
    the chosen tagging scheme. Append a predicted tag column and ``newsgold score
    --conll`` scores it; its entity gold id equals the dataset's.
``spacy``
    A ``DocBin`` (``.spacy``) written by spaCy itself: one ``Doc`` per document whose
    ``text`` is the document text exactly (the dataset's tokens, with whitespace tokens
    where the gap is not a single space), sentence starts from the dataset, ``doc.ents``
    the gold entities, ``doc.spans["events"]`` the event triggers labelled with their
    CAMEO root, and ``user_data`` holding ``doc_id`` and ``split``. Ready for
    ``spacy train``.
``jsonl``
    One JSON object per document: ``doc_id``, ``split``, ``text``, ``stance_targets``,
    and the layers with offsets and the covered text (``entities``, ``events`` with
    trigger and arguments, ``stances`` with holder and evidence); offsets are character
    offsets into ``text``, end-exclusive.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold.atomic import atomic_write_bytes, atomic_write_text
from newsgold.errors import InputError
from newsgold.records import GoldDocument
from newsgold.scheme import CAMEO_ROOTS
from newsgold.tagging import bio_tags, token_sentences

FORMATS: tuple[str, ...] = ("conll", "spacy", "jsonl")
_SUFFIX = {"conll": ".conll", "spacy": ".spacy", "jsonl": ".jsonl"}
_CAMEO_NAME = {root.code: root.name for root in CAMEO_ROOTS}


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export_records` wrote."""

    path: Path
    format: str
    documents: int
    sentences: int
    entities: int

    def summary(self) -> str:
        return (
            f"{self.documents} document(s), {self.sentences} sentence(s), "
            f"{self.entities} entities -> {self.path} ({self.format})"
        )


def convert_tags(tags: list[str], scheme: str) -> list[str]:
    """IOB2 tags of one sentence in another scheme (IOB1, IOB2, IOBES, BILOU).

    Example:
        >>> convert_tags(["B-PER", "I-PER", "O", "B-GPE"], "BILOU")
        ['B-PER', 'L-PER', 'O', 'U-GPE']
    """
    name = scheme.upper()
    if name == "IOB2":
        return list(tags)
    out = []
    for i, tag in enumerate(tags):
        if tag == "O":
            out.append(tag)
            continue
        prefix, label = tag.split("-", 1)
        nxt = tags[i + 1] if i + 1 < len(tags) else "O"
        last = nxt != f"I-{label}"
        if name == "IOB1":
            before = tags[i - 1] if i > 0 else "O"
            # IOB1 writes B- only where an entity follows another of the same type.
            same_before = before != "O" and before.split("-", 1)[1] == label
            out.append(f"B-{label}" if prefix == "B" and same_before else f"I-{label}")
        elif name in ("IOBES", "BILOU"):
            single, end = ("S", "E") if name == "IOBES" else ("U", "L")
            if prefix == "B":
                out.append(f"{single}-{label}" if last else f"B-{label}")
            else:
                out.append(f"{end}-{label}" if last else f"I-{label}")
        else:
            raise InputError(
                f"unsupported tagging scheme {scheme!r}; expected one of IOB1, IOB2, IOBES, BILOU",
                field="scheme",
            )
    return out


def _require_text(record: GoldDocument) -> None:
    if not record.document.text:
        raise InputError(
            f"document {record.document.id}: its text is not in this dataset (left out of a "
            "redistributable build); restore it with `newsgold dataset hydrate` first",
            field="text",
        )


def conll_text(records: Iterable[GoldDocument], scheme: str = "IOB2") -> tuple[str, int, int, int]:
    """The CoNLL export as text, with (documents, sentences, entities) counts."""
    lines: list[str] = []
    documents = sentences = entities = 0
    for record in records:
        _require_text(record)
        documents += 1
        lines += ["-DOCSTART- O", ""]
        spans = [(m.start, m.end, m.label) for m in record.annotations.entities]
        for sentence in token_sentences(record.document, spans):
            tags = convert_tags(bio_tags(len(sentence.tokens), sentence.chunks), scheme)
            lines += [f"{token} {tag}" for token, tag in zip(sentence.tokens, tags, strict=True)]
            lines.append("")
            sentences += 1
            entities += len(sentence.chunks)
    return "\n".join(lines), documents, sentences, entities


def _span(text: str, start: int, end: int, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end], **extra}


def jsonl_row(record: GoldDocument, split: str | None) -> dict[str, Any]:
    """One document of the JSONL export."""
    _require_text(record)
    document, annotations, targets = record
    text = document.text
    by_id = annotations.entity_by_id()
    canonical = annotations.sorted()
    return {
        "doc_id": document.id,
        "split": split,
        "text": text,
        "stance_targets": [t.to_dict() for t in targets],
        "entities": [_span(text, m.start, m.end, label=m.label) for m in canonical.entities],
        "events": [
            {
                "trigger": _span(text, e.start, e.end),
                "type": e.type,
                "type_name": _CAMEO_NAME[e.type],
                "realis": e.realis,
                "arguments": [
                    _span(text, by_id[a.entity_id].start, by_id[a.entity_id].end, role=a.role)
                    for a in sorted(e.arguments)
                    if a.entity_id in by_id
                ],
            }
            for e in canonical.events
        ],
        "stances": [
            {
                "holder": None
                if s.holder_id is None or s.holder_id not in by_id
                else _span(text, by_id[s.holder_id].start, by_id[s.holder_id].end),
                "target": s.target,
                "label": s.polarity,
                "evidence": _span(text, s.start, s.end),
            }
            for s in canonical.stances
        ],
    }


def spacy_docbin_bytes(
    records: Iterable[GoldDocument], splits: dict[str, str]
) -> tuple[bytes, int]:
    """The spaCy ``DocBin`` export as bytes, with the number of documents."""
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("en").vocab
    docbin = DocBin(attrs=["ORTH", "SENT_START", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
    count = 0
    for record in records:
        _require_text(record)
        document = record.document
        text = document.text
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool] = []
        sentence_starts = {s for s, _ in document.sentences}
        position = 0
        for start, end in document.tokens:
            _gap(text[position:start], words, spaces, starts)
            words.append(text[start:end])
            spaces.append(False)
            starts.append(start in sentence_starts)
            position = end
        _gap(text[position:], words, spaces, starts)
        doc = Doc(vocab, words=words, spaces=spaces, sent_starts=list[bool | int | None](starts))
        if doc.text != text:  # the construction above guarantees it; checked, never assumed
            raise AssertionError(f"document {document.id}: spaCy Doc text differs")
        doc.ents = [
            _char_span(doc, m.start, m.end, m.label) for m in record.annotations.sorted().entities
        ]
        doc.spans["events"] = [
            _char_span(doc, e.start, e.end, e.type) for e in record.annotations.sorted().events
        ]
        doc.user_data["doc_id"] = document.id
        doc.user_data["split"] = splits.get(document.id)
        docbin.add(doc)
        count += 1
    return docbin.to_bytes(), count


def _gap(gap: str, words: list[str], spaces: list[bool], starts: list[bool]) -> None:
    # spaCy keeps one trailing space per token; any other whitespace becomes a token.
    if not gap:
        return
    if gap.startswith(" ") and words and not spaces[-1]:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)
        starts.append(len(words) == 1)  # only the first token of the text starts one


def _char_span(doc: Any, start: int, end: int, label: str) -> Any:
    span = doc.char_span(start, end, label=label, alignment_mode="strict")
    if span is None:  # not on token boundaries: the tokens it overlaps (as the BIO tags)
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
    return span


def export_records(
    records: Iterable[GoldDocument],
    out: str | Path,
    *,
    fmt: str,
    scheme: str = "IOB2",
    splits: dict[str, str] | None = None,
) -> ExportResult:
    """Write the records in one export format, atomically.

    Args:
        records: gold records in document-id order (e.g. from ``read_dataset``).
        out: the file to write.
        fmt: ``conll``, ``spacy`` or ``jsonl``.
        scheme: tagging scheme of the CoNLL export (IOB1, IOB2, IOBES, BILOU).
        splits: document id -> split, recorded in the spaCy and JSONL exports.

    Raises:
        InputError: an unknown format or scheme, or a document whose text was left out.

    Example:
        >>> import tempfile
        >>> from newsgold.corpus.ingest import Metadata, make_document
        >>> from newsgold.records import DocumentAnnotations, EntityMention
        >>> doc = make_document("Kim met Trump in Hanoi.", Metadata())
        >>> entities = [EntityMention(0, 3, "PER", "Kim", "e1"),
        ...             EntityMention(8, 13, "PER", "Trump", "e2"),
        ...             EntityMention(17, 22, "GPE", "Hanoi", "e3")]
        >>> gold = GoldDocument(doc, DocumentAnnotations(doc.id, "gold", entities), ())
        >>> tmp = tempfile.TemporaryDirectory()
        >>> result = export_records([gold], Path(tmp.name, "gold.conll"), fmt="conll")
        >>> result.documents, result.sentences, result.entities
        (1, 1, 3)
        >>> print(result.path.read_text())
        -DOCSTART- O
        <BLANKLINE>
        Kim B-PER
        met O
        Trump B-PER
        in O
        Hanoi B-GPE
        . O
        <BLANKLINE>
        >>> tmp.cleanup()
    """
    if fmt not in FORMATS:
        raise InputError(
            f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}", field="--format"
        )
    if scheme.upper() not in ("IOB1", "IOB2", "IOBES", "BILOU"):
        convert_tags(["B-X"], scheme)  # raises the one error for an unknown scheme
    target = Path(out)
    items = list(records)
    split_of = splits or {}
    sentences = sum(len(r.document.annotatable_sentences()) for r in items)
    entities = sum(len(r.annotations.entities) for r in items)
    if fmt == "conll":
        text, documents, sentences, entities = conll_text(items, scheme)
        atomic_write_text(target, text + "\n")
    elif fmt == "jsonl":
        rows = [jsonl_row(r, split_of.get(r.document.id)) for r in items]
        atomic_write_text(
            target,
            "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows),
        )
        documents = len(rows)
    else:
        data, documents = spacy_docbin_bytes(items, split_of)
        atomic_write_bytes(target, data)
    return ExportResult(target, fmt, documents, sentences, entities)


def default_export_path(dataset_dir: str | Path, fmt: str) -> Path:
    """``<dataset>/../export/gold<suffix>`` (next to the dataset, never inside it)."""
    return Path(dataset_dir).parent / "export" / f"gold{_SUFFIX.get(fmt, '.' + fmt)}"
