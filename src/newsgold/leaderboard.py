"""Leaderboard: every system's headline figures with 95% confidence intervals, per split.

Built only from score reports (``newsgold.score(...).to_dict()``, as written to
``evaluate/scores/<split>/<system>.json``), never from typed numbers. Systems are ranked
on ``test``; ``dev`` figures (the split baselines are developed and fitted on) are shown
apart and labelled, never ranked. Each row gives the system's version, what it saw
(training and development data) and the scorer's signature; CAMEO roots are shown with
their names. Written as Markdown and JSON; same inputs give byte-identical files.

Which figures are shown and how they are read from a report is
:mod:`newsgold.figures` (shared with the HTML report); the evaluation that predicts and
scores every system is :mod:`newsgold.pipeline.evaluation`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold.atomic import atomic_write_json, atomic_write_text
from newsgold.errors import InputError
from newsgold.figures import (
    LEADERBOARD_METRICS,
    RANKED_SPLIT,
    Figure,
    SystemScores,
    headline_rows,
    per_type_figures,
    percent,
    split_order,
)
from newsgold.jsonfile import read_json_object, short_repr
from newsgold.scheme import cameo_label


@dataclass(frozen=True)
class SystemCard:
    """What the leaderboard says about a system besides its figures."""

    description: str
    version: str = ""
    saw: str = ""  # training and development data, e.g. "trained on: ...; developed on: ..."

    def to_dict(self) -> dict[str, str]:
        return {"description": self.description, "version": self.version, "saw": self.saw}

    def line(self) -> str:
        """Description, version and what it saw in one line (the report's system column)."""
        parts = [self.description]
        if self.version:
            parts.append(f"version {self.version}")
        if self.saw:
            parts.append(self.saw)
        return " — ".join(p for p in parts if p)


@dataclass(frozen=True)
class LeaderboardEntry:
    """One system's line for one layer on one split (``rank`` is None off the ranked split)."""

    split: str
    layer: str
    rank: int | None
    system: str
    card: SystemCard
    figures: tuple[Figure, ...]
    signature: str


def _signature(system: SystemScores, layer: str) -> str:
    signatures = system.report.get("signature") or {}
    if not isinstance(signatures, Mapping):
        raise InputError(
            f"score report {system.name}: expected an object, got {short_repr(signatures)}",
            field="signature",
        )
    return str(signatures.get(layer, ""))


def build_leaderboard(
    systems: Sequence[SystemScores], cards: Mapping[str, SystemCard] | None = None
) -> list[LeaderboardEntry]:
    """Order systems per split and layer by the layer's first headline figure (ties: name).

    Only :data:`RANKED_SPLIT` rows get a rank; other splits keep the same order, unranked.

    Args:
        systems: each system's score report on one split.
        cards: what to say about each system (description, version, what it saw).

    Returns:
        Entries grouped by split (test first) then layer (entities, events, stance).
    """
    cards = cards or {}
    entries = []
    for split in sorted({s.split for s in systems}, key=split_order):
        for layer in LEADERBOARD_METRICS:
            rows = []
            for system in systems:
                if system.split != split or system.report.get(layer) is None:
                    continue
                figures = tuple(f for f in headline_rows(system) if f.layer == layer)
                rows.append((system, figures, _signature(system, layer)))
            rows.sort(key=lambda r: (-(r[1][0].value or 0.0), r[0].name))
            for rank, (system, figures, signature) in enumerate(rows, start=1):
                entries.append(
                    LeaderboardEntry(
                        split=split,
                        layer=layer,
                        rank=rank if split == RANKED_SPLIT else None,
                        system=system.name,
                        card=cards.get(system.name, SystemCard("")),
                        figures=figures,
                        signature=signature,
                    )
                )
    return entries


def _ci(figure: Figure) -> str:
    return "–" if figure.low is None else f"[{percent(figure.low)}, {percent(figure.high)}]"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _split_heading(split: str) -> str:
    if split == RANKED_SPLIT:
        return f"{split} split: the ranking"
    return f"{split} split (development data, not ranked)"


def _split_note(split: str) -> str:
    if split == RANKED_SPLIT:
        return (
            "Ranked by the first figure of each layer. A system whose *saw* column names a "
            "test document was not developed blind: read its row with that in mind."
        )
    return (
        "The documents baselines are developed and fitted on: these figures are "
        "optimistic and are not a ranking. Compare systems on the test split."
    )


def per_root_table(entries: Sequence[LeaderboardEntry], systems: Sequence[SystemScores]) -> str:
    """Markdown: event trigger-classification F1 per CAMEO root (with names) on the ranked split."""
    ranked = [e.system for e in entries if e.split == RANKED_SPLIT and e.layer == "events"]
    reports = {s.name: s for s in systems if s.split == RANKED_SPLIT}
    per_system = {name: {t.label: t for t in per_type_figures(reports[name], "events")}
                  for name in ranked}  # fmt: skip
    codes = sorted({code for scores in per_system.values() for code in scores})
    if not codes:
        return ""
    lines = ["| CAMEO root | " + " | ".join(f"`{_md_cell(n)}`" for n in ranked) + " |"]
    lines.append("|---|" + "---|" * len(ranked))
    for code in codes:
        cells = []
        for name in ranked:
            item = per_system[name].get(code)
            if item is None:
                cells.append("–")
            else:
                ci = "" if item.low is None else f" [{percent(item.low)}, {percent(item.high)}]"
                cells.append(f"{percent(item.f1)}{ci}")
        lines.append(f"| {_md_cell(cameo_label(code))} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def leaderboard_markdown(
    entries: Sequence[LeaderboardEntry],
    *,
    gold: str = "",
    systems: Sequence[SystemScores] = (),
    notes: Sequence[str] = (),
) -> str:
    """Markdown: per split (test first), one table per layer, figures in percent with
    95% CIs, each row with version, what the system saw and the signature; then the
    event F1 per CAMEO root on test."""
    lines = ["# newsgold leaderboard", ""]
    lines.append(
        "Generated by `newsgold run` / `newsgold leaderboard` from the score reports in "
        "`evaluate/scores/<split>/` (do not edit by hand). Figures in percent; brackets: "
        "95% bootstrap CI."
    )
    if gold:
        lines += ["", f"Gold: {_md_cell(gold)}"]
    if notes:
        lines += [""] + [f"- {_md_cell(note)}" for note in notes]
    for split in sorted({e.split for e in entries}, key=split_order):
        lines += ["", f"## {_split_heading(split)}", "", _split_note(split)]
        for layer, metrics in LEADERBOARD_METRICS.items():
            rows = [e for e in entries if e.split == split and e.layer == layer]
            if not rows:
                continue
            lines += ["", f"### {layer} ({split})", ""]
            header = ["#", "system"]
            for metric in metrics:
                header += [metric.name, "95% CI"]
            header += ["version", "saw", "signature"]
            lines.append("| " + " | ".join(header) + " |")
            lines.append(
                "|" + "|".join("---:" if i == 0 else "---" for i in range(len(header))) + "|"
            )
            for entry in rows:
                rank = str(entry.rank) if entry.rank is not None else split
                cells = [rank, f"`{_md_cell(entry.system)}`"]
                for figure in entry.figures:
                    cells += [percent(figure.value), _ci(figure)]
                cells += [
                    _md_cell(entry.card.version) or "–",
                    _md_cell(entry.card.saw) or "–",
                    f"`{_md_cell(entry.signature)}`" if entry.signature else "–",
                ]
                lines.append("| " + " | ".join(cells) + " |")
        if split == RANKED_SPLIT and systems:
            table = per_root_table(entries, systems)
            if table:
                lines += ["", f"### events per CAMEO root ({split}): trigger classification F1", ""]
                lines.append(table)
    described = {e.system: e.card for e in entries}
    if described:
        lines += ["", "## systems", ""]
        lines += [
            f"- `{_md_cell(name)}`: {_md_cell(card.description)}"
            for name, card in sorted(described.items())
        ]
    return "\n".join(lines) + "\n"


def leaderboard_dict(
    entries: Sequence[LeaderboardEntry], *, notes: Sequence[str] = ()
) -> dict[str, Any]:
    """JSON-ready leaderboard: ``{"ranked_split", "metrics", "splits": {split: {layer:
    [entry, ...]}}, "systems": {name: card}, "notes"}``, figures as fractions."""
    splits: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for entry in entries:
        splits.setdefault(entry.split, {}).setdefault(entry.layer, []).append(
            {
                "rank": entry.rank,
                "system": entry.system,
                "version": entry.card.version,
                "saw": entry.card.saw,
                "signature": entry.signature,
                "figures": {
                    f.metric: {"value": f.value, "ci": None if f.low is None else [f.low, f.high]}
                    for f in entry.figures
                },
            }
        )
    return {
        "ranked_split": RANKED_SPLIT,
        "metrics": {
            layer: [m.name for m in metrics] for layer, metrics in LEADERBOARD_METRICS.items()
        },
        "splits": splits,
        "systems": {e.system: e.card.to_dict() for e in sorted(entries, key=lambda e: e.system)},
        "notes": list(notes),
    }


def read_score_reports(
    paths: Sequence[str | Path], *, split: str = RANKED_SPLIT
) -> list[SystemScores]:
    """Read ``<system>.json`` score reports of one split; the system name is the file stem.

    Raises:
        InputError: a file is missing or not a JSON object.
    """
    systems = []
    for raw in paths:
        path = Path(raw)
        data = read_json_object(path, what="score report")
        systems.append(SystemScores(path.stem, data, split))
    return systems


def read_split_score_reports(scores_dir: str | Path) -> list[SystemScores]:
    """Read ``<scores_dir>/<split>/<system>.json`` for every split folder.

    Raises:
        InputError: no score report at all (names the folder and how to make one).
    """
    folder = Path(scores_dir)
    found = [d for d in folder.iterdir() if d.is_dir()] if folder.is_dir() else []
    systems: list[SystemScores] = []
    for split_dir in sorted(found, key=lambda d: split_order(d.name)):
        systems += read_score_reports(sorted(split_dir.glob("*.json")), split=split_dir.name)
    if not systems:
        raise InputError(
            "no score reports (<split>/*.json) found; run `newsgold run`, or score predictions: "
            "newsgold score --pred P.jsonl --format json --output evaluate/scores/test/NAME.json",
            path=folder,
        )
    return systems


def write_leaderboard(
    entries: Sequence[LeaderboardEntry],
    *,
    markdown_path: str | Path,
    json_path: str | Path,
    gold: str = "",
    systems: Sequence[SystemScores] = (),
    notes: Sequence[str] = (),
) -> tuple[Path, Path]:
    """Write the leaderboard as Markdown and JSON, atomically; return both paths."""
    atomic_write_text(
        markdown_path, leaderboard_markdown(entries, gold=gold, systems=systems, notes=notes)
    )
    atomic_write_json(json_path, leaderboard_dict(entries, notes=notes))
    return Path(markdown_path), Path(json_path)


def read_system_cards(path: str | Path) -> tuple[dict[str, SystemCard], list[str]]:
    """Read ``evaluate/systems.json`` (written by :func:`evaluate_systems`): cards and notes.

    A missing file gives the registry's cards (no fitted-data details) and no notes.
    """
    source = Path(path)
    if not source.is_file():
        return {}, []
    data = read_json_object(source, what="system cards")
    cards = {
        str(name): SystemCard(
            str(card.get("description", "")), str(card.get("version", "")), str(card.get("saw", ""))
        )
        for name, card in (data.get("systems") or {}).items()
    }
    return cards, [str(note) for note in data.get("notes") or []]
