"""`newsgold dataset build/show` on a project folder, through the real console entry point."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from pathlib import Path

import pytest

from newsgold.corpus import write_corpus
from newsgold.dataset import GoldDocument
from newsgold.records import write_annotations_jsonl

REPO_ROOT = Path(__file__).resolve().parents[2]
NEWSGOLD = str(REPO_ROOT / ".venv" / "bin" / "newsgold")


def _project(root: Path, record: GoldDocument) -> Path:
    write_corpus(root / "corpus", [record.document])
    targets = {record.document.id: [t.to_dict() for t in record.targets]}
    (root / "annotations").mkdir(parents=True)
    (root / "annotations" / "stance_targets.json").write_text(json.dumps(targets), encoding="utf-8")
    gold = root / "gold.jsonl"
    write_annotations_jsonl(gold, [record.annotations])
    return gold


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSGOLD, *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_build_writes_the_dataset_under_build(tmp_path: Path, seed_record: GoldDocument) -> None:
    gold = _project(tmp_path, seed_record)
    completed = _run("dataset", "build", "--gold", str(gold), cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    out = tmp_path / "build" / "dataset"
    assert (out / "README.md").exists() and (out / "entities" / "test.parquet").exists()
    assert "entities/test.parquet" in completed.stdout
    shown = _run("dataset", "show", str(out), cwd=tmp_path)
    assert shown.stdout.startswith(
        f"{seed_record.document.id}  {len(seed_record.annotations.entities)} entities"
    )


def test_build_twice_gives_identical_bytes(tmp_path: Path, tiny_record: GoldDocument) -> None:
    gold = _project(tmp_path, tiny_record)
    for out in ("a", "b"):
        assert (
            _run("dataset", "build", "--gold", str(gold), "--out", out, cwd=tmp_path).returncode
            == 0
        )
    for path in sorted((tmp_path / "a").rglob("*")):
        if path.is_file():
            assert (
                path.read_bytes()
                == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()
            )


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (
            "label",
            r"error: gold failed validation with 2 problem\(s\): document \w+, "
            r"entities e1: label 'PERSON'",
        ),
        ("missing-gold", r"error: .*gold.jsonl: gold file not found"),
        ("no-gold", r"error: .*annotations/gold: no gold found: .*pass --gold FILE.jsonl"),
        ("duplicate", r"error: .*gold.jsonl:2: document \w+ has a second annotation set"),
        (
            "unknown-doc",
            r"error: field 'doc_id': the gold annotates document 'ffff', "
            r"which is not in the corpus",
        ),
    ],
)
def test_bad_gold_fails_with_one_line(
    tmp_path: Path, tiny_record: GoldDocument, breakage: str, expected: str
) -> None:
    gold = _project(tmp_path, tiny_record)
    args = ["dataset", "build", "--gold", str(gold)]
    annotations = tiny_record.annotations
    if breakage == "label":
        broken = dataclasses.replace(annotations, entities=list(annotations.entities))
        broken.entities[0] = dataclasses.replace(broken.entities[0], label="PERSON")
        write_annotations_jsonl(gold, [broken])
    elif breakage == "missing-gold":
        gold.unlink()
    elif breakage == "no-gold":
        args = ["dataset", "build"]
    elif breakage == "duplicate":
        line = gold.read_text(encoding="utf-8")
        gold.write_text(line + line, encoding="utf-8")
    else:
        write_annotations_jsonl(gold, [dataclasses.replace(annotations, doc_id="ffff")])
    completed = _run(*args, cwd=tmp_path)
    assert completed.returncode == 1
    assert re.search(expected, completed.stderr), completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "build").exists()
