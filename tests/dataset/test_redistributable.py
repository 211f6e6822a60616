"""Redistributable builds, hydration and the Hub push plan.

The seed article is (c) The Quint (``LicenseRef-All-Rights-Reserved``): a redistributable
build keeps its annotations and a SHA-256 of its text but not the text; ``hydrate``
restores it from a copy, byte for byte; ``push`` uploads only what a licence allows.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from datasets import load_dataset
from typer.testing import CliRunner

from newsgold.cli import app
from newsgold.dataset import GoldDocument, build_dataset
from newsgold.dataset.export import export_records
from newsgold.dataset.hydrate import hydrate_dataset
from newsgold.dataset.push import plan_push
from newsgold.dataset.read import read_dataset
from newsgold.errors import InputError
from newsgold.pipeline import gold_records, score

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_FILE = REPO_ROOT / "seeds" / "000_fe91b81cea6e668f.txt"  # the article as received


@pytest.fixture
def records(licensed_records: list[GoldDocument]) -> list[GoldDocument]:
    return licensed_records


def _files(folder: Path) -> dict[str, bytes]:
    # hidden files (the build's .newsgold-output marker) are never published
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def _rows(folder: Path, config: str) -> list[dict]:
    return [
        r for p in sorted((folder / config).glob("*.parquet")) for r in pq.read_table(p).to_pylist()
    ]


def test_only_text_the_licence_forbids_is_withheld(
    tmp_path: Path, records: list[GoldDocument], seed_record: GoldDocument
) -> None:
    result = build_dataset(records, tmp_path / "ds", redistributable=True)
    seed_id = seed_record.document.id
    assert [w.id for w in result.statistics.withheld] == [seed_id]
    documents = {r["id"]: r for r in _rows(tmp_path / "ds", "documents")}
    seed = documents.pop(seed_id)
    (free,) = documents.values()
    assert seed["text"] is None and free["text"] is not None
    assert seed["text_sha256"] == hashlib.sha256(seed_record.document.text.encode()).hexdigest()
    assert all(e["text"] is None for e in seed["entities"]) and seed["entities"]
    assert all(e["text"] is not None for e in free["entities"])
    for config in ("entities", "events", "stance"):
        for row in _rows(tmp_path / "ds", config):
            withheld = row["doc_id"] == seed_id
            assert (row["text"] is None) is withheld, config
            if config != "stance":
                assert (set(row["tokens"]) == {None}) is withheld
    seed_stance = [r for r in _rows(tmp_path / "ds", "stance") if r["doc_id"] == seed_id]
    assert all(r["evidence_text"] is None and r["holder_text"] is None for r in seed_stance)
    assert any(r["evidence_start"] is not None for r in seed_stance)  # offsets stay
    # The real `datasets` library loads it, nulls and all.
    loaded = load_dataset(str(tmp_path / "ds"), "documents", split="test")
    assert sorted(loaded["text"], key=str) == sorted([None, free["text"]], key=str)


def test_hydrate_from_the_received_file_equals_a_full_build(
    tmp_path: Path, records: list[GoldDocument]
) -> None:
    build_dataset(records, tmp_path / "full")
    build_dataset(records, tmp_path / "public", redistributable=True)
    result = CliRunner().invoke(
        app,
        [
            "dataset",
            "hydrate",
            str(tmp_path / "public"),
            "--source",
            str(SEED_FILE.parent),
            "--out",
            str(tmp_path / "hydrated"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "restored 6ebade2f8e52de11" in result.output
    assert _files(tmp_path / "hydrated") == _files(tmp_path / "full")


def test_hydrate_refuses_a_copy_that_differs(tmp_path: Path, records: list[GoldDocument]) -> None:
    build_dataset(records, tmp_path / "public", redistributable=True)
    before = _files(tmp_path / "public")
    copy = tmp_path / "copy.txt"
    copy.write_text(SEED_FILE.read_text(encoding="utf-8").replace("letter", "Letter", 1))
    with pytest.raises(
        InputError, match=r"copy\.txt: field '--source': this copy's normalized text"
    ):
        hydrate_dataset(tmp_path / "public", [copy])
    assert _files(tmp_path / "public") == before


def test_hydrate_refuses_when_a_withheld_document_finds_no_copy(
    tmp_path: Path, records: list[GoldDocument]
) -> None:
    build_dataset(records, tmp_path / "public", redistributable=True)
    before = _files(tmp_path / "public")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "other.txt").write_text("Some other article.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no copy with the right text for 1 withheld document"):
        hydrate_dataset(tmp_path / "public", [folder])
    assert _files(tmp_path / "public") == before


def test_withheld_text_is_refused_by_scoring_predicting_and_export(
    tmp_path: Path, records: list[GoldDocument]
) -> None:
    build_dataset(records, tmp_path / "public", redistributable=True)
    with pytest.raises(InputError, match="withheld in this redistributable build"):
        gold_records(tmp_path / "public")
    predictions = tmp_path / "p.jsonl"  # the column path of score --pred refuses it too
    predictions.write_text(
        "".join(json.dumps({"doc_id": r.document.id, "entities": []}) + "\n" for r in records),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="withheld in this redistributable build"):
        score(tmp_path / "public", predictions)
    with pytest.raises(InputError, match="newsgold dataset hydrate"):
        export_records(read_dataset(tmp_path / "public"), tmp_path / "g.conll", fmt="conll")


def test_push_dry_run_lists_exactly_the_files_and_the_card(
    tmp_path: Path, records: list[GoldDocument]
) -> None:
    build_dataset(records, tmp_path / "public", redistributable=True)
    result = CliRunner().invoke(
        app,
        [
            "dataset",
            "push",
            "me/newsgold",
            "--dataset",
            str(tmp_path / "public"),
            "--dry-run",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    files = _files(tmp_path / "public")
    assert [f["path"] for f in plan["files"]] == sorted(files)
    assert {f["path"]: f["sha256"] for f in plan["files"]} == {
        path: hashlib.sha256(data).hexdigest() for path, data in files.items()
    }
    assert plan["card"] == files["README.md"].decode("utf-8")
    assert (plan["repo_id"], plan["repo_type"], plan["dry_run"]) == ("me/newsgold", "dataset", True)
    text = CliRunner().invoke(
        app, ["dataset", "push", "me/newsgold", "--dataset", str(tmp_path / "public"), "--dry-run"]
    )
    assert text.output.startswith("dry run: nothing is uploaded\nrepo: datasets/me/newsgold")


def test_push_refuses_text_its_licence_forbids(tmp_path: Path, records: list[GoldDocument]) -> None:
    build_dataset(records, tmp_path / "full")
    with pytest.raises(InputError, match=r"6ebade2f8e52de11 \(LicenseRef-All-Rights-Reserved\)"):
        plan_push(tmp_path / "full", "me/newsgold")


def test_push_refuses_stray_files_and_bad_repo_ids(
    tmp_path: Path, records: list[GoldDocument]
) -> None:
    build_dataset(records, tmp_path / "public", redistributable=True)
    with pytest.raises(InputError, match="expected NAMESPACE/NAME"):
        plan_push(tmp_path / "public", "newsgold")
    with pytest.raises(InputError, match="not a Hub repo id"):
        plan_push(tmp_path / "public", "me/news gold")
    (tmp_path / "public" / "notes.txt").write_text("private notes", encoding="utf-8")
    with pytest.raises(InputError, match=r"files the dataset build did not write: notes\.txt"):
        plan_push(tmp_path / "public", "me/newsgold")
