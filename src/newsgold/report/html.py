"""The report's HTML: one self-contained page, every piece of text escaped by Jinja2.

The template is rendered with ``autoescape=True`` and never marks anything ``|safe``:
article text, labels, system names and descriptions all reach the page escaped, so no
document can inject markup. Plots are embedded as ``data:image/png;base64`` URIs.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field

import jinja2

from newsgold.report.errors import CATEGORIES, CATEGORY_TITLES, SpanOutcome


@dataclass(frozen=True)
class Segment:
    """A run of article text; ``category`` and ``label`` are set on a highlighted span."""

    text: str
    category: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class ErrorItem:
    """One listed scorer error row: category, layer, labels on both sides and context.

    ``start``/``end`` are ``None`` for a stance triple held by the author (no span).
    """

    category: str
    layer: str
    detail: str
    gold_label: str | None
    predicted_label: str | None
    before: str
    span: str
    after: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class SpanView:
    """The side-by-side view of one (document, system, layer)."""

    doc_id: str
    system: str
    layer: str
    gold_segments: list[Segment]
    predicted_segments: list[Segment]
    errors: list[ErrorItem]
    counts: dict[str, int]


@dataclass(frozen=True)
class StanceView:
    """The stance rows of one (document, system): found holder triples, then error rows."""

    doc_id: str
    system: str
    rows: list[ErrorItem]
    counts: dict[str, int]


@dataclass(frozen=True)
class Plot:
    """An embedded plot: the PNG file name beside the page, alt text and the bytes."""

    filename: str
    title: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True)
class HeadlineRow:
    """A leaderboard line: system, layer, metric, value and 95% CI."""

    system: str
    description: str
    layer: str
    metric: str
    value: float | None
    low: float | None
    high: float | None


@dataclass
class ReportPage:
    """Everything the page shows."""

    title: str
    signatures: list[tuple[str, str]]  # (system, signature)
    headline: list[HeadlineRow]
    plots: list[Plot]
    span_views: list[SpanView] = field(default_factory=list)
    stance_views: list[StanceView] = field(default_factory=list)


def highlight_segments(text: str, outcomes: Sequence[SpanOutcome]) -> list[Segment]:
    """Split ``text`` into plain and highlighted runs, one highlight per outcome.

    Outcomes overlapping an earlier one are not highlighted (their error rows are still
    listed). Offsets are end-exclusive.

    Example:
        >>> missed = SpanOutcome("gold", 0, 3, "PER", "missed")
        >>> [s.text for s in highlight_segments("Kim met Xi", [missed])]
        ['Kim', ' met Xi']
    """
    segments: list[Segment] = []
    position = 0
    for outcome in sorted(outcomes, key=lambda o: (o.start, -o.end)):
        if outcome.start < position:
            continue
        if outcome.start > position:
            segments.append(Segment(text[position : outcome.start]))
        segments.append(Segment(text[outcome.start : outcome.end], outcome.category, outcome.label))
        position = outcome.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title }}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 1200px; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.55rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 0.85rem; word-break: break-all; }
figure { margin: 1rem 0; } figure img { max-width: 100%; border: 1px solid #eee; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.article { white-space: pre-wrap; border: 1px solid #ddd; padding: 0.7rem; font-size: 0.9rem;
           max-height: 32rem; overflow-y: auto; background: #fff; }
mark { padding: 0 1px; border-radius: 2px; }
mark::after { content: attr(data-label); font-size: 0.65rem; vertical-align: super;
              margin-left: 1px; color: #333; }
.cat-correct { background: #c8e6c9; } .cat-type { background: #ffe082; }
.cat-boundary { background: #b3e5fc; } .cat-boundary_type { background: #e1bee7; }
.cat-role { background: #c5cae9; } .cat-realis { background: #d7ccc8; }
.cat-missed { background: #ffab91; } .cat-spurious { background: #f48fb1; }
.legend span { display: inline-block; margin-right: 0.8rem; padding: 0 0.3rem; }
details { margin: 0.8rem 0; } summary { cursor: pointer; font-weight: 600; }
</style>
</head>
<body>
{% macro error_row(error) -%}
<tr class="{{ 'found' if error.category == 'correct' else 'error' }} cat-row-{{ error.category }}" data-layer="{{ error.layer }}" data-start="{{ '' if error.start is none else error.start }}" data-end="{{ '' if error.end is none else error.end }}"><td><span class="cat-{{ error.category }}">{{ titles[error.category] }}</span></td>
<td>{{ error.layer }}{% if error.detail %}<br><small>{{ error.detail }}</small>{% endif %}</td>
<td>{{ error.gold_label or "–" }}</td><td>{{ error.predicted_label or "–" }}</td>
<td class="num">{% if error.start is not none %}{{ error.start }}–{{ error.end }}{% else %}–{% endif %}</td>
<td>{{ error.before }}<mark class="cat-{{ error.category }}">{{ error.span }}</mark>{{ error.after }}</td></tr>
{%- endmacro %}
<h1>{{ page.title }}</h1>
<p>Scores are computed by <code>newsgold score</code>; confidence intervals are 95% bootstrap
percentile intervals. Every figure below comes from the prediction files and scores in
<code>evaluate/</code>.</p>

<h2 id="leaderboard">Leaderboard</h2>
<table id="leaderboard-table">
<thead><tr><th>layer</th><th>system</th><th>metric</th><th>score</th><th>95% CI</th><th>description</th></tr></thead>
<tbody>
{% for row in page.headline %}
<tr><td>{{ row.layer }}</td><td>{{ row.system }}</td><td>{{ row.metric }}</td>
<td class="num">{{ fmt(row.value) }}</td>
<td class="num">{% if row.low is not none %}[{{ fmt(row.low) }}, {{ fmt(row.high) }}]{% else %}–{% endif %}</td>
<td>{{ row.description }}</td></tr>
{% endfor %}
</tbody>
</table>

<h2 id="plots">Plots</h2>
{% for plot in page.plots %}
<figure class="plot">
<img src="{{ plot.data_uri }}" alt="{{ plot.title }}" data-file="{{ plot.filename }}">
<figcaption>{{ plot.title }} (<code>{{ plot.filename }}</code>)</figcaption>
</figure>
{% endfor %}

<h2 id="errors">Error view</h2>
<p>Categories are the error rows <code>newsgold score --errors</code> writes for the same
predictions (one-to-one optimal matching); a span no error row names is correct.</p>
<p class="legend">{% for category in categories %}<span class="cat-{{ category }}">{{ titles[category] }}</span>{% endfor %}</p>
{% for view in page.span_views %}
<details class="error-view" {% if loop.first %}open{% endif %} data-system="{{ view.system }}" data-layer="{{ view.layer }}">
<summary>{{ view.system }} · {{ view.layer }} · document {{ view.doc_id }} —
{% for category in categories if view.counts.get(category) %}{{ titles[category] }}: {{ view.counts[category] }}{% if not loop.last %}, {% endif %}{% else %}nothing to show{% endfor %}</summary>
<div class="columns">
<div><h3>Gold</h3><div class="article gold">{% for seg in view.gold_segments %}{% if seg.category %}<mark class="cat-{{ seg.category }}" data-label="{{ seg.label }}" title="{{ seg.label }}: {{ titles[seg.category] }}">{{ seg.text }}</mark>{% else %}{{ seg.text }}{% endif %}{% endfor %}</div></div>
<div><h3>Predicted ({{ view.system }})</h3><div class="article predicted">{% for seg in view.predicted_segments %}{% if seg.category %}<mark class="cat-{{ seg.category }}" data-label="{{ seg.label }}" title="{{ seg.label }}: {{ titles[seg.category] }}">{{ seg.text }}</mark>{% else %}{{ seg.text }}{% endif %}{% endfor %}</div></div>
</div>
<table class="error-list">
<thead><tr><th>category</th><th>layer</th><th>gold</th><th>predicted</th><th>offsets</th><th>context</th></tr></thead>
<tbody>
{% for error in view.errors %}{{ error_row(error) }}
{% else %}
<tr><td colspan="6">no errors</td></tr>
{% endfor %}
</tbody>
</table>
</details>
{% endfor %}
{% for view in page.stance_views %}
<details class="stance-view" data-system="{{ view.system }}">
<summary>{{ view.system }} · stance · document {{ view.doc_id }} —
{% for category in categories if view.counts.get(category) %}{{ titles[category] }}: {{ view.counts[category] }}{% if not loop.last %}, {% endif %}{% else %}no stances{% endfor %}</summary>
<table class="error-list">
<thead><tr><th>category</th><th>layer</th><th>gold</th><th>predicted</th><th>offsets</th><th>context</th></tr></thead>
<tbody>
{% for error in view.rows %}{{ error_row(error) }}
{% endfor %}
</tbody>
</table>
</details>
{% endfor %}

<h2 id="signatures">Signatures</h2>
<table>
<thead><tr><th>system</th><th>signature</th></tr></thead>
<tbody>
{% for system, signature in page.signatures %}<tr><td>{{ system }}</td><td><code>{{ signature }}</code></td></tr>
{% endfor %}
</tbody>
</table>
</body>
</html>
"""  # noqa: E501


def _fmt(value: float | None) -> str:
    if value is None or value != value:  # None or NaN
        return "–"
    return f"{value:.3f}"


def render_html(page: ReportPage) -> str:
    """Render the page; every string in ``page`` is escaped.

    Example:
        >>> "<script>" in render_html(ReportPage("<script>", [], [], []))
        False
    """
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string(_TEMPLATE)
    return template.render(page=page, categories=CATEGORIES, titles=CATEGORY_TITLES, fmt=_fmt)
