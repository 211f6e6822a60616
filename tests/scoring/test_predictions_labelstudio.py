"""Label Studio exports with model predictions: read through the project's own converter.

Tasks are made by the project's task builder (gold entities shown as context, the model's
predictions merged in), for a document with an emoji before the entities and a second
chunk that starts after an excluded paragraph. Scoring the export must give the same
figures as scoring the equivalent JSONL rows.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgold.corpus import Document, ExcludedRegion
from newsgold.errors import InputError
from newsgold.io.predictions import read_predictions
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.tasks import GOLD_ENTITIES_VERSION, to_label_studio_tasks
from newsgold.pipeline import score
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    GoldDocument,
    StanceAnnotation,
    StanceTarget,
)

MODEL = "toy-model-1"
PARAGRAPHS = (
    "Kim 😀 met Trump in Hanoi 🇻🇳 on Sunday.",
    "Subscribe to our newsletter 📰 now.",
    "Sanders 🙂 praised the summit. Seoul criticized Tokyo.",
)
TARGETS = [
    StanceTarget("summit", "The summit", "The Hanoi summit"),
    StanceTarget("japan", "Japan", "Japan's policy"),
]
LAYER_KEY = {"entities": "entities", "events": "events", "stance": "stances"}


def _document() -> Document:
    text = "\n".join(PARAGRAPHS)
    paragraphs = []
    start = 0
    for paragraph in PARAGRAPHS:
        paragraphs.append((start, start + len(paragraph)))
        start += len(paragraph) + 1
    third = paragraphs[2]
    split = text.index("Seoul")
    return Document(
        id="lsdoc0000000001",
        text=text,
        title="Scoring test",
        source="Test Wire",
        url=None,
        date=None,
        language="en",
        paragraphs=tuple(paragraphs),
        sentences=(paragraphs[0], (third[0], split - 1), (split, third[1])),
        tokens=(),
        excluded=(ExcludedRegion(*paragraphs[1], "publisher boilerplate"),),
    )


def _span(doc: Document, surface: str) -> tuple[int, int]:
    start = doc.text.index(surface)
    return start, start + len(surface)


def _entity(doc: Document, surface: str, label: str, entity_id: str) -> EntityMention:
    return EntityMention(*_span(doc, surface), label, surface, entity_id)


def _event(
    doc: Document, surface: str, code: str, realis: str, event_id: str, *args: tuple[str, str]
) -> EventMention:
    arguments = tuple(sorted(EventArgument(role, entity) for role, entity in args))
    return EventMention(*_span(doc, surface), code, realis, surface, event_id, arguments)


def _stance(
    doc: Document, evidence: str, target: str, polarity: str, stance_id: str, holder: str | None
) -> StanceAnnotation:
    return StanceAnnotation(*_span(doc, evidence), target, polarity, evidence, stance_id, holder)


def _gold(doc: Document) -> GoldDocument:
    entities = [
        _entity(doc, "Kim", "PER", "g-kim"),
        _entity(doc, "Trump", "PER", "g-trump"),
        _entity(doc, "Hanoi", "GPE", "g-hanoi"),
        _entity(doc, "Sunday", "DATE", "g-sunday"),
        _entity(doc, "Sanders", "PER", "g-sanders"),
        _entity(doc, "Seoul", "GPE", "g-seoul"),
        _entity(doc, "Tokyo", "GPE", "g-tokyo"),
    ]
    events = [
        _event(
            doc,
            "met",
            "04",
            "ACTUAL",
            "g-met",
            ("SOURCE", "g-kim"),
            ("TARGET", "g-trump"),
            ("PLACE", "g-hanoi"),
            ("TIME", "g-sunday"),
        ),
        _event(
            doc,
            "criticized",
            "11",
            "ACTUAL",
            "g-crit",
            ("SOURCE", "g-seoul"),
            ("TARGET", "g-tokyo"),
        ),
    ]
    stances = [
        _stance(doc, "Sanders 🙂 praised the summit", "summit", "FAVOR", "g-s1", "g-sanders"),
        _stance(doc, "Seoul criticized Tokyo", "japan", "AGAINST", "g-s2", "g-seoul"),
    ]
    return GoldDocument(
        doc, DocumentAnnotations(doc.id, "gold", entities, events, stances), TARGETS
    )


def _model(doc: Document) -> DocumentAnnotations:
    """Partly right: a wrong type, a miss, a wrong realis, a spurious event, an author stance."""
    entities = [
        _entity(doc, "Kim", "PER", "m1"),
        _entity(doc, "Trump", "ORG", "m2"),
        _entity(doc, "Hanoi", "GPE", "m3"),
        _entity(doc, "Sanders", "PER", "m4"),
        _entity(doc, "Seoul", "GPE", "m5"),
        _entity(doc, "Tokyo", "LOC", "m6"),
    ]
    events = [
        _event(doc, "met", "04", "GENERIC", "v1", ("SOURCE", "m1"), ("PLACE", "m3")),
        _event(doc, "praised", "05", "ACTUAL", "v2", ("SOURCE", "m4")),
        _event(doc, "criticized", "11", "ACTUAL", "v3", ("SOURCE", "m5"), ("TARGET", "m6")),
    ]
    stances = [
        _stance(doc, "praised the summit", "summit", "FAVOR", "s1", "m4"),
        _stance(doc, "Seoul criticized Tokyo", "japan", "AGAINST", "s2", None),
    ]
    return DocumentAnnotations(doc.id, MODEL, entities, events, stances)


def _jsonl_row(doc: Document, model: DocumentAnnotations, key: str) -> dict[str, Any]:
    """The model's predictions of one layer, written by hand in the JSONL format."""
    by_id = model.entity_by_id()

    def span(entity_id: str) -> dict[str, int]:
        return {"start": by_id[entity_id].start, "end": by_id[entity_id].end}

    if key == "entities":
        items: list[dict[str, Any]] = [
            {"start": m.start, "end": m.end, "label": m.label} for m in model.entities
        ]
    elif key == "events":
        items = [
            {
                "trigger": {"start": e.start, "end": e.end},
                "type": e.type,
                "realis": e.realis,
                "arguments": [{"role": a.role, **span(a.entity_id)} for a in e.arguments],
            }
            for e in model.events
        ]
    else:
        items = [
            {
                "holder": None if s.holder_id is None else span(s.holder_id),
                "target": s.target,
                "label": s.polarity,
                "evidence": {"start": s.start, "end": s.end},
            }
            for s in model.stances
        ]
    return {"doc_id": doc.id, key: items}


