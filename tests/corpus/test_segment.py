"""Segmentation invariants, on the seed article and on generated text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsgold.corpus import Document, make_document, read_documents
from newsgold.corpus.ingest import Metadata
from newsgold.corpus.segment import paragraph_spans

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_fe91b81cea6e668f.txt"


def assert_invariants(doc: Document) -> None:
    text = doc.text
    for name in ("paragraphs", "sentences", "tokens"):
        spans = getattr(doc, name)
        previous_end = 0
        for start, end in spans:
            assert 0 <= previous_end <= start < end <= len(text), (name, start, end)
            previous_end = end
    # Every non-space character is in exactly one token; tokens hold no whitespace.
    covered = [0] * len(text)
    for start, end in doc.tokens:
        for i in range(start, end):
            covered[i] += 1
        assert not any(ch.isspace() for ch in text[start:end])
    for i, ch in enumerate(text):
        assert covered[i] == (0 if ch.isspace() else 1), (i, ch)
    # No sentence boundary inside a token: sentences start and end on token edges.
    token_starts = {s for s, _ in doc.tokens}
    token_ends = {e for _, e in doc.tokens}
    for start, end in doc.sentences:
        assert start in token_starts and end in token_ends
    # Sentence and paragraph boundaries agree.
    for start, end in doc.sentences:
        assert any(ps <= start and end <= pe for ps, pe in doc.paragraphs)
    for ps, pe in doc.paragraphs:
        inside = [(s, e) for s, e in doc.sentences if ps <= s and e <= pe]
        assert inside, (ps, pe)
        assert inside[0][0] == ps and inside[-1][1] == pe


def test_seed_invariants() -> None:
    (doc,) = read_documents(SEED)
    assert_invariants(doc)
    assert len(doc.paragraphs) == 18
    assert doc.text.startswith("President Donald Trump sent North Korean leader")


def test_seed_keeps_curly_quotes_and_apostrophes() -> None:
    (doc,) = read_documents(SEED)
    raw = SEED.read_text(encoding="utf-8")
    assert doc.text == raw  # the seed is already NFC with \n line endings
    assert "“excellent”" in doc.text and "China’s" in doc.text


def test_seed_publisher_line_is_excluded_but_kept() -> None:
    (doc,) = read_documents(SEED)
    (region,) = doc.excluded
    assert doc.text[region.start : region.end].startswith("(At The Quint, we question")
    assert region.end == len(doc.text)
    excluded_sentences = [
        i for i, (s, e) in enumerate(doc.sentences) if doc.overlaps_excluded(s, e)
    ]
    assert excluded_sentences == [len(doc.sentences) - 2, len(doc.sentences) - 1]
    assert doc.annotatable_sentences() == list(range(len(doc.sentences) - 2))


def test_seed_first_sentences() -> None:
    (doc,) = read_documents(SEED)
    s, e = doc.sentences[1]
    assert (
        doc.text[s:e] == "The White House declined to confirm that Trump had sent a letter to Kim."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\nTwo.", [(0, 4), (5, 9)]),
        ("One\nstill one.\n\nTwo.", [(0, 14), (16, 20)]),
        ("  padded  \n\n\n x ", [(2, 8), (14, 15)]),
        ("\n\n", []),
    ],
)
def test_paragraph_spans(text: str, expected: list[tuple[int, int]]) -> None:
    assert paragraph_spans(text) == expected


_ALPHABET = st.sampled_from(
    [*"abcXYZ .,!?'\"“”’—-\n\t()0123", "😀", "🇰🇵", "e\u0301", "\u00a0", "\u2028", "Ω", "日"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, min_size=1, max_size=120).map("".join))
def test_invariants_on_generated_text(text: str) -> None:
    assume(text.strip())
    doc = make_document(text, Metadata())
    assert_invariants(doc)
