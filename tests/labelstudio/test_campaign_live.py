"""An annotation campaign against a real Label Studio server of this module's own:
annotator accounts, push --overlap, import-annotations as each annotator, status, pull
into one pass per annotator, then agreement and adjudication on those passes."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from labelstudio.ls_data import EMOJI_TARGETS, emoji_document, emoji_records
from newsgold.atomic import atomic_write_json
from newsgold.cli import app
from newsgold.corpus import document_id, write_corpus
from newsgold.labelstudio.annotators import AnnotatorRegistry
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.server import LabelStudioServer
from newsgold.records import read_annotations_jsonl, write_annotations_jsonl

pytestmark = pytest.mark.labelstudio

ANNOTATORS = ("alice", "bob")

OTHER_TAIL = "\nA document without stance targets."
OTHER_ID = document_id(emoji_document().text + OTHER_TAIL)


TEST_TOKEN = "newsgold-test-token-0123456789"  # tests/conftest.py


@pytest.fixture(scope="module")
def server(own_label_studio: LabelStudioServer) -> LabelStudioServer:
    return own_label_studio


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A newsgold project: the emoji document, a document without targets, targets."""
    root = tmp_path_factory.mktemp("campaign")
    document = emoji_document()
    # another text, so another content id (a corpus id is the hash of its text)
    other = dataclasses.replace(document, id=OTHER_ID, text=document.text + OTHER_TAIL)
    write_corpus(root / "corpus", [document, other])
    atomic_write_json(
        root / "annotations" / "stance_targets.json",
        {doc: [t.to_dict() for t in targets] for doc, targets in EMOJI_TARGETS.items()},
    )
    return root


def newsgold(root: Path, server: LabelStudioServer, *args: str) -> Any:
    """Run the CLI with the server given only by the environment, as users do."""
    result = CliRunner().invoke(
        app,
        [*args, "--root", str(root)],
        env={"LABEL_STUDIO_URL": server.url, "LABEL_STUDIO_API_KEY": TEST_TOKEN},
    )
    assert result.exit_code == 0, (result.output, result.exception)
    return result


@pytest.fixture(scope="module")
def campaign(server: LabelStudioServer, project_root: Path) -> dict[str, Any]:
    """Two annotators, projects with overlap 2, each annotator's records submitted."""
    out: dict[str, Any] = {}
    newsgold(project_root, server, "labelstudio", "annotators", "add", *ANNOTATORS)
    out["push"] = newsgold(project_root, server, "labelstudio", "push", "--overlap", "2")
    document = emoji_document()
    for name in ANNOTATORS:
        path = project_root / f"{name}.jsonl"
        write_annotations_jsonl(path, [emoji_records(document, name)])
        newsgold(
            project_root,
            server,
            "labelstudio",
            "import-annotations",
            str(path),
            "--annotator",
            name,
        )
    return out


def _admin(server: LabelStudioServer) -> Any:
    from newsgold.labelstudio.client import connect

    return connect(server.url, TEST_TOKEN)


def test_annotators_are_real_users_with_private_credentials(
    server: LabelStudioServer, project_root: Path, campaign: dict[str, Any]
) -> None:
    from label_studio_sdk import LabelStudio

    path = project_root / ".labelstudio" / "annotators.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    registry = AnnotatorRegistry(path)
    accounts = {a.name: a for a in registry.accounts(server.url)}
    assert sorted(accounts) == list(ANNOTATORS)
    users = {u.id: u for u in _admin(server).users.list()}
    for name, account in accounts.items():
        me = LabelStudio(base_url=server.url, api_key=str(account.token)).users.whoami()
        assert (me.id, me.email, me.username) == (account.user_id, f"{name}@newsgold.local", name)
        assert users[account.user_id].email == account.email
        assert account.password and len(account.password) >= 16
    listed = newsgold(project_root, server, "labelstudio", "annotators", "list").output
    assert "alice" in listed and "bob" in listed and accounts["alice"].password not in listed


def test_push_sets_overlap_and_names_left_out_documents(
    server: LabelStudioServer, campaign: dict[str, Any]
) -> None:
    admin = _admin(server)
    for layer in LAYERS:
        project = admin.projects.get(
            next(p.id for p in admin.projects.list(title=f"newsgold {layer}"))
        )
        assert (project.maximum_annotations, project.overlap_cohort_percentage) == (2, 100)
    assert f"left out {OTHER_ID}: no declared stance targets" in campaign["push"].output, campaign[
        "push"
    ].output