def _export(layer: str, gold: GoldDocument, model: DocumentAnnotations) -> list[dict[str, Any]]:
    """The layer's tasks, with ids and empty annotations, as Label Studio exports them."""
    doc = gold.document
    tasks = to_label_studio_tasks(
        layer,
        [doc],
        gold_entities={doc.id: gold.annotations},
        stance_targets={doc.id: TARGETS},
        predictions=[model],
        model_version=MODEL,
    ).tasks
    return [{"id": 100 + n, **task, "annotations": []} for n, task in enumerate(tasks, 1)]


@pytest.fixture
def gold() -> GoldDocument:
    return _gold(_document())


@pytest.fixture
def exports(gold: GoldDocument) -> dict[str, list[dict[str, Any]]]:
    return {layer: _export(layer, gold, _model(gold.document)) for layer in LAYERS}


def _write(folder: Path, exports: dict[str, list[dict[str, Any]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for layer, tasks in exports.items():
        (folder / f"{layer}.json").write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")
    return folder


def _figures(report: Any) -> dict[str, Any]:
    out = report.to_dict()
    info = out.pop("input")
    out["input"] = {k: info[k] for k in ("layers", "predicted_documents", "issue_count")}
    return out


def test_tasks_have_an_emoji_before_entities_and_a_second_chunk(
    exports: dict[str, list[dict[str, Any]]],
) -> None:
    first, second = exports["entities"]
    assert first["data"]["text"].index("😀") < first["data"]["text"].index("Trump")
    assert second["data"]["offset"] > 0 and "🙂" in second["data"]["text"]
    versions = {p["model_version"] for task in exports["events"] for p in task["predictions"]}
    assert versions == {f"{GOLD_ENTITIES_VERSION}+{MODEL}"}


@pytest.mark.parametrize("layers", [("entities",), ("events",), ("stance",), LAYERS])
def test_export_scores_exactly_like_the_jsonl_rows(
    tmp_path: Path, gold: GoldDocument, exports: dict[str, list[dict[str, Any]]], layers: tuple
) -> None:
    doc, model = gold.document, _model(gold.document)
    if len(layers) == 1:
        (layer,) = layers
        pred = tmp_path / f"{layer}.json"
        pred.write_text(json.dumps(exports[layer]), "utf-8")
    else:
        pred = _write(tmp_path / "exports", exports)
    row: dict[str, Any] = {"doc_id": doc.id}
    for layer in layers:
        row.update(_jsonl_row(doc, model, LAYER_KEY[layer]))
    options = {"n_resamples": 20, "with_errors": True}
    from_export = score([gold], pred, **options)  # type: ignore[arg-type]
    from_rows = score([gold], [row], **options)  # type: ignore[arg-type]
    assert _figures(from_export) == _figures(from_rows)
    assert from_export.input["format"] == "labelstudio"
    assert from_export.input["layers"] == sorted(layers)
    assert from_export.errors == from_rows.errors and from_rows.errors


def test_gold_entity_context_is_counted_not_scored(
    tmp_path: Path, gold: GoldDocument, exports: dict[str, list[dict[str, Any]]]
) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps(exports["events"]), "utf-8")
    result = read_predictions(path, {gold.document.id: gold})
    assert result.layers == {"events"}
    prediction = result.documents[gold.document.id]
    assert prediction.entities is None
    assert [(e.start, e.type, e.realis) for e in prediction.events or []] == [
        (gold.document.text.index(w), code, realis)
        for w, code, realis in (("met", "04", "GENERIC"), ("praised", "05", "ACTUAL"))
    ] + [(gold.document.text.index("criticized"), "11", "ACTUAL")]
    assert result.ignored == {
        "entity regions in the events export (argument and holder anchors, not entity "
        "predictions)": 7
    }


def _set_label(exports: dict[str, Any]) -> str:
    item = exports["entities"][0]["predictions"][0]["result"][0]
    item["value"]["labels"] = ["CITY"]
    return rf"field 'task 101, item {item['id']}': unknown label 'CITY' for control 'entity'"


def _shift_offsets(exports: dict[str, Any]) -> str:
    item = exports["entities"][1]["predictions"][0]["result"][0]
    item["value"]["start"] += 1
    item["value"]["end"] += 1
    return rf"field 'task 102, item {item['id']}': value.text .* does not equal the text"


def _dangle_relation(exports: dict[str, Any]) -> str:
    result = exports["events"][0]["predictions"][0]["result"]
    relation = next(item for item in result if item["type"] == "relation")
    relation["to_id"] = "nowhere"
    return r"field 'task 101, item relation pred-v1->nowhere': relation to missing region 'nowhere'"


def _duplicate_trigger(exports: dict[str, Any]) -> str:
    result = exports["events"][0]["predictions"][0]["result"]
    copies = [copy.deepcopy(i) for i in result if i.get("id") == "pred-v1"]
    for item in copies:
        item["id"] = "pred-v1-again"
    result += copies
    return r"field 'task 101, item pred-v1-again': duplicate event prediction"


def _unknown_document(exports: dict[str, Any]) -> str:
    exports["stance"][0]["data"]["doc_id"] = "nope"
    return r"field 'task 101': document 'nope' is not in the corpus"


def _drop_offset(exports: dict[str, Any]) -> str:
    del exports["events"][1]["data"]["offset"]
    return r"field 'task 102': task data needs doc_id \(string\), offset \(integer\)"


BREAKERS = [
    _set_label,
    _shift_offsets,
    _dangle_relation,
    _duplicate_trigger,
    _unknown_document,
    _drop_offset,
]


@pytest.mark.parametrize("breaker", BREAKERS, ids=lambda f: f.__name__.strip("_"))
def test_bad_item_names_file_task_and_reason(
    tmp_path: Path, gold: GoldDocument, exports: dict[str, Any], breaker: Any
) -> None:
    message = breaker(exports)
    folder = _write(tmp_path / "exports", exports)
    with pytest.raises(InputError, match=rf"{folder}/\w+\.json: {message}"):
        read_predictions(folder, {gold.document.id: gold})


def test_lenient_counts_every_bad_item_and_scores_the_rest(
    tmp_path: Path, gold: GoldDocument, exports: dict[str, Any]
) -> None:
    for breaker in BREAKERS:
        breaker(exports)
    folder = _write(tmp_path / "exports", exports)
    report = score([gold], folder, lenient=True, n_resamples=0)
    fields = [issue["field"] for issue in report.input["issues"]]
    assert report.input["issue_count"] == len(BREAKERS) == len(fields)
    assert all(field.startswith("task 10") for field in fields)
    assert report.entities is not None and report.events is not None
    assert report.stance is not None


def _second_model(exports: dict[str, Any]) -> None:
    for task in exports["entities"]:
        other = copy.deepcopy(task["predictions"][0])
        other["model_version"] = "toy-model-2"
        other["result"] = other["result"][:1]
        task["predictions"].append(other)


def test_several_model_versions_need_a_choice(
    tmp_path: Path, gold: GoldDocument, exports: dict[str, Any]
) -> None:
    _second_model(exports)
    path = tmp_path / "entities.json"
    path.write_text(json.dumps(exports["entities"]), "utf-8")
    gold_by_id = {gold.document.id: gold}
    with pytest.raises(
        InputError,
        match=r"task 101 has 2 predictions \(toy-model-1, toy-model-2\); .*2 model versions.*"
        "--model-version",
    ):
        read_predictions(path, gold_by_id)
    chosen = read_predictions(path, gold_by_id, model_version="toy-model-2")
    assert len(chosen.documents[gold.document.id].entities or []) == 2
    assert chosen.ignored == {"Label Studio predictions of other model versions": 2}
    with pytest.raises(InputError, match=r"no task carries a model prediction of model version"):
        read_predictions(path, gold_by_id, model_version="nope")


def test_export_of_gold_context_only_is_refused(tmp_path: Path, gold: GoldDocument) -> None:
    doc = gold.document
    tasks = to_label_studio_tasks(
        "events", [doc], gold_entities={doc.id: gold.annotations}, stance_targets=None
    ).tasks
    path = tmp_path / "events.json"
    path.write_text(json.dumps(tasks), "utf-8")
    with pytest.raises(InputError, match=r"events\.json: no task carries a model prediction"):
        read_predictions(path, {doc.id: gold})


def test_layer_of_an_unnamed_export_comes_from_its_controls(
    tmp_path: Path, gold: GoldDocument, exports: dict[str, Any]
) -> None:
    gold_by_id = {gold.document.id: gold}
    for layer, key in LAYER_KEY.items():
        path = tmp_path / f"export-{layer}.json"
        path.write_text(json.dumps(exports[layer]), "utf-8")
        assert read_predictions(path, gold_by_id).layers == {key}


def test_prediction_ids_without_content_are_refused(
    tmp_path: Path, gold: GoldDocument, exports: dict[str, Any]
) -> None:
    for number, task in enumerate(exports["entities"], start=1):
        task["predictions"] = [number]  # what Label Studio's plain JSON export writes
    path = tmp_path / "entities.json"
    path.write_text(json.dumps(exports["entities"]), "utf-8")
    with pytest.raises(InputError, match=r"task 101 lists its predictions as \[1\], not as obj"):
        read_predictions(path, {gold.document.id: gold})


def test_model_version_is_refused_for_jsonl(tmp_path: Path, gold: GoldDocument) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"doc_id": gold.document.id, "entities": []}) + "\n", "utf-8")
    with pytest.raises(InputError, match=r"field 'model_version': a model version can only"):
        read_predictions(path, {gold.document.id: gold}, model_version=MODEL)


