"""Headless Chromium (Debian package, driven by Playwright) logs in to the local Label
Studio, opens a task of each project and checks labels and pre-annotated regions show.
Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from labelstudio.ls_data import EMOJI_TARGETS, emoji_document, emoji_records
from labelstudio.ls_ui import CHROMIUM, CHROMIUM_ARGS, login
from newsgold.labelstudio.client import push_tasks
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.server import LabelStudioServer
from newsgold.labelstudio.tasks import to_label_studio_tasks

pytestmark = [pytest.mark.labelstudio, pytest.mark.browser]


# A label button per layer, and region texts the pre-annotation must show.
EXPECTED_LABELS = {
    "entities": ["PER", "GPE", "DATE"],
    "events": ["PER", "05 Engage in diplomatic cooperation", "04 Consult"],
    "stance": ["PER", "Evidence"],
}


@pytest.fixture(scope="module")
def browser_projects(ls_client: Any) -> dict[str, tuple[int, int]]:
    """Separate projects (own titles) so the API tests' annotations don't matter here."""
    document = emoji_document()
    gold = emoji_records(document, "gold")
    opened: dict[str, tuple[int, int]] = {}
    for layer in LAYERS:
        tasks = to_label_studio_tasks(
            layer,
            [document],
            gold_entities={document.id: gold},
            stance_targets=EMOJI_TARGETS,
            # the entities project gets the gold as a "model" so it too has regions to show
            predictions=[gold] if layer == "entities" else None,
            model_version="browser-test" if layer == "entities" else None,
        ).tasks
        pushed = push_tasks(ls_client, layer, tasks, title=f"browser {layer}")
        (task,) = list(ls_client.tasks.list(project=pushed.project_id))
        opened[layer] = (pushed.project_id, int(task.id))
    return opened


def test_annotator_sees_labels_and_preannotated_regions(
    label_studio: LabelStudioServer,
    ls_credentials: dict[str, str],
    browser_projects: dict[str, tuple[int, int]],
    artifacts_dir: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            login(page, label_studio.url, ls_credentials["username"], ls_credentials["password"])
            for layer, (project_id, task_id) in browser_projects.items():
                page.goto(f"{label_studio.url}/projects/{project_id}/data?task={task_id}")
                for label in EXPECTED_LABELS[layer]:
                    expect(page.get_by_text(label, exact=True).first).to_be_visible(timeout=60_000)
                regions = page.locator(".htx-highlight")
                expect(regions.first).to_be_visible(timeout=30_000)
                page.screenshot(
                    path=str(artifacts_dir / f"labelstudio-{layer}.png"), full_page=True
                )
                # regions after the emoji must cover exactly the mention, not a shifted span
                texts = [t.strip() for t in regions.all_inner_texts()]
                assert {"Kim", "Trump", "Hanoi", "Sunday", "Sanders"} <= set(texts), texts
        finally:
            browser.close()
