"""Loading in a fresh virtual environment that has only `datasets` (no newsgold).

The environment is created once per `datasets` version under ``build/test-venvs/`` (a
minute the first time) and reused; a file lock keeps parallel runs from racing.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import venv
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import datasets
import pytest

from newsgold.corpus import load_corpus
from newsgold.corpus.splits import load_split_policy
from newsgold.dataset import CONFIG_NAMES, GoldDocument, build_dataset
from newsgold.dataset.build import build_project_dataset
from newsgold.dataset.features import EVENT_TYPE_NAMES, NER_TAGS, TRIGGER_TAGS
from newsgold.gold import load_gold
from newsgold.scheme import ENTITY_LABELS, EVENT_TYPES, REALIS_LABELS, ROLE_LABELS, STANCE_LABELS
from newsgold.stance_targets import load_stance_targets

REPO_ROOT = Path(__file__).resolve().parents[2]

# Runs inside the fresh environment: loads every config offline and reports what it sees.
LOADER = Path(__file__).with_name("load_in_fresh_env.py")


def _create_venv(target: Path) -> None:
    venv.EnvBuilder(with_pip=True, clear=True).create(target)
    subprocess.run(
        [
            str(target / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            f"datasets=={datasets.__version__}",
        ],
        check=True,
        timeout=900,
    )


@pytest.fixture(scope="session")
def datasets_only_python() -> Iterator[Path]:
    """Python of a venv holding only `datasets` (same version as ours) and its dependencies."""
    root = REPO_ROOT / "build" / "test-venvs"
    root.mkdir(parents=True, exist_ok=True)
    target = root / f"datasets-{datasets.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    done = target / ".complete"
    with (root / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            _create_venv(target)
            done.write_text("ok\n", encoding="utf-8")
    yield target / "bin" / "python"


def _load_fresh(python: Path, dataset_dir: Path, workdir: Path) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(workdir),
        "HF_HOME": str(workdir / "hf"),
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "PYTHONNOUSERSITE": "1",
    }
    completed = subprocess.run(
        [str(python), str(LOADER), str(dataset_dir), *CONFIG_NAMES],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


EXPECTED_LABELS = {
    ("documents", "entities.label"): ENTITY_LABELS,
    ("documents", "events.type"): EVENT_TYPE_NAMES,
    ("documents", "events.realis"): REALIS_LABELS,
    ("documents", "events.arguments.role"): ROLE_LABELS,
    ("documents", "stances.label"): STANCE_LABELS,
    ("entities", "entities.label"): ENTITY_LABELS,
    ("entities", "ner_tags"): NER_TAGS,
    ("events", "events.type"): EVENT_TYPE_NAMES,
    ("events", "trigger_tags"): TRIGGER_TAGS,
    ("events", "events.realis"): REALIS_LABELS,
    ("events", "events.arguments.role"): ROLE_LABELS,
    ("events", "events.arguments.entity_label"): ENTITY_LABELS,
    ("stance", "label"): STANCE_LABELS,
    ("stance", "annotations.label"): STANCE_LABELS,
}


def test_seed_loads_with_only_datasets(
    datasets_only_python: Path, tmp_path: Path, seed_record: GoldDocument
) -> None:
    build_dataset([seed_record], tmp_path / "ds")
    report = _load_fresh(datasets_only_python, tmp_path / "ds", tmp_path)
    assert report.pop("newsgold_importable") is False
    assert sorted(report) == sorted(CONFIG_NAMES)
    for config, splits in report.items():
        assert list(splits) == ["test"], config
    for (config, column), names in EXPECTED_LABELS.items():
        assert report[config]["test"]["labels"][column] == list(names), (config, column)

    _assert_counts_match_gold(report, seed_record)


def _assert_counts_match_gold(report: dict, record: GoldDocument) -> None:
    _assert_split_matches_gold(report, "test", [record])


def _assert_split_matches_gold(report: dict, split: str, records: list[GoldDocument]) -> None:
    """Rows and label counts of one split, as loaded with only `datasets`, equal the gold."""
    sentences = sum(len(r.document.annotatable_sentences()) for r in records)
    assert report["documents"][split]["rows"] == len(records)
    assert report["entities"][split]["rows"] == sentences
    assert report["events"][split]["rows"] == sentences
    assert report["stance"][split]["rows"] == sum(
        len(r.document.annotatable_sentences()) * len(r.targets) for r in records
    )
    golds = [r.annotations for r in records]
    entities = dict(Counter(m.label for g in golds for m in g.entities))
    # Event types load as readable names ("04 Consult").
    events = dict(
        Counter(EVENT_TYPE_NAMES[EVENT_TYPES.index(e.type)] for g in golds for e in g.events)
    )
    stances = dict(Counter(s.polarity for g in golds for s in g.stances))
    documents = report["documents"][split]["counts"]
    assert documents["entities"] == entities
    assert documents["events"] == events
    assert documents["realis"] == dict(Counter(e.realis for g in golds for e in g.events))
    assert documents["roles"] == dict(
        Counter(a.role for g in golds for e in g.events for a in e.arguments)
    )
    assert documents["stances"] == stances
    assert report["entities"][split]["counts"]["entities"] == entities
    assert report["entities"][split]["counts"]["begin_tags"] == entities
    assert report["events"][split]["counts"]["events"] == events
    assert report["stance"][split]["counts"]["annotations"] == stances


def test_project_gold_loads_with_only_datasets(datasets_only_python: Path, tmp_path: Path) -> None:
    """The project's adjudicated gold (corpus v1: dev and test), built the way
    `newsgold dataset build` does, loads with only `datasets`, split by split."""
    result = build_project_dataset(REPO_ROOT, out_dir=tmp_path / "ds")
    report = _load_fresh(datasets_only_python, tmp_path / "ds", tmp_path)
    assert report.pop("newsgold_importable") is False
    assert result.splits == ["dev", "test"]
    gold = load_gold(REPO_ROOT)
    documents = load_corpus(REPO_ROOT / "corpus")
    assert sorted(gold) == sorted(documents)
    all_targets = load_stance_targets(REPO_ROOT / "annotations" / "stance_targets.json")
    policy = load_split_policy()
    for split in ("dev", "test"):
        records = [
            GoldDocument(documents[d], gold[d], tuple(all_targets[d]))
            for d in sorted(gold)
            if policy.split_of(d) == split
        ]
        _assert_split_matches_gold(report, split, records)
    for (config, column), names in EXPECTED_LABELS.items():
        assert report[config]["test"]["labels"][column] == list(names), (config, column)


def test_every_split_loads_with_only_datasets(
    datasets_only_python: Path, tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    result = build_dataset(corpus_records, tmp_path / "ds")
    report = _load_fresh(datasets_only_python, tmp_path / "ds", tmp_path)
    report.pop("newsgold_importable")
    for data_file in result.files:
        assert report[data_file.config][data_file.split]["rows"] == data_file.rows, data_file.path
