"""``compare`` on every layer, on the project's gold and the shipped baselines' predictions
(stance used to fail with KeyError 'triple.f1' on a one-document gold)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgold.dataset.build import build_project_dataset
from newsgold.pipeline import compare, gold_records
from newsgold.scoring.row_checks import gold_as_prediction_row

REPO_ROOT = Path(__file__).resolve().parents[2]
PREDICTIONS = REPO_ROOT / "evaluate" / "predictions" / "test"  # what `newsgold run` ranks
HEADLINE = {"entities": "strict.f1", "events": "trigger_classification.f1", "stance": "f_avg"}


@pytest.fixture(scope="module")
def project_gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gold") / "dataset"
    build_project_dataset(REPO_ROOT, out_dir=out)
    return out


def _layers(path: Path) -> set[str]:
    row = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    return {"stance" if key == "stances" else key for key in row if key != "doc_id"}


@pytest.mark.parametrize("layer", sorted(HEADLINE))
def test_gold_beats_every_baseline_on_each_layer(project_gold: Path, layer: str) -> None:
    records = gold_records(project_gold)
    perfect = [gold_as_prediction_row(r) for r in records]
    baselines = [p for p in sorted(PREDICTIONS.glob("*.jsonl")) if layer in _layers(p)]
    assert baselines, f"no shipped baseline predicts {layer}"
    for baseline in baselines:
        result = compare(records, perfect, baseline, n_resamples=50, seed=1)
        assert layer in result.results, baseline.name
        figure = result.results[layer][HEADLINE[layer]]
        assert figure.a == 1.0 and figure.delta >= 0, baseline.name
        assert 0 < figure.p_randomization <= 1
        assert "test:paired-bootstrap+ar" in result.signatures[layer]


def test_cli_compare_stance_baselines(project_gold: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsgold.cli import main; main()",
            "compare",
            str(PREDICTIONS / "stance-cues.jsonl"),
            str(PREDICTIONS / "stance-vader.jsonl"),
            "--gold",
            str(project_gold),
            "--resamples",
            "50",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "f_avg" in data["results"]["stance"]
    # Triples are document-level: tested when documents are the units, not on one document.
    one_document = len(gold_records(project_gold)) == 1
    assert ("triple.f1" in data["results"]["stance"]) is not one_document
