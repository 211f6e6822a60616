"""write_report: files, determinism, escaping, numbers from the score reports."""

from __future__ import annotations

import re
from pathlib import Path

from newsgold.report import write_report
from tests.report.conftest import read


def _write(evaluation, folder: Path):
    return write_report(
        folder,
        documents={evaluation["document"].id: evaluation["document"]},
        gold={evaluation["gold"].doc_id: evaluation["gold"]},
        systems=evaluation["systems"],
    )


def test_writes_page_and_plots(evaluation, tmp_path: Path) -> None:
    files = _write(evaluation, tmp_path / "report")
    assert files.html == tmp_path / "report" / "index.html"
    assert sorted(p.name for p in files.plots) == [
        "events_quadclass.png",
        "f1_entities.png",
        "f1_events.png",
    ]
    for plot in files.plots:
        data = plot.read_bytes()
        assert data.startswith(b"\x89PNG")
        assert b"Software" not in data and b"tIME" not in data


def test_byte_identical_for_same_inputs(evaluation, tmp_path: Path) -> None:
    first = _write(evaluation, tmp_path / "a")
    second = _write(evaluation, tmp_path / "b")
    assert first.html.read_bytes() == second.html.read_bytes()
    for a, b in zip(first.plots, second.plots, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_every_text_is_escaped(evaluation, tmp_path: Path) -> None:
    page = read(_write(evaluation, tmp_path).html)
    assert "<script" not in page.lower()
    assert "<img src=x" not in page
    assert "&lt;script&gt;window.__injected = 1&lt;/script&gt;" in page
    assert "good&lt;b&gt;model&lt;/b&gt;" in page
    assert "<b>model" not in page and "<i>desc" not in page


def test_headline_numbers_come_from_the_score_report(evaluation, tmp_path: Path) -> None:
    page = read(_write(evaluation, tmp_path).html)
    good = evaluation["systems"][0].scores
    strict = good["entities"]["strict"]
    low, high = strict["ci"]["f1"]
    assert f"{strict['f1']:.3f}" in page
    assert f"[{low:.3f}, {high:.3f}]" in page


def test_error_view_lists_each_category(evaluation, tmp_path: Path) -> None:
    page = read(_write(evaluation, tmp_path).html)
    rows = re.findall(r'<tr class="error cat-row-(\w+)">', page)
    # good model, entities: wrong label (Macron), boundary (Berlin), spurious (<script>),
    # missed (Monday, Moscow); events: wrong label (criticized); weak: wrong label + misses.
    assert {"wrong_label", "boundary", "spurious", "missed"} <= set(rows)


def test_signatures_listed_per_system_and_layer(evaluation, tmp_path: Path) -> None:
    page = read(_write(evaluation, tmp_path).html)
    weak = evaluation["systems"][1].scores["signature"]
    for layer, text in weak.items():
        assert f"<td>weak · {layer}</td><td><code>{text}</code></td>" in page
