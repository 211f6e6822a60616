"""The document model.

Offsets everywhere in newsgold are character offsets into ``Document.text`` (the
normalized text), as Python ``str`` indices, end-exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgold.offsets import sentence_of

Span = tuple[int, int]


@dataclass(frozen=True)
class ExcludedRegion:
    """A region of the text that no layer annotates and no score counts."""

    start: int
    end: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "reason": self.reason}


@dataclass(frozen=True)
class Document:
    """A normalized news document with its segmentation.

    Attributes:
        id: stable id derived from the normalized text (see ``normalize.document_id``).
        text: normalized text (NFC, ``\\n`` line endings) exactly as annotators see it.
        title, source, url, date, language: metadata; ``None`` when unknown.
        license: the text's licence as an SPDX id (``"CC-BY-2.5"``) or a
            ``LicenseRef-`` id for text that may not be republished; ``None`` when unknown
            (treated as not redistributable).
        attribution: the credit the licence requires.
        paragraphs, sentences, tokens: ordered, non-overlapping ``(start, end)`` spans.
        excluded: regions no layer annotates (publisher boilerplate, say).
    """

    id: str
    text: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    language: str | None
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    tokens: tuple[Span, ...]
    excluded: tuple[ExcludedRegion, ...] = ()
    license: str | None = None
    attribution: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "date": self.date,
            "language": self.language,
            "license": self.license,
            "attribution": self.attribution,
            "text": self.text,
            "paragraphs": [list(span) for span in self.paragraphs],
            "sentences": [list(span) for span in self.sentences],
            "tokens": [list(span) for span in self.tokens],
            "excluded": [region.to_dict() for region in self.excluded],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            id=data["id"],
            text=data["text"],
            title=data.get("title"),
            source=data.get("source"),
            url=data.get("url"),
            date=data.get("date"),
            language=data.get("language"),
            license=data.get("license"),
            attribution=data.get("attribution"),
            paragraphs=tuple((int(s), int(e)) for s, e in data["paragraphs"]),
            sentences=tuple((int(s), int(e)) for s, e in data["sentences"]),
            tokens=tuple((int(s), int(e)) for s, e in data["tokens"]),
            excluded=tuple(
                ExcludedRegion(int(r["start"]), int(r["end"]), str(r["reason"]))
                for r in data.get("excluded", [])
            ),
        )

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def overlaps_excluded(self, start: int, end: int) -> ExcludedRegion | None:
        """Return the first excluded region that ``[start, end)`` touches, if any."""
        for region in self.excluded:
            if start < region.end and region.start < end:
                return region
        return None

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence containing character ``offset``, or None (between sentences)."""
        index = sentence_of([s for s, _ in self.sentences], offset)
        if index >= 0 and offset < self.sentences[index][1]:
            return index
        return None

    def annotatable_sentences(self) -> list[int]:
        """Indices of the sentences that lie outside every excluded region."""
        return [
            index
            for index, (start, end) in enumerate(self.sentences)
            if self.overlaps_excluded(start, end) is None
        ]
