"""The error view's data: the scorer's per-instance error rows, placed on the article.

The report does no matching of its own. Its single source is the rows of
``newsgold.score(gold, predictions, with_errors=True).errors`` — the same rows
``newsgold score --errors FILE`` writes, from the scorer's one-to-one optimal matching —
with the scorer's category names (see ``docs/scoring.md``):

- ``boundary``: overlapping span, same type (an argument: same role);
- ``type``: same span, other type (a stance cell: opposite polarity);
- ``boundary_type``: overlapping span, other type (entities);
- ``role``: argument span right, role wrong;
- ``realis``: trigger and type right, realis wrong;
- ``missed``: a gold instance with no match (false negative);
- ``spurious``: a predicted instance with no match (false positive).

``correct`` is not a scorer category: it marks a gold or predicted span that the same
scoring run flagged in no error row. Offsets are character offsets into the document
text, end-exclusive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsgold.corpus import Document
from newsgold.models.protocol import DocumentPrediction
from newsgold.records import DocumentAnnotations

CATEGORIES: tuple[str, ...] = (
    "correct",
    "boundary",
    "type",
    "boundary_type",
    "role",
    "realis",
    "missed",
    "spurious",
)
"""Every category, in display order: ``correct`` then the scorer's error categories."""

CATEGORY_TITLES: dict[str, str] = {
    "correct": "correct",
    "boundary": "wrong boundary",
    "type": "wrong type",
    "boundary_type": "wrong boundary and type",
    "role": "wrong role",
    "realis": "wrong realis",
    "missed": "missed (false negative)",
    "spurious": "spurious (false positive)",
}

VIEW_LAYERS: dict[str, tuple[str, ...]] = {
    "entities": ("entities",),
    "events": ("events.trigger", "events.argument", "events.realis"),
    "stance": ("stance.cell", "stance.triple"),
}
"""The scorer's error layers each view of the report lists."""

SPAN_LAYERS: dict[str, str] = {"entities": "entities", "events": "events.trigger"}
"""The scorer layer whose spans a side-by-side view highlights."""

LabelledSpan = tuple[int, int, str]


@dataclass(frozen=True)
class ErrorRow:
    """One scorer error row, reduced to what the report shows.

    Attributes:
        layer: the scorer's layer (``entities``, ``events.trigger``, ``events.argument``,
            ``events.realis``, ``stance.cell`` or ``stance.triple``).
        category: the scorer's category (one of :data:`CATEGORIES` but ``correct``).
        doc_id: the document.
        start, end: the row's span — its gold side's if it has one, else its predicted
            side's; a stance cell's sentence; ``None`` for a triple held by the author.
        gold_label, predicted_label: the label on each side (``None``: no such side).
        detail: what the span is, beyond its label (argument's trigger, stance target).
        gold_span, predicted_span: each side's ``(start, end, label)`` where the row
            names a span of the view's highlighted layer (entities, triggers).
        target: the stance target of a stance row.
    """

    layer: str
    category: str
    doc_id: str
    start: int | None
    end: int | None
    gold_label: str | None
    predicted_label: str | None
    detail: str = ""
    gold_span: LabelledSpan | None = None
    predicted_span: LabelledSpan | None = None
    target: str | None = None


def triple_detail(document: Document, holder: tuple[int, int] | None, target: str) -> str:
    """How a holder triple is shown: ``author → target T`` or ``holder 'X' → target T``."""
    who = "author" if holder is None else f"holder {document.text[holder[0] : holder[1]]!r}"
    return f"{who} → target {target}"


def _side_label(layer: str, side: Mapping[str, Any]) -> str:
    if layer == "entities":
        return str(side["label"])
    if layer == "events.argument":
        return str(side["role"])
    if layer == "events.realis":
        return str(side["realis"])
    return str(side["type"])


