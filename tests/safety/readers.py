"""Every file reader of newsgold, each with a valid sample file, for the hostile-input
tables and the fuzzing: ``READERS[name] = Reader(file name, read(path), sample bytes)``."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsgold.corpus.document import Document

REPO = Path(__file__).resolve().parents[2]
SEED = "6ebade2f8e52de11"


@cache
def documents() -> dict[str, Document]:
    from newsgold.corpus import load_corpus

    return load_corpus(REPO / "corpus")


@cache
def targets() -> dict[str, Any]:
    from newsgold.stance_targets import load_stance_targets

    return load_stance_targets(REPO / "annotations" / "stance_targets.json")


@cache
def scoring_gold() -> dict[str, Any]:
    """The seed's gold as the scorer holds it (built from the committed exports)."""
    from newsgold.gold import load_gold
    from newsgold.records import GoldDocument

    gold = load_gold(REPO)
    return {
        doc_id: GoldDocument(documents()[doc_id], record, tuple(targets().get(doc_id, ())))
        for doc_id, record in gold.items()
    }


def _trimmed_export(layer: str, tasks: int = 2) -> bytes:
    data = json.loads((REPO / "annotations" / "gold" / f"{layer}.json").read_text("utf-8"))
    return json.dumps(data[:tasks], ensure_ascii=False).encode()


def _export_with_predictions() -> bytes:
    """The trimmed entities export with its annotations as one model's predictions."""
    tasks = json.loads(_trimmed_export("entities"))
    for task in tasks:
        task["predictions"] = [
            {"id": a["id"], "model_version": "plug", "result": a["result"]}
            for a in task.pop("annotations")
        ]
    return json.dumps(tasks, ensure_ascii=False).encode()


def _first_lines(path: Path, count: int) -> bytes:
    lines = path.read_bytes().splitlines(keepends=True)
    return b"".join(lines[:count])


@cache
def _records_sample() -> bytes:
    from newsgold.gold import load_gold

    record = load_gold(REPO)[SEED]
    record.entities = record.entities[:6]
    record.events = [
        e for e in record.events if {a.entity_id for a in e.arguments} <= {"e1", "e2", "e3"}
    ][:3]
    record.stances = record.stances[:3]
    return (json.dumps(record.to_dict(), ensure_ascii=False) + "\n").encode()


def _seed_corpus_line() -> bytes:
    lines = (REPO / "corpus" / "documents.jsonl").read_bytes().splitlines(keepends=True)
    return min(lines, key=len)  # the shortest document keeps the fuzzing fast


@dataclass(frozen=True)
class Reader:
    filename: str
    read: Callable[[Path], Any]
    sample: Callable[[], bytes]
    must_find_something: bool = True  # an input with nothing in it is refused


def _stance_targets(path: Path) -> Any:
    from newsgold.stance_targets import load_stance_targets

    return load_stance_targets(path)


def _splits(path: Path) -> Any:
    from newsgold.corpus.splits import load_split_policy

    return load_split_policy(path)


def _leaderboard(path: Path) -> Any:
    from newsgold.leaderboard import build_leaderboard, leaderboard_markdown, read_score_reports

    return leaderboard_markdown(build_leaderboard(read_score_reports([path])))


def _corpus_input(path: Path) -> Any:
    from newsgold.corpus import read_documents

    return read_documents(path)


def _corpus_store(path: Path) -> Any:
    from newsgold.corpus import load_corpus

    return load_corpus(path.parent)


def _metadata_sidecar(path: Path) -> Any:
    from newsgold.corpus import read_documents

    article = path.parent / "article.txt"
    article.write_text("Officials met on Monday. They agreed on a plan.\n", encoding="utf-8")
    return read_documents(article)


def _annotation_records(path: Path) -> Any:
    from newsgold.records import read_annotations_jsonl

    return list(read_annotations_jsonl(path))


def _adjudication_log(path: Path) -> Any:
    from newsgold.adjudication import apply_decisions, read_decisions
    from newsgold.gold import load_pass

    rows = read_decisions(path)
    a, b = load_pass("annotator_a", REPO), load_pass("annotator_b", REPO)
    return apply_decisions(documents()[SEED], a[SEED], b[SEED], rows)


def _scoring_predictions(path: Path) -> Any:
    from newsgold.io.predictions import read_predictions

    return read_predictions(path, scoring_gold())


def _report_predictions(path: Path) -> Any:
    from newsgold.predict import read_predictions

    return read_predictions(path)


