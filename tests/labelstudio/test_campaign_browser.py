"""A campaign done by people in the real UI (issue 14's "done when"): a real Label Studio
of this module's own and real headless Chromium. Two annotator accounts made by
`annotators add` log in on the login page and each annotates the same task of each
project with the mouse (an entity; an event with its realis and an argument relation; a
stance with evidence, target, polarity and a holder relation). Then `pull` gives two
passes with exact offsets and the annotators' names, `agreement` and `adjudicate` run on
them, `status` counts, and a task opened with the ML backend connected shows the model's
regions. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from labelstudio.ls_data import EMOJI_TARGETS, emoji_document
from labelstudio.ls_ui import (
    CHROMIUM,
    CHROMIUM_ARGS,
    label_next_task,
    label_span,
    login,
    open_task,
    relate,
    select_region,
    submit,
)
from newsgold.cli import app
from newsgold.corpus import document_id
from newsgold.corpus.document import Document
from newsgold.labelstudio.annotators import AnnotatorRegistry
from newsgold.labelstudio.server import LabelStudioServer
from newsgold.records import EntityMention, EventArgument, EventMention, read_annotations_jsonl

pytestmark = [pytest.mark.labelstudio, pytest.mark.browser]

TEST_TOKEN = "newsgold-test-token-0123456789"  # tests/conftest.py
# Its content id (fd4f…) sorts after the emoji document's (f32e…), so the emoji
# document's tasks come first in each project, as the UI walk-through expects.
SECOND_TEXT = "Trump met Kim in Panmunjom.\nSanders said the talks would go on."

# What each annotator does by hand. Bob also marks Hanoi and reads the stance as AGAINST,
# so the passes disagree on something to adjudicate.
PLANS: dict[str, dict[str, Any]] = {
    "alice": {"entities": [("PER", "Kim"), ("PER", "Trump")], "polarity": "FAVOR"},
    "bob": {
        "entities": [("PER", "Kim"), ("PER", "Trump"), ("GPE", "Hanoi")],
        "polarity": "AGAINST",
    },
}


SECOND_ID = document_id(SECOND_TEXT)  # a corpus id is the hash of its text


def second_document() -> Document:
    """A document nobody annotates: the task the ML backend pre-annotates when opened."""
    first, _ = SECOND_TEXT.split("\n")
    spans = ((0, len(first)), (len(first) + 1, len(SECOND_TEXT)))
    return Document(
        SECOND_ID, SECOND_TEXT, "Second", "Test Wire", None, None, "en", spans, spans, ()
    )


def run(root: Path, server: LabelStudioServer, *args: str) -> Any:
    result = CliRunner().invoke(
        app,
        [*args, "--root", str(root)],
        env={"LABEL_STUDIO_URL": server.url, "LABEL_STUDIO_API_KEY": TEST_TOKEN},
    )
    assert result.exit_code == 0, (result.output, result.exception)
    return result


@pytest.fixture(scope="module")
def campaign(own_label_studio: LabelStudioServer, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from newsgold.atomic import atomic_write_json
    from newsgold.corpus import write_corpus
    from newsgold.labelstudio.client import connect

    root = tmp_path_factory.mktemp("ui-campaign")
    write_corpus(root / "corpus", [emoji_document(), second_document()])
    atomic_write_json(
        root / "annotations" / "stance_targets.json",
        {doc: [t.to_dict() for t in targets] for doc, targets in EMOJI_TARGETS.items()},
    )
    run(root, own_label_studio, "labelstudio", "annotators", "add", "alice", "bob")
    run(root, own_label_studio, "labelstudio", "push", "--overlap", "2")
    admin = connect(own_label_studio.url, TEST_TOKEN)
    tasks: dict[tuple[str, str], tuple[int, int]] = {}
    for layer in ("entities", "events", "stance"):
        (project,) = admin.projects.list(title=f"newsgold {layer}")
        for task in admin.tasks.list(project=project.id):
            tasks[(layer, task.data["doc_id"])] = (int(project.id), int(task.id))
    return {"root": root, "server": own_label_studio, "admin": admin, "tasks": tasks}


def annotate_in_the_ui(page: Any, campaign: dict[str, Any], name: str, artifacts: Path) -> None:
    from playwright.sync_api import expect

    url = campaign["server"].url
    plan = PLANS[name]
    doc = emoji_document().id
    label_next_task(page, url, campaign["tasks"][("entities", doc)][0])
    expect(page.get_by_text(f"doc {doc}").first).to_be_visible()
    for label, text in plan["entities"]:
        label_span(page, label, text)
    page.screenshot(path=str(artifacts / f"campaign-{name}-entities.png"), full_page=True)
    submit(page)

    label_next_task(page, url, campaign["tasks"][("events", doc)][0])
    expect(page.get_by_text(f"doc {doc}").first).to_be_visible()
    for label, text in plan["entities"][:2]:
        label_span(page, label, text)
    label_span(page, "05 Engage in diplomatic cooperation", "praised")
    select_region(page, "praised")
    page.get_by_text("ACTUAL").first.click()
    relate(page, "praised", "Kim", "SOURCE")
    page.screenshot(path=str(artifacts / f"campaign-{name}-events.png"), full_page=True)
    submit(page)

    label_next_task(page, url, campaign["tasks"][("stance", doc)][0])
    expect(page.get_by_text(f"doc {doc}").first).to_be_visible()
    label_span(page, "PER", "Kim")
    label_span(page, "Evidence", "praised Trump")
    select_region(page, "praised Trump")
    page.get_by_text("Leader diplomacy: Talks between the leaders.").first.click()
    page.get_by_text(plan["polarity"]).first.click()
    relate(page, "praised Trump", "Kim", "HOLDER")
    page.screenshot(path=str(artifacts / f"campaign-{name}-stance.png"), full_page=True)
    submit(page)


@pytest.fixture(scope="module")
def annotated(campaign: dict[str, Any], artifacts_dir: Path) -> dict[str, Any]:
    """Alice and Bob log in with their own passwords and annotate the emoji task."""
    from playwright.sync_api import sync_playwright

    registry = AnnotatorRegistry(campaign["root"] / ".labelstudio" / "annotators.json")
    url = campaign["server"].url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name in PLANS:
                account = registry.get(url, name)
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                login(page, url, account.email, str(account.password))
                try:
                    annotate_in_the_ui(page, campaign, name, artifacts_dir)
                except Exception:
                    page.screenshot(path=str(artifacts_dir / f"campaign-{name}-failed.png"))
                    raise
                context.close()
        finally:
            browser.close()
    return campaign


def test_each_annotation_is_made_by_the_annotators_own_account(
    annotated: dict[str, Any],
) -> None:
    admin = annotated["admin"]
    registry = AnnotatorRegistry(annotated["root"] / ".labelstudio" / "annotators.json")
    names = registry.names_by_user_id(annotated["server"].url)
    for layer in ("entities", "events", "stance"):
        _, task_id = annotated["tasks"][(layer, emoji_document().id)]
        authors = sorted(names[int(a.completed_by)] for a in admin.annotations.list(task_id))
        assert authors == ["alice", "bob"], layer


def test_pull_gives_two_passes_with_exact_offsets_and_names(annotated: dict[str, Any]) -> None:
    root = annotated["root"]
    run(root, annotated["server"], "labelstudio", "pull")
    document = emoji_document()
    text = document.text

    def at(surface: str) -> tuple[int, int]:
        start = text.index(surface)
        return start, start + len(surface)

    for name, plan in PLANS.items():
        assert sorted(p.name for p in (root / "annotations" / "passes").iterdir()) == [
            "alice",
            "bob",
        ]
        (record,) = read_annotations_jsonl(root / "build" / "labelstudio" / f"{name}.jsonl")
        assert record.annotator == name and record.doc_id == document.id
        spans = [(m.start, m.end, m.label, m.text) for m in record.entities]
        assert spans == sorted((*at(t), label, t) for label, t in plan["entities"])
        kim = next(m for m in record.entities if m.text == "Kim")
        assert isinstance(kim, EntityMention)
        (event,) = record.events
        assert isinstance(event, EventMention)
        assert (event.start, event.end, event.type, event.realis, event.text) == (
            *at("praised"),
            "05",
            "ACTUAL",
            "praised",
        )
        assert event.arguments == (EventArgument("SOURCE", kim.id),)
        (stance,) = record.stances
        assert (stance.start, stance.end, stance.text) == (*at("praised Trump"), "praised Trump")
        assert (stance.target, stance.polarity, stance.holder_id) == (
            "diplomacy",
            plan["polarity"],
            kim.id,
        )
        # Hanoi sits after an emoji: code points, not UTF-16 units (6 + 2 would be off by 1)
        assert text[slice(*at("Hanoi"))] == "Hanoi"


def test_agreement_adjudicate_and_status_on_the_pulled_passes(annotated: dict[str, Any]) -> None:
    root = annotated["root"]
    server = annotated["server"]
    run(root, server, "labelstudio", "pull")
    passes = root / "annotations" / "passes"
    out = root / "agreement.json"
    run(root, server, "agreement", str(passes / "alice"), str(passes / "bob"), "--out", str(out))
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["entities"]["strict"]["f1"] == pytest.approx(0.8)  # 2 of 2 vs 2 of 3
    assert figures["events"]["argument_classification"]["f1"] == 1.0
    log = root / "adjudication.jsonl"
    run(
        root,
        server,
        "adjudicate",
        "diff",
        str(passes / "alice"),
        str(passes / "bob"),
        "--out",
        str(log),
    )
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert sorted({row["layer"] for row in rows}) == ["entities", "stances"]
    status = json.loads(run(root, server, "labelstudio", "status", "--format", "json").output)
    by_layer = {row["layer"]: row for row in status}
    for layer, tasks in (("entities", 2), ("events", 2), ("stance", 1)):
        row = by_layer[layer]
        assert (row["tasks"], row["complete"]) == (tasks, 1)
        for name in PLANS:
            assert row["annotators"][name] == {"done": 1, "skipped": 0, "left": tasks - 1}
    assert by_layer["entities"]["agreement"][0]["span F1 strict"] == pytest.approx(0.8)


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


def test_a_task_opened_with_the_ml_backend_connected_shows_the_models_regions(
    annotated: dict[str, Any], artifacts_dir: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from newsgold.corpus import load_corpus
    from newsgold.labelstudio.server import free_port
    from newsgold.ml_backend import (
        PreAnnotator,
        connect_ml_backend,
        running_ml_backend,
    )

    root = annotated["root"]
    url = annotated["server"].url
    account = AnnotatorRegistry(root / ".labelstudio" / "annotators.json").get(url, "alice")
    annotator = PreAnnotator(LeaderNames(), load_corpus(root / "corpus"))
    project_id, task_id = annotated["tasks"][("entities", SECOND_ID)]
    with running_ml_backend(annotator, port=free_port()) as backend_url:
        connect_ml_backend(
            annotated["admin"], backend_url, model_version="leader-names", layers=["entities"]
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                login(page, url, account.email, str(account.password))
                open_task(page, url, project_id, task_id)
                regions = page.locator(".htx-highlight")
                expect(regions.first).to_be_visible(timeout=30_000)
                page.screenshot(path=str(artifacts_dir / "campaign-ml-backend.png"), full_page=True)
                texts = sorted(t.strip() for t in regions.all_inner_texts())
            finally:
                browser.close()
    assert texts == ["Kim", "Sanders", "Trump"]
    (prediction,) = annotated["admin"].predictions.list(task=task_id)
    assert prediction.model_version == "leader-names"
