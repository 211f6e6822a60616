"""The score report: a typed object with a stable ``to_dict()`` and three renderers.

``Report.to_dict()`` layout (keys are stable; figures are floats in [0, 1]; a layer that
was not scored is ``null``; every ``ci`` is ``[low, high]`` or ``null``)::

    {
      "newsgold_version": "0.1.0",
      "signature": {"entities": "newsgold:0.1.0|layer:entities|...", ...},
      "settings": {"seed", "resamples", "confidence", "zero_division", "units", "matching", ...},
      "input": {"source", "format", "gold_documents", "predicted_documents",
                "documents_without_prediction": [ids], "issues": [{path, line, field, reason}],
                "issue_count", "ignored": {reason: count}, "ill_formed": [...]},
      "headline": {"entities.strict.f1": 0.91, "events.trigger_classification.f1": ..., ...},
      "entities": {"strict": {"cor", "inc", "par", "mis", "spu", "possible", "actual",
                              "precision", "recall", "f1", "macro_precision", "macro_recall",
                              "macro_f1", "ci": {"precision": [lo, hi], ...},
                              "per_type": {"PER": {..., "ci": {...}}}},
                   "exact": ..., "partial": ..., "type": ...},
      "events": {"trigger_identification": {"tp", "fp", "fn", "predicted", "gold",
                                            "precision", "recall", "f1", "ci": {...}}, ...,
                 "realis_accuracy": 0.8, "realis_accuracy_ci": [lo, hi],
                 "per_type": {"04": {...}}, "per_quad_class": {...}, "per_role": {...}},
      "stance": {"f_avg", "macro_f1", "accuracy", "cells", "unplaced_predictions",
                 "ci": {"f_avg": [lo, hi], ...}, "per_label": {"FAVOR": {...}},
                 "confusion_matrix": {"labels": [...], "matrix": [[...]]},
                 "per_target": {"<id>": {...}}, "triples": {"tp", ..., "f1", "ci": {...}}},
      "errors_count": 123              # null when errors were not collected (no --errors)
    }
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsgold.scheme import STANCE_LABELS
from newsgold.scoring.matching import MODES

if TYPE_CHECKING:  # annotations only: a report of entities alone loads no event or stance code
    from newsgold.scoring.entities import EntityScores, ModeScores
    from newsgold.scoring.events import PRF, EventScores
    from newsgold.scoring.stance import StanceFigures, StanceScores

CI = tuple[float, float]


def signature(fields: dict[str, Any]) -> str:
    """A sacrebleu-style signature: ``key:value`` pairs joined by ``|``, in the given order.

    Example:
        >>> signature({"newsgold": "0.1.0", "layer": "entities", "seed": 1})
        'newsgold:0.1.0|layer:entities|seed:1'
    """
    return "|".join(f"{key}:{value}" for key, value in fields.items())


def _ci(cis: dict[str, CI], name: str) -> list[float] | None:
    value = cis.get(name)
    return None if value is None else [value[0], value[1]]


def _mode_dict(scores: ModeScores, cis: dict[str, CI], prefix: str) -> dict[str, Any]:
    out = scores.to_dict()
    out["ci"] = {k: _ci(cis, prefix + k) for k in ("precision", "recall", "f1")}
    return out


def _prf_dict(scores: PRF, cis: dict[str, CI], prefix: str) -> dict[str, Any]:
    out = scores.to_dict()
    out["ci"] = {k: _ci(cis, prefix + k) for k in ("precision", "recall", "f1")}
    return out


def _stance_block(fig: StanceFigures, cis: dict[str, CI], prefix: str) -> dict[str, Any]:
    return {
        "f_avg": fig.f_avg,
        "macro_f1": fig.macro_f1,
        "accuracy": fig.accuracy,
        "cells": fig.cells,
        "ci": {k: _ci(cis, prefix + k) for k in ("f_avg", "macro_f1", "accuracy")},
        "per_label": {
            label: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "support": s.support}
            for label, s in fig.per_label.items()
        },
        "confusion_matrix": {"labels": list(STANCE_LABELS), "matrix": fig.confusion},
    }


@dataclass
class Report:
    """Scores of one system on one gold, with intervals, input accounting and signatures.

    Attributes:
        version: newsgold version.
        signatures: one reproducibility signature per scored layer.
        settings: seed, resamples, confidence, zero_division, units, matching, scheme.
        input: what was read (see the module docstring).
        entities, events, stance: the layer scores, or None when the layer was not scored.
        ci: per layer, ``{figure name: (low, high)}``.
        errors: per-instance errors (filled when requested).
    """

    version: str
    signatures: dict[str, str]
    settings: dict[str, Any]
    input: dict[str, Any]
    entities: EntityScores | None = None
    events: EventScores | None = None
    stance: StanceScores | None = None
    ci: dict[str, dict[str, CI]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    errors_collected: bool = False  # False: `errors` was not asked for (not "no errors")

    def headline(self) -> dict[str, float | None]:
        """The figures a leaderboard shows, as flat ``layer.figure`` keys."""
        out: dict[str, float | None] = {}
        if self.entities is not None:
            for mode in MODES:
                out[f"entities.{mode}.f1"] = self.entities[mode].micro.f1
            out["entities.strict.macro_f1"] = self.entities["strict"].macro_f1
        if self.events is not None:
            for task, prf in self.events.tasks.items():
                out[f"events.{task}.f1"] = prf.f1
            out["events.realis_accuracy"] = self.events.realis_accuracy
        if self.stance is not None:
            out["stance.f_avg"] = self.stance.overall.f_avg
            out["stance.macro_f1"] = self.stance.overall.macro_f1
            out["stance.accuracy"] = self.stance.overall.accuracy
            out["stance.triple.f1"] = self.stance.triple_f1
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready dict (layout in the module docstring)."""
        out: dict[str, Any] = {
            "newsgold_version": self.version,
            "signature": dict(self.signatures),
            "settings": dict(self.settings),
            "input": dict(self.input),
            "headline": self.headline(),
            "entities": None,
            "events": None,
            "stance": None,
            "errors_count": len(self.errors) if self.errors_collected else None,
        }
        if self.entities is not None:
            cis = self.ci.get("entities", {})
            ent: dict[str, Any] = {}
            for mode in MODES:
                result = self.entities[mode]
                block = _mode_dict(result.micro, cis, f"{mode}.")
                block.update(
                    macro_precision=result.macro_precision,
                    macro_recall=result.macro_recall,
                    macro_f1=result.macro_f1,
                )
                for k in ("macro_precision", "macro_recall", "macro_f1"):
                    block["ci"][k] = _ci(cis, f"{mode}.{k}")
                block["per_type"] = {
                    label: _mode_dict(s, cis, f"{mode}.per_type.{label}.")
                    for label, s in sorted(result.per_type.items())
                }
                ent[mode] = block
            out["entities"] = ent
        if self.events is not None:
            cis = self.ci.get("events", {})
            ev: dict[str, Any] = {
                task: _prf_dict(p, cis, f"{task}.") for task, p in self.events.tasks.items()
            }
            ev["realis_accuracy"] = self.events.realis_accuracy
            ev["realis_accuracy_ci"] = _ci(cis, "realis_accuracy")
            ev["per_type"] = {
                k: _prf_dict(p, cis, f"per_type.{k}.") for k, p in self.events.per_type.items()
            }
            ev["per_quad_class"] = {
                k: _prf_dict(p, cis, f"per_quad_class.{k}.")
                for k, p in self.events.per_quad_class.items()
            }
            ev["per_role"] = {
                k: _prf_dict(p, cis, f"per_role.{k}.") for k, p in self.events.per_role.items()
            }
            out["events"] = ev
        if self.stance is not None:
            cis = self.ci.get("stance", {})
            st = _stance_block(self.stance.overall, cis, "")
            st["unplaced_predictions"] = self.input.get("unplaced_stances", 0)
            st["per_target"] = {
                t: _stance_block(fig, cis, f"per_target.{t}.")
                for t, fig in sorted(self.stance.per_target.items())
            }
            s = self.stance
            st["triples"] = {
                "tp": s.triple_tp,
                "fp": s.triple_predicted - s.triple_tp,
                "fn": s.triple_gold - s.triple_tp,
                "predicted": s.triple_predicted,
                "gold": s.triple_gold,
                "precision": s.triple_precision,
                "recall": s.triple_recall,
                "f1": s.triple_f1,
                "ci": {k: _ci(cis, f"triple.{k}") for k in ("precision", "recall", "f1")},
            }
            out["stance"] = st
        return out

    def to_json(self) -> str:
        """Deterministic JSON (sorted keys, two-space indent)."""
        return json.dumps(self.to_dict(), sort_keys=True, indent=2, ensure_ascii=False)

    def to_markdown(self) -> str:
        """Markdown tables of the figures with their intervals."""
        return "\n".join(_render(self, markdown=True))

    def to_table(self) -> str:
        """Plain-text tables of the figures with their intervals."""
        return "\n".join(_render(self, markdown=False))

    def render(self, fmt: str) -> str:
        """Render as ``table``, ``markdown`` or ``json``.

        Raises:
            ValueError: an unknown format.
        """
        if fmt == "json":
            return self.to_json()
        if fmt == "markdown":
            return self.to_markdown()
        if fmt == "table":
            return self.to_table()
        raise ValueError(f"unknown format {fmt!r}; expected table, json or markdown")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:6.2f}"


