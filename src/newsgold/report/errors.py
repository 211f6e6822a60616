"""Error analysis for the report's error view: every gold and predicted span, categorised.

The categories follow the SemEval-2013 / nervaluate vocabulary used by the scorer:

- ``correct``: same span, same label;
- ``wrong_label``: same span, different label (INC);
- ``boundary``: overlapping span, same label (PAR);
- ``boundary_label``: overlapping span, different label;
- ``missed``: a gold span no prediction overlaps (MIS);
- ``spurious``: a predicted span no gold span overlaps (SPU).

Matching is one-to-one: exact span matches first, then the largest overlaps, ties to the
earlier span. These categories are for reading errors; the numbers in the report come
from :mod:`newsgold.scoring`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsgold.corpus import Document
from newsgold.models.protocol import DocumentPrediction
from newsgold.records import DocumentAnnotations

CATEGORIES: tuple[str, ...] = (
    "correct",
    "wrong_label",
    "boundary",
    "boundary_label",
    "missed",
    "spurious",
)
"""Every error category, in display order (``correct`` is not an error)."""

CATEGORY_TITLES: dict[str, str] = {
    "correct": "correct",
    "wrong_label": "wrong label",
    "boundary": "wrong boundary",
    "boundary_label": "wrong boundary and label",
    "missed": "missed (false negative)",
    "spurious": "spurious (false positive)",
}

LabelledSpan = tuple[int, int, str]


@dataclass(frozen=True)
class SpanOutcome:
    """One gold or predicted span and what happened to it.

    Attributes:
        side: ``"gold"`` or ``"predicted"``.
        start, end: character offsets into the document text, end-exclusive.
        label: the span's label (entity type, or CAMEO code for event triggers).
        category: one of :data:`CATEGORIES`.
        other: the matched span on the other side, if any.
    """

    side: str
    start: int
    end: int
    label: str
    category: str
    other: LabelledSpan | None = None


def _overlap(a: LabelledSpan, b: LabelledSpan) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def categorise_spans(
    gold: Sequence[LabelledSpan], predicted: Sequence[LabelledSpan]
) -> list[SpanOutcome]:
    """Match gold and predicted spans one-to-one and categorise every span.

    Returns:
        One :class:`SpanOutcome` per gold span and per predicted span (a matched pair
        gives two outcomes with the same category), gold first, each in offset order.

    Example:
        >>> [o.category for o in categorise_spans([(0, 4, "PER")], [(0, 4, "ORG")])]
        ['wrong_label', 'wrong_label']
    """
    gold_sorted = sorted(set(gold))
    pred_sorted = sorted(set(predicted))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    by_span = {(p[0], p[1]): j for j, p in enumerate(pred_sorted)}
    for i, g in enumerate(gold_sorted):
        j = by_span.get((g[0], g[1]))
        if j is not None and j not in used:
            pairs[i] = j
            used.add(j)
    candidates = sorted(
        (-_overlap(g, p), i, j)
        for i, g in enumerate(gold_sorted)
        if i not in pairs
        for j, p in enumerate(pred_sorted)
        if j not in used and _overlap(g, p) > 0
    )
    for _, i, j in candidates:
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    outcomes: list[SpanOutcome] = []
    reverse = {j: i for i, j in pairs.items()}
    for gold_index, g in enumerate(gold_sorted):
        match = pairs.get(gold_index)
        if match is None:
            outcomes.append(SpanOutcome("gold", g[0], g[1], g[2], "missed"))
        else:
            p = pred_sorted[match]
            outcomes.append(SpanOutcome("gold", g[0], g[1], g[2], _pair_category(g, p), p))
    for pred_index, p in enumerate(pred_sorted):
        match = reverse.get(pred_index)
        if match is None:
            outcomes.append(SpanOutcome("predicted", p[0], p[1], p[2], "spurious"))
        else:
            g = gold_sorted[match]
            outcomes.append(SpanOutcome("predicted", p[0], p[1], p[2], _pair_category(g, p), g))
    return outcomes


def _pair_category(gold: LabelledSpan, predicted: LabelledSpan) -> str:
    same_span = gold[:2] == predicted[:2]
    same_label = gold[2] == predicted[2]
    if same_span:
        return "correct" if same_label else "wrong_label"
    return "boundary" if same_label else "boundary_label"


def layer_spans(
    gold: DocumentAnnotations, prediction: DocumentPrediction, layer: str
) -> tuple[list[LabelledSpan], list[LabelledSpan]]:
    """Gold and predicted ``(start, end, label)`` spans of ``layer`` (entities or events).

    Event spans are triggers labelled with their CAMEO root code.
    """
    if layer == "entities":
        return (
            [(m.start, m.end, m.label) for m in gold.entities],
            [(m.start, m.end, m.label) for m in prediction.entities or []],
        )
    if layer == "events":
        return (
            [(m.start, m.end, m.type) for m in gold.events],
            [(m.start, m.end, m.type) for m in prediction.events or []],
        )
    raise ValueError(f"layer {layer!r} has no spans to show; expected entities or events")


@dataclass(frozen=True)
class StancePair:
    """A gold or predicted stance, keyed by (holder span or author, target)."""

    holder: tuple[int, int] | None
    target: str
    gold: str | None  # None: no gold stance for this key (a spurious prediction)
    predicted: str | None  # None: no predicted stance for this key (a missed stance)


def stance_pairs(gold: DocumentAnnotations, prediction: DocumentPrediction) -> list[StancePair]:
    """Pair gold and predicted stances by (holder span, target); author holders are ``None``.

    A gold holder is the span of its entity mention. When one key has several stances on
    a side, the first in offset order is kept.
    """
    entities = gold.entity_by_id()
    gold_by_key: dict[tuple[tuple[int, int] | None, str], str] = {}
    for stance in sorted(gold.stances):
        holder = None
        if stance.holder_id is not None and stance.holder_id in entities:
            mention = entities[stance.holder_id]
            holder = (mention.start, mention.end)
        gold_by_key.setdefault((holder, stance.target), stance.polarity)
    pred_by_key: dict[tuple[tuple[int, int] | None, str], str] = {}
    for predicted in sorted(prediction.stances or [], key=lambda s: s.sort_key()):
        pred_by_key.setdefault((predicted.holder, predicted.target), predicted.label)
    keys = sorted(
        set(gold_by_key) | set(pred_by_key),
        key=lambda k: ((-1, -1) if k[0] is None else k[0], k[1]),
    )
    return [StancePair(k[0], k[1], gold_by_key.get(k), pred_by_key.get(k)) for k in keys]


def sentence_context(document: Document, start: int, end: int) -> tuple[str, str, str]:
    """``(before, span, after)`` within the sentence around ``[start, end)``."""
    index = document.sentence_index(start)
    s_start, s_end = (start, end) if index is None else document.sentences[index]
    s_end = max(s_end, end)
    return (document.text[s_start:start], document.text[start:end], document.text[end:s_end])
