"""Against a real Label Studio server (session fixture `label_studio`): push, annotate
through the API as annotators would, export, convert, compare exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from labelstudio.ls_data import EMOJI_TARGETS, emoji_document, emoji_records
from newsgold.corpus.document import Document
from newsgold.gold import load_annotation_folder
from newsgold.labelstudio.client import (
    ensure_annotator,
    export_project,
    find_project,
    import_annotation_records,
    push_tasks,
    user_names,
)
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.convert import convert_export
from newsgold.labelstudio.encode import to_label_studio_annotations
from newsgold.labelstudio.export import parse_export
from newsgold.labelstudio.tasks import GOLD_ENTITIES_VERSION, to_label_studio_tasks
from newsgold.labelstudio.validate import validate_export_folder
from newsgold.records import DocumentAnnotations

pytestmark = pytest.mark.labelstudio


@pytest.fixture(scope="module")
def document() -> Document:
    return emoji_document()


@pytest.fixture(scope="module")
def pushed(ls_client: Any, document: Document) -> dict[str, Any]:
    """The three projects with gold entities (alice's) pre-annotated; bob and alice annotate."""
    gold = emoji_records(document, "gold")
    results: dict[str, Any] = {}
    for layer in LAYERS:
        tasks = to_label_studio_tasks(
            layer, [document], gold_entities={document.id: gold}, stance_targets=EMOJI_TARGETS
        ).tasks
        results[layer] = push_tasks(ls_client, layer, tasks)
        results[f"{layer}-tasks"] = tasks
    alice = ensure_annotator(ls_client, "alice")
    bob = ensure_annotator(ls_client, "bob")
    for layer in LAYERS:
        project_id = results[layer].project_id
        (task,) = list(ls_client.tasks.list(project=project_id))
        for user_id, name in ((alice, "alice"), (bob, "bob")):
            records = emoji_records(document, name)
            ((_, result),) = to_label_studio_annotations(layer, records, document)
            ls_client.annotations.create(task.id, result=result, completed_by=user_id)
        admin = ls_client.users.whoami().id
        ls_client.annotations.create(task.id, result=[], was_cancelled=True, completed_by=admin)
    return results


def test_push_creates_three_projects_with_gold_entity_predictions(
    ls_client: Any, pushed: dict[str, Any]
) -> None:
    for layer in LAYERS:
        project = ls_client.projects.get(pushed[layer].project_id)
        assert project.title == f"newsgold {layer}"
        predictions = ls_client.predictions.list(project=project.id)
        if layer == "entities":
            assert predictions == []
        else:
            (prediction,) = predictions
            assert prediction.model_version == GOLD_ENTITIES_VERSION
            ids = {item["id"] for item in prediction.result}
            assert ids == {"e-kim", "e-trump", "e-hanoi", "e-sunday", "e-sanders"}


def test_pushing_twice_creates_no_duplicates(ls_client: Any, pushed: dict[str, Any]) -> None:
    for layer in LAYERS:
        again = push_tasks(ls_client, layer, pushed[f"{layer}-tasks"])
        assert (again.created, again.tasks_added, again.predictions_replaced) == (False, 0, 0)
        assert again.project_id == pushed[layer].project_id
        assert len(list(ls_client.tasks.list(project=again.project_id))) == 1
    titles = [p.title for p in ls_client.projects.list() if p.title.startswith("newsgold ")]
    assert sorted(titles) == sorted(set(titles))


@pytest.mark.parametrize("layer", LAYERS)
def test_round_trip_through_the_api_is_exact(
    ls_client: Any, pushed: dict[str, Any], document: Document, layer: str
) -> None:
    raw = export_project(ls_client, pushed[layer].project_id)
    conversion = convert_export(
        layer,
        parse_export(raw),
        documents={document.id: document},
        stance_targets=EMOJI_TARGETS,
        annotator_names=user_names(ls_client),
    )
    assert conversion.problems == []
    assert (conversion.tasks, conversion.annotation_count, conversion.cancelled) == (1, 3, 1)
    by_annotator = {record.annotator: record for record in conversion.annotations}
    assert sorted(by_annotator) == ["alice", "bob"]
    for name, record in by_annotator.items():
        expected = emoji_records(document, name)
        if layer == "entities":
            assert record.entities == expected.entities
        elif layer == "events":
            assert record.events == expected.events
        else:
            assert record.stances == expected.stances
    # Label Studio 1.23 stores code points (see offsets.LABEL_STUDIO_OFFSET_UNIT): after
    # the emoji, UTF-16 would say 24 for Hanoi; the export must say 23
    (task,) = json.loads(raw)
    hanoi = next(
        item
        for annotation in task["annotations"]
        for item in annotation["result"]
        if item.get("id") == "e-hanoi" and item["from_name"] == "entity"
    )
    assert (hanoi["value"]["start"], document.text.index("Hanoi")) == (23, 23)


def test_import_annotation_records_writes_real_exports_that_load_back(
    ls_client: Any, document: Document, tmp_path: Path
) -> None:
    records = emoji_records(document, "carol")
    out = tmp_path / "passes" / "carol"
    saved = import_annotation_records(
        ls_client,
        [records],
        pass_name="carol",
        documents={document.id: document},
        stance_targets=EMOJI_TARGETS,
        out_dir=out,
    )
    assert sorted(saved) == sorted(LAYERS)
    first = {layer: path.read_bytes() for layer, path in saved.items()}
    # again: the annotation is replaced, not duplicated
    import_annotation_records(
        ls_client,
        [records],
        pass_name="carol",
        documents={document.id: document},
        stance_targets=EMOJI_TARGETS,
        out_dir=out,
    )
    for layer in LAYERS:
        (task,) = json.loads((out / f"{layer}.json").read_bytes())
        assert len(task["annotations"]) == 1
        assert json.loads(first[layer])[0]["data"] == task["data"]
    loaded = load_annotation_folder(
        out, "carol", documents={document.id: document}, stance_targets=EMOJI_TARGETS
    )
    assert loaded == {document.id: DocumentAnnotations.from_dict(records.to_dict())}
    assert find_project(ls_client, "newsgold events · pass carol") is not None


def test_corrupted_export_is_rejected_item_by_item(
    ls_client: Any, pushed: dict[str, Any], document: Document, tmp_path: Path
) -> None:
    names = user_names(ls_client)
    exports = {
        layer: json.loads(export_project(ls_client, pushed[layer].project_id)) for layer in LAYERS
    }

    def alice(layer: str) -> dict[str, Any]:
        return next(
            a
            for a in exports[layer][0]["annotations"]
            if names[a["completed_by"]] == "alice" and not a["was_cancelled"]
        )

    entities = alice("entities")["result"]
    kim = next(i for i in entities if i["id"] == "e-kim" and i["type"] == "labels")
    kim["value"]["start"] += 1  # edited offsets: value.text no longer matches
    trump = next(i for i in entities if i["id"] == "e-trump")
    trump["value"]["labels"] = ["POLITICIAN"]  # unknown label
    events = alice("events")["result"]
    events.append(
        {
            "from_id": "v-praised",
            "to_id": "e-nobody",
            "type": "relation",
            "direction": "right",
            "labels": ["TARGET"],
        }
    )  # dangling relation
    conversions = {
        layer: convert_export(
            layer, exports[layer], documents={document.id: document}, annotator_names=names
        )
        for layer in ("entities", "events")
    }
    task_id = exports["entities"][0]["id"]
    reasons = [(p.task_id, p.annotator, p.item) for p in conversions["entities"].problems]
    # kim's label region, trump's label region, then kim's per-region key (its region is gone)
    assert reasons == [
        (task_id, "alice", "e-kim"),
        (task_id, "alice", "e-trump"),
        (task_id, "alice", "e-kim"),
    ]
    assert conversions["entities"].problems[2].reason == "entity_key belongs to a rejected region"
    assert "does not equal the text at the converted offsets" in (
        conversions["entities"].problems[0].reason
    )
    assert "unknown label 'POLITICIAN'" in conversions["entities"].problems[1].reason
    (dangling,) = conversions["events"].problems
    assert (dangling.annotator, dangling.reason) == (
        "alice",
        "relation to missing region 'e-nobody'",
    )
    # bob's annotations are untouched by alice's corruption
    bob_entities = next(r for r in conversions["entities"].annotations if r.annotator == "bob")
    assert bob_entities.entities == emoji_records(document, "bob").entities
    # a folder check on the corrupted files reports the same items
    folder = tmp_path / "corrupt"
    folder.mkdir()
    for layer in LAYERS:
        (folder / f"{layer}.json").write_text(json.dumps(exports[layer]), encoding="utf-8")
    check = validate_export_folder(
        folder, documents={document.id: document}, stance_targets=EMOJI_TARGETS, one_annotator=False
    )
    assert len(check.conversions["entities"].problems) == 3
    assert len(check.conversions["events"].problems) == 1


def test_pull_cli_saves_raw_exports_then_writes_a_pass_per_annotator(
    ls_client: Any,
    label_studio: Any,
    ls_credentials: dict[str, str],
    pushed: dict[str, Any],
    document: Document,
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from newsgold.atomic import atomic_write_json
    from newsgold.cli import app
    from newsgold.corpus import write_corpus
    from newsgold.labelstudio.client import fetch_exports
    from newsgold.records import read_annotations_jsonl

    write_corpus(tmp_path / "corpus", [document])
    atomic_write_json(
        tmp_path / "annotations" / "stance_targets.json",
        {doc: [t.to_dict() for t in targets] for doc, targets in EMOJI_TARGETS.items()},
    )
    result = CliRunner().invoke(
        app,
        [
            "labelstudio",
            "pull",
            "--root",
            str(tmp_path),
            "--url",
            label_studio.url,
            "--api-key",
            ls_credentials["token"],
        ],
    )
    assert result.exit_code == 0, result.output
    expected = fetch_exports(ls_client)
    for layer in LAYERS:  # kept exactly as Label Studio sent them
        saved = tmp_path / "annotations" / "exports" / f"{layer}.json"
        assert saved.read_bytes() == expected[layer]
    passes = tmp_path / "annotations" / "passes"
    # the admin only skipped: their pass holds the cancelled annotations
    assert sorted(p.name for p in passes.iterdir()) == ["admin", "alice", "bob"]
    for name in ("alice", "bob"):
        (record,) = read_annotations_jsonl(tmp_path / "build" / "labelstudio" / f"{name}.jsonl")
        assert record.annotator == name
        assert record == emoji_records(document, name)
    # --pass takes one annotator's work only
    only = CliRunner().invoke(
        app,
        [
            "labelstudio",
            "pull",
            "--root",
            str(tmp_path),
            "--pass",
            "alice",
            "--url",
            label_studio.url,
            "--api-key",
            ls_credentials["token"],
        ],
    )
    assert only.exit_code == 0, only.output
    assert "bob" not in only.output
