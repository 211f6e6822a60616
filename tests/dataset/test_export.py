"""``newsgold dataset export``: CoNLL, spaCy DocBin and JSONL, each round-tripped back to
a score of 100 against the gold it came from."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from click.testing import Result
from spacy.tokens import DocBin
from typer.testing import CliRunner

from newsgold.cli import app
from newsgold.dataset import GoldDocument, build_dataset
from newsgold.dataset.build import build_project_dataset
from newsgold.dataset.export import convert_tags
from newsgold.pipeline import gold_records, score
from newsgold.scoring import decode_tags
from newsgold.scoring.row_checks import gold_as_prediction_row

REPO_ROOT = Path(__file__).resolve().parents[2]
NEWSGOLD = Path(sys.executable).with_name("newsgold")
SCHEMES = ("IOB1", "IOB2", "IOBES", "BILOU")


@pytest.fixture(scope="module", params=["project", "synthetic"])
def dataset(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own gold, and a synthetic multi-document gold."""
    out = tmp_path_factory.mktemp(request.param) / "dataset"
    if request.param == "project":
        build_project_dataset(REPO_ROOT, out_dir=out)
    else:
        records: list[GoldDocument] = request.getfixturevalue("corpus_records")
        build_dataset(records[:10], out)
    return out


def _cli(*args: str, cwd: Path) -> Result:
    # In process (the CLI's own app), so the many exports here do not pay an interpreter start.
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def _gold_id(signature: str) -> str:
    return signature.split("|gold:")[1].split("|")[0]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_conll_round_trip_scores_100_with_the_dataset_gold_id(
    dataset: Path, tmp_path: Path, scheme: str
) -> None:
    out = tmp_path / "gold.conll"
    _cli(
        "dataset",
        "export",
        "--format",
        "conll",
        "--dataset",
        str(dataset),
        "--out",
        str(out),
        "--scheme",
        scheme,
        cwd=tmp_path,
    )
    lines = out.read_text(encoding="utf-8").split("\n")
    # A model's output: the gold tag column again as the prediction.
    scored = tmp_path / "scored.conll"
    scored.write_text(
        "\n".join(
            f"{line} {line.split()[-1]}" if line and not line.startswith("-DOCSTART-") else line
            for line in lines
        ),
        encoding="utf-8",
    )
    report = json.loads(
        _cli(
            "score",
            "--conll",
            str(scored),
            "--scheme",
            scheme,
            "--reading",
            "strict",
            "--format",
            "json",
            "--resamples",
            "0",
            cwd=tmp_path,
        ).stdout
    )
    assert report["entities"]["strict"]["f1"] == 1.0
    assert report["input"]["ill_formed"] == []
    records = gold_records(dataset)
    from_spans = score(records, [gold_as_prediction_row(r) for r in records], n_resamples=0)
    assert _gold_id(report["signature"]["entities"]) == _gold_id(from_spans.signatures["entities"])


