"""Round trip: gold -> dataset -> records is exact for every layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgold.corpus import load_corpus
from newsgold.dataset import GoldDocument, build_dataset, read_dataset, read_sentence_layers
from newsgold.dataset.build import build_project_dataset
from newsgold.errors import InputError
from newsgold.gold import load_gold
from newsgold.stance_targets import load_stance_targets

REPO_ROOT = Path(__file__).resolve().parents[2]


def _assert_same(original: GoldDocument, read_back: GoldDocument) -> None:
    assert read_back.document == original.document
    assert read_back.annotations.sorted() == original.annotations.sorted()
    assert read_back.annotations.to_dict() == original.annotations.to_dict()
    assert tuple(read_back.targets) == tuple(original.targets)


@pytest.mark.parametrize("which", ["tiny", "seed", "corpus"])
def test_round_trip_through_documents_config_is_exact(
    tmp_path: Path,
    which: str,
    tiny_record: GoldDocument,
    seed_record: GoldDocument,
    corpus_records: list[GoldDocument],
) -> None:
    records = {"tiny": [tiny_record], "seed": [seed_record], "corpus": corpus_records}[which]
    build_dataset(records, tmp_path / "ds")
    read_back = list(read_dataset(tmp_path / "ds"))
    assert [r.document.id for r in read_back] == [r.document.id for r in records]
    for original, again in zip(records, read_back, strict=True):
        _assert_same(original, again)


@pytest.mark.parametrize("which", ["tiny", "seed", "corpus"])
def test_sentence_configs_hold_every_annotation(
    tmp_path: Path,
    which: str,
    tiny_record: GoldDocument,
    seed_record: GoldDocument,
    corpus_records: list[GoldDocument],
) -> None:
    records = {"tiny": [tiny_record], "seed": [seed_record], "corpus": corpus_records}[which]
    build_dataset(records, tmp_path / "ds")
    layers = read_sentence_layers(tmp_path / "ds")
    assert sorted(layers) == [r.document.id for r in records]
    for record in records:
        assert layers[record.document.id] == record.annotations.sorted()


def test_author_holder_reads_back_as_none(tmp_path: Path, tiny_record: GoldDocument) -> None:
    build_dataset([tiny_record], tmp_path / "ds")
    (again,) = read_dataset(tmp_path / "ds")
    assert [s.holder_id for s in again.annotations.stances] == [None, "e4", "e4", "e6"]


def test_rebuild_from_read_back_is_byte_identical(
    tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    build_dataset(corpus_records, tmp_path / "a")
    build_dataset(read_dataset(tmp_path / "a"), tmp_path / "b")
    for path in sorted((tmp_path / "a").rglob("*.parquet")):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()


def test_not_a_dataset_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no documents Parquet files .*newsgold dataset build"):
        list(read_dataset(tmp_path))


def test_round_trip_of_the_project_gold_is_exact(tmp_path: Path) -> None:
    """The adjudicated gold in annotations/gold/ -> dataset -> records, every layer."""
    build_project_dataset(REPO_ROOT, out_dir=tmp_path / "ds")
    gold = load_gold(REPO_ROOT)
    documents = load_corpus(REPO_ROOT / "corpus")
    targets = load_stance_targets(REPO_ROOT / "annotations" / "stance_targets.json")
    read_back = list(read_dataset(tmp_path / "ds"))
    assert [r.document.id for r in read_back] == sorted(gold)
    for again in read_back:
        doc_id = again.document.id
        _assert_same(GoldDocument(documents[doc_id], gold[doc_id], tuple(targets[doc_id])), again)
    layers = read_sentence_layers(tmp_path / "ds")
    assert layers == {doc_id: g.sorted() for doc_id, g in gold.items()}
