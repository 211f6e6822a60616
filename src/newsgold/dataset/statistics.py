"""Counts of what a built dataset holds, gathered while its rows are written.

The card's statistics come from here and nowhere else, so they are counted from the data,
never typed. Excluded regions (publisher boilerplate) are never counted as sentences or
tokens: only annotatable sentences and their tokens are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsgold.corpus.document import Document
from newsgold.dataset.rows import text_sha256
from newsgold.records import GoldDocument
from newsgold.scheme import ENTITY_LABELS, EVENT_TYPES, REALIS_LABELS, ROLE_LABELS, STANCE_LABELS

# The card lists documents one by one up to this many, then only counts them.
LISTED_DOCUMENTS = 25


@dataclass(frozen=True)
class DocumentSummary:
    """What the card says about one document's provenance."""

    id: str
    split: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    language: str | None
    license: str | None = None
    attribution: str | None = None
    text_withheld: bool = False


@dataclass(frozen=True)
class WithheldText:
    """A document whose text a redistributable build left out (every one is recorded)."""

    id: str
    split: str
    sha256: str  # of the normalized text, UTF-8
    license: str | None
    attribution: str | None
    title: str | None
    source: str | None
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "split": self.split,
            "sha256": self.sha256,
            "license": self.license,
            "attribution": self.attribution,
            "title": self.title,
            "source": self.source,
            "url": self.url,
        }


@dataclass
class SplitStatistics:
    """Counts for one split (every counter keyed by scheme code, zero counts included)."""

    documents: int = 0
    sentences: int = 0  # annotatable sentences (= rows of entities and events)
    tokens: int = 0  # tokens of annotatable sentences
    excluded_regions: int = 0
    excluded_sentences: int = 0  # sentences touching an excluded region (not rows anywhere)
    declared_targets: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    entity_keys: int = 0  # mentions carrying an entity key
    unaligned_entities: int = 0  # spans not on token boundaries (BIO tags then expand)
    events: Counter[str] = field(default_factory=Counter)
    realis: Counter[str] = field(default_factory=Counter)
    arguments: Counter[str] = field(default_factory=Counter)
    stances: Counter[str] = field(default_factory=Counter)  # stance annotations by polarity
    stance_rows: Counter[str] = field(default_factory=Counter)  # stance rows by label
    rows: Counter[str] = field(default_factory=Counter)  # rows per config

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "sentences": self.sentences,
            "tokens": self.tokens,
            "excluded_regions": self.excluded_regions,
            "excluded_sentences": self.excluded_sentences,
            "declared_targets": self.declared_targets,
            "entities": {label: self.entities[label] for label in ENTITY_LABELS},
            "entity_keys": self.entity_keys,
            "unaligned_entities": self.unaligned_entities,
            "events": {code: self.events[code] for code in EVENT_TYPES},
            "realis": {code: self.realis[code] for code in REALIS_LABELS},
            "arguments": {code: self.arguments[code] for code in ROLE_LABELS},
            "stances": {code: self.stances[code] for code in STANCE_LABELS},
            "stance_rows": {code: self.stance_rows[code] for code in STANCE_LABELS},
            "rows": dict(sorted(self.rows.items())),
        }


@dataclass
class DatasetStatistics:
    """Per-split counts plus what the card needs about provenance and languages."""

    splits: dict[str, SplitStatistics] = field(default_factory=dict)
    sources: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    licenses: Counter[str] = field(default_factory=Counter)
    listed_documents: list[DocumentSummary] = field(default_factory=list)
    withheld: list[WithheldText] = field(default_factory=list)  # in document-id order

    def split(self, name: str) -> SplitStatistics:
        return self.splits.setdefault(name, SplitStatistics())

    @property
    def documents(self) -> int:
        return sum(stats.documents for stats in self.splits.values())

    def total(self) -> SplitStatistics:
        """All splits added up."""
        total = SplitStatistics()
        for stats in self.splits.values():
            for name, value in vars(stats).items():
                current = getattr(total, name)
                setattr(total, name, current + value)
        return total


def count_record(record: GoldDocument, stats: SplitStatistics) -> None:
    """Add one record's documents, regions, targets and annotations to ``stats``."""
    document, annotations, targets = record
    stats.documents += 1
    stats.excluded_regions += len(document.excluded)
    stats.excluded_sentences += len(document.sentences) - len(document.annotatable_sentences())
    stats.declared_targets += len(targets)
    for mention in annotations.entities:
        stats.entities[mention.label] += 1
        if mention.key is not None:
            stats.entity_keys += 1
    for event in annotations.events:
        stats.events[event.type] += 1
        stats.realis[event.realis] += 1
        for argument in event.arguments:
            stats.arguments[argument.role] += 1
    for stance in annotations.stances:
        stats.stances[stance.polarity] += 1


def note_provenance(
    statistics: DatasetStatistics, document: Document, split: str, withheld: bool
) -> None:
    """Count the document's source, language and licence; list it for the card (the first
    ``LISTED_DOCUMENTS``) and record it when its text is ``withheld``."""
    statistics.sources[document.source or "(unknown)"] += 1
    statistics.languages[document.language or "(unknown)"] += 1
    statistics.licenses[document.license or "(unknown)"] += 1
    if withheld:
        statistics.withheld.append(
            WithheldText(
                id=document.id,
                split=split,
                sha256=text_sha256(document.text),
                license=document.license,
                attribution=document.attribution,
                title=document.title,
                source=document.source,
                url=document.url,
            )
        )
    if len(statistics.listed_documents) < LISTED_DOCUMENTS:
        statistics.listed_documents.append(
            DocumentSummary(
                id=document.id,
                split=split,
                title=document.title,
                source=document.source,
                url=document.url,
                date=document.date,
                language=document.language,
                license=document.license,
                attribution=document.attribution,
                text_withheld=withheld,
            )
        )
