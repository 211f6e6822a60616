"""Tiny documents for the model tests, built with the real corpus pipeline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from newsgold.corpus import Document, ExcludedRegion, make_document
from newsgold.corpus.ingest import Metadata

NEWS = (
    "President Donald Trump met Kim Jong Un on Tuesday.\n"
    "The United States criticized China on Friday.\n"
    "Germany will not threaten France.\n"
    "Angela Merkel received a letter from Emmanuel Macron."
)


@pytest.fixture
def make_doc() -> Callable[..., Document]:
    """Build a Document from text; ``exclude_sentence=i`` marks sentence i as excluded."""

    def build(text: str, exclude_sentence: int | None = None) -> Document:
        document = make_document(text, Metadata())
        if exclude_sentence is not None:
            start, end = document.sentences[exclude_sentence]
            region = ExcludedRegion(start, end, "test boilerplate")
            document = replace(document, excluded=(region,))
        return document

    return build


@pytest.fixture
def news(make_doc: Callable[..., Document]) -> Document:
    return make_doc(NEWS)


def spans_text(document: Document, items: list, attribute: str = "label") -> list[tuple[str, str]]:
    """``(covered text, attribute value)`` for each predicted item."""
    return [(document.text[i.start : i.end], getattr(i, attribute)) for i in items]
