"""The card's rights and people sections, its offline validation, and field names that
mean the same thing being spelled the same in every config."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from datasets import load_dataset
from huggingface_hub import DatasetCard

from newsgold.corpus.splits import load_split_policy
from newsgold.dataset import (
    CONFIG_NAMES,
    CardInputs,
    GoldDocument,
    build_dataset,
)
from newsgold.dataset.card_schema import _walk
from newsgold.dataset.card_sections import bibtex, validate_card
from newsgold.dataset.features import TRIGGER_TAGS, config_features
from newsgold.scoring import decode_tags

PROVENANCE = {
    "annotation_license": "CC-BY-4.0",
    "annotations_creators": ["machine-generated"],
    "citation": "@misc{x,\n  year = {2026}\n}",
}


@pytest.fixture
def records(licensed_records: list[GoldDocument]) -> list[GoldDocument]:
    return licensed_records


@pytest.fixture
def card(tmp_path: Path, records: list[GoldDocument]) -> str:
    build_dataset(records, tmp_path / "ds", card_inputs=CardInputs(provenance=PROVENANCE))
    return (tmp_path / "ds" / "README.md").read_text(encoding="utf-8")


def test_card_parses_as_hub_card_data_with_a_license_link(card: str, tmp_path: Path) -> None:
    validate_card(card)
    data = DatasetCard(card).data.to_dict()
    assert (data["license"], data["license_link"]) == ("other", "LICENSE.md")
    assert (tmp_path / "ds" / "LICENSE.md").is_file()


def test_validation_names_what_is_missing(card: str) -> None:
    with pytest.raises(ValueError, match="license 'other' needs license_name and license_link"):
        validate_card(card.replace("license_link: LICENSE.md\n", ""))
    with pytest.raises(ValueError, match="missing section '## Curators'"):
        validate_card(card.replace("\n## Curators\n", "\n## Someone\n"))


def test_every_document_listed_with_licence_and_attribution(
    card: str, records: list[GoldDocument], tmp_path: Path
) -> None:
    licence_file = (tmp_path / "ds" / "LICENSE.md").read_text(encoding="utf-8")
    for record in records:
        document = record.document
        row = next(
            line
            for line in card.splitlines()
            if line.startswith(f"| {document.id} | test | {document.license}")
        )
        assert document.attribution in row
        assert document.id in licence_file and document.attribution in licence_file
    assert "[CC-BY-2.5](https://creativecommons.org/licenses/by/2.5/)" in licence_file
    assert "This copy was built with every text included. 1 listed document(s)" in card


def test_one_example_per_config_as_json(card: str) -> None:
    section = card.split("\n## Example instances\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"### `(\w+)`\n\n```json\n(.*?)\n```", section, flags=re.S)
    assert [name for name, _ in blocks] == list(CONFIG_NAMES)
    examples = {name: json.loads(body) for name, body in blocks}
    assert examples["entities"]["entities"] and examples["events"]["events"]
    assert examples["stance"]["label"] in ("FAVOR", "AGAINST")  # names, not indices
    assert re.fullmatch(r"\d\d .+", examples["events"]["events"][0]["type"])


def test_people_curators_and_a_complete_bibtex(card: str) -> None:
    assert "\n## Personal and sensitive information\n" in card
    assert "\n## Curators\n" in card
    entry = bibtex(CardInputs(provenance=PROVENANCE))
    assert entry in card
    for name in ("author", "title", "year", "version", "howpublished", "note"):
        assert re.search(rf"^  {name}\s+= \{{.+\}},?$", entry, flags=re.M), name
    assert "year         = {2026}" in entry


def test_per_split_counts_per_event_type_with_names(
    tmp_path: Path, corpus_records: list[GoldDocument]
) -> None:
    result = build_dataset(corpus_records[:30], tmp_path / "ds")
    card = (tmp_path / "ds" / "README.md").read_text(encoding="utf-8")
    header = next(line for line in card.splitlines() if line.startswith("| count |"))
    order = [s for s in load_split_policy().split_names if s in result.statistics.splits]
    assert len(order) > 1  # generic over split names: whatever the declaration names
    assert header == "| count | " + " | ".join([*order, "total"]) + " |"
    assert "| event mentions: 04 Consult |" in card
    assert "| stance rows labelled FAVOR |" in card
    assert "| entity mentions: PER |" in card


def _paths(config: str) -> set[str]:
    return {path.rsplit(".", 1)[-1].replace("[]", "") for path, _ in _walk(config_features(config))}


def test_same_names_for_the_same_things_in_every_config() -> None:
    names = set().union(*(_paths(config) for config in CONFIG_NAMES))
    assert not names & {"polarity", "target_id", "target_name_id"}
    assert "label" in _paths("stance") and "target" in _paths("stance")


def test_events_config_has_tokens_and_trigger_tags(
    tmp_path: Path, seed_record: GoldDocument
) -> None:
    build_dataset([seed_record], tmp_path / "ds")
    events = load_dataset(str(tmp_path / "ds"), "events", split="test")
    names = events.features["trigger_tags"].feature.names
    assert names == list(TRIGGER_TAGS)
    assert events.features["events"].feature["type"].names[3] == "04 Consult"
    triggers, decoded = [], []
    for row in events:
        assert len(row["tokens"]) == len(row["token_offsets"]) == len(row["trigger_tags"])
        spans, _ = decode_tags([[names[t] for t in row["trigger_tags"]]], "IOB2")
        offsets = row["token_offsets"]
        decoded += [(offsets[s]["start"], offsets[e - 1]["end"], label) for _, s, e, label in spans]
        triggers += [(e["start"], e["end"], e["type"]) for e in row["events"]]
    type_names = events.features["events"].feature["type"].names
    gold = sorted((s, e, type_names[t].split(" ")[0]) for s, e, t in triggers)
    assert sorted(set(decoded)) == sorted(set(gold))