def read_error_row(row: Mapping[str, Any], document: Document) -> ErrorRow:
    """Read one scorer error row (a dict of ``Report.errors``) of ``document``.

    Args:
        row: the row, as ``newsgold.score(..., with_errors=True).errors`` holds it.
        document: the row's document (stance cells name a sentence index).

    Returns:
        The :class:`ErrorRow`.

    Raises:
        ValueError: the row's layer or category is not one the scorer writes.

    Example:
        >>> from newsgold.corpus import Metadata, make_document
        >>> document = make_document("Kim met Xi.", Metadata())
        >>> row = {"layer": "entities", "category": "missed", "doc_id": document.id,
        ...        "gold": {"start": 0, "end": 3, "label": "PER", "text": "Kim"},
        ...        "pred": None, "context": "Kim met Xi."}
        >>> read_error_row(row, document).gold_span
        (0, 3, 'PER')
    """
    layer, category = str(row["layer"]), str(row["category"])
    if category not in CATEGORIES or category == "correct":
        raise ValueError(f"unknown error category {category!r} in a {layer} error row")
    gold, pred = row.get("gold"), row.get("pred")
    doc_id = str(row["doc_id"])
    if layer == "stance.cell":
        start, end = document.sentences[int(row["sentence"])]
        target = str(row["target"])
        return ErrorRow(
            layer,
            category,
            doc_id,
            start,
            end,
            str(gold),
            str(pred),
            f"target {target}",
            target=target,
        )
    # The side a row is about: its gold side if it has one (then the row is placed there).
    side: Mapping[str, Any] = row["gold"] if gold is not None else row["pred"]
    if layer == "stance.triple":
        holder = (
            None if side["holder"] is None else (side["holder"]["start"], side["holder"]["end"])
        )
        target = str(side["target"])
        return ErrorRow(
            layer,
            category,
            doc_id,
            None if holder is None else int(holder[0]),
            None if holder is None else int(holder[1]),
            None if gold is None else str(gold["label"]),
            None if pred is None else str(pred["label"]),
            triple_detail(document, holder, target),
            target=target,
        )
    if layer not in {"entities", "events.trigger", "events.argument", "events.realis"}:
        raise ValueError(f"unknown error layer {layer!r}")
    detail = ""
    if layer == "events.argument":
        trigger = side["trigger"]
        detail = f"argument of {trigger['text']!r} ({trigger['type']})"
    elif layer == "events.realis":
        detail = f"trigger {side['text']!r} ({side['type']})"
    highlighted = layer in SPAN_LAYERS.values()

    def span_of(item: Mapping[str, Any] | None) -> LabelledSpan | None:
        if item is None or not highlighted:
            return None
        return (int(item["start"]), int(item["end"]), _side_label(layer, item))

    return ErrorRow(
        layer,
        category,
        doc_id,
        int(side["start"]),
        int(side["end"]),
        None if gold is None else _side_label(layer, gold),
        None if pred is None else _side_label(layer, pred),
        detail,
        span_of(gold),
        span_of(pred),
    )


@dataclass(frozen=True)
class SpanOutcome:
    """One gold or predicted span of a side-by-side view and its category.

    Attributes:
        side: ``"gold"`` or ``"predicted"``.
        start, end: character offsets into the document text, end-exclusive.
        label: the span's label (entity type, or CAMEO code for event triggers).
        category: the error row's category, or ``correct`` when no row names the span.
    """

    side: str
    start: int
    end: int
    label: str
    category: str


def span_outcomes(
    side: str, spans: Sequence[LabelledSpan], flagged: Sequence[tuple[LabelledSpan, str]]
) -> list[SpanOutcome]:
    """Categorise one side's spans by the error rows that name them.

    Args:
        side: ``"gold"`` or ``"predicted"``.
        spans: every span of that side in one document and layer.
        flagged: ``(span, category)`` of each error row naming a span of that side.

    Returns:
        One :class:`SpanOutcome` per span, in offset order; spans no row names are
        ``correct``.

    Raises:
        ValueError: a row names a span that is not among ``spans`` (the rows come from
            another scoring run than these annotations or predictions).

    Example:
        >>> [o.category for o in span_outcomes(
        ...     "gold", [(0, 3, "PER"), (8, 10, "PER")], [((8, 10, "PER"), "missed")])]
        ['correct', 'missed']
    """
    pending: dict[LabelledSpan, list[str]] = {}
    for span, category in sorted(flagged):
        pending.setdefault(span, []).append(category)
    outcomes = []
    for span in sorted(spans):
        categories = pending.get(span)
        category = categories.pop(0) if categories else "correct"
        outcomes.append(SpanOutcome(side, span[0], span[1], span[2], category))
    left = sorted(span for span, categories in pending.items() if categories)
    if left:
        raise ValueError(
            f"error rows name {side} spans {left} that are not in the {side} annotations; "
            "pass the errors of the scoring run of these predictions"
        )
    return outcomes


def categorise_spans(
    gold: Sequence[LabelledSpan],
    predicted: Sequence[LabelledSpan],
    rows: Sequence[ErrorRow],
    layer: str,
) -> list[SpanOutcome]:
    """Categorise one document's gold and predicted spans of a view by its error rows.

    Args:
        gold, predicted: the document's spans of ``layer`` (see :func:`layer_spans`).
        rows: the document's error rows (rows of other layers are ignored).
        layer: the view, ``entities`` or ``events`` (whose spans are triggers).

    Returns:
        Gold outcomes then predicted outcomes, each in offset order (see
        :func:`span_outcomes`).

    Raises:
        ValueError: a row names a span not among ``gold`` or ``predicted``.

    Example:
        >>> row = ErrorRow("entities", "missed", "d1", 8, 10, "PER", None, "",
        ...                gold_span=(8, 10, "PER"))
        >>> [o.category for o in categorise_spans([(0, 3, "PER"), (8, 10, "PER")],
        ...                                       [(0, 3, "PER")], [row], "entities")]
        ['correct', 'missed', 'correct']
    """
    span_rows = [r for r in rows if r.layer == SPAN_LAYERS[layer]]
    return span_outcomes(
        "gold", gold, [(r.gold_span, r.category) for r in span_rows if r.gold_span is not None]
    ) + span_outcomes(
        "predicted",
        predicted,
        [(r.predicted_span, r.category) for r in span_rows if r.predicted_span is not None],
    )


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


def sentence_context(document: Document, start: int, end: int) -> tuple[str, str, str]:
    """``(before, span, after)`` within the sentence around ``[start, end)``."""
    index = document.sentence_index(start)
    s_start, s_end = (start, end) if index is None else document.sentences[index]
    s_end = max(s_end, end)
    return (document.text[s_start:start], document.text[start:end], document.text[end:s_end])
