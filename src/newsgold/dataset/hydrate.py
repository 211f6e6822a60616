"""Restore the text a redistributable build left out, from the user's own copies.

A redistributable build (``newsgold dataset build --redistributable``) keeps every
annotation of a document whose licence forbids republishing its text, plus the SHA-256
of the normalized text, and lists those documents in ``newsgold.json``.
:func:`hydrate_dataset` reads the user's files (``.txt``, ``.html``, ``.jsonl``, or a
folder of them) exactly as ``newsgold corpus add`` reads them, keeps a text only when its
SHA-256 equals the recorded one, and rewrites the dataset with the text in place, using
the split declaration and card inputs recorded at build time, so the hydrated folder
equals a full build byte for byte.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgold.corpus.ingest import SUPPORTED_SUFFIXES, read_documents
from newsgold.dataset.build import BuildResult, build_dataset
from newsgold.dataset.manifest import read_manifest
from newsgold.dataset.read import read_dataset
from newsgold.dataset.rows import text_sha256
from newsgold.errors import InputError
from newsgold.records import DocumentAnnotations, GoldDocument


@dataclass
class HydrateResult:
    """What :func:`hydrate_dataset` did."""

    restored: list[str]  # document ids, sorted
    build: BuildResult
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (file, sha256) ignored


def _source_files(sources: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for source in map(Path, sources):
        if source.is_dir():
            files += sorted(
                p
                for p in source.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        elif source.is_file():
            files.append(source)
        else:
            raise InputError("no such file or folder", path=source, field="--source")
    return files


def _with_text(record: GoldDocument, text: str) -> GoldDocument:
    document = dataclasses.replace(record.document, text=text)
    annotations = record.annotations
    restored = DocumentAnnotations(
        doc_id=annotations.doc_id,
        annotator=annotations.annotator,
        entities=[dataclasses.replace(m, text=text[m.start : m.end]) for m in annotations.entities],
        events=[dataclasses.replace(e, text=text[e.start : e.end]) for e in annotations.events],
        stances=[dataclasses.replace(s, text=text[s.start : s.end]) for s in annotations.stances],
    )
    return GoldDocument(document, restored, record.targets)


def hydrate_dataset(
    dataset_dir: str | Path,
    sources: Sequence[str | Path],
    *,
    out_dir: str | Path | None = None,
) -> HydrateResult:
    """Put the withheld texts back, from the user's own copies of the articles.

    Args:
        dataset_dir: a redistributable build (it has ``newsgold.json``).
        sources: files (``.txt``, ``.html``, ``.jsonl``) or folders searched for them.
        out_dir: where to write the hydrated dataset (default: in place).

    Returns:
        The restored document ids and the rebuilt dataset.

    Raises:
        InputError: the folder withholds no text; a file given by name is not the text
            of any withheld document (its SHA-256 differs); or some withheld document
            found no copy (nothing is written then).

    Example:
        >>> import tempfile
        >>> from newsgold.corpus.ingest import Metadata, make_document
        >>> tmp = tempfile.TemporaryDirectory()
        >>> dataset, articles = Path(tmp.name, "dataset"), Path(tmp.name, "my_articles")
        >>> doc = make_document("Kim met Trump in Hanoi.", Metadata())  # licence unknown
        >>> gold = GoldDocument(doc, DocumentAnnotations(doc.id, "gold"), ())
        >>> _ = build_dataset([gold], dataset, redistributable=True)  # text left out
        >>> articles.mkdir()
        >>> _ = Path(articles, "hanoi.txt").write_text("Kim met Trump in Hanoi.")
        >>> hydrate_dataset(dataset, [articles]).restored == [doc.id]
        True
        >>> next(read_dataset(dataset)).document.text
        'Kim met Trump in Hanoi.'
        >>> tmp.cleanup()
    """
    folder = Path(dataset_dir)
    manifest = read_manifest(folder)
    if not manifest.withheld:
        raise InputError("this dataset withholds no text; nothing to hydrate", path=folder)
    wanted = {w.sha256: w for w in manifest.withheld}
    expected = ", ".join(f"{w.id} ({w.sha256[:12]}…)" for w in manifest.withheld)
    named = {Path(s) for s in sources if Path(s).is_file()}
    restored: dict[str, str] = {}
    unmatched: list[tuple[str, str]] = []
    for path in _source_files(sources):
        for document in read_documents(path):
            digest = text_sha256(document.text)
            if digest in wanted:
                restored[wanted[digest].id] = document.text
            elif path in named:
                raise InputError(
                    f"this copy's normalized text has SHA-256 {digest[:12]}…, which is not the "
                    f"text of any withheld document (expected {expected}); it differs from the "
                    "article that was annotated, so it cannot be used",
                    path=path,
                    field="--source",
                )
            else:
                unmatched.append((str(path), digest))
    missing = [w for w in manifest.withheld if w.id not in restored]
    if missing:
        raise InputError(
            f"no copy with the right text for {len(missing)} withheld document(s): "
            + "; ".join(
                f"{w.id} ({w.source or 'unknown source'}, {w.title or 'untitled'}, "
                f"SHA-256 {w.sha256[:12]}…)"
                for w in missing
            )
            + f"; {len(unmatched)} file(s) looked at matched nothing. Nothing was written",
            path=folder,
            field="--source",
        )
    records = [
        _with_text(r, restored[r.document.id]) if r.document.id in restored else r
        for r in read_dataset(folder)
    ]
    build = build_dataset(
        records,
        out_dir if out_dir is not None else folder,
        split_policy=manifest.policy,
        card_inputs=manifest.card_inputs,
    )
    return HydrateResult(sorted(restored), build, unmatched)
