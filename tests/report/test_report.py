"""write_report: files, determinism, escaping, numbers from the score reports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from newsgold.corpus import Document
from newsgold.models.protocol import (
    DocumentPrediction,
    PredictedArgument,
    PredictedEntity,
    PredictedEvent,
    PredictedStance,
)
from newsgold.predict import write_predictions
from newsgold.records import DocumentAnnotations, EventArgument, StanceAnnotation
from newsgold.report import write_report
from tests.report.conftest import TARGET, read

NEWSGOLD = Path(sys.executable).with_name("newsgold")


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NEWSGOLD), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


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
    rows = re.findall(r'<tr class="error cat-row-(\w+)"', page)
    # good model, entities: wrong type (Macron), boundary (Berlin), spurious (<script>),
    # missed (Monday, Moscow); events: wrong type (criticized); weak: wrong type + misses.
    assert {"type", "boundary", "spurious", "missed"} <= set(rows)


def test_signatures_listed_per_system_and_layer(evaluation, tmp_path: Path) -> None:
    page = read(_write(evaluation, tmp_path).html)
    weak = evaluation["systems"][1].scores["signature"]
    for layer, text in weak.items():
        assert f"<td>weak · {layer}</td><td><code>{text}</code></td>" in page


_PAGE_ROW = re.compile(
    r'<tr class="error cat-row-(\w+)" data-layer="([\w.]+)" '
    r'data-start="(\d*)" data-end="(\d*)">'
)


def _page_rows(page: str) -> Counter[tuple[str, str, str, str]]:
    """(layer, category, start, end) of every error row the page lists."""
    return Counter((layer, cat, start, end) for cat, layer, start, end in _PAGE_ROW.findall(page))


def _scorer_rows(path: Path, document: Document) -> Counter[tuple[str, str, str, str]]:
    """(layer, category, start, end) of every row `newsgold score --errors` wrote."""
    rows: Counter[tuple[str, str, str, str]] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        side = row["gold"] if row["gold"] is not None else row["pred"]
        if row["layer"] == "stance.cell":
            start, end = document.sentences[row["sentence"]]
        elif row["layer"] == "stance.triple":
            holder = side["holder"] or {"start": "", "end": ""}
            start, end = holder["start"], holder["end"]
        else:
            start, end = side["start"], side["end"]
        rows[(row["layer"], row["category"], str(start), str(end))] += 1
    return rows


def _rich_gold(evaluation) -> tuple[Document, DocumentAnnotations]:
    """The fixture's gold with event arguments and stances (author and entity holders)."""
    document, gold = evaluation["document"], evaluation["gold"]
    met, criticized = gold.events
    events = [
        replace(met, arguments=(EventArgument("SOURCE", "m1"), EventArgument("TARGET", "m2"))),
        replace(
            criticized,
            arguments=(EventArgument("SOURCE", "m5"), EventArgument("TARGET", "m6")),
        ),
    ]
    stances = [
        StanceAnnotation(met.start, met.end, "talks", "FAVOR", "met", "s1", "m1"),
        StanceAnnotation(
            criticized.start, criticized.end, "talks", "AGAINST", "criticized", "s2", None
        ),
    ]
    return document, replace(gold, events=events, stances=stances)


def _rich_prediction(document: Document, gold: DocumentAnnotations) -> DocumentPrediction:
    by_id = gold.entity_by_id()
    met, criticized = gold.events
    merkel, macron, berlin = by_id["m1"], by_id["m2"], by_id["m5"]
    good = DocumentPrediction(document.id, entities=[], events=[], stances=[])
    return replace(
        good,
        entities=[
            PredictedEntity(merkel.start, merkel.end, "PER"),
            PredictedEntity(macron.start, macron.end, "ORG"),  # type
            PredictedEntity(berlin.start, berlin.end + 11, "GPE"),  # boundary
            PredictedEntity(berlin.start - 4, berlin.start - 1, "ORG"),  # spurious
        ],
        events=[
            PredictedEvent(
                met.start,
                met.end,
                "04",
                "OTHER",  # realis
                (
                    PredictedArgument("SOURCE", merkel.start, merkel.end),
                    PredictedArgument("SOURCE", macron.start, macron.end),  # role
                ),
            ),
            PredictedEvent(criticized.start, criticized.end, "13", "ACTUAL"),  # type
        ],
        stances=[
            PredictedStance(
                (merkel.start, merkel.end), "talks", "FAVOR", evidence=(met.start, met.end)
            ),
            PredictedStance(
                (berlin.start, berlin.end),
                "talks",
                "FAVOR",  # spurious triple; the cell's author stance is AGAINST: type
                evidence=(criticized.start, criticized.end),
            ),
        ],
    )


