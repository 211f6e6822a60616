"""`newsgold run` end to end on a copy of the project: every output is generated, and the
committed evaluate/ folder is exactly what the pipeline produces (never typed by hand)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("project")
    for folder in ("seeds", "annotations"):
        shutil.copytree(ROOT / folder, root / folder)
    result = subprocess.run(
        [sys.executable, "-m", "newsgold.cli", "run", "--root", str(root), "--no-progress"],
        capture_output=True,
        text=True,
        check=False,
    )
    return root, result


def test_run_succeeds_and_says_where_things_are(
    project: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, result = project
    assert result.returncode == 0, result.stderr
    out = result.stdout
    from newsgold.gold import read_gold_store

    gold = read_gold_store(ROOT)
    assert len(gold) == 21  # corpus v1: every document has adjudicated gold
    for doc_id, record in gold.items():
        line = (
            f"gold      {doc_id}: {len(record.entities)} entities, {len(record.events)} events, "
            f"{len(record.stances)} stances — 0 problems"
        )
        assert line in out
    assert "datasets.load_dataset(" in out and "evaluate/report/index.html" in out
    for path in (
        "corpus/documents.jsonl",
        "build/labelstudio/tasks/entities.json",
        "build/labelstudio/tasks/events.json",
        "build/labelstudio/tasks/stance.json",
        "build/dataset/README.md",
        "build/dataset/entities/test.parquet",
        "build/dataset/entities/dev.parquet",
        "evaluate/leaderboard.md",
        "evaluate/report/index.html",
    ):
        assert (root / path).is_file(), path


def test_corpus_is_rebuilt_byte_identical(
    project: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _ = project
    assert (root / "corpus/documents.jsonl").read_bytes() == (
        ROOT / "corpus/documents.jsonl"
    ).read_bytes()


def test_committed_evaluation_equals_a_fresh_run(
    project: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _ = project
    committed = sorted(
        p.relative_to(ROOT / "evaluate") for p in (ROOT / "evaluate").rglob("*") if p.is_file()
    )
    fresh = sorted(
        p.relative_to(root / "evaluate") for p in (root / "evaluate").rglob("*") if p.is_file()
    )
    assert committed == fresh
    for relative in committed:
        assert (root / "evaluate" / relative).read_bytes() == (
            ROOT / "evaluate" / relative
        ).read_bytes(), relative
