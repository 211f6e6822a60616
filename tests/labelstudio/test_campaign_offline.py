"""Campaign pieces that need no server: one URL rule for every command, splitting an
export per annotator, progress counts, and the credentials file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from labelstudio.ls_data import EMOJI_ID, EMOJI_TARGETS, emoji_document, emoji_records
from newsgold.errors import InputError
from newsgold.labelstudio.annotators import (
    AnnotatorAccount,
    AnnotatorRegistry,
    check_annotator_name,
)
from newsgold.labelstudio.campaign import project_progress, split_export
from newsgold.labelstudio.encode import to_label_studio_annotations
from newsgold.labelstudio.server import label_studio_port, label_studio_url


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        (None, {}, "http://127.0.0.1:8080"),
        (None, {"LABEL_STUDIO_PORT": "18765"}, "http://127.0.0.1:18765"),
        (None, {"LABEL_STUDIO_URL": "http://127.0.0.1:9001/"}, "http://127.0.0.1:9001"),
        (
            None,
            {"LABEL_STUDIO_URL": "http://127.0.0.1:9001", "LABEL_STUDIO_PORT": "18765"},
            "http://127.0.0.1:9001",
        ),
        ("http://127.0.0.1:7000", {"LABEL_STUDIO_URL": "http://x:1"}, "http://127.0.0.1:7000"),
    ],
)
def test_one_url_rule(
    monkeypatch: pytest.MonkeyPatch, explicit: str | None, env: dict[str, str], expected: str
) -> None:
    for name in ("LABEL_STUDIO_URL", "LABEL_STUDIO_PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert label_studio_url(explicit) == expected
    if explicit is None:  # serve listens where every other command looks
        assert label_studio_port() == int(expected.rsplit(":", 1)[1])


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("LABEL_STUDIO_PORT", "80a", "expected a port number"),
        ("LABEL_STUDIO_URL", "127.0.0.1:8080", "expected http"),
        ("LABEL_STUDIO_URL", "http://127.0.0.1:99999", "expected http"),
    ],
)
def test_bad_url_settings_are_one_clear_error(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.setenv(name, value)
    with pytest.raises(InputError, match=f"field '{name}': {message}"):
        label_studio_url()


def test_push_reads_the_port_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from newsgold.cli import app
    from newsgold.corpus import write_corpus

    write_corpus(tmp_path / "corpus", [emoji_document()])
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    result = CliRunner().invoke(
        app, ["labelstudio", "push", "--root", str(tmp_path)], env={"LABEL_STUDIO_PORT": "1"}
    )
    assert result.exit_code != 0
    assert "no Label Studio answers at http://127.0.0.1:1" in str(result.exception)


@pytest.mark.parametrize("name", ["Alice", "1ann", "a b", "x" * 41, "", "al/ice"])
def test_annotator_names_are_safe_folder_and_user_names(name: str) -> None:
    with pytest.raises(InputError, match="annotator name"):
        check_annotator_name(name)


def test_credentials_file_is_private_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / ".labelstudio" / "annotators.json"
    registry = AnnotatorRegistry(path)
    registry.put("http://h:1", AnnotatorAccount("alice", 3, "alice@newsgold.local", "pw", "tok"))
    registry.save()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = AnnotatorRegistry(path)
    assert again.get("http://h:1", "alice").token == "tok"
    assert again.names_by_user_id("http://h:1") == {3: "alice"}
    with pytest.raises(InputError, match=r"no annotator 'bob'.*annotators add bob"):
        again.get("http://h:1", "bob")


def test_broken_credentials_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "annotators.json"
    path.write_text('{"servers": {"http://h:1": {"alice": {"email": "a"}}}}', encoding="utf-8")
    with pytest.raises(InputError, match=r"annotators\.json: server http://h:1, annotator alice"):
        AnnotatorRegistry(path)


def _export() -> list[dict[str, object]]:
    """A stance export of the emoji task: alice (3) and bob (4) annotated, carol (5) skipped."""
    document = emoji_document()
    annotations = []
    for number, (user, name) in enumerate(((3, "alice"), (4, "bob")), start=1):
        ((_, result),) = to_label_studio_annotations(
            "stance", emoji_records(document, name), document
        )
        annotations.append(
            {"id": number, "completed_by": user, "result": result, "was_cancelled": False}
        )
    annotations.append({"id": 3, "completed_by": 5, "result": [], "was_cancelled": True})
    data = {
        "doc_id": document.id,
        "offset": 0,
        "text": document.text[: document.excluded[0].start - 1],
    }
    return [{"id": 7, "annotations": annotations, "drafts": [], "predictions": [], "data": data}]


def test_split_export_keeps_each_annotators_annotations_only() -> None:
    raw = json.dumps(_export()).encode("utf-8")
    names = {3: "alice", 4: "bob"}
    parts = split_export(raw, names)
    assert sorted(parts) == ["alice", "bob", "user5"]
    (alice_task,) = json.loads(parts["alice"])
    assert [a["completed_by"] for a in alice_task["annotations"]] == [3]
    assert alice_task["data"] == _export()[0]["data"]
    assert split_export(raw, names) == parts  # deterministic


def test_progress_counts_done_skipped_left_and_agreement() -> None:
    document = emoji_document()
    progress = project_progress(
        "stance",
        1,
        2,
        _export(),  # type: ignore[arg-type]
        {3: "alice", 4: "bob", 5: "carol"},
        documents={document.id: document},
        stance_targets=EMOJI_TARGETS,
        annotators=["alice", "bob", "carol", "dave"],
    )
    counts = {name: vars(p) for name, p in progress.annotators.items()}
    assert counts == {
        "alice": {"done": 1, "skipped": 0, "left": 0},
        "bob": {"done": 1, "skipped": 0, "left": 0},
        "carol": {"done": 0, "skipped": 1, "left": 0},
        "dave": {"done": 0, "skipped": 0, "left": 0},  # the task has its two annotators
    }
    assert (progress.tasks, progress.complete) == (1, 1)
    (row,) = progress.agreement
    assert row["annotators"] == ["alice", "bob"] and row["triple F1"] == pytest.approx(0.5)


def test_targets_add_writes_the_file_atomically_in_its_layout(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgold.cli import app
    from newsgold.corpus import write_corpus

    write_corpus(tmp_path / "corpus", [emoji_document()])
    doc = emoji_document().id
    runner = CliRunner()
    args = ["targets", "add", doc, "diplomacy", "--root", str(tmp_path)]
    result = runner.invoke(app, [*args, "--name", "Leader diplomacy", "--description", "Talks."])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, [*args, "--name", "Leader diplomacy", "--description", "Talks."])
    assert "already declared" in again.output
    path = tmp_path / "annotations" / "stance_targets.json"
    assert path.read_text(encoding="utf-8") == (
        "{\n"
        f'  "{doc}": [\n'
        "    {\n"
        '      "id": "diplomacy",\n'
        '      "name": "Leader diplomacy",\n'
        '      "description": "Talks."\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )
    listed = runner.invoke(app, ["targets", "list", "--root", str(tmp_path)])
    assert "diplomacy" in listed.output


@pytest.mark.parametrize(
    ("doc_id", "target_id", "name", "message"),
    [
        ("nosuchdoc", "diplomacy", "x", "document 'nosuchdoc' is not in the corpus"),
        (EMOJI_ID, "Bad Id", "x", "is not a lowercase slug"),
        (EMOJI_ID, "diplomacy", " ", "field '--name': expected a non-empty text"),
        (EMOJI_ID, "diplomacy", "Other", "already declares target 'diplomacy'"),
    ],
)
def test_targets_add_refuses_bad_input_and_leaves_the_file(
    tmp_path: Path, doc_id: str, target_id: str, name: str, message: str
) -> None:
    from newsgold.atomic import atomic_write_json
    from newsgold.errors import NewsgoldError
    from newsgold.records import StanceTarget
    from newsgold.stance_targets import add_stance_target

    path = tmp_path / "stance_targets.json"
    atomic_write_json(path, {EMOJI_ID: [EMOJI_TARGETS[EMOJI_ID][0].to_dict()]})
    before = path.read_bytes()
    with pytest.raises(NewsgoldError, match=message):
        add_stance_target(
            path,
            doc_id,
            StanceTarget(target_id, name, "d"),
            known_documents=[EMOJI_ID],
        )
    assert path.read_bytes() == before


def test_layers_drawn_in_separate_projects_load_as_one_annotators_record(tmp_path: Path) -> None:
    """In the UI every project gives a region its own id: the events and stance layers'
    entities are related to the entities layer by span and label, and relinked."""
    from dataclasses import replace

    from newsgold.gold import load_annotation_folder

    document = emoji_document()
    record = emoji_records(document, "alice")
    renamed = replace(
        record,
        entities=[replace(m, id=f"ui-{m.id}") for m in record.entities],
        events=[
            replace(
                e, arguments=tuple(replace(a, entity_id=f"ui-{a.entity_id}") for a in e.arguments)
            )
            for e in record.events
        ],
        stances=[
            replace(s, holder_id=None if s.holder_id is None else f"ui-{s.holder_id}")
            for s in record.stances
        ],
    )
    folder = tmp_path / "alice"
    folder.mkdir()
    for layer, source in (("entities", record), ("events", renamed), ("stance", renamed)):
        ((chunk, result),) = to_label_studio_annotations(layer, source, document)
        data = {
            "doc_id": document.id,
            "offset": chunk.start,
            "text": document.text[chunk.start : chunk.end],
        }
        task = {
            "id": 1,
            "data": data,
            "annotations": [{"id": 1, "completed_by": 3, "result": result}],
        }
        (folder / f"{layer}.json").write_text(json.dumps([task]), encoding="utf-8")
    loaded = load_annotation_folder(
        folder, "alice", documents={document.id: document}, stance_targets=EMOJI_TARGETS
    )
    assert loaded == {document.id: record}


def test_ml_backend_answers_the_label_studio_contract() -> None:
    from starlette.testclient import TestClient

    from newsgold.labelstudio.config import labeling_config
    from newsgold.ml_backend import PreAnnotator, create_app

    class Persons:
        name = "persons"
        layers = ("entities",)

        def predict(self, document: object, stance_targets: object) -> dict[str, object]:
            return {"entities": [{"start": 0, "end": 3, "label": "PER"}]}

    document = emoji_document()
    client = TestClient(create_app(PreAnnotator(Persons(), {document.id: document})))
    assert client.get("/health").json()["status"] == "UP"
    assert client.post("/setup", json={"project": "1.0"}).json() == {"model_version": "persons"}
    text = document.text[: document.excluded[0].start - 1]
    tasks = [
        {"id": 1, "data": {"doc_id": document.id, "offset": 0, "text": text}},
        {"id": 2, "data": {"doc_id": "unknown", "offset": 0, "text": "x"}},
    ]
    answer = client.post(
        "/predict", json={"tasks": tasks, "label_config": labeling_config("entities")}
    ).json()
    assert answer["model_version"] == "persons"
    first, second = answer["results"]
    ((kim,),) = [[r for r in first["result"] if r["type"] == "labels"]]
    assert kim["value"] == {"start": 0, "end": 3, "text": "Kim", "labels": ["PER"]}
    assert second["result"] == [] and "document 'unknown' is unknown" in answer["errors"][0]
    assert client.post("/predict", json={"nope": 1}).status_code == 400