def test_conll_tags_decode_back_to_the_gold_spans(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "gold.conll"
    _cli(
        "dataset",
        "export",
        "--format",
        "conll",
        "--dataset",
        str(dataset),
        "--out",
        str(out),
        cwd=tmp_path,
    )
    blocks = [b for b in out.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    sentences = [[line.split() for line in b.splitlines()] for b in blocks if "-DOCSTART-" not in b]
    spans, _ = decode_tags([[tag for _, tag in s] for s in sentences], "IOB2", reading="strict")
    # Character spans through the dataset's own token offsets, sentence by sentence.
    token_spans = []
    for record in gold_records(dataset):
        document = record.document
        for index in document.annotatable_sentences():
            s_start, s_end = document.sentences[index]
            token_spans.append([t for t in document.tokens if s_start <= t[0] < s_end])
    assert len(token_spans) == len(sentences)
    decoded = sorted(
        (token_spans[u][s][0], token_spans[u][e - 1][1], label) for u, s, e, label in spans
    )
    gold = sorted(
        (m.start, m.end, m.label) for r in gold_records(dataset) for m in r.annotations.entities
    )
    assert decoded == gold


def test_spacy_docbin_round_trip(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "gold.spacy"
    _cli(
        "dataset",
        "export",
        "--format",
        "spacy",
        "--dataset",
        str(dataset),
        "--out",
        str(out),
        cwd=tmp_path,
    )
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
    records = {r.document.id: r for r in gold_records(dataset)}
    assert [d.user_data["doc_id"] for d in docs] == sorted(records)
    rows = []
    for doc in docs:
        document = records[doc.user_data["doc_id"]].document
        assert doc.text == document.text
        starts = [s for s, _ in document.sentences]
        assert [s.start_char for s in doc.sents] == starts
        rows.append(
            {
                "doc_id": document.id,
                "entities": [
                    {"start": e.start_char, "end": e.end_char, "label": e.label_} for e in doc.ents
                ],
                "events": [
                    {"trigger": {"start": s.start_char, "end": s.end_char}, "type": s.label_}
                    for s in doc.spans["events"]
                ],
            }
        )
    report = score(list(records.values()), rows, n_resamples=0).to_dict()
    assert report["entities"]["strict"]["f1"] == 1.0
    assert report["events"]["trigger_classification"]["f1"] == 1.0


def test_jsonl_round_trip_every_layer(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "gold.jsonl"
    _cli(
        "dataset",
        "export",
        "--format",
        "jsonl",
        "--dataset",
        str(dataset),
        "--out",
        str(out),
        cwd=tmp_path,
    )
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rows = []
    for line in lines:
        text = line["text"]
        for item in line["entities"]:
            assert text[item["start"] : item["end"]] == item["text"]
        rows.append(
            {
                "doc_id": line["doc_id"],
                "entities": [
                    {k: e[k] for k in ("start", "end", "label")} for e in line["entities"]
                ],
                "events": [
                    {
                        "trigger": {k: e["trigger"][k] for k in ("start", "end")},
                        "type": e["type"],
                        "realis": e["realis"],
                        "arguments": [
                            {k: a[k] for k in ("role", "start", "end")} for a in e["arguments"]
                        ],
                    }
                    for e in line["events"]
                ],
                "stances": [
                    {
                        "holder": None
                        if s["holder"] is None
                        else {k: s["holder"][k] for k in ("start", "end")},
                        "target": s["target"],
                        "label": s["label"],
                        "evidence": {k: s["evidence"][k] for k in ("start", "end")},
                    }
                    for s in line["stances"]
                ],
            }
        )
    report = score(gold_records(dataset), rows, n_resamples=0).to_dict()
    assert report["entities"]["strict"]["f1"] == 1.0
    assert report["events"]["argument_classification"]["f1"] == 1.0
    assert report["stance"]["accuracy"] == 1.0
    assert report["stance"]["triples"]["f1"] == 1.0
    assert {line["split"] for line in lines} <= {"dev", "test", "train", "validation"}


@pytest.mark.parametrize("fmt", ["conll", "spacy", "jsonl"])
def test_exports_are_deterministic(dataset: Path, tmp_path: Path, fmt: str) -> None:
    outputs = []
    for name in ("a", "b"):
        out = tmp_path / f"{name}.{fmt}"
        _cli(
            "dataset",
            "export",
            "--format",
            fmt,
            "--dataset",
            str(dataset),
            "--out",
            str(out),
            cwd=tmp_path,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "tags",
    [
        ["B-PER", "I-PER", "O", "B-GPE"],
        ["B-PER", "B-PER", "I-PER", "B-ORG", "O"],
        ["B-DATE", "I-DATE", "I-DATE", "B-DATE"],
        ["O", "O"],
    ],
)
def test_scheme_conversion_keeps_the_chunks(scheme: str, tags: list[str]) -> None:
    converted = convert_tags(tags, scheme)
    assert decode_tags([converted], scheme, reading="strict")[0] == decode_tags([tags], "IOB2")[0]


def test_unknown_format_is_one_line(tmp_path: Path, dataset: Path) -> None:
    result = subprocess.run(
        [str(NEWSGOLD), "dataset", "export", "--format", "xml", "--dataset", str(dataset)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: field '--format': unknown export format 'xml'; expected one of conll, spacy, jsonl"
    )
