"""The dangerous commands of issue 11: each prints one line, exits non-zero and leaves
every store byte-identical (the real entry point, in a copy of the project)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.safety.conftest import run_main, store_digest

GOLD_ENTITIES = "annotations/gold/entities.json"
PRED = "evaluate/predictions/test/cameo-rules.jsonl"


def _nothing(root: Path) -> None:
    pass


def _write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)

    return setup


def _truncated_gold(root: Path) -> None:
    (root / "entities.json").write_bytes((root / GOLD_ENTITIES).read_bytes()[:500])


def _edited_gold(edit: Callable[[list[dict]], None]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        tasks = json.loads((root / GOLD_ENTITIES).read_text(encoding="utf-8"))
        edit(tasks)
        (root / "entities.json").write_text(json.dumps(tasks), encoding="utf-8")

    return setup


def _first_result(tasks: list[dict]) -> dict:
    return next(t for t in tasks if t["annotations"])["annotations"][0]["result"][0]


def _tampered_corpus(edit: Callable[[dict], None]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / "corpus" / "documents.jsonl"
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        edit(next(r for r in rows if r["id"] == "6ebade2f8e52de11"))
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    return setup


def _span_past_end(row: dict) -> None:
    row["tokens"][-1] = [row["tokens"][-1][0], len(row["text"]) + 5]


def _text_edited(row: dict) -> None:
    row["text"] = row["text"].replace("Trump", "Trumq", 1)


def _predictions_copy(root: Path) -> None:
    (root / "p.jsonl").write_bytes((root / PRED).read_bytes())


def _folder_with_a_file(root: Path) -> None:
    (root / "mine").mkdir()
    (root / "mine" / "keep.txt").write_text("mine\n")


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


CASES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    ("dataset build --out annotations", _nothing, ["dataset", "build", "--out", "annotations"]),
    ("dataset build --out corpus", _nothing, ["dataset", "build", "--out", "corpus"]),
    ("dataset build --out .", _nothing, ["dataset", "build", "--out", "."]),
    ("dataset build --out seeds", _nothing, ["dataset", "build", "--out", "seeds"]),
    ("dataset build --out evaluate", _nothing, ["dataset", "build", "--out", "evaluate"]),
    ("dataset build --out ..", _nothing, ["dataset", "build", "--out", ".."]),
    (
        "dataset build --out a user's folder",
        _folder_with_a_file,
        ["dataset", "build", "--out", "mine"],
    ),
    ("dataset build --out a file", _write("afile", "x"), ["dataset", "build", "--out", "afile"]),
    (
        "pull --gold --from-file truncated.json",
        _truncated_gold,
        ["labelstudio", "pull", "--gold", "--from-file", "entities.json"],
    ),
    (
        "pull --gold --from-file empty file",
        _write("entities.json", b""),
        ["labelstudio", "pull", "--gold", "--from-file", "entities.json"],
    ),
    (
        "pull --pass with an export of no tasks",
        _write("entities.json", "[]"),
        ["labelstudio", "pull", "--pass", "annotator_a", "--from-file", "entities.json"],
    ),
    (
        "pull --pass ../../corpus",
        _edited_gold(lambda tasks: None),
        ["labelstudio", "pull", "--pass", "../../corpus", "--from-file", "entities.json"],
    ),
    (
        "pull --gold with labels [[PER]]",
        _edited_gold(lambda t: _first_result(t)["value"].update(labels=[["PER"]])),
        ["labelstudio", "pull", "--gold", "--from-file", "entities.json"],
    ),
    (
        "pull --gold with rejected items",
        _edited_gold(lambda t: _first_result(t)["value"].update(labels=["POLITICIAN"])),
        ["labelstudio", "pull", "--gold", "--from-file", "entities.json"],
    ),
    (
        "pull --gold of annotations: 'x'",
        _edited_gold(lambda t: t[0].update(annotations="x")),
        ["labelstudio", "pull", "--gold", "--from-file", "entities.json"],
    ),
    (
        "pull --gold of from_name: {}",
        _edited_gold(lambda t: _first_result(t).update(from_name={})),
        ["labelstudio", "pull", "--gold", "--from-file", "entities.json"],
    ),
    (
        "pull --gold of tasks without annotations",
        _edited_gold(lambda t: [task.update(annotations=[]) for task in t]),
        ["labelstudio", "pull", "--gold", "--from-file", "entities.json"],
    ),
    (
        "score --output corpus/documents.jsonl",
        _nothing,
        ["score", "--pred", PRED, "--resamples", "0", "--output", "corpus/documents.jsonl"],
    ),
    (
        "score --errors equal to --pred",
        _predictions_copy,
        ["score", "--pred", "p.jsonl", "--resamples", "0", "--errors", "p.jsonl"],
    ),
    (
        "score --output equal to --pred",
        _predictions_copy,
        ["score", "--pred", "p.jsonl", "--resamples", "0", "--output", "p.jsonl"],
    ),
    ("score --seed -1", _nothing, ["score", "--pred", PRED, "--seed", "-1"]),
    ("score --resamples -5", _nothing, ["score", "--pred", PRED, "--resamples", "-5"]),
    (
        "compare --resamples -5",
        _nothing,
        ["compare", PRED, "evaluate/predictions/test/spacy-ner.jsonl", "--resamples", "-5"],
    ),
    ("score an empty file", _write("p.jsonl", ""), ["score", "--pred", "p.jsonl"]),
    (
        "score a 5000-digit offset",
        _write(
            "p.jsonl", '{"doc_id": "6ebade2f8e52de11", "entities": [{"start": ' + "9" * 5000 + "}]}"
        ),
        ["score", "--pred", "p.jsonl"],
    ),
    ("score deep nesting", _write("p.jsonl", _nested(100_000)), ["score", "--pred", "p.jsonl"]),
    (
        "predict --out corpus/documents.jsonl",
        _nothing,
        ["predict", "--model", "cameo-rules", "--out", "corpus/documents.jsonl"],
    ),
    ("leaderboard --out corpus", _nothing, ["leaderboard", "--out", "corpus"]),
    ("report --out .", _nothing, ["report", "--out", "."]),
    (
        "labelstudio tasks --out annotations/gold",
        _nothing,
        ["labelstudio", "tasks", "--out", "annotations/gold"],
    ),
    (
        "adjudicate diff over the decision log",
        _nothing,
        [
            "adjudicate",
            "diff",
            "annotations/passes/annotator_a",
            "annotations/passes/annotator_b",
            "--out",
            "annotations/adjudication.jsonl",
        ],
    ),
    (
        "agreement --out onto the gold",
        _nothing,
        [
            "agreement",
            "annotations/passes/annotator_a",
            "annotations/passes/annotator_b",
            "--out",
            GOLD_ENTITIES,
        ],
    ),
    (
        "corpus add nested JSONL",
        _write("x.jsonl", '{"text": ' + _nested(100_000) + "}\n"),
        ["corpus", "add", "x.jsonl"],
    ),
    (
        "corpus add a 5000-digit integer",
        _write("x.jsonl", '{"text": "Hello there.", "title": ' + "9" * 5000 + "}\n"),
        ["corpus", "add", "x.jsonl"],
    ),
    (
        "corpus add with --corpus naming a file",
        lambda root: (_write("cfile", "x")(root), _write("a.txt", "Hello world. A test.")(root)),
        ["corpus", "add", "a.txt", "--corpus", "cfile"],
    ),
    ("corpus add an empty file", _write("a.txt", ""), ["corpus", "add", "a.txt"]),
    (
        "import-annotations of an empty file",
        _write("r.jsonl", ""),
        ["labelstudio", "import-annotations", "r.jsonl", "--pass", "newpass"],
    ),
    (
        "import-annotations --pass ../../corpus",
        lambda root: _write("r.jsonl", (root / "annotations" / "adjudication.jsonl").read_text())(
            root
        ),
        ["labelstudio", "import-annotations", "r.jsonl", "--pass", "../../corpus"],
    ),
    (
        "score --output onto a FIFO",
        lambda root: os.mkfifo(root / "fifo"),
        ["score", "--pred", PRED, "--resamples", "0", "--output", "fifo"],
    ),
    (
        "dataset build into another command's folder",
        _write("build/tasks/.newsgold-output", "newsgold labelstudio tasks\n"),
        ["dataset", "build", "--out", "build/tasks"],
    ),
    (
        "corpus add a 30,000-character run of brackets",
        _write("a.txt", "[" * 15_000 + "]" * 15_000),
        ["corpus", "add", "a.txt"],
    ),
    (
        "dataset build on a span past the text",
        _tampered_corpus(_span_past_end),
        ["dataset", "build"],
    ),
    ("dataset build on an edited text", _tampered_corpus(_text_edited), ["dataset", "build"]),
    ("corpus list on an edited text", _tampered_corpus(_text_edited), ["corpus", "list"]),
]


@pytest.mark.parametrize(("name", "setup", "argv"), CASES, ids=[c[0] for c in CASES])
def test_refused_with_one_line_and_stores_unchanged(
    name: str,
    setup: Callable[[Path], None],
    argv: list[str],
    project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup(project)
    before = store_digest(project)
    outside = {p: p.read_bytes() for p in project.iterdir() if p.is_file()}
    outcome = run_main(argv, project, capsys)
    assert outcome.code != 0, outcome
    assert len(outcome.error_lines) == 1, outcome.err
    assert outcome.error_lines[0].startswith("error: "), outcome.err
    assert "Traceback" not in outcome.err
    assert store_digest(project) == before
    assert {p: p.read_bytes() for p in outside} == outside
    if (project / "mine").exists():
        assert (project / "mine" / "keep.txt").read_text() == "mine\n"


def test_refused_pull_keeps_the_exports_for_inspection(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edited_gold(lambda t: _first_result(t)["value"].update(labels=["POLITICIAN"]))(project)
    outcome = run_main(
        ["labelstudio", "pull", "--gold", "--from-file", "entities.json"], project, capsys
    )
    assert outcome.code == 1
    assert "unknown label 'POLITICIAN'" in outcome.out
    kept = project / "build" / "labelstudio" / "rejected" / "gold" / "entities.json"
    assert kept.read_bytes() == (project / "entities.json").read_bytes()


def test_valid_pull_replaces_the_gold_layer_exactly_as_received(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tasks = json.loads((project / GOLD_ENTITIES).read_text(encoding="utf-8"))
    new_bytes = json.dumps(tasks, indent=1).encode()  # same content, other bytes
    (project / "entities.json").write_bytes(new_bytes)
    outcome = run_main(
        ["labelstudio", "pull", "--gold", "--from-file", "entities.json"], project, capsys
    )
    assert outcome.code == 0, outcome.err
    assert (project / GOLD_ENTITIES).read_bytes() == new_bytes


def test_debug_flag_shows_the_traceback(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsgold.errors import InputError

    with pytest.raises(InputError, match="prediction file not found"):
        run_main(["--debug", "score", "--pred", "missing.jsonl"], project, capsys)


def test_a_usage_error_is_one_line_not_a_box(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = run_main(["corpus", "list", "--bogus"], project, capsys)
    assert outcome.code == 2
    (line,) = outcome.error_lines  # click's wording varies by version
    assert line.startswith("error: No such option")
    assert line.endswith("(see `newsgold corpus list --help`)")


def test_generated_outputs_may_be_rewritten(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the guard refuses stores, not the files a command generates there
    outcome = run_main(
        [
            "score",
            "--pred",
            PRED,
            "--resamples",
            "0",
            "--format",
            "json",
            "--output",
            "evaluate/scores/test/cameo-rules-again.json",
        ],
        project,
        capsys,
    )
    assert outcome.code == 0, outcome.err
    assert (project / "evaluate" / "scores" / "test" / "cameo-rules-again.json").is_file()
    outcome = run_main(["dataset", "build"], project, capsys)
    assert outcome.code == 0, outcome.err
    assert (project / "build" / "dataset" / ".newsgold-output").read_text() == (
        "newsgold dataset build\n"
    )