def test_report_categories_equal_score_errors(evaluation, tmp_path: Path) -> None:
    from newsgold.corpus.splits import load_split_policy
    from newsgold.dataset import build_dataset

    document, gold = _rich_gold(evaluation)
    build_dataset([(document, gold, [TARGET])], tmp_path / "dataset")
    prediction = _rich_prediction(document, gold)
    folder = tmp_path / "evaluate"
    (folder / "scores" / "test").mkdir(parents=True)
    write_predictions(folder / "predictions" / "test" / "mine.jsonl", [prediction])
    score = _run(
        tmp_path,
        "score",
        "--pred",
        "evaluate/predictions/test/mine.jsonl",
        "--gold",
        "dataset",
        "--resamples",
        "20",
        "--format",
        "json",
        "--errors",
        "errors.jsonl",
    )
    assert score.returncode == 0, score.stderr
    (folder / "scores" / "test" / "mine.json").write_text(score.stdout, encoding="utf-8")
    # The synthetic document is not in splits.json: its split comes from its id's hash.
    split = load_split_policy().split_of(document.id)
    if split != "test":
        for kind in ("scores", "predictions"):
            (folder / kind / "test").rename(folder / kind / split)
    report = _run(
        tmp_path, "report", "--gold", "dataset", "--split", split, "--out", "evaluate/report"
    )
    assert report.returncode == 0, report.stderr

    expected = _scorer_rows(tmp_path / "errors.jsonl", document)
    page = read(folder / "report" / "index.html")
    assert _page_rows(page) == expected
    # Every scorer layer and every category the predictions were built to provoke.
    assert {layer for layer, *_ in expected} == {
        "entities",
        "events.trigger",
        "events.argument",
        "events.realis",
        "stance.cell",
        "stance.triple",
    }
    assert {category for _, category, *_ in expected} == {
        "type",
        "boundary",
        "spurious",
        "missed",
        "role",
        "realis",
    }
    # Highlights: spans no error row names are correct (Merkel and the trigger "met",
    # on both sides); the found holder triple is listed as such in the stance view.
    marks = re.findall(r'<mark class="cat-(\w+)" data-label="([^"]*)" title="[^"]*">([^<]*)<', page)
    assert sorted(m for m in marks if m[0] == "correct") == [
        ("correct", "04", "met"),
        ("correct", "04", "met"),
        ("correct", "PER", "Angela Merkel"),
        ("correct", "PER", "Angela Merkel"),
    ]
    assert ("missed", "DATE", "Monday") in marks
    assert ("type", "ORG", "Emmanuel Macron") in marks
    merkel = gold.entity_by_id()["m1"]
    assert (
        f'<tr class="found cat-row-correct" data-layer="stance.triple" '
        f'data-start="{merkel.start}" data-end="{merkel.end}">'
    ) in page
    assert "wrong_label" not in page and "boundary_label" not in page


def test_stale_score_report_fails_in_one_line(evaluation, tmp_path: Path) -> None:
    from newsgold.corpus.splits import load_split_policy
    from newsgold.dataset import build_dataset

    document, gold = _rich_gold(evaluation)
    build_dataset([(document, gold, [TARGET])], tmp_path / "dataset")
    prediction = _rich_prediction(document, gold)
    split = load_split_policy().split_of(document.id)  # by the hash of its id
    folder = tmp_path / "evaluate"
    (folder / "scores" / split).mkdir(parents=True)
    path = write_predictions(folder / "predictions" / split / "mine.jsonl", [prediction])
    scored = _run(tmp_path, "score", "--pred", str(path), "--gold", "dataset", "--format", "json")
    assert scored.returncode == 0, scored.stderr
    (folder / "scores" / split / "mine.json").write_text(scored.stdout, encoding="utf-8")
    write_predictions(path, [replace(prediction, entities=prediction.entities[:1])])
    result = _run(tmp_path, "report", "--gold", "dataset", "--split", split)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "score report of 'mine' does not match its predictions" in result.stderr
