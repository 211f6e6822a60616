"""Report stage: a self-contained HTML page plus PNG plots of every system's results.

:func:`write_report` writes ``index.html`` (all text escaped, plots embedded) and the
same plots as PNG files into one folder:

- ``f1_<layer>.png``: per-type F1 with 95% CI whiskers, one bar per system;
- ``stance_confusion.png``: the scorer's stance confusion matrix per system;
- ``events_quadclass.png``: events per QuadClass, gold vs each system.

Every number comes from the systems' score reports (``Report.to_dict()``), and every
error category from the same scorer's per-instance error rows
(``newsgold.score(..., with_errors=True).errors``, what ``newsgold score --errors``
writes): the report matches nothing itself.

The page also holds the leaderboard and an error view: the article with gold and
predicted spans side by side, colour-coded by the scorer's error category (``correct``
where no error row names a span), and each error row listed with its sentence context.
Same inputs give byte-identical files.

Example:
    >>> import tempfile
    >>> import newsgold
    >>> from newsgold.corpus import Metadata, make_document
    >>> from newsgold.models import DocumentPrediction, PredictedEntity
    >>> from newsgold.records import DocumentAnnotations, EntityMention
    >>> document = make_document("Angela Merkel met Emmanuel Macron.", Metadata())
    >>> gold = DocumentAnnotations(document.id, "gold", entities=[
    ...     EntityMention(0, 13, "PER", "Angela Merkel", "m1"),
    ...     EntityMention(18, 33, "PER", "Emmanuel Macron", "m2")])
    >>> prediction = DocumentPrediction(document.id, entities=[PredictedEntity(0, 13, "PER")])
    >>> scored = newsgold.score([(document, gold, [])], [prediction.to_dict()],
    ...                         n_resamples=0, with_errors=True)
    >>> system = SystemResult("mine", "my model", [prediction], scored.to_dict(), scored.errors)
    >>> system.layers()
    ('entities',)
    >>> scratch = tempfile.TemporaryDirectory()
    >>> files = write_report(scratch.name, documents={document.id: document},
    ...                      gold={document.id: gold}, systems=[system])
    >>> files.html.name, [plot.name for plot in files.plots]
    ('index.html', ['f1_entities.png'])
    >>> scratch.cleanup()
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from newsgold.atomic import atomic_write_bytes, atomic_write_text
from newsgold.corpus import Document
from newsgold.figures import SystemScores, headline_rows, per_type_figures
from newsgold.guard import mark_output_folder
from newsgold.models.protocol import DocumentPrediction
from newsgold.records import DocumentAnnotations
from newsgold.report.errors import (
    VIEW_LAYERS,
    ErrorRow,
    categorise_spans,
    layer_spans,
    read_error_row,
    sentence_context,
    triple_detail,
)
from newsgold.report.html import (
    ErrorItem,
    HeadlineRow,
    Plot,
    ReportPage,
    SpanView,
    StanceView,
    highlight_segments,
    render_html,
)
from newsgold.report.plots import (
    TypeFigure,
    per_type_f1_plot,
    quad_breakdown_plot,
    stance_confusion_plot,
)
from newsgold.scheme import cameo_label

__all__ = ["ReportFiles", "SystemResult", "write_report"]


@dataclass(frozen=True)
class SystemResult:
    """One system's predictions, scores and per-instance errors, from one scoring run.

    Attributes:
        name: system name (as in the leaderboard).
        description: one line saying what the system is.
        predictions: its predictions, one per document.
        scores: ``newsgold.score(...).to_dict()`` for these predictions.
        errors: ``newsgold.score(..., with_errors=True).errors`` for the same
            predictions and gold (the rows ``newsgold score --errors`` writes); the
            error view's only source of categories.

    See the module docstring for an example.
    """

    name: str
    description: str
    predictions: Sequence[DocumentPrediction]
    scores: Mapping[str, Any]
    errors: Sequence[Mapping[str, Any]]

    def layers(self) -> tuple[str, ...]:
        """The layers this system predicted (present in at least one document)."""
        found = []
        for layer, attribute in (
            ("entities", "entities"),
            ("events", "events"),
            ("stance", "stances"),
        ):
            if any(getattr(p, attribute) is not None for p in self.predictions):
                found.append(layer)
        return tuple(found)


@dataclass
class ReportFiles:
    """Paths :func:`write_report` wrote."""

    html: Path
    plots: list[Path] = field(default_factory=list)


REPORT_COMMAND = "report"


def write_report(
    out_dir: str | Path,
    *,
    documents: Mapping[str, Document],
    gold: Mapping[str, DocumentAnnotations],
    systems: Sequence[SystemResult],
    title: str = "newsgold evaluation report",
) -> ReportFiles:
    """Write ``out_dir/index.html`` and the PNG plots.

    Args:
        out_dir: folder to write into (created if missing).
        documents: the corpus (doc id -> Document), for the error view's text.
        gold: doc id -> gold annotations (the documents that were scored).
        systems: the systems to show (shown sorted by name).
        title: the page title.

    Returns:
        :class:`ReportFiles` with every path written.

    See the module docstring for an example.
    """
    folder = Path(out_dir)
    systems = sorted(systems, key=lambda s: s.name)  # same page whatever the input order
    ordered_gold = [gold[doc_id] for doc_id in sorted(gold)]
    plots = _plots(systems)
    headline = [
        HeadlineRow(
            system=system.name,
            description=system.description,
            layer=row.layer,
            metric=row.metric,
            value=row.value,
            low=row.low,
            high=row.high,
        )
        for system in systems
        for row in headline_rows(SystemScores(system.name, system.scores))
    ]
    # Rank as the leaderboard does: per layer, by each system's first (headline) figure.
    primary: dict[tuple[str, str], float] = {}
    for row in headline:
        primary.setdefault((row.layer, row.system), -1.0 if row.value is None else row.value)
    position = {id(row): index for index, row in enumerate(headline)}
    headline.sort(
        key=lambda r: (
            _LAYER_ORDER.get(r.layer, 9),
            -primary[(r.layer, r.system)],
            r.system,
            position[id(r)],
        )
    )
    page = ReportPage(
        title=title,
        signatures=[
            (f"{system.name} · {layer}", str(text))
            for system in systems
            for layer, text in sorted((system.scores.get("signature") or {}).items())
        ],
        headline=headline,
        plots=plots,
        span_views=_span_views(documents, ordered_gold, systems),
        stance_views=_stance_views(documents, ordered_gold, systems),
    )
    files = ReportFiles(html=folder / "index.html")
    for plot in plots:
        atomic_write_bytes(folder / plot.filename, plot.png)
        files.plots.append(folder / plot.filename)
    atomic_write_text(files.html, render_html(page))
    mark_output_folder(folder, REPORT_COMMAND)  # lets the next report replace these files
    return files


_LAYER_ORDER = {"entities": 0, "events": 1, "stance": 2}


def _plots(systems: Sequence[SystemResult]) -> list[Plot]:
    plots = []
    for layer in ("entities", "events"):
        name = cameo_label if layer == "events" else str  # CAMEO roots with their names
        figures = [
            TypeFigure(system.name, name(item.label), item.f1, item.low, item.high)
            for system in systems
            for item in per_type_figures(SystemScores(system.name, system.scores), layer)
        ]
        if figures:
            title = (
                f"{layer.capitalize()}: F1 per type (strict)"
                if layer == "entities"
                else ("Events: F1 per CAMEO root (trigger classification)")
            )
            plots.append(Plot(f"f1_{layer}.png", title, per_type_f1_plot(figures, title=title)))
    stance = {
        s.name: s.scores["stance"]["confusion_matrix"]["matrix"]
        for s in systems
        if s.scores.get("stance") is not None
    }
    if stance:
        plots.append(
            Plot("stance_confusion.png", "Stance confusion matrices", stance_confusion_plot(stance))
        )
    quads = {
        s.name: s.scores["events"]["per_quad_class"]
        for s in systems
        if s.scores.get("events") is not None
    }
    if quads:
        plots.append(
            Plot("events_quadclass.png", "Events by QuadClass", quad_breakdown_plot(quads))
        )
    return plots


def _prediction_for(system: SystemResult, doc_id: str) -> DocumentPrediction:
    for prediction in system.predictions:
        if prediction.doc_id == doc_id:
            return prediction
    return DocumentPrediction(doc_id=doc_id, entities=[], events=[], stances=[])


def _rows_by_document(
    system: SystemResult, documents: Mapping[str, Document]
) -> dict[str, list[ErrorRow]]:
    rows: dict[str, list[ErrorRow]] = {}
    for raw in system.errors:
        doc_id = str(raw["doc_id"])
        if doc_id not in documents:
            raise ValueError(
                f"system {system.name!r} has an error row for document {doc_id!r}, "
                "which is not in the corpus passed to write_report"
            )
        rows.setdefault(doc_id, []).append(read_error_row(raw, documents[doc_id]))
    return rows


def _error_item(row: ErrorRow, document: Document) -> ErrorItem:
    before, span, after = ("", "", "")
    if row.start is not None and row.end is not None:
        before, span, after = sentence_context(document, row.start, row.end)
    gold_label, predicted_label = row.gold_label, row.predicted_label
    if row.layer == "events.trigger":  # CAMEO roots with their names
        gold_label = None if gold_label is None else cameo_label(gold_label)
        predicted_label = None if predicted_label is None else cameo_label(predicted_label)
    return ErrorItem(
        category=row.category,
        layer=row.layer,
        detail=row.detail,
        gold_label=gold_label,
        predicted_label=predicted_label,
        before=before,
        span=span,
        after=after,
        start=row.start,
        end=row.end,
    )


def _item_order(item: ErrorItem) -> tuple[Any, ...]:
    return (
        -1 if item.start is None else item.start,
        -1 if item.end is None else item.end,
        item.layer,
        item.category,
        item.gold_label or "",
        item.predicted_label or "",
        item.detail,
    )


def _counts(items: Sequence[ErrorItem], correct: int) -> dict[str, int]:
    counts = {"correct": correct}
    for item in items:
        counts[item.category] = counts.get(item.category, 0) + 1
    return counts


def _span_views(
    documents: Mapping[str, Document],
    gold: Sequence[DocumentAnnotations],
    systems: Sequence[SystemResult],
) -> list[SpanView]:
    views = []
    for system in systems:
        rows_by_document = _rows_by_document(system, documents)
        for layer in ("entities", "events"):
            if layer not in system.layers():
                continue
            for record in gold:
                document = documents[record.doc_id]
                rows = [
                    r
                    for r in rows_by_document.get(record.doc_id, [])
                    if r.layer in VIEW_LAYERS[layer]
                ]
                gold_spans, predicted_spans = layer_spans(
                    record, _prediction_for(system, record.doc_id), layer
                )
                outcomes = categorise_spans(gold_spans, predicted_spans, rows, layer)
                gold_side = [o for o in outcomes if o.side == "gold"]
                predicted_side = [o for o in outcomes if o.side == "predicted"]
                errors = sorted((_error_item(r, document) for r in rows), key=_item_order)
                views.append(
                    SpanView(
                        doc_id=record.doc_id,
                        system=system.name,
                        layer=layer,
                        gold_segments=highlight_segments(document.text, gold_side),
                        predicted_segments=highlight_segments(document.text, predicted_side),
                        errors=errors,
                        counts=_counts(errors, sum(o.category == "correct" for o in gold_side)),
                    )
                )
    return views


def _stance_views(
    documents: Mapping[str, Document],
    gold: Sequence[DocumentAnnotations],
    systems: Sequence[SystemResult],
) -> list[StanceView]:
    from newsgold.scoring.api import placed_stances
    from newsgold.scoring.stance import triples

    views = []
    for system in systems:
        if "stance" not in system.layers():
            continue
        rows_by_document = _rows_by_document(system, documents)
        for record in gold:
            document = documents[record.doc_id]
            rows = [
                r
                for r in rows_by_document.get(record.doc_id, [])
                if r.layer in VIEW_LAYERS["stance"]
            ]
            errors = sorted((_error_item(r, document) for r in rows), key=_item_order)
            # A gold holder triple that no "missed" row names is one the system found.
            missed = {
                (r.start, r.end, r.target, r.gold_label)
                for r in rows
                if r.layer == "stance.triple" and r.category == "missed"
            }
            starts = [start for start, _ in document.sentences]
            gold_triples = cast(
                set[tuple[tuple[int, int] | None, str, str]],
                triples(placed_stances(record, starts)),
            )
            correct = []
            for holder, target, label in sorted(
                gold_triples, key=lambda t: (t[0] or (-1, -1), t[1], t[2])
            ):
                start, end = holder if holder is not None else (None, None)
                if (start, end, target, label) in missed:
                    continue
                row = ErrorRow(
                    "stance.triple",
                    "correct",
                    record.doc_id,
                    start,
                    end,
                    label,
                    label,
                    triple_detail(document, holder, target),
                    target=target,
                )
                correct.append(_error_item(row, document))
            views.append(
                StanceView(
                    record.doc_id, system.name, correct + errors, _counts(errors, len(correct))
                )
            )
    return views