def _export(layer: str) -> Callable[[Path], Any]:
    def read(path: Path) -> Any:
        from newsgold.labelstudio.validate import validate_export_file

        return validate_export_file(
            path, documents=documents(), layer=layer, stance_targets=targets()
        )

    return read


def _scored_export(path: Path) -> Any:
    from newsgold.io.predictions import read_predictions

    return read_predictions(path, scoring_gold(), lenient=True)


def _task_file(path: Path) -> Any:
    from newsgold.cli.labelstudio import _read_tasks

    return _read_tasks(path)


def _conll(path: Path) -> Any:
    from newsgold.pipeline import score_conll

    return score_conll(path, n_resamples=0)


def _conll_sample() -> bytes:
    return (
        b"Kim B-PER B-PER\nJong I-PER I-PER\nUn I-PER O\nmet O O\nXi B-PER B-PER\n\n"
        b"-DOCSTART- O O\n\nSeoul B-GPE B-LOC\nsaid O O\n"
    )


READERS: dict[str, Reader] = {
    "stance targets": Reader(
        "stance_targets.json",
        _stance_targets,
        lambda: (REPO / "annotations" / "stance_targets.json").read_bytes(),
        must_find_something=False,
    ),
    "split declaration": Reader(
        "splits.json",
        _splits,
        lambda: (REPO / "src" / "newsgold" / "corpus" / "splits.json").read_bytes(),
    ),
    "score report (leaderboard)": Reader(
        "system.json",
        _leaderboard,
        lambda: (REPO / "evaluate" / "scores" / "test" / "cameo-rules.json").read_bytes(),
        must_find_something=False,
    ),
    "corpus input (.jsonl)": Reader(
        "articles.jsonl",
        _corpus_input,
        lambda: (
            b'{"text": "Officials met on Monday. They agreed.", "title": "Talks", '
            b'"date": "2020-01-02", "license": "CC-BY-2.5"}\n'
        ),
    ),
    "corpus input (.txt)": Reader(
        "article.txt", _corpus_input, lambda: "Officials met on Monday.\r\nCafe\u0301.".encode()
    ),
    "corpus input (.html)": Reader(
        "article.html",
        _corpus_input,
        lambda: (
            "<html><head><title>Talks</title></head><body><article><p>"
            + "Officials met on Monday in Geneva and agreed on a plan for new talks. " * 4
            + "</p></article></body></html>"
        ).encode(),
    ),
    "metadata sidecar": Reader(
        "article.txt.meta.json",
        _metadata_sidecar,
        lambda: b'{"title": "Talks", "source": "Wikinews", "license": "CC-BY-2.5"}',
        must_find_something=False,
    ),
    "corpus store (documents.jsonl)": Reader(
        "documents.jsonl", _corpus_store, _seed_corpus_line, must_find_something=False
    ),
    "annotation records (.jsonl)": Reader(
        "records.jsonl", _annotation_records, _records_sample, must_find_something=False
    ),
    "adjudication log": Reader(
        "adjudication.jsonl",
        _adjudication_log,
        lambda: (REPO / "annotations" / "adjudication.jsonl").read_bytes(),
    ),
    "predictions (score)": Reader(
        "predictions.jsonl",
        _scoring_predictions,
        lambda: (
            b'{"doc_id": "6ebade2f8e52de11", "entities": [{"start": 0, "end": 6, '
            b'"label": "PER"}], "events": [], "stances": []}\n'
        ),
    ),
    "predictions (report)": Reader(
        "predictions.jsonl",
        _report_predictions,
        lambda: _first_lines(REPO / "evaluate" / "predictions" / "test" / "spacy-ner.jsonl", 2),
    ),
    "Label Studio export (entities)": Reader(
        "entities.json", _export("entities"), lambda: _trimmed_export("entities"), False
    ),
    "Label Studio export (events)": Reader(
        "events.json", _export("events"), lambda: _trimmed_export("events"), False
    ),
    "Label Studio export (stance)": Reader(
        "stance.json", _export("stance"), lambda: _trimmed_export("stance"), False
    ),
    "Label Studio export scored (--pred x.json)": Reader(
        "entities.json", _scored_export, _export_with_predictions
    ),
    "Label Studio task file": Reader(
        "entities.json", _task_file, lambda: _trimmed_export("entities")
    ),
    "CoNLL file": Reader("output.conll", _conll, _conll_sample),
}
