"""The report in real headless Chromium: plots and error view render, no markup injected."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from newsgold.report import write_report
from tests.report.conftest import HOSTILE

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.mark.browser
def test_report_renders_in_chromium(evaluation, tmp_path: Path) -> None:
    files = write_report(
        tmp_path / "report",
        documents={evaluation["document"].id: evaluation["document"]},
        gold={evaluation["gold"].doc_id: evaluation["gold"]},
        systems=evaluation["systems"],
    )
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(files.html.as_uri())
            page.wait_for_load_state("load")

            # Every plot decoded to a real image.
            sizes = page.eval_on_selector_all(
                "figure.plot img",
                "imgs => imgs.map(i => [i.complete, i.naturalWidth, i.naturalHeight])",
            )
            assert len(sizes) == len(files.plots) == 3
            assert all(done and width > 300 and height > 150 for done, width, height in sizes)

            # The error view is open and shows gold and predicted spans, colour-coded.
            view = page.locator("details.error-view").first
            assert view.get_attribute("open") is not None
            assert view.locator(".article.gold mark").count() >= 6
            spurious = view.locator(".article.predicted mark.cat-spurious").first
            assert spurious.is_visible()
            assert spurious.text_content() == "<script>"
            colour = spurious.evaluate("m => getComputedStyle(m).backgroundColor")
            assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
            assert view.locator("tr.error").count() >= 4

            # The hostile text shows literally; nothing ran, no element was injected.
            assert page.evaluate("() => window.__injected") is None
            assert page.locator("article script, .article script, .article img").count() == 0
            assert page.locator("script").count() == 0
            assert page.locator("img[onerror]").count() == 0
            body_text = page.inner_text("body")
            assert "<script>window.__injected = 1</script>" in body_text
            assert 'onerror="window.__injected = 2"' in body_text
            assert HOSTILE.splitlines()[0] in body_text
            assert "good<b>model</b>" in body_text
            assert dialogs == []

            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