def test_cli_scores_a_folder_of_exports_with_a_model_version(
    tmp_path: Path, gold: GoldDocument, exports: dict[str, Any]
) -> None:
    from newsgold.dataset import build_dataset

    build_dataset([gold], tmp_path / "dataset")
    _second_model(exports)
    folder = _write(tmp_path / "exports", exports)
    base = [sys.executable, "-c", "from newsgold.cli import main; main()", "score"]
    args = [*base, "--pred", str(folder), "--gold", str(tmp_path / "dataset"), "--format", "json"]
    failed = subprocess.run(args, capture_output=True, text=True, check=False)
    assert failed.returncode == 1 and failed.stderr.count("\n") == 1
    assert "--model-version" in failed.stderr
    done = subprocess.run(
        [*args, "--model-version", MODEL, "--resamples", "0"],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)
    assert report["input"]["layers"] == ["entities", "events", "stance"]
    assert report["input"]["format"] == "labelstudio"


@pytest.mark.labelstudio
def test_live_export_scores_like_the_jsonl_rows(
    ls_client: Any, tmp_path: Path, gold: GoldDocument
) -> None:
    from newsgold.labelstudio.client import export_project, push_tasks

    doc, model = gold.document, _model(gold.document)
    folder = tmp_path / "exports"
    folder.mkdir()
    row: dict[str, Any] = {"doc_id": doc.id}
    for layer in LAYERS:
        tasks = [{k: v for k, v in t.items() if k != "id"} for t in _export(layer, gold, model)]
        pushed = push_tasks(ls_client, layer, tasks, title=f"newsgold scoring live {layer}")
        raw = export_project(ls_client, pushed.project_id, with_predictions=True)
        (folder / f"{layer}.json").write_bytes(raw)
        row.update(_jsonl_row(doc, model, LAYER_KEY[layer]))
    exported = json.loads((folder / "events.json").read_text("utf-8"))
    assert len(exported) == 2 and all(len(t["predictions"]) == 1 for t in exported)
    from_export = score([gold], folder, n_resamples=20, with_errors=True)
    from_rows = score([gold], [row], n_resamples=20, with_errors=True)
    assert _figures(from_export) == _figures(from_rows)
    assert from_export.input["layers"] == ["entities", "events", "stance"]
    assert from_export.errors == from_rows.errors