def test_import_annotations_submits_as_the_annotators_own_account(
    server: LabelStudioServer, project_root: Path, campaign: dict[str, Any]
) -> None:
    admin = _admin(server)
    registry = AnnotatorRegistry(project_root / ".labelstudio" / "annotators.json")
    ids = {a.user_id: a.name for a in registry.accounts(server.url)}
    for layer in LAYERS:
        project_id = next(p.id for p in admin.projects.list(title=f"newsgold {layer}"))
        task = next(
            t
            for t in admin.tasks.list(project=project_id)
            if t.data["doc_id"] == emoji_document().id
        )
        authors = sorted(ids[int(a.completed_by)] for a in admin.annotations.list(task.id))
        assert authors == ["alice", "bob"]
    # submitting again updates the annotator's own annotation, it adds none
    again = newsgold(
        project_root,
        server,
        "labelstudio",
        "import-annotations",
        str(project_root / "alice.jsonl"),
        "--annotator",
        "alice",
    )
    assert "0 annotation(s) created, 1 updated, as alice" in again.output


def test_status_counts_and_agreement_so_far(
    server: LabelStudioServer, project_root: Path, campaign: dict[str, Any]
) -> None:
    result = newsgold(project_root, server, "labelstudio", "status", "--format", "json")
    progress = {row["layer"]: row for row in json.loads(result.output)}
    entities = progress["entities"]
    # two documents have an entities task; both annotators did the emoji one
    assert (entities["tasks"], entities["overlap"], entities["complete"]) == (2, 2, 1)
    for name in ANNOTATORS:
        assert entities["annotators"][name] == {"done": 1, "skipped": 0, "left": 1}
    assert progress["stance"]["tasks"] == 1
    (row,) = progress["events"]["agreement"]
    assert row["annotators"] == ["alice", "bob"] and row["trigger F1 +type"] == 1.0
    (stance,) = progress["stance"]["agreement"]
    assert stance["triple F1"] == pytest.approx(0.5)  # bob differs on the second stance
    table = newsgold(project_root, server, "labelstudio", "status").output
    assert "agreement alice vs bob on 1 document(s)" in table


def test_pull_writes_one_pass_per_annotator_with_exact_offsets(
    server: LabelStudioServer, project_root: Path, campaign: dict[str, Any]
) -> None:
    from newsgold.labelstudio.client import fetch_exports

    newsgold(project_root, server, "labelstudio", "pull")
    expected = fetch_exports(_admin(server))
    for layer in LAYERS:  # the whole export, byte for byte
        saved = project_root / "annotations" / "exports" / f"{layer}.json"
        assert saved.read_bytes() == expected[layer]
    document = emoji_document()
    for name in ANNOTATORS:
        folder = project_root / "annotations" / "passes" / name
        for layer in LAYERS:
            (task,) = json.loads((folder / f"{layer}.json").read_bytes())
            assert len(task["annotations"]) == 1
        (record,) = read_annotations_jsonl(project_root / "build" / "labelstudio" / f"{name}.jsonl")
        assert record == emoji_records(document, name)
    # validation messages name the annotator by the same name
    alice_entities = project_root / "annotations" / "passes" / "alice" / "entities.json"
    export = json.loads(alice_entities.read_bytes())
    export[0]["annotations"][0]["result"][0]["value"]["labels"] = ["POLITICIAN"]
    broken = project_root / "broken" / "alice"
    broken.mkdir(parents=True)
    for layer in LAYERS:
        source = project_root / "annotations" / "passes" / "alice" / f"{layer}.json"
        (broken / f"{layer}.json").write_bytes(source.read_bytes())
    (broken / "entities.json").write_text(json.dumps(export), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(broken), "--root", str(project_root)])
    assert result.exit_code != 0
    assert "annotator alice" in result.output, result.output


