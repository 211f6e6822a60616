"""Report stage: a self-contained HTML page plus PNG plots of every system's results.

:func:`write_report` writes ``index.html`` (all text escaped, plots embedded) and the
same plots as PNG files into one folder:

- ``f1_<layer>.png``: per-type F1 with 95% CI whiskers, one bar per system;
- ``stance_confusion.png``: the scorer's stance confusion matrix per system;
- ``events_quadclass.png``: events per QuadClass, gold vs each system.

Every number comes from the systems' score reports (``Report.to_dict()``); only the
error view's categories are computed here, from the gold and the predictions.

The page also holds the leaderboard and an error view: the article with gold and
predicted spans side by side, colour-coded by error category, and each error listed
with its sentence context. Same inputs give byte-identical files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold.atomic import atomic_write_bytes, atomic_write_text
from newsgold.corpus import Document
from newsgold.leaderboard import SystemScores, headline_rows, per_type_figures
from newsgold.models.protocol import DocumentPrediction
from newsgold.records import DocumentAnnotations
from newsgold.report.errors import (
    categorise_spans,
    layer_spans,
    sentence_context,
    stance_pairs,
)
from newsgold.report.html import (
    ErrorItem,
    HeadlineRow,
    Plot,
    ReportPage,
    SpanView,
    StanceRow,
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

__all__ = ["ReportFiles", "SystemResult", "write_report"]


@dataclass(frozen=True)
class SystemResult:
    """One system's predictions and scores.

    Attributes:
        name: system name (as in the leaderboard).
        description: one line saying what the system is.
        predictions: its predictions, one per document.
        scores: ``newsgold.score(...).to_dict()`` for these predictions.
    """

    name: str
    description: str
    predictions: Sequence[DocumentPrediction]
    scores: Mapping[str, Any]

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

    Example:
        >>> system = SystemResult("spacy-ner", "spaCy NER", predictions, scores)
        >>> write_report("evaluate/report", documents=corpus, gold=gold,
        ...              systems=[system])  # doctest: +SKIP
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
    return files


_LAYER_ORDER = {"entities": 0, "events": 1, "stance": 2}


def _plots(systems: Sequence[SystemResult]) -> list[Plot]:
    plots = []
    for layer in ("entities", "events"):
        figures = [
            TypeFigure(system.name, item.label, item.f1, item.low, item.high)
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


def _span_views(
    documents: Mapping[str, Document],
    gold: Sequence[DocumentAnnotations],
    systems: Sequence[SystemResult],
) -> list[SpanView]:
    views = []
    for system in systems:
        for layer in ("entities", "events"):
            if layer not in system.layers():
                continue
            for record in gold:
                document = documents[record.doc_id]
                gold_spans, predicted_spans = layer_spans(
                    record, _prediction_for(system, record.doc_id), layer
                )
                outcomes = categorise_spans(gold_spans, predicted_spans)
                gold_side = [o for o in outcomes if o.side == "gold"]
                predicted_side = [o for o in outcomes if o.side == "predicted"]
                counts: dict[str, int] = {}
                errors = []
                for outcome in gold_side + [o for o in predicted_side if o.category == "spurious"]:
                    counts[outcome.category] = counts.get(outcome.category, 0) + 1
                    if outcome.category == "correct":
                        continue
                    before, span, after = sentence_context(document, outcome.start, outcome.end)
                    gold_label = outcome.label if outcome.side == "gold" else None
                    predicted_label = (
                        outcome.label
                        if outcome.side == "predicted"
                        else (outcome.other[2] if outcome.other else None)
                    )
                    errors.append(
                        ErrorItem(
                            category=outcome.category,
                            gold_label=gold_label,
                            predicted_label=predicted_label,
                            before=before,
                            span=span,
                            after=after,
                            start=outcome.start,
                            end=outcome.end,
                        )
                    )
                errors.sort(key=lambda e: (e.start, e.end, e.category))
                views.append(
                    SpanView(
                        doc_id=record.doc_id,
                        system=system.name,
                        layer=layer,
                        gold_segments=highlight_segments(document.text, gold_side),
                        predicted_segments=highlight_segments(document.text, predicted_side),
                        errors=errors,
                        counts=counts,
                    )
                )
    return views


def _stance_views(
    documents: Mapping[str, Document],
    gold: Sequence[DocumentAnnotations],
    systems: Sequence[SystemResult],
) -> list[StanceView]:
    views = []
    for system in systems:
        if "stance" not in system.layers():
            continue
        for record in gold:
            document = documents[record.doc_id]
            rows = []
            for pair in stance_pairs(record, _prediction_for(system, record.doc_id)):
                if pair.gold is None:
                    category = "spurious"
                elif pair.predicted is None:
                    category = "missed"
                else:
                    category = "correct" if pair.gold == pair.predicted else "wrong_label"
                holder = "author" if pair.holder is None else document.text[slice(*pair.holder)]
                rows.append(
                    StanceRow(
                        holder=holder,
                        target=pair.target,
                        gold=pair.gold or "–",
                        predicted=pair.predicted or "–",
                        category=category,
                    )
                )
            views.append(StanceView(record.doc_id, system.name, rows))
    return views
