"""The predictions stage: predict_corpus, the prediction file, the CLI, records for Label Studio."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsgold.corpus import write_corpus
from newsgold.errors import InputError
from newsgold.models import load_extractor
from newsgold.models.majority import MajorityBaseline, MajorityLabels
from newsgold.predict import (
    predict_corpus,
    predict_records,
    read_predictions,
    run_extractor,
    write_predictions,
)
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    StanceTarget,
    write_annotations_jsonl,
)
from tests.models.conftest import NEWS

NEWSGOLD = Path(sys.executable).with_name("newsgold")
TARGET = StanceTarget("letters", "Letters to Kim", "Letters between Trump and Kim.")


@pytest.fixture
def project(tmp_path: Path, make_doc) -> Path:
    """A project folder with a two-document corpus and a stance-target file."""
    first = make_doc(NEWS)
    second = make_doc("Kim said the letter from Trump was excellent.\n\nBecome a member today.", 1)
    write_corpus(tmp_path / "corpus", [first, second])
    targets = {doc.id: [TARGET.to_dict()] for doc in (first, second)}
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "stance_targets.json").write_text(json.dumps(targets))
    return tmp_path


def _run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NEWSGOLD), *args], cwd=project, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("model", ["spacy-ner", "cameo-rules"])
def test_predict_corpus_is_deterministic(project: Path, model: str) -> None:
    outputs = []
    for name in ("a.jsonl", "b.jsonl"):
        run = predict_corpus(
            load_extractor(model), corpus_dir=project / "corpus", out=project / name, progress=False
        )
        outputs.append((project / name).read_bytes())
        assert run.documents == 2
    assert outputs[0] == outputs[1]
    rows = [json.loads(line) for line in outputs[0].decode().splitlines()]
    assert [row["doc_id"] for row in rows] == sorted(row["doc_id"] for row in rows)


def test_prediction_file_round_trips(project: Path, make_doc) -> None:
    document = make_doc(NEWS)
    predictions = run_extractor(load_extractor("cameo-rules"), [document], progress=False)
    path = write_predictions(project / "p.jsonl", predictions)
    # The file keeps the prediction-format fields (model-only extras are not written).
    assert [p.to_dict() for p in read_predictions(path)] == [p.to_dict() for p in predictions]


def test_read_predictions_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"doc_id": "a"}\n{"entities": []}\n')
    with pytest.raises(InputError, match=r"p.jsonl:2: not a valid prediction row"):
        read_predictions(path)


def test_empty_corpus_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the corpus holds no documents"):
        predict_corpus(load_extractor("spacy-ner"), corpus_dir=tmp_path, out=tmp_path / "p.jsonl")


def test_cli_predict_with_a_user_model(project: Path) -> None:
    # A new user's model, plugged in without touching newsgold's code.
    (project / "my_model.py").write_text(
        textwrap.dedent(
            """
            class TitleCase:
                name = "title-case"
                layers = ("entities", "stance")

                def predict(self, document, stance_targets):
                    entities = [
                        {"start": s, "end": e, "label": "PER"}
                        for s, e in document.tokens
                        if document.text[s:e].istitle()
                    ]
                    stances = [
                        {"holder": None, "target": t.id, "label": "NONE"}
                        for t in stance_targets
                    ]
                    return {"entities": entities, "stances": stances}
            """
        )
    )
    result = _run_cli(project, "predict", "--model", "my_model:TitleCase", "--out", "out.jsonl")
    assert result.returncode == 0, result.stderr
    assert "wrote title-case: 2 document(s)" in result.stdout
    assert "predict title-case" in result.stderr  # the progress bar
    rows = [json.loads(line) for line in (project / "out.jsonl").read_text().splitlines()]
    assert all(set(row) == {"doc_id", "entities", "stances"} for row in rows)
    assert all(
        row["stances"] == [{"holder": None, "target": "letters", "label": "NONE"}] for row in rows
    )
    # The excluded boilerplate sentence ("Become a member today.") yields nothing.
    second = next(row for row in rows if len(row["entities"]) < 5)
    texts = {json.dumps(e) for e in second["entities"]}
    assert all(e["start"] < 60 for e in second["entities"]), texts


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "stance-cues", "--layers", "entities"], "it cannot predict entities"),
        (["--model", "spacy-ner", "--layers", "entity"], "unknown layer(s) 'entity'"),
        (["--model", "majority"], "pass fit_on"),
        (["--model", "majority", "--fit-on", "nope.jsonl"], "nope.jsonl: field '--fit-on'"),
        (["--model", "nope:Model"], "cannot import module 'nope'"),
    ],
)
def test_cli_errors_are_one_line(project: Path, args: list[str], message: str) -> None:
    result = _run_cli(project, "predict", "--out", "x.jsonl", "--no-progress", *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (project / "x.jsonl").exists()


def test_cli_majority_fit_on(project: Path) -> None:
    # "bcca8abf89d832c0" is a dev document (splits.json): fitting takes dev documents only.
    mention = [EntityMention(0, 3, "GPE", "Kim", "m1")]
    gold = DocumentAnnotations("bcca8abf89d832c0", "gold", entities=mention)
    write_annotations_jsonl(project / "gold.jsonl", [gold])
    result = _run_cli(
        project, "predict", "--model", "majority", "--fit-on", "gold.jsonl", "--out", "m.jsonl"
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in (project / "m.jsonl").read_text().splitlines()]
    assert {e["label"] for row in rows for e in row["entities"]} == {"GPE"}


def test_predict_records_for_label_studio(make_doc) -> None:
    document = make_doc(NEWS)
    (records,) = predict_records(load_extractor("cameo-rules"), [document])
    assert records.annotator == "model:cameo-rules"
    by_id = records.entity_by_id()
    met = next(e for e in records.events if e.text == "met")
    assert met.type == "04"
    assert sorted(
        (a.role, by_id[a.entity_id].text, by_id[a.entity_id].label) for a in met.arguments
    ) == [
        ("SOURCE", "Donald Trump", "PER"),
        ("TARGET", "Kim Jong Un", "PER"),
        ("TIME", "Tuesday", "DATE"),
    ]
    for mention in records.entities:
        assert document.text[mention.start : mention.end] == mention.text


def test_predict_records_stances_keep_evidence_and_holder(make_doc) -> None:
    document = make_doc("Angela Merkel said the letters to Kim were a great success.")
    (records,) = predict_records(
        load_extractor("stance-cues"), [document], stance_targets={document.id: [TARGET]}
    )
    (stance,) = records.stances
    assert (stance.polarity, stance.target, stance.text) == ("FAVOR", "letters", document.text)
    assert records.entity_by_id()[stance.holder_id].text == "Angela Merkel"


def test_predict_records_majority_all_layers(make_doc) -> None:
    document = make_doc(NEWS)
    floor = MajorityBaseline(MajorityLabels("PER", "01", "ACTUAL", "NONE"))
    (records,) = predict_records(floor, [document], stance_targets={document.id: [TARGET]})
    assert records.entities and records.events
    assert records.stances == []  # the floor gives no evidence span, which records need
