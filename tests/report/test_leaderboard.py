"""Leaderboard: ranking, CIs and files built from score reports only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgold.errors import InputError
from newsgold.figures import SystemScores
from newsgold.leaderboard import (
    SystemCard,
    build_leaderboard,
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


def test_only_the_test_split_is_ranked(evaluation) -> None:
    systems = _systems(evaluation)
    dev = [SystemScores(s.name, s.report, "dev") for s in systems]
    entries = build_leaderboard(dev + systems)
    assert entries[0].split == "test"  # test first, whatever the input order
    assert {e.rank for e in entries if e.split == "dev"} == {None}
    assert [e.rank for e in entries if e.split == "test" and e.layer == "entities"] == [1, 2]


def test_files_are_deterministic_and_escaped(evaluation, tmp_path: Path) -> None:
    systems = _systems(evaluation)
    systems.append(SystemScores("weak", systems[1].report, "dev"))
    cards = {"weak": SystemCard("a | pipe", "1.0", "trained on: nothing; developed on: dev")}
    entries = build_leaderboard(systems, cards)
    md, js = write_leaderboard(
        entries, markdown_path=tmp_path / "l.md", json_path=tmp_path / "l.json", systems=systems
    )
    first = (md.read_bytes(), js.read_bytes())
    write_leaderboard(entries, markdown_path=md, json_path=js, systems=systems)
    assert (md.read_bytes(), js.read_bytes()) == first
    text = md.read_text()
    assert "a \\| pipe" in text
    assert "## test split: the ranking" in text
    assert "## dev split (development data, not ranked)" in text
    # Each row: version, what the system saw, its signature.
    row = next(line for line in text.splitlines() if line.startswith("| 2 | `weak`"))
    assert "| 1.0 | trained on: nothing; developed on: dev | `newsgold:" in row
    # CAMEO roots with their names.
    assert "| 04 Consult |" in text and "| 11 Disapprove |" in text
    data = json.loads(js.read_text())
    assert data["ranked_split"] == "test"
    assert data["splits"]["test"]["entities"][0]["figures"]["strict F1"]["ci"] is not None
    assert data["splits"]["dev"]["entities"][0]["rank"] is None
    assert data["systems"]["weak"]["version"] == "1.0"


def test_read_score_reports_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1]")
    with pytest.raises(InputError, match="expected a JSON object"):
        read_score_reports([bad])
    with pytest.raises(InputError, match="score report not found"):
        read_score_reports([tmp_path / "none.json"])
