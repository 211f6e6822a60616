"""Character spans <-> token chunks and BIO tags: the one alignment the dataset, the
exports and the gold hash share.

Spans are character offsets into the document text, end-exclusive; chunks are token
indices within a sentence, end-exclusive. Alignment is spaCy's ``expand``: a span covers
every token it overlaps, and is *aligned* when it starts on a token start and ends on a
token end (only then does a chunk give the span back exactly).

Example:
    >>> chunks = span_chunks([(0, 3), (4, 9), (10, 15)], [(4, 15, "PER")])
    >>> chunks
    [TokenChunk(start=1, end=3, label='PER', aligned=True)]
    >>> bio_tags(3, chunks)
    ['O', 'B-PER', 'I-PER']
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from newsgold.corpus.document import Document


class TokenChunk(NamedTuple):
    """An entity over tokens ``[start, end)`` of one sentence."""

    start: int
    end: int
    label: str
    aligned: bool = True


def span_chunks(
    tokens: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int, str]]
) -> list[TokenChunk]:
    """Map character spans onto the tokens they overlap (``expand`` alignment).

    Args:
        tokens: the sentence's token spans ``(start, end)``, in order.
        spans: ``(start, end, label)`` character spans, in offset order.

    Returns:
        One chunk per span that overlaps at least one token, in the given order.
    """
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    chunks = []
    for start, end, label in spans:
        lo = bisect_right(ends, start)
        hi = bisect_left(starts, end)
        if lo >= hi:
            continue
        aligned = starts[lo] == start and ends[hi - 1] == end
        chunks.append(TokenChunk(lo, hi, label, aligned))
    return chunks


def bio_tags(n_tokens: int, chunks: Iterable[TokenChunk]) -> list[str]:
    """IOB2 tags for ``n_tokens`` tokens; a token two chunks share keeps the first one's tag."""
    tags = ["O"] * n_tokens
    for chunk in chunks:
        begin = True
        for position in range(chunk.start, chunk.end):
            if tags[position] != "O":
                continue
            tags[position] = f"{'B' if begin else 'I'}-{chunk.label}"
            begin = False
    return tags


def entity_layer_hash(sentences: Iterable[tuple[Sequence[str], Iterable[TokenChunk]]]) -> str:
    """``sha256-<12 hex>`` of an entity gold as token sentences and their chunks.

    The same gold hashes the same whether it comes from a dataset (character spans) or a
    CoNLL file in any tagging scheme: only tokens, chunk boundaries and labels enter.
    A span that is not token-aligned enters with ``aligned: false``, so a lossy
    conversion to tags never passes for the original.
    """
    return encoded_entity_layer_hash(
        (
            json.dumps(list(tokens), ensure_ascii=False).encode("utf-8"),
            json.dumps(
                sorted([c.start, c.end, c.label] + ([] if c.aligned else [False]) for c in chunks),
                ensure_ascii=False,
            ).encode("utf-8"),
        )
        for tokens, chunks in sentences
    )


def encoded_entity_layer_hash(sentences: Iterable[tuple[bytes, bytes]]) -> str:
    """:func:`entity_layer_hash` from each sentence's tokens and sorted chunks already
    encoded as JSON arrays (``json.dumps(..., ensure_ascii=False)``, UTF-8)."""
    tokens: list[bytes] = []
    entities: list[bytes] = []
    for token_array, entity_array in sentences:
        tokens.append(token_array[1:-1])
        entities.append(entity_array[1:-1])
    return entity_layer_hash_of_runs(
        b"".join(entities), _offsets(entities), b"".join(tokens), _offsets(tokens)
    )


def _offsets(rows: Sequence[bytes]) -> list[int]:
    offsets = [0]
    for row in rows:
        offsets.append(offsets[-1] + len(row))
    return offsets


def entity_layer_hash_of_runs(
    entities: bytes,
    entity_offsets: Sequence[int],
    tokens: bytes,
    token_offsets: Sequence[int],
) -> str:
    """:func:`entity_layer_hash` from every sentence's chunks and tokens as JSON array
    contents (no brackets) concatenated, with the offsets where each sentence's start
    (one more than sentences). Each row is the bytes ``json.dumps`` gives for
    ``{"entities": [...], "tokens": [...]}`` (keys sorted, ``ensure_ascii=False``)."""
    pieces: list[bytes] = []
    e, t = entity_offsets, token_offsets
    for i in range(len(t) - 1):
        pieces += (b'{"entities": [', entities[e[i] : e[i + 1]], b'], "tokens": [')
        pieces += (tokens[t[i] : t[i + 1]], b"]}\n")
    return "sha256-" + hashlib.sha256(b"".join(pieces)).hexdigest()[:12]


class TokenSentence(NamedTuple):
    """One annotatable sentence as tokens, with the entity chunks that start in it."""

    sentence_index: int  # index into the document's sentences
    token_spans: list[tuple[int, int]]  # character spans of the tokens
    tokens: list[str]
    chunks: list[TokenChunk]


def token_sentences(
    document: Document, spans: Iterable[tuple[int, int, str]]
) -> list[TokenSentence]:
    """The document's annotatable sentences as tokens, each with the chunks of the spans
    that start in it (a span belongs to the sentence its start lies in).

    Args:
        document: a corpus document (tokens, sentences, excluded regions).
        spans: ``(start, end, label)`` character spans, in any order.
    """
    sentence_starts = [s for s, _ in document.sentences]
    token_starts = [s for s, _ in document.tokens]
    grouped: dict[int, list[tuple[int, int, str]]] = {}
    for span in sorted(spans):
        grouped.setdefault(bisect_right(sentence_starts, span[0]) - 1, []).append(span)
    rows = []
    for index in document.annotatable_sentences():
        s_start, s_end = document.sentences[index]
        first = bisect_left(token_starts, s_start)
        last = bisect_left(token_starts, s_end)
        token_spans = list(document.tokens[first:last])
        rows.append(
            TokenSentence(
                index,
                token_spans,
                [document.text[a:b] for a, b in token_spans],
                span_chunks(token_spans, grouped.get(index, [])),
            )
        )
    return rows
