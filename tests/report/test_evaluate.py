"""evaluate_systems and the CLI: baselines predicted, scored, ranked and reported; the
numbers equal what `newsgold score` prints by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsgold.corpus import make_document
from newsgold.corpus.ingest import Metadata
from newsgold.corpus.splits import PinnedSplit, SplitPolicy
from newsgold.pipeline.evaluation import evaluate_systems
from newsgold.records import DocumentAnnotations, EntityMention

NEWSGOLD = Path(sys.executable).with_name("newsgold")


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NEWSGOLD), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def _policy(test_id: str, dev_id: str | None = None) -> SplitPolicy:
    pinned = {test_id: PinnedSplit("test", "synthetic test document")}
    if dev_id is not None:
        pinned[dev_id] = PinnedSplit("dev", "synthetic dev document")
    return SplitPolicy(ratios=(("dev", 0.4), ("test", 0.6)), pinned=pinned)


def test_evaluate_systems_end_to_end(evaluation, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    records = evaluation["records"]
    dev_document = make_document("Angela Merkel criticized Emmanuel Macron.", Metadata())
    dev_gold = DocumentAnnotations(
        dev_document.id,
        "gold",
        entities=[EntityMention(0, 13, "PER", "Angela Merkel", "m1")],
    )
    policy = _policy(records[0][0].id, dev_document.id)
    outputs = evaluate_systems(
        [*records, (dev_document, dev_gold, [])],
        out_dir="evaluate",
        n_resamples=50,
        seed=3,
        progress=False,
        policy=policy,
    )
    names = ["cameo-petrarch", "cameo-rules", "majority", "spacy-ner", "stance-cues"]
    names.append("stance-vader")
    assert sorted(outputs.predictions) == [(s, n) for s in ("dev", "test") for n in names]
    for (split, name), path in outputs.scores.items():
        report = json.loads(path.read_text())
        assert report["input"]["source"] == f"evaluate/predictions/{split}/{name}.jsonl"
    assert outputs.report_html.read_text().count('class="plot"') > 0
    assert "dev split (development data" in outputs.reports["dev"].read_text()
    board = json.loads(outputs.leaderboard_json.read_text())
    for layer, rows in board["splits"]["test"].items():
        headline = board["metrics"][layer][0]
        values = [row["figures"][headline]["value"] for row in rows]
        assert values == sorted(values, reverse=True)
        assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    # The floor saw the dev document only.
    assert board["systems"]["majority"]["saw"].startswith("trained on: dev split of gold sha256-")
    assert "(1 document)" in board["systems"]["majority"]["saw"]
    lines = outputs.summary_lines()
    assert any(line.startswith("report       evaluate/report/index.html") for line in lines)

    # `newsgold score --errors` by hand on the same files gives the same report, byte for
    # byte (the error rows are collected once, in the same run, for the report).
    from newsgold.pipeline import score

    for (split, name), path in outputs.scores.items():
        split_records = records if split == "test" else [(dev_document, dev_gold, [])]
        by_hand = score(
            split_records,
            f"evaluate/predictions/{split}/{name}.jsonl",
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
    assert "test  entities  #1" in result.stdout


def test_without_dev_gold_the_floor_is_not_fitted(evaluation, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    records = evaluation["records"]
    outputs = evaluate_systems(
        records,
        models=["majority", "spacy-ner"],
        out_dir="evaluate",
        n_resamples=0,
        progress=False,
        policy=_policy(records[0][0].id),
    )
    assert sorted(outputs.predictions) == [("test", "spacy-ner")]
    assert any("majority: not fitted" in note for note in outputs.notes)
    assert "no dev document" in outputs.leaderboard_markdown.read_text()


def test_cli_leaderboard_without_scores_fails_in_one_line(tmp_path: Path) -> None:
    result = _run(tmp_path, "leaderboard")
    assert result.returncode == 1
    assert "no score reports (<split>/*.json) found" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
