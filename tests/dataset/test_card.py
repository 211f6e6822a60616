"""The dataset card: Hugging Face metadata, every field documented, statistics from data."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from datasets import load_dataset
from huggingface_hub import DatasetCard

from newsgold.dataset import CONFIG_NAMES, CardInputs, GoldDocument, build_dataset
from newsgold.dataset.build import build_project_dataset
from newsgold.dataset.card_schema import _walk, field_documentation
from newsgold.dataset.features import config_features, event_code
from newsgold.paths import ProjectPaths
from newsgold.scheme import CAMEO_ROOTS, ENTITY_TYPES, STANCE_LABELS

REPO_ROOT = Path(__file__).resolve().parents[2]


def _card(folder: Path) -> str:
    return (folder / "README.md").read_text(encoding="utf-8")


def _header(card: str) -> dict:
    return yaml.safe_load(card.split("---\n")[1])


def _statistics(card: str) -> dict[str, list[int]]:
    section = card.split("## Statistics\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]
    table = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        table[cells[0]] = [int(value) for value in cells[1:]]
    return table


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_every_field_is_documented(config: str) -> None:
    documented = [path for path, _, description in field_documentation(config) if description]
    assert documented == [path for path, _ in _walk(config_features(config))]


def test_metadata_follows_hugging_face_conventions(
    tmp_path: Path, seed_record: GoldDocument
) -> None:
    result = build_dataset([seed_record], tmp_path / "ds")
    card = DatasetCard.load(tmp_path / "ds" / "README.md")
    data = card.data.to_dict()
    for key in (
        "license",
        "language",
        "pretty_name",
        "task_categories",
        "task_ids",
        "size_categories",
        "annotations_creators",
        "source_datasets",
    ):
        assert data.get(key), key
    assert data["language"] == ["en"] and data["license"] == "other"
    assert [c["config_name"] for c in data["configs"]] == list(CONFIG_NAMES)
    declared = {
        (c["config_name"], f["split"], f["path"]) for c in data["configs"] for f in c["data_files"]
    }
    assert declared == {(f.config, f.split, f.path) for f in result.files}
    infos = {info["config_name"]: info for info in data["dataset_info"]}
    for data_file in result.files:
        (split,) = infos[data_file.config]["splits"]
        assert split == {
            "name": "test",
            "num_bytes": data_file.arrow_bytes,
            "num_examples": data_file.rows,
        }


def test_statistics_in_the_card_are_counted_from_the_data(
    tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    result = build_dataset(corpus_records, tmp_path / "ds")
    table = _statistics(_card(tmp_path / "ds"))
    splits = result.splits  # in the order of the card's columns
    for index, split in enumerate(splits):
        entities = load_dataset(str(tmp_path / "ds"), "entities", split=split)
        events = load_dataset(str(tmp_path / "ds"), "events", split=split)
        stance = load_dataset(str(tmp_path / "ds"), "stance", split=split)
        documents = load_dataset(str(tmp_path / "ds"), "documents", split=split)
        labels = Counter(
            entities.features["entities"].feature["label"].names[e["label"]]
            for row in entities["entities"]
            for e in row
        )
        types = Counter(
            event_code(events.features["events"].feature["type"].names[e["type"]])
            for row in events["events"]
            for e in row
        )
        assert table["documents"][index] == documents.num_rows
        assert table["annotatable sentences"][index] == entities.num_rows
        assert table["tokens in annotatable sentences"][index] == sum(map(len, entities["tokens"]))
        assert table["rows: stance"][index] == stance.num_rows
        for label in ENTITY_TYPES:
            assert table[f"entity mentions: {label.code}"][index] == labels[label.code]
        for root in CAMEO_ROOTS:
            assert table[f"event mentions: {root.code} {root.name}"][index] == types[root.code]
        stance_labels = Counter(STANCE_LABELS[v] for v in stance["label"])
        for code in STANCE_LABELS:
            assert table[f"stance rows labelled {code}"][index] == stance_labels[code]
    for name, values in table.items():
        assert values[-1] == sum(values[:-1]), name


def test_seed_boilerplate_is_not_counted(tmp_path: Path, seed_record: GoldDocument) -> None:
    build_dataset([seed_record], tmp_path / "ds")
    table = _statistics(_card(tmp_path / "ds"))
    document = seed_record.document
    annotatable = document.annotatable_sentences()
    assert table["annotatable sentences"] == [len(annotatable)] * 2
    assert (
        table["sentences in excluded regions (no rows)"]
        == [len(document.sentences) - len(annotatable)] * 2
    )
    assert table["excluded regions (not counted above)"] == [1, 1]


def test_card_says_plainly_what_is_not_yet_known(tmp_path: Path, seed_record: GoldDocument) -> None:
    build_dataset([seed_record], tmp_path / "ds")
    card = _card(tmp_path / "ds")
    assert "Not yet measured (no `annotations/agreement.json`" in card
    assert "Not yet recorded (no `annotations/provenance.json`" in card
    assert "licence of the annotation layer" in card and "not yet declared" in card
    assert "Each article's text keeps its own licence" in card
    assert "| The Quint | 1 |" in card


def test_card_reads_agreement_and_provenance(tmp_path: Path, seed_record: GoldDocument) -> None:
    paths = ProjectPaths(tmp_path / "project")
    paths.annotations.mkdir(parents=True)
    agreement = {"entities": {"span_f1": 0.8123, "kappa": 0.75}, "annotators": ["a", "b"]}
    (paths.annotations / "agreement.json").write_text(json.dumps(agreement), encoding="utf-8")
    provenance = {
        "annotations_creators": ["expert-generated"],
        "annotation_process": "Two passes by the project's annotators, then adjudication.",
        "annotation_license": "CC-BY-4.0",
    }
    (paths.annotations / "provenance.json").write_text(json.dumps(provenance), encoding="utf-8")
    (paths.annotations / "GUIDELINES.md").write_text("# Guidelines\n", encoding="utf-8")
    build_dataset([seed_record], tmp_path / "ds", card_inputs=CardInputs.from_project(paths))
    card = _card(tmp_path / "ds")
    assert "| entities.span_f1 | 0.8123 |" in card and '| annotators | ["a", "b"] |' in card
    assert "Two passes by the project's annotators" in card
    assert "released under CC-BY-4.0" in card
    assert "`annotations/GUIDELINES.md`" in card
    assert _header(card)["annotations_creators"] == ["expert-generated"]


def test_malformed_agreement_file_is_named(tmp_path: Path) -> None:
    paths = ProjectPaths(tmp_path)
    paths.annotations.mkdir(parents=True)
    (paths.annotations / "agreement.json").write_text("[1, 2]", encoding="utf-8")
    from newsgold.errors import InputError

    with pytest.raises(InputError, match=r"agreement.json: expected a JSON object, got list"):
        CardInputs.from_project(paths)


def test_project_card_shows_the_recorded_agreement(tmp_path: Path) -> None:
    """Agreement figures come from annotations/agreement.json, never typed by hand."""
    from newsgold.agreement import headline_figures

    build_project_dataset(REPO_ROOT, out_dir=tmp_path / "ds")
    card = _card(tmp_path / "ds")
    agreement = json.loads(
        (REPO_ROOT / "annotations" / "agreement.json").read_text(encoding="utf-8")
    )
    section = card.split("### Agreement\n", 1)[1].split("\n## ", 1)[0]
    rows = {
        cells[0]: cells[1:]
        for line in section.splitlines()
        if line.startswith("| ") and (cells := [c.strip() for c in line.strip("|").split("|")])
    }
    for name, value in headline_figures(agreement):
        assert float(rows[name][0]) == round(value, 4), name
    for label, figures in agreement["entities"]["strict"]["per_type"].items():
        assert [float(x) for x in rows[label]] == [
            round(figures[k], 4) for k in ("precision", "recall", "f1")
        ]
    assert f"`{agreement['signature']}`" in section
