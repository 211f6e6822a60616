"""Configs, tasks and export checks without a server."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from label_studio_sdk.label_interface import LabelInterface

from labelstudio.ls_data import EMOJI_TARGETS, emoji_document, emoji_records
from newsgold.errors import InputError
from newsgold.labelstudio.chunks import document_chunks
from newsgold.labelstudio.config import LAYERS, labeling_config, validate_labeling_config
from newsgold.labelstudio.convert import convert_export
from newsgold.labelstudio.encode import to_label_studio_annotations
from newsgold.labelstudio.tasks import to_label_studio_tasks, write_task_files

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("layer", LAYERS)
def test_committed_config_equals_generator_and_sdk_accepts_it(layer: str) -> None:
    committed = (REPO / "annotations" / "labelstudio" / f"{layer}.xml").read_text(encoding="utf-8")
    assert committed == labeling_config(layer)
    LabelInterface(committed).validate()


def test_invalid_config_is_rejected_with_the_sdk_message() -> None:
    bad = '<View><Labels name="a" toName="missing"><Label value="X"/></Labels></View>'
    with pytest.raises(InputError, match=r"invalid Label Studio config: .*missing"):
        validate_labeling_config(bad)


def test_chunks_leave_out_excluded_paragraphs() -> None:
    doc = emoji_document()
    (chunk,) = document_chunks(doc)
    assert (chunk.start, chunk.end) == (0, doc.excluded[0].start - 1)


@pytest.mark.parametrize("layer", LAYERS)
def test_predictions_pass_the_sdk_validation_with_unique_region_ids(layer: str) -> None:
    doc = emoji_document()
    gold = emoji_records(doc, "gold")
    (task,) = to_label_studio_tasks(
        layer,
        [doc],
        gold_entities={doc.id: gold},
        stance_targets=EMOJI_TARGETS,
        predictions=[gold],
        model_version="m1",
    ).tasks
    (prediction,) = task["predictions"]
    assert (
        LabelInterface(labeling_config(layer)).validate_prediction(prediction, return_errors=True)
        == []
    )
    labelled = [item["id"] for item in prediction["result"] if item["type"] == "labels"]
    assert len(labelled) == len(set(labelled))
    assert task["data"]["offset"] == 0 and task["data"]["doc_id"] == doc.id


def test_task_files_are_byte_identical_for_equal_input(tmp_path: Path) -> None:
    doc = emoji_document()
    write_task_files(tmp_path / "a", [doc], stance_targets=EMOJI_TARGETS)
    write_task_files(tmp_path / "b", [doc], stance_targets=EMOJI_TARGETS)
    for layer in LAYERS:
        assert (tmp_path / "a" / f"{layer}.json").read_bytes() == (
            tmp_path / "b" / f"{layer}.json"
        ).read_bytes()


def _export(layer: str) -> list[dict[str, Any]]:
    doc = emoji_document()
    ((_chunk, result),) = to_label_studio_annotations(layer, emoji_records(doc, "alice"), doc)
    (task,) = to_label_studio_tasks(layer, [doc], stance_targets=EMOJI_TARGETS).tasks
    return [
        {
            "id": 7,
            "data": task["data"],
            "annotations": [{"id": 1, "completed_by": 3, "result": result, "was_cancelled": False}],
        }
    ]


def _item(export: list[dict[str, Any]], item_id: str, control: str) -> dict[str, Any]:
    return next(
        i
        for i in export[0]["annotations"][0]["result"]
        if i.get("id") == item_id and i.get("from_name") == control
    )


def _shift_past_chunk(export: list[dict[str, Any]]) -> None:
    _item(export, "e-sanders", "entity")["value"]["end"] = 10_000


def _overlap(export: list[dict[str, Any]]) -> None:
    extra = copy.deepcopy(_item(export, "e-kim", "entity"))
    extra["id"] = "e-kim2"
    extra["value"].update({"start": 1, "end": 6, "text": "im 😀 "})
    export[0]["annotations"][0]["result"].append(extra)


def _bad_role(export: list[dict[str, Any]]) -> None:
    relation = next(i for i in export[0]["annotations"][0]["result"] if i["type"] == "relation")
    relation["to_id"], relation["labels"] = "e-sunday", ["SOURCE"]


def _excluded_text(export: list[dict[str, Any]]) -> None:
    export[0]["data"]["text"] += "\nSubscribe"


def _unknown_target(export: list[dict[str, Any]]) -> None:
    _item(export, "s-1", "target")["value"]["choices"] = ["aliens"]


CORRUPTIONS = [
    ("entities", _shift_past_chunk, "e-sanders", "crosses the chunk edge"),
    ("entities", _overlap, "e-kim2", "overlaps entity 'e-kim'"),
    (
        "events",
        _bad_role,
        "relation v-praised->e-sunday",
        "role SOURCE does not allow entity type DATE",
    ),
    ("events", _excluded_text, None, "not one of its annotatable chunks"),
    ("stance", _unknown_target, "s-1", "unknown target 'aliens'"),
]


@pytest.mark.parametrize(("layer", "corrupt", "item", "reason"), CORRUPTIONS)
def test_corruption_is_reported_with_task_annotator_and_reason(
    layer: str, corrupt: Any, item: str | None, reason: str
) -> None:
    doc = emoji_document()
    export = _export(layer)
    clean = convert_export(layer, export, documents={doc.id: doc}, stance_targets=EMOJI_TARGETS)
    assert clean.problems == []
    corrupt(export)
    conversion = convert_export(
        layer, export, documents={doc.id: doc}, stance_targets=EMOJI_TARGETS
    )
    matching = [p for p in conversion.problems if reason in p.reason]
    assert matching, [p.format() for p in conversion.problems]
    assert (matching[0].task_id, matching[0].annotator, matching[0].item) == (7, "3", item)


def test_validate_cli_lists_problems_and_exits_1(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgold.cli import app
    from newsgold.corpus import write_corpus

    doc = emoji_document()
    write_corpus(tmp_path / "corpus", [doc])
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "stance_targets.json").write_text(
        json.dumps({k: [t.to_dict() for t in v] for k, v in EMOJI_TARGETS.items()}),
        encoding="utf-8",
    )
    export = _export("events")
    _bad_role(export)
    path = tmp_path / "events.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path), "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert "task 7, annotator 3, item relation v-praised->e-sunday: role SOURCE" in result.output
