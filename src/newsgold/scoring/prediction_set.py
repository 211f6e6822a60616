"""Validated predictions of one system: :class:`PredictionSet` and its parts."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgold.problems import Problem
from newsgold.scoring.events import EventTuple


@dataclass(frozen=True)
class PredictedStance:
    """A predicted stance: holder span (None = author), target, label, optional evidence."""

    holder: tuple[int, int] | None
    target: str
    label: str
    evidence: tuple[int, int] | None = None


@dataclass
class DocumentPredictions:
    """One document's validated predictions; a layer that is None was not given."""

    doc_id: str
    line: int | None
    entities: list[tuple[int, int, str]] | None = None
    events: list[EventTuple] | None = None
    stances: list[PredictedStance] | None = None


@dataclass
class PredictionSet:
    """Validated predictions of one system.

    Attributes:
        source: where they came from (a path, or ``<predictions>``).
        format: ``jsonl``, ``labelstudio`` or ``dataset``.
        layers: the layers given on at least one line (only those are scored).
        documents: per doc id.
        issues: every problem found (skipped items in lenient mode).
        ignored: items deliberately not read (e.g. unsupported Label Studio results), by reason.
    """

    source: str
    format: str
    layers: set[str]
    documents: dict[str, DocumentPredictions]
    issues: list[Problem] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)
