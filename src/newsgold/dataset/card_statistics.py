"""The card's figures: counts per split from the build, agreement from ``agreement.json``.

``## Statistics`` is counted from the rows while they were written
(:mod:`newsgold.dataset.statistics`); ``## Annotation`` says how the annotations were
made (``annotations/provenance.json``) and shows the agreement figures of
``annotations/agreement.json`` as read, per split where there are splits. No figure is
typed by hand.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from newsgold.corpus.splits import SplitPolicy
from newsgold.dataset.card_inputs import CardInputs
from newsgold.dataset.card_markdown import markdown_table
from newsgold.dataset.features import CONFIG_NAMES
from newsgold.dataset.statistics import SplitStatistics
from newsgold.scheme import ARGUMENT_ROLES, CAMEO_ROOTS, ENTITY_TYPES, REALIS, STANCE_LABELS_DEF

if TYPE_CHECKING:
    from newsgold.dataset.build import BuildResult


def statistics_section(result: BuildResult, policy: SplitPolicy) -> list[str]:
    """``## Statistics``: every count per split (in the policy's order) and in total."""
    stats = result.statistics
    order = [s for s in policy.split_names if s in stats.splits] + sorted(
        s for s in stats.splits if s not in policy.split_names
    )
    columns: list[SplitStatistics] = [stats.splits[s] for s in order]
    total = stats.total()
    header = ["count", *order, "total"]
    rows: list[list[Any]] = []

    def add(label: str, getter: Any) -> None:
        rows.append([label, *(getter(c) for c in columns), getter(total)])

    add("documents", lambda c: c.documents)
    add("annotatable sentences", lambda c: c.sentences)
    add("tokens in annotatable sentences", lambda c: c.tokens)
    add("excluded regions (not counted above)", lambda c: c.excluded_regions)
    add("sentences in excluded regions (no rows)", lambda c: c.excluded_sentences)
    add("declared stance targets", lambda c: c.declared_targets)
    for config in CONFIG_NAMES:
        add(f"rows: {config}", lambda c, config=config: c.rows[config])
    add("entity mentions", lambda c: sum(c.entities.values()))
    for label in ENTITY_TYPES:
        add(f"entity mentions: {label.code}", lambda c, code=label.code: c.entities[code])
    add("entity mentions with a key", lambda c: c.entity_keys)
    add("entity spans not on token boundaries", lambda c: c.unaligned_entities)
    add("event mentions", lambda c: sum(c.events.values()))
    for root in CAMEO_ROOTS:
        add(f"event mentions: {root.code} {root.name}", lambda c, code=root.code: c.events[code])
    for label in REALIS:
        add(f"realis: {label.code}", lambda c, code=label.code: c.realis[code])
    for role in ARGUMENT_ROLES:
        add(f"arguments: {role.code}", lambda c, code=role.code: c.arguments[code])
    add("stance annotations", lambda c: sum(c.stances.values()))
    for label in STANCE_LABELS_DEF:
        add(f"stance annotations: {label.code}", lambda c, code=label.code: c.stances[code])
    for label in STANCE_LABELS_DEF:
        add(f"stance rows labelled {label.code}", lambda c, code=label.code: c.stance_rows[code])
    return [
        "## Statistics",
        "",
        "Counted from the rows while they were written (never typed by hand). Sentences and "
        "tokens inside excluded regions are not counted.",
        "",
        *markdown_table(header, rows),
        "",
    ]


def annotation_section(inputs: CardInputs) -> list[str]:
    """``## Annotation``: how the annotations were made, and the agreement figures."""
    provenance = inputs.provenance or {}
    lines = ["## Annotation", "", "### How the annotations were made", ""]
    process = provenance.get("annotation_process")
    if process:
        lines += [str(process).strip(), ""]
    else:
        lines += [
            "Not yet recorded (no `annotations/provenance.json` when this card was built).",
            "",
        ]
    if inputs.guidelines_path:
        lines += [
            f"Annotators followed the guidelines in `{inputs.guidelines_path}` of the newsgold "
            "repository, which use the codes of `newsgold.scheme`.",
            "",
        ]
    lines += ["### Agreement", ""]
    if inputs.agreement:
        lines += _agreement_tables(inputs.agreement, inputs.agreement_path)
    else:
        lines += [
            "Not yet measured (no `annotations/agreement.json` when this card was built).",
            "",
        ]
    return lines


def _flatten(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(data, dict):
        for key in data:
            yield from _flatten(data[key], f"{prefix}{key}.")
    else:
        yield prefix.rstrip("."), data


def _figure(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)  # as read from the file, shown to 4 decimals
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _agreement_tables(agreement: dict[str, Any], source: str | None) -> list[str]:
    from newsgold.agreement import headline_figures

    lines = [
        f"Measured by `newsgold agreement` between the two passes; every figure is in "
        f"`{source}`, and re-running the command on `annotations/passes/` reproduces it.",
        "",
    ]
    try:
        headline = headline_figures(agreement)
    except (KeyError, TypeError):  # not a measure_agreement result: show what it holds
        lines += markdown_table(
            ["measure", "value"],
            [[key, _figure(value)] for key, value in _flatten(agreement)],
        )
        return [*lines, ""]
    splits = sorted((agreement.get("per_split") or {}).items())
    split_figures = [headline_figures(part) for _, part in splits]
    lines += markdown_table(
        [
            "measure",
            f"all ({len(agreement.get('documents', []))} docs)",
            *[f"{name} ({len(part.get('documents', []))} docs)" for name, part in splits],
        ],
        [
            [name, _figure(value), *[_figure(figures[row][1]) for figures in split_figures]]
            for row, (name, value) in enumerate(headline)
        ],
    )
    if splits:
        lines += [
            "",
            "Per document: `newsgold agreement annotations/passes/annotator_a "
            "annotations/passes/annotator_b` prints a table; `per_document` in the JSON.",
        ]
    per_type = agreement["entities"]["strict"]["per_type"]
    lines += ["", "Entity span F1 (strict) per type:", ""]
    lines += markdown_table(
        ["type", "precision", "recall", "F1"],
        [
            [label, _figure(f["precision"]), _figure(f["recall"]), _figure(f["f1"])]
            for label, f in sorted(per_type.items())
        ],
    )
    counts = agreement.get("counts") or {}
    if counts:
        lines += ["", "Items per pass:", ""]
        lines += markdown_table(
            ["pass", "entities", "events", "stances"],
            [
                [name, c["entities"], c["events"], c["stances"]]
                for name, c in sorted(counts.items())
            ],
        )
    if agreement.get("signature"):
        lines += ["", f"Signature: `{agreement['signature']}`"]
    return [*lines, ""]


__all__ = ["annotation_section", "statistics_section"]
