"""Chunks: the annotatable stretches of a document that Label Studio tasks show.

A *chunk* is a maximal run of consecutive paragraphs that touch no excluded region. For
most articles that is the whole article minus trailing publisher boilerplate, so the
annotator sees the full context (paragraph breaks kept) and relations can reach across
paragraphs. Excluded regions are never part of a chunk, so they cannot be annotated.
Offsets are code points into ``Document.text``, end-exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgold.corpus.document import Document


@dataclass(frozen=True)
class Chunk:
    """An annotatable stretch of one document: ``Document.text[start:end]`` (end-exclusive).

    Example:
        >>> chunk = Chunk("doc", 10, 20)
        >>> chunk.contains(12, 20), chunk.contains(5, 12), chunk.touches(5, 12)
        (True, False, True)
    """

    doc_id: str
    start: int
    end: int

    def contains(self, start: int, end: int) -> bool:
        """True when the span ``[start, end)`` lies inside the chunk."""
        return self.start <= start and end <= self.end

    def touches(self, start: int, end: int) -> bool:
        """True when the span shares at least one character with the chunk."""
        return start < self.end and self.start < end


def document_chunks(document: Document) -> list[Chunk]:
    """Split a document into chunks: maximal runs of paragraphs outside excluded regions.

    Returns:
        Chunks in text order; empty when every paragraph is excluded.

    Example:
        >>> from newsgold.corpus.document import ExcludedRegion
        >>> doc = Document(
        ...     "d", "One. Two. Ad.", None, None, None, None, None,
        ...     paragraphs=((0, 4), (5, 9), (10, 13)), sentences=(), tokens=(),
        ...     excluded=(ExcludedRegion(10, 13, "advertisement"),),
        ... )
        >>> [(c.start, c.end) for c in document_chunks(doc)]
        [(0, 9)]
    """
    chunks: list[Chunk] = []
    run: list[tuple[int, int]] = []
    for start, end in document.paragraphs:
        if document.overlaps_excluded(start, end) is None:
            run.append((start, end))
            continue
        if run:
            chunks.append(Chunk(document.id, run[0][0], run[-1][1]))
            run = []
    if run:
        chunks.append(Chunk(document.id, run[0][0], run[-1][1]))
    return chunks


__all__ = ["Chunk", "document_chunks"]
