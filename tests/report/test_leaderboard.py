"""Leaderboard: ranking, CIs and files built from score reports only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgold.errors import InputError
from newsgold.leaderboard import (
    SystemScores,
    build_leaderboard,
    headline_rows,
    per_type_figures,
    read_score_reports,
    write_leaderboard,
)


def _systems(evaluation) -> list[SystemScores]:
    return [SystemScores(s.name, s.scores) for s in evaluation["systems"]]


def test_ranked_best_first_per_layer(evaluation) -> None:
    entries = build_leaderboard(_systems(evaluation))
    entity_rows = [(e.rank, e.system) for e in entries if e.layer == "entities"]
    assert entity_rows == [(1, "good<b>model</b>"), (2, "weak")]
    assert {e.layer for e in entries} == {"entities", "events"}


def test_figures_match_the_report(evaluation) -> None:
    report = evaluation["systems"][0].scores
    (strict, partial, trigger, argument) = headline_rows(SystemScores("g", report))
    assert (strict.value, [strict.low, strict.high]) == (
        report["entities"]["strict"]["f1"],
        report["entities"]["strict"]["ci"]["f1"],
    )
    assert partial.value == report["entities"]["partial"]["f1"]
    assert trigger.value == report["events"]["trigger_classification"]["f1"]
    assert argument.value == report["events"]["argument_classification"]["f1"]


def test_per_type_figures(evaluation) -> None:
    report = evaluation["systems"][0].scores
    figures = {f.label: f for f in per_type_figures(SystemScores("g", report), "entities")}
    assert set(figures) == {"PER", "GPE", "DATE", "ORG"}
    assert figures["PER"].f1 == report["entities"]["strict"]["per_type"]["PER"]["f1"]


def test_files_are_deterministic_and_escaped(evaluation, tmp_path: Path) -> None:
    entries = build_leaderboard(_systems(evaluation), {"weak": "a | pipe"})
    md, js = write_leaderboard(
        entries, markdown_path=tmp_path / "l.md", json_path=tmp_path / "l.json"
    )
    first = (md.read_bytes(), js.read_bytes())
    write_leaderboard(entries, markdown_path=md, json_path=js)
    assert (md.read_bytes(), js.read_bytes()) == first
    assert "a \\| pipe" in md.read_text()
    data = json.loads(js.read_text())
    assert data["layers"]["entities"][0]["figures"]["strict F1"]["ci"] is not None


def test_missing_figure_is_a_clear_error() -> None:
    with pytest.raises(InputError, match=r"score report has no entities\.strict"):
        headline_rows(SystemScores("x", {"entities": {"exact": {}}}))


def test_read_score_reports_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1]")
    with pytest.raises(InputError, match="expected a JSON object"):
        read_score_reports([bad])
    with pytest.raises(InputError, match="score report not found"):
        read_score_reports([tmp_path / "none.json"])
