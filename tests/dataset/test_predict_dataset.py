"""``newsgold predict --dataset DIR``: a model runs on a built dataset, no corpus folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgold.corpus.splits import load_split_policy
from newsgold.dataset import GoldDocument, build_dataset
from newsgold.errors import InputError
from newsgold.models import load_extractor
from newsgold.predict import predict_dataset

NEWSGOLD = Path(sys.executable).with_name("newsgold")

PLUGIN = """
class EchoTargets:
    name = "echo-targets"
    layers = ("stance",)

    def predict(self, document, stance_targets):
        return {"stances": [
            {"holder": None, "target": t.id, "label": "FAVOR",
             "evidence": {"start": 0, "end": 5}} for t in stance_targets
        ]}
"""


@pytest.fixture
def dataset(tmp_path: Path, corpus_records: list[GoldDocument]) -> Path:
    out = tmp_path / "dataset"
    build_dataset(corpus_records[:12], out)
    return out


def test_predicts_every_document_with_the_dataset_targets(
    dataset: Path, tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    (tmp_path / "echo_model.py").write_text(PLUGIN, encoding="utf-8")
    result = subprocess.run(
        [
            str(NEWSGOLD),
            "predict",
            "--model",
            "echo_model:EchoTargets",
            "--dataset",
            str(dataset),
            "--out",
            "p.jsonl",
            "--no-progress",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    expected = {r.document.id: sorted(t.id for t in r.targets) for r in corpus_records[:12]}
    assert {row["doc_id"]: sorted(s["target"] for s in row["stances"]) for row in rows} == expected


def test_split_keeps_only_that_split(
    dataset: Path, tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    policy = load_split_policy()
    split = policy.split_of(corpus_records[0].document.id)
    run = predict_dataset(
        load_extractor("cameo-rules"),
        dataset_dir=dataset,
        out=tmp_path / "p.jsonl",
        split=split,
        progress=False,
    )
    in_split = [
        r.document.id for r in corpus_records[:12] if policy.split_of(r.document.id) == split
    ]
    assert run.documents == len(in_split)
    rows = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert [row["doc_id"] for row in rows] == sorted(in_split)


def test_unknown_split_is_refused(dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no split 'nope'; the dataset has"):
        predict_dataset(
            load_extractor("cameo-rules"),
            dataset_dir=dataset,
            out=tmp_path / "p.jsonl",
            split="nope",
        )


def test_corpus_and_dataset_together_is_one_line_error(dataset: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(NEWSGOLD),
            "predict",
            "--model",
            "cameo-rules",
            "--dataset",
            str(dataset),
            "--corpus",
            "corpus",
            "--out",
            "p.jsonl",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "error: field '--dataset': give --corpus DIR or --dataset DIR, not both"
    )
