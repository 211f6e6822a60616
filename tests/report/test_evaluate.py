"""evaluate_systems and the CLI: baselines predicted, scored, ranked and reported; the
numbers equal what `newsgold score` prints by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsgold.leaderboard import evaluate_systems

NEWSGOLD = Path(sys.executable).with_name("newsgold")


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NEWSGOLD), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_evaluate_systems_end_to_end(evaluation, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    outputs = evaluate_systems(
        evaluation["records"], out_dir="evaluate", n_resamples=50, seed=3, progress=False
    )
    assert sorted(outputs.predictions) == ["cameo-rules", "majority", "spacy-ner", "stance-cues"]
    for name, path in outputs.scores.items():
        report = json.loads(path.read_text())
        assert report["input"]["source"] == f"evaluate/predictions/{name}.jsonl"
    assert outputs.report_html.read_text().count('class="plot"') == len(outputs.plots)
    board = json.loads(outputs.leaderboard_json.read_text())
    for layer, rows in board["layers"].items():
        headline = board["metrics"][layer][0]
        values = [row["figures"][headline]["value"] for row in rows]
        assert values == sorted(values, reverse=True)
        assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    lines = outputs.summary_lines()
    assert any(line.startswith("report       evaluate/report/index.html") for line in lines)

    # `newsgold score --errors` by hand on the same files gives the same report, byte for
    # byte (the error rows are collected once, in the same run, for the report).
    from newsgold.scoring import score

    for name, path in outputs.scores.items():
        by_hand = score(
            evaluation["records"],
            f"evaluate/predictions/{name}.jsonl",
            n_resamples=50,
            seed=3,
            with_errors=True,
        )
        assert by_hand.to_json() + "\n" == path.read_text()

    # Leaderboard and report regenerate from the files alone, identically.
    md_before = outputs.leaderboard_markdown.read_bytes()
    result = _run(tmp_path, "leaderboard")
    assert result.returncode == 0, result.stderr
    assert outputs.leaderboard_markdown.read_bytes() == md_before
    assert "entities  #1" in result.stdout


def test_cli_leaderboard_without_scores_fails_in_one_line(tmp_path: Path) -> None:
    result = _run(tmp_path, "leaderboard")
    assert result.returncode == 1
    assert "no score reports (*.json) found" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
