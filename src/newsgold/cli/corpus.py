"""``newsgold corpus``: add, build, list and show documents."""

from __future__ import annotations

from pathlib import Path

import typer

from newsgold.corpus import Metadata, add_to_corpus, build_corpus, get_document, load_corpus
from newsgold.corpus.ingest import validate_metadata

CORPUS_OPTION = typer.Option(Path("corpus"), "--corpus", help="Corpus folder (documents.jsonl).")
SEEDS_OPTION = typer.Option(Path("seeds"), "--seeds", help="Folder of source files as received.")

corpus_app = typer.Typer(help="Ingest and inspect the normalized corpus.", no_args_is_help=True)


@corpus_app.command("add")
def add_command(
    paths: list[Path] = typer.Argument(..., help="Files to add: .txt, .html/.htm or .jsonl."),
    source: str | None = typer.Option(None, "--source", help="Publisher, e.g. 'The Quint'."),
    url: str | None = typer.Option(None, "--url", help="Article URL (http or https)."),
    date: str | None = typer.Option(None, "--date", help="Publication date, YYYY-MM-DD."),
    title: str | None = typer.Option(None, "--title", help="Article title."),
    language: str | None = typer.Option(None, "--language", help="Language code, e.g. 'en'."),
    license: str | None = typer.Option(
        None, "--license", help="Licence of the text as an SPDX id, e.g. 'CC-BY-2.5'."
    ),
    attribution: str | None = typer.Option(
        None, "--attribution", help="The credit the licence requires."
    ),
    corpus: Path = CORPUS_OPTION,
    seeds: Path = SEEDS_OPTION,
) -> None:
    """Validate files, keep them in seeds/ as received, and add their documents to corpus/."""
    overrides: Metadata = validate_metadata(
        {
            "source": source,
            "url": url,
            "date": date,
            "title": title,
            "language": language,
            "license": license,
            "attribution": attribution,
        }
    )
    result = add_to_corpus(paths, seeds_dir=seeds, corpus_dir=corpus, overrides=overrides)
    for doc_id in result.added:
        typer.echo(f"added     {doc_id}")
    for doc_id in result.unchanged:
        typer.echo(f"unchanged {doc_id} (already in the corpus)")


@corpus_app.command("build")
def build_command(corpus: Path = CORPUS_OPTION, seeds: Path = SEEDS_OPTION) -> None:
    """Rebuild corpus/ from every file in seeds/ (deterministic, byte-identical)."""
    documents = build_corpus(seeds, corpus)
    typer.echo(f"built {corpus}/documents.jsonl: {len(documents)} document(s)")


@corpus_app.command("list")
def list_command(corpus: Path = CORPUS_OPTION) -> None:
    """One line per document: id, sentences, tokens, source, date, start of the text."""
    documents = load_corpus(corpus)
    if not documents:
        typer.echo(f"{corpus} holds no documents; add some with `newsgold corpus add`.")
        return
    typer.echo(f"{'id':<16}  {'sents':>5}  {'tokens':>6}  {'source':<14}  {'date':<10}  text")
    for doc in sorted(documents.values(), key=lambda d: d.id):
        head = doc.text[:50].replace("\n", " ")
        typer.echo(
            f"{doc.id:<16}  {len(doc.sentences):>5}  {len(doc.tokens):>6}  "
            f"{doc.source or '-':<14.14}  {doc.date or '-':<10}  {head}…"
        )


@corpus_app.command("show")
def show_command(
    doc_id: str = typer.Argument(..., help="Document id (a unique prefix is enough)."),
    corpus: Path = CORPUS_OPTION,
) -> None:
    """Print a document's metadata and numbered sentences; excluded regions are marked."""
    doc = get_document(corpus, doc_id)
    for name in ("id", "title", "source", "url", "date", "language", "license", "attribution"):
        value = getattr(doc, name)
        typer.echo(f"{name:<11} {value if value is not None else '(unknown)'}")
    typer.echo(
        f"{'counts':<11} {len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences, "
        f"{len(doc.tokens)} tokens, {len(doc.excluded)} excluded region(s)"
    )
    typer.echo("")
    for number, (start, end) in enumerate(doc.sentences, start=1):
        region = doc.overlaps_excluded(start, end)
        mark = f"  [EXCLUDED: {region.reason}]" if region else ""
        typer.echo(f"{number:>3} [{start}:{end}]{mark} {doc.text[start:end]}")


def register(app: typer.Typer) -> None:
    app.add_typer(corpus_app, name="corpus")
