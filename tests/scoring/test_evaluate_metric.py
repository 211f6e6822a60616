"""The Hugging Face ``evaluate`` metric in ``metrics/newsgold_metric``: loads offline from
the repository and gives exactly what ``newsgold score --conll`` gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
METRIC = REPO_ROOT / "metrics" / "newsgold_metric"

GOLD = [["B-PER", "I-PER", "O", "B-GPE"], ["B-ORG", "O", "B-DATE", "I-DATE"], ["O", "B-PER"]]
PRED = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O", "B-DATE", "O"], ["B-PER", "B-PER"]]

SCRIPT = """
import json, sys
import evaluate
metric = evaluate.load(sys.argv[1])
gold, pred = json.loads(sys.argv[2]), json.loads(sys.argv[3])
print(json.dumps(metric.compute(predictions=pred, references=gold, n_resamples=200, seed=5)))
"""


def _offline_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HF_HOME=str(tmp_path / "hf"),  # evaluate copies the module into its cache here
        HF_HUB_OFFLINE="1",
        HF_EVALUATE_OFFLINE="1",
        HF_DATASETS_OFFLINE="1",
    )
    return env


def test_metric_loads_offline_and_equals_the_cli(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(METRIC), json.dumps(GOLD), json.dumps(PRED)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_offline_env(tmp_path),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    metric = json.loads(result.stdout)
    conll = tmp_path / "out.conll"
    conll.write_text(
        "\n\n".join(
            "\n".join(f"{g} {p}" for g, p in zip(gs, ps, strict=True))
            for gs, ps in zip(GOLD, PRED, strict=True)
        )
        + "\n",
        encoding="utf-8",
    )
    cli = subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsgold.cli import main; main()",
            "score",
            "--conll",
            str(conll),
            "--format",
            "json",
            "--resamples",
            "200",
            "--seed",
            "5",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert cli.returncode == 0, cli.stderr
    report = json.loads(cli.stdout)
    assert metric["modes"] == report["entities"]
    assert metric["signature"] == report["signature"]["entities"]
    strict = report["entities"]["strict"]
    assert (metric["overall_precision"], metric["overall_recall"], metric["overall_f1"]) == (
        strict["precision"],
        strict["recall"],
        strict["f1"],
    )
    assert metric["overall_accuracy"] == report["input"]["token_accuracy"]
    assert metric["PER"] == {
        "precision": strict["per_type"]["PER"]["precision"],
        "recall": strict["per_type"]["PER"]["recall"],
        "f1": strict["per_type"]["PER"]["f1"],
        "number": 2,  # gold PER chunks
    }
