"""Every reader against the hostile inputs of issue 11: a clear one-line NewsgoldError
(or, where the input happens to be valid, a result), never another exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgold.errors import NewsgoldError
from tests.safety.readers import READERS, Reader

# Inputs no reader may crash on. Whether each is refused depends on the reader (an
# empty JSON object is a valid stance-target file, say), so the table asserts "refused
# with one line, or read", and REFUSED_BY_ALL lists the ones every reader must refuse.
HOSTILE: dict[str, bytes] = {
    "empty file": b"",
    "only blank lines": b"  \n\n\t\n",
    "NUL bytes": b"\x00\x00\x00",
    "not UTF-8": b"\xff\xfe{\x81}",
    "truncated JSON": b'{"doc_id": "6ebade2f8e52de11", "entities": [{"start": 1',
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "deep nesting in an object": b'{"a": ' + b"[" * 5_000 + b"]" * 5_000 + b"}",
    "5000-digit integer": b'{"doc_id": "6ebade2f8e52de11", "start": ' + b"9" * 5000 + b"}",
    "40-digit integer": b'{"start": ' + b"1" * 40 + b"}",
    "NaN": b'{"start": NaN, "end": Infinity}',
    "a string": b'"hello"',
    "a number": b"42",
    "null": b"null",
    "an empty list": b"[]",
    "an empty object": b"{}",
    "nested lists": b'[[["PER"]]]',
    "a huge line of text": b"x" * 200_000,
}
REFUSED_BY_ALL = (
    "empty file",
    "NUL bytes",
    "not UTF-8",
    "deep nesting",
    "5000-digit integer",
)


def _outcome(reader: Reader, path: Path) -> NewsgoldError | None:
    try:
        reader.read(path)
    except NewsgoldError as exc:
        return exc
    return None


def _write(tmp_path: Path, reader: Reader, data: bytes) -> Path:
    path = tmp_path / reader.filename
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(READERS))
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_one_line_or_read(name: str, case: str, tmp_path: Path) -> None:
    reader = READERS[name]
    error = _outcome(reader, _write(tmp_path, reader, HOSTILE[case]))
    if error is not None:
        assert "\n" not in str(error)
        assert len(str(error)) < 1000
    if case == "empty file" and not reader.must_find_something:
        return  # an empty corpus or record file is read as empty; commands report it
    if case in REFUSED_BY_ALL and not name.startswith("corpus input (.txt)"):
        assert error is not None, f"{name} accepted {case}"


@pytest.mark.parametrize("name", sorted(READERS))
def test_the_valid_sample_is_read(name: str, tmp_path: Path) -> None:
    reader = READERS[name]
    assert _outcome(reader, _write(tmp_path, reader, reader.sample())) is None


@pytest.mark.parametrize("name", sorted(n for n, r in READERS.items() if r.must_find_something))
def test_an_input_with_nothing_in_it_is_refused(name: str, tmp_path: Path) -> None:
    reader = READERS[name]
    empty = b"[]" if reader.filename.endswith(".json") and "export" in name else b"\n"
    assert _outcome(reader, _write(tmp_path, reader, empty)) is not None


def _ls_result(tasks: list[dict]) -> dict:
    return next(t for t in tasks if t["annotations"])["annotations"][0]["result"][0]


def _export_with(edit: object) -> bytes:
    tasks = json.loads(READERS["Label Studio export (entities)"].sample())
    edit(tasks)  # type: ignore[operator]
    return json.dumps(tasks).encode()


def _record_with(**fields: object) -> bytes:
    row = json.loads(READERS["annotation records (.jsonl)"].sample())
    row.update(fields)
    return (json.dumps(row) + "\n").encode()


def _entity_record(**fields: object) -> bytes:
    row = json.loads(READERS["annotation records (.jsonl)"].sample())
    row["entities"][0].update(fields)
    return (json.dumps(row) + "\n").encode()


def _corpus_row(**fields: object) -> bytes:
    row = json.loads(READERS["corpus store (documents.jsonl)"].sample())
    row.update(fields)
    return (json.dumps(row) + "\n").encode()


def _decision(**fields: object) -> bytes:
    lines = READERS["adjudication log"].sample().splitlines()
    row = json.loads(lines[0])
    row.update(fields)
    return b"\n".join([json.dumps(row).encode(), *lines[1:]]) + b"\n"


# Wrongly typed fields, per reader: every one is refused with one line.
TYPED: list[tuple[str, str, bytes]] = [
    (
        "Label Studio export (entities)",
        "annotations: 'x'",
        _export_with(lambda t: t[0].update(annotations="x")),
    ),
    (
        "Label Studio export (entities)",
        "from_name: {}",
        _export_with(lambda t: _ls_result(t).update(from_name={})),
    ),
    (
        "Label Studio export (entities)",
        "labels: [['PER']]",
        _export_with(lambda t: _ls_result(t)["value"].update(labels=[["PER"]])),
    ),
    (
        "Label Studio export (entities)",
        "completed_by: [1]",
        _export_with(lambda t: t[0]["annotations"][0].update(completed_by=[1])),
    ),
    ("Label Studio export (entities)", "data: 'x'", _export_with(lambda t: t[0].update(data="x"))),
    (
        "Label Studio export (entities)",
        "result item a list",
        _export_with(lambda t: t[0]["annotations"][0].update(result=[[1]])),
    ),
    (
        "Label Studio export scored (--pred x.json)",
        "predictions: 'x'",
        _export_with(lambda t: t[0].update(predictions="x")),
    ),
    ("Label Studio task file", "a task that is a list", b"[[1, 2]]"),
    ("annotation records (.jsonl)", "float offset", _entity_record(start=0.5)),
    ("annotation records (.jsonl)", "string offset", _entity_record(end="12")),
    ("annotation records (.jsonl)", "boolean offset", _entity_record(start=True)),
    ("annotation records (.jsonl)", "label an object", _entity_record(label={})),
    ("annotation records (.jsonl)", "entities a string", _record_with(entities="x")),
    ("annotation records (.jsonl)", "doc_id a list", _record_with(doc_id=["x"])),
    (
        "predictions (score)",
        "float offset",
        b'{"doc_id": "6ebade2f8e52de11", "entities": '
        b'[{"start": 0.5, "end": 6.0, "label": "PER"}]}\n',
    ),
    (
        "predictions (score)",
        "entities an object",
        b'{"doc_id": "6ebade2f8e52de11", "entities": {"start": 0}}\n',
    ),
    (
        "predictions (report)",
        "float offset",
        b'{"doc_id": "x", "entities": [{"start": 0.5, "end": 6, "label": "PER"}]}\n',
    ),
    ("predictions (report)", "doc_id missing", b'{"entities": []}\n'),
    ("adjudication log", "decision a list", _decision(decision=["A"])),
    ("adjudication log", "reason a number", _decision(reason=5)),
    (
        "adjudication log",
        "custom item with a float offset",
        _decision(decision="custom", custom=[{"start": 1.5, "end": 3, "label": "PER"}]),
    ),
    ("adjudication log", "a row that is a list", b"[1, 2]\n"),
    (
        "corpus store (documents.jsonl)",
        "token span past the text",
        _corpus_row(tokens=[[0, 10**6]]),
    ),
    (
        "corpus store (documents.jsonl)",
        "text edited (id no longer its hash)",
        _corpus_row(text="edited"),
    ),
    ("corpus store (documents.jsonl)", "float span", _corpus_row(sentences=[[0.0, 5.5]])),
    (
        "corpus store (documents.jsonl)",
        "sentences out of order",
        _corpus_row(sentences=[[10, 20], [0, 5]]),
    ),
    ("corpus store (documents.jsonl)", "title an object", _corpus_row(title={"a": 1})),
    ("corpus store (documents.jsonl)", "the same document twice", _corpus_row() * 2),
    ("corpus input (.jsonl)", "text a list", b'{"text": ["a"]}\n'),
    ("corpus input (.jsonl)", "title an object", b'{"text": "Hello there.", "title": {}}\n'),
    ("stance targets", "targets an object", b'{"6ebade2f8e52de11": {"id": "x"}}'),
    (
        "stance targets",
        "target id a number",
        b'{"6ebade2f8e52de11": [{"id": 5, "name": "n", "description": "d"}]}',
    ),
    (
        "split declaration",
        "a share that is a string",
        b'{"rule": "r", "salt": "s", "ratios": {"test": "1"}}',
    ),
    ("score report (leaderboard)", "figure a string", b'{"entities": {"strict": {"f1": "high"}}}'),
    (
        "score report (leaderboard)",
        "ci not a pair",
        b'{"entities": {"strict": {"f1": 0.5, "ci": {"f1": 3}}}}',
    ),
    ("metadata sidecar", "title a list", b'{"title": ["T"]}'),
    ("CoNLL file", "one column", b"Kim\n"),
]


@pytest.mark.parametrize(("name", "case", "data"), TYPED, ids=[f"{n}: {c}" for n, c, _ in TYPED])
def test_wrongly_typed_field_is_refused(name: str, case: str, data: bytes, tmp_path: Path) -> None:
    reader = READERS[name]
    error = _outcome(reader, _write(tmp_path, reader, data))
    assert error is not None, f"{name} accepted {case}"
    assert "\n" not in str(error)


def test_a_plug_in_model_with_float_offsets_is_an_error() -> None:
    from newsgold.errors import InputError
    from newsgold.models.protocol import coerce_prediction
    from tests.safety.readers import SEED, documents

    document = documents()[SEED]
    with pytest.raises(InputError, match="float"):
        coerce_prediction(
            document,
            {"entities": [{"start": 0.0, "end": 6.9, "label": "PER"}]},
            layers=["entities"],
            system="plug",
        )


def test_a_plug_in_model_that_raises_names_model_and_document() -> None:
    from newsgold.errors import ModelError
    from newsgold.predict import run_extractor
    from tests.safety.readers import SEED, documents

    class Broken:
        name = "broken-model"
        layers = ("entities",)

        def predict(self, document: object, stance_targets: object) -> dict:
            raise ZeroDivisionError("division by zero")

    with pytest.raises(ModelError) as caught:
        run_extractor(Broken(), [documents()[SEED]], progress=False)
    assert str(caught.value) == (
        f"model 'broken-model' failed on document {SEED}: ZeroDivisionError: division by zero"
    )
