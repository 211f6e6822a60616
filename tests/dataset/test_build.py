"""Building the dataset: rows per config, determinism, refusal of invalid gold, splits."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from datasets import load_dataset

from newsgold.corpus.splits import SplitPolicy, load_split_policy
from newsgold.dataset import GoldDocument, build_dataset, stance_label_of
from newsgold.dataset.features import NER_TAGS, event_code
from newsgold.dataset.rows import sentence_rows
from newsgold.dataset.statistics import SplitStatistics
from newsgold.dataset.synthetic import synthetic_records
from newsgold.errors import InputError, ValidationError
from newsgold.records import StanceAnnotation
from newsgold.scheme import AUTHOR_HOLDER, STANCE_LABELS


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path, corpus_records: list[GoldDocument]) -> None:
    build_dataset(corpus_records, tmp_path / "a")
    build_dataset(iter(corpus_records), tmp_path / "b")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert sorted(first) == sorted(second)
    assert "README.md" in first and "documents/test.parquet" in first
    for name in first:
        assert first[name] == second[name], name


def test_rebuild_replaces_the_folder(tmp_path: Path, corpus_records: list[GoldDocument]) -> None:
    out = tmp_path / "dataset"
    build_dataset(corpus_records[:2], out)
    (out / "stale.parquet").write_bytes(b"old")
    build_dataset(corpus_records[:3], out)  # a folder this command made (its marker)
    assert not (out / "stale.parquet").exists()
    assert not list(tmp_path.glob(".dataset.*"))  # no staging folder left behind


def test_a_folder_the_build_did_not_make_is_refused(
    tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    out = tmp_path / "dataset"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"mine")
    with pytest.raises(InputError, match="was not made by `newsgold dataset build`"):
        build_dataset(corpus_records[:3], out)
    assert (out / "notes.txt").read_bytes() == b"mine"


def test_invalid_gold_is_refused_and_nothing_is_written(
    tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    out = tmp_path / "dataset"
    build_dataset(corpus_records[:2], out)
    before = _files(out)
    bad = corpus_records[1]
    broken = dataclasses.replace(bad.annotations, entities=list(bad.annotations.entities))
    broken.entities[0] = dataclasses.replace(broken.entities[0], label="PERSON")
    records = [
        corpus_records[0],
        GoldDocument(bad.document, broken, bad.targets),
        *corpus_records[2:5],
    ]
    with pytest.raises(
        ValidationError,
        match=rf"gold failed validation with \d problem\(s\): document {bad.document.id}, "
        r"entities e1: label 'PERSON' is not in the scheme",
    ):
        build_dataset(records, out)
    assert _files(out) == before
    assert not list(tmp_path.glob(".dataset.*"))


def test_records_out_of_order_are_refused(
    tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    with pytest.raises(
        InputError, match=r"strictly increasing document-id order, got '0+' after '0+1'"
    ):
        build_dataset([corpus_records[1], corpus_records[0]], tmp_path / "out")


def test_no_records_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no gold records"):
        build_dataset([], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _stance(start: int, polarity: str, stance_id: str) -> StanceAnnotation:
    return StanceAnnotation(start, start + 3, "t", polarity, "abc", stance_id)


STANCE_CASES = [
    ("no annotation", [], "NONE", None),
    ("only NONE", [("NONE", 0)], "NONE", None),
    ("one FAVOR", [("FAVOR", 5)], "FAVOR", "s0"),
    ("majority AGAINST", [("FAVOR", 1), ("AGAINST", 5), ("AGAINST", 9)], "AGAINST", "s1"),
    ("tie -> smallest start", [("AGAINST", 9), ("FAVOR", 2)], "FAVOR", "s1"),
    ("NONE ignored in the count", [("NONE", 0), ("NONE", 1), ("AGAINST", 4)], "AGAINST", "s2"),
]


@pytest.mark.parametrize(
    ("name", "given", "label", "decider"), STANCE_CASES, ids=[c[0] for c in STANCE_CASES]
)
def test_stance_label_rule(
    name: str, given: list[tuple[str, int]], label: str, decider: str | None
) -> None:
    annotations = [_stance(start, polarity, f"s{i}") for i, (polarity, start) in enumerate(given)]
    got_label, got_decider = stance_label_of(annotations)
    assert got_label == label
    assert (got_decider.id if got_decider else None) == decider


def test_entity_rows_have_bio_tags_and_exact_spans(tiny_record: GoldDocument) -> None:
    rows = sentence_rows(tiny_record).entities
    first = rows[0]
    tags = [NER_TAGS[t] for t in first["ner_tags"]]
    pairs = list(zip(first["tokens"], tags, strict=True))
    assert pairs[:6] == [
        ("Donald", "B-PER"),
        ("Trump", "I-PER"),
        ("sent", "O"),
        ("Kim", "B-PER"),
        ("Jong", "I-PER"),
        ("Un", "I-PER"),
    ]
    assert ("Sunday", "B-DATE") in pairs and ("🙂", "O") in pairs
    text = tiny_record.document.text
    for span in first["token_offsets"]:
        assert text[span["start"] : span["end"]] in first["tokens"]
    assert [(e["id"], text[e["start"] : e["end"]]) for e in first["entities"]] == [
        ("e1", "Donald Trump"),
        ("e2", "Kim Jong Un"),
        ("e3", "Sunday"),
    ]


def test_unaligned_span_expands_to_whole_tokens_and_is_counted(tiny_record: GoldDocument) -> None:
    document, gold, targets = tiny_record
    start = document.text.index("Donald")
    partial = dataclasses.replace(gold.entities[0], end=start + 10, text="Donald Tru")
    annotations = dataclasses.replace(gold, entities=[partial, *gold.entities[1:]])
    stats = SplitStatistics()
    row = sentence_rows(GoldDocument(document, annotations, targets), stats).entities[0]
    assert [NER_TAGS[t] for t in row["ner_tags"][:2]] == ["B-PER", "I-PER"]
    assert row["entities"][0]["end"] == start + 10
    assert stats.unaligned_entities == 1


def test_excluded_sentences_are_not_rows(tiny_record: GoldDocument) -> None:
    document = tiny_record.document
    assert len(document.sentences) == 4 and len(document.annotatable_sentences()) == 3
    rows = sentence_rows(tiny_record)
    assert [r["sentence_index"] for r in rows.entities] == [0, 1, 2]
    assert [r["sentence_index"] for r in rows.events] == [0, 1, 2]
    assert len(rows.stance) == 3 * len(tiny_record.targets)
    assert all("newsletter" not in r["text"] for r in rows.entities)


def test_event_rows_carry_argument_offsets(tiny_record: GoldDocument) -> None:
    row = sentence_rows(tiny_record).events[0]
    (event,) = row["events"]
    assert event["text"] == "sent"
    text = tiny_record.document.text
    assert [(a["entity_id"], text[a["start"] : a["end"]]) for a in event["arguments"]] == [
        ("e1", "Donald Trump"),
        ("e2", "Kim Jong Un"),
        ("e3", "Sunday"),
    ]


def test_stance_rows_label_holder_and_evidence(tiny_record: GoldDocument) -> None:
    rows = {(r["sentence_index"], r["target"]): r for r in sentence_rows(tiny_record).stance}
    author = rows[(0, "leader_diplomacy")]
    assert STANCE_LABELS[author["label"]] == "FAVOR"
    assert author["holder_id"] == AUTHOR_HOLDER and author["holder_start"] is None
    assert author["evidence_text"] == "“excellent” letter"
    quoted = rows[(1, "leader_diplomacy")]
    assert (quoted["holder_id"], quoted["holder_text"]) == ("e4", "Pyongyang")
    neutral = rows[(1, "sanctions_first")]
    assert STANCE_LABELS[neutral["label"]] == "NONE" and neutral["holder_id"] is None
    assert [a["id"] for a in neutral["annotations"]] == ["s3"]
    assert STANCE_LABELS[rows[(2, "leader_diplomacy")]["label"]] == "AGAINST"
    assert STANCE_LABELS[rows[(0, "sanctions_first")]["label"]] == "NONE"


def test_documents_stay_whole_in_their_split(
    tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    policy = SplitPolicy()
    result = build_dataset(corpus_records, tmp_path / "ds", split_policy=policy)
    assert result.splits == ["test", "train", "validation"]
    for config in ("documents", "entities", "events", "stance"):
        loaded = load_dataset(str(tmp_path / "ds"), config)
        for split, rows in loaded.items():
            column = "id" if config == "documents" else "doc_id"
            assert {policy.split_of(doc_id) for doc_id in rows[column]} == {split}


def test_seed_goes_to_test(tmp_path: Path, seed_record: GoldDocument) -> None:
    result = build_dataset([seed_record], tmp_path / "ds", split_policy=load_split_policy())
    assert result.splits == ["test"]


def test_statistics_match_the_loaded_data(
    tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    result = build_dataset(corpus_records, tmp_path / "ds")
    for split, stats in result.statistics.splits.items():
        entities = load_dataset(str(tmp_path / "ds"), "entities", split=split)
        events = load_dataset(str(tmp_path / "ds"), "events", split=split)
        stance = load_dataset(str(tmp_path / "ds"), "stance", split=split)
        documents = load_dataset(str(tmp_path / "ds"), "documents", split=split)
        entity_names = entities.features["entities"].feature["label"].names
        event_names = events.features["events"].feature["type"].names
        assert stats.documents == documents.num_rows
        assert stats.sentences == entities.num_rows == events.num_rows
        assert stats.tokens == sum(len(t) for t in entities["tokens"])
        assert stats.entities == Counter(
            entity_names[e["label"]] for row in entities["entities"] for e in row
        )
        assert stats.events == Counter(
            event_code(event_names[e["type"]]) for row in events["events"] for e in row
        )
        assert stats.stance_rows == Counter(STANCE_LABELS[label] for label in stance["label"])
        assert stats.rows["stance"] == stance.num_rows


def test_synthetic_records_are_valid_and_deterministic() -> None:
    first = [r.annotations.to_dict() for r in synthetic_records(5)]
    assert first == [r.annotations.to_dict() for r in synthetic_records(5)]
    assert sum(len(a["stances"]) for a in first) > 0