def _ci_text(ci: list[float] | None) -> str:
    return "" if ci is None else f"[{100 * ci[0]:.2f}, {100 * ci[1]:.2f}]"


def _rows_to_text(header: list[str], rows: list[list[str]], markdown: bool) -> list[str]:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return lines
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return [fmt.format(*header)] + [fmt.format(*r) for r in rows]


def _render(report: Report, markdown: bool) -> list[str]:
    data = report.to_dict()
    heading = (lambda t: f"## {t}") if markdown else (lambda t: t + "\n" + "-" * len(t))
    lines: list[str] = []
    inp = data["input"]
    lines.append(
        f"{inp.get('source')}: {inp.get('predicted_documents')} of "
        f"{inp.get('gold_documents')} gold "
        f"document(s) predicted; {inp.get('issue_count', 0)} input issue(s)"
    )
    if "token_accuracy" in inp:
        lines.append(
            f"processed {inp['tokens']} tokens in {inp['sentences']} sentences; "
            f"token accuracy {_pct(inp['token_accuracy'])}"
        )
    if inp.get("ill_formed"):
        reading = data["settings"].get("reading", "conlleval")
        lines.append(f"{len(inp['ill_formed'])} ill-formed chunk(s) ({reading} reading):")
        for chunk in inp["ill_formed"][:20]:
            lines.append(
                f"  line {chunk['line']} {chunk['column']}: {' '.join(chunk['tags'])} "
                f"-> {chunk['read_as']}"
            )
        if len(inp["ill_formed"]) > 20:
            lines.append("  ... (all of them in --format json)")
    for issue in inp.get("issues", [])[:20]:
        lines.append(
            f"  issue {issue['path']}{'' if issue['line'] is None else ':' + str(issue['line'])}"
            f" {issue['field'] or ''}: {issue['reason']}"
        )
    for reason, count in inp.get("ignored", {}).items():
        lines.append(f"  ignored: {count} x {reason}")
    lines.append("")
    if data["entities"] is not None:
        lines.append(heading("Entities"))
        header = [
            "mode",
            "COR",
            "INC",
            "PAR",
            "MIS",
            "SPU",
            "P",
            "R",
            "F1",
            "F1 95% CI",
            "macro F1",
        ]
        rows = []
        for mode in MODES:
            b = data["entities"][mode]
            rows.append(
                [
                    mode,
                    *(str(b[k]) for k in ("cor", "inc", "par", "mis", "spu")),
                    _pct(b["precision"]),
                    _pct(b["recall"]),
                    _pct(b["f1"]),
                    _ci_text(b["ci"]["f1"]),
                    _pct(b["macro_f1"]),
                ]
            )
        lines += _rows_to_text(header, rows, markdown)
        lines.append("")
        header = ["type (strict)", "gold", "pred", "P", "R", "F1", "F1 95% CI"]
        rows = [
            [
                t,
                str(b["possible"]),
                str(b["actual"]),
                _pct(b["precision"]),
                _pct(b["recall"]),
                _pct(b["f1"]),
                _ci_text(b["ci"]["f1"]),
            ]
            for t, b in data["entities"]["strict"]["per_type"].items()
        ]
        lines += _rows_to_text(header, rows, markdown)
        lines.append("")
    if data["events"] is not None:
        lines.append(heading("Events"))
        header = ["task", "TP", "FP", "FN", "P", "R", "F1", "F1 95% CI"]
        rows = []
        for task in (
            "trigger_identification",
            "trigger_classification",
            "trigger_realis",
            "quad_class",
            "argument_identification",
            "argument_classification",
        ):
            b = data["events"][task]
            rows.append(
                [
                    task,
                    str(b["tp"]),
                    str(b["fp"]),
                    str(b["fn"]),
                    _pct(b["precision"]),
                    _pct(b["recall"]),
                    _pct(b["f1"]),
                    _ci_text(b["ci"]["f1"]),
                ]
            )
        lines += _rows_to_text(header, rows, markdown)
        lines.append(
            f"realis accuracy over matched triggers: {_pct(data['events']['realis_accuracy'])} "
            f"{_ci_text(data['events']['realis_accuracy_ci'])}"
        )
        lines.append("")
    if data["stance"] is not None:
        s = data["stance"]
        lines.append(heading("Stance"))
        header = ["figure", "value", "95% CI"]
        rows = [
            ["F_avg (FAVOR, AGAINST)", _pct(s["f_avg"]), _ci_text(s["ci"]["f_avg"])],
            ["macro F1", _pct(s["macro_f1"]), _ci_text(s["ci"]["macro_f1"])],
            ["accuracy", _pct(s["accuracy"]), _ci_text(s["ci"]["accuracy"])],
            ["triple F1", _pct(s["triples"]["f1"]), _ci_text(s["triples"]["ci"]["f1"])],
        ]
        lines += _rows_to_text(header, rows, markdown)
        lines.append(
            f"cells: {s['cells']}; unplaced predicted stances: {s['unplaced_predictions']}"
        )
        lines.append("")
        header = ["gold \\ pred", *STANCE_LABELS]
        rows = [
            [label, *(str(x) for x in row)]
            for label, row in zip(STANCE_LABELS, s["confusion_matrix"]["matrix"], strict=True)
        ]
        lines += _rows_to_text(header, rows, markdown)
        lines.append("")
    lines.append(heading("Signatures"))
    for layer, sig in data["signature"].items():
        lines.append(f"{layer}: {sig}" if not markdown else f"- `{sig}`")
    return lines