def test_agreement_and_adjudicate_run_on_the_pulled_passes(
    server: LabelStudioServer, project_root: Path, campaign: dict[str, Any]
) -> None:
    newsgold(project_root, server, "labelstudio", "pull")
    passes = project_root / "annotations" / "passes"
    out = project_root / "agreement.json"
    result = CliRunner().invoke(
        app,
        [
            "agreement",
            str(passes / "alice"),
            str(passes / "bob"),
            "--out",
            str(out),
            "--root",
            str(project_root),
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["entities"]["strict"]["f1"] == 1.0
    assert figures["stance"]["triple_f1"]["f1"] == pytest.approx(0.5)
    log = project_root / "adjudication.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "adjudicate",
            "diff",
            str(passes / "alice"),
            str(passes / "bob"),
            "--out",
            str(log),
            "--root",
            str(project_root),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert rows and {row["layer"] for row in rows} == {"stances"}


def test_removed_annotator_loses_access_and_keeps_their_name(
    server: LabelStudioServer, project_root: Path, campaign: dict[str, Any]
) -> None:
    from label_studio_sdk import LabelStudio
    from label_studio_sdk.core.api_error import ApiError

    newsgold(project_root, server, "labelstudio", "annotators", "add", "carol")
    registry = AnnotatorRegistry(project_root / ".labelstudio" / "annotators.json")
    token = registry.get(server.url, "carol").token
    newsgold(project_root, server, "labelstudio", "annotators", "remove", "carol")
    with pytest.raises(ApiError):
        LabelStudio(base_url=server.url, api_key=str(token)).users.whoami()
    registry = AnnotatorRegistry(project_root / ".labelstudio" / "annotators.json")
    (carol,) = [a for a in registry.accounts(server.url, include_removed=True) if a.name == "carol"]
    assert carol.removed and carol.token is None and carol.password is None


class LeaderNames:
    """A tiny deterministic model: the leaders' names are persons."""

    name = "leader-names"
    layers = ("entities",)

    def predict(self, document: Any, stance_targets: Any) -> dict[str, Any]:
        import re

        return {
            "entities": [
                {"start": m.start(), "end": m.end(), "label": "PER"}
                for m in re.finditer(r"\b(?:Kim|Trump|Sanders)\b", document.text)
            ]
        }


def test_ml_backend_pre_annotates_a_task_when_it_is_opened(
    server: LabelStudioServer, campaign: dict[str, Any]
) -> None:
    from newsgold.labelstudio.client import find_project
    from newsgold.labelstudio.server import free_port
    from newsgold.ml_backend import (
        PreAnnotator,
        connect_ml_backend,
        running_ml_backend,
    )

    admin = _admin(server)
    document = emoji_document()
    annotator = PreAnnotator(LeaderNames(), {document.id: document}, stance_targets=EMOJI_TARGETS)
    with running_ml_backend(annotator, port=free_port()) as url:
        connected = connect_ml_backend(
            admin, url, model_version="leader-names", layers=["entities"]
        )
        again = connect_ml_backend(admin, url, model_version="leader-names", layers=["entities"])
        assert connected == again  # connecting twice adds no second backend
        project_id = find_project(admin, "newsgold entities")
        (backend,) = admin.ml.list(project=project_id)
        assert (backend.state, backend.model_version) == ("CO", "leader-names")
        task = next(
            t for t in admin.tasks.list(project=project_id) if t.data["doc_id"] == document.id
        )
        opened = admin.tasks.get(task.id)  # what the labeling UI asks when a task opens
    (prediction,) = opened.predictions
    prediction = prediction if isinstance(prediction, dict) else prediction.dict()
    assert prediction["model_version"] == "leader-names"
    spans = sorted(
        (r["value"]["start"], r["value"]["end"], r["value"]["text"])
        for r in prediction["result"]
        if r["type"] == "labels"
    )
    assert [text for _, _, text in spans] == ["Kim", "Trump", "Sanders"]
    assert all(document.text[start:end] == text for start, end, text in spans)


def test_import_checks_everything_before_submitting_anything(
    server: LabelStudioServer, project_root: Path, campaign: dict[str, Any]
) -> None:
    admin = _admin(server)
    other = dataclasses.replace(emoji_records(emoji_document(), "alice"), doc_id=OTHER_ID)
    path = project_root / "no-targets.jsonl"
    write_annotations_jsonl(path, [other])
    env = {"LABEL_STUDIO_URL": server.url, "LABEL_STUDIO_API_KEY": TEST_TOKEN}
    args = ["labelstudio", "import-annotations", str(path), "--root", str(project_root)]
    result = CliRunner().invoke(app, [*args, "--annotator", "alice"], env=env)
    assert result.exit_code != 0
    assert f"nothing submitted: document {OTHER_ID}: stances given but no stance targets" in (
        str(result.exception)
    )
    project_id = next(p.id for p in admin.projects.list(title="newsgold entities"))
    task = next(t for t in admin.tasks.list(project=project_id) if t.data["doc_id"] == OTHER_ID)
    assert list(admin.annotations.list(task.id)) == []  # the entities layer was fine, yet untouched
    unknown = CliRunner().invoke(app, [*args, "--annotator", "zed"], env=env)
    assert unknown.exit_code != 0
    assert "no annotator 'zed'" in str(unknown.exception)
