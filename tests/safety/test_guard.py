"""newsgold.guard: which output paths a command may write, as a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgold.errors import InputError
from newsgold.guard import (
    OUTPUT_MARKER,
    check_output_file,
    check_output_folder,
    check_pass_name,
    mark_output_folder,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for store in ("seeds", "corpus", "annotations/gold", "evaluate/scores/test"):
        (tmp_path / store).mkdir(parents=True)
    (tmp_path / "corpus" / "documents.jsonl").write_text("{}\n")
    (tmp_path / "README.md").write_text("mine\n")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine\n")
    (tmp_path / "p.jsonl").write_text("{}\n")
    return tmp_path


FILES = [  # (path, command, inputs, refused with)
    ("corpus/documents.jsonl", "score --output", [], "inside the project's corpus/ store"),
    ("annotations/gold/entities.json", "agreement", [], "annotations/ store"),
    ("seeds/x.txt", "predict", [], "seeds/ store"),
    ("evaluate/leaderboard.md", "score --output", [], "evaluate/ store"),
    ("p.jsonl", "score --errors", [("--pred", "p.jsonl")], "is also the input --pred"),
    ("README.md", "score --output", [], "existing file in the project root"),
    ("mine", "score --output", [], "is a folder"),
    ("mine/notes.txt/x", "score --output", [], "is a file, not a folder"),
    ("mine/x.json", "score --output", [("--gold", "mine")], "inside the input --gold"),
]
ALLOWED = [
    ("evaluate/scores/test/x.json", "score --output"),
    ("evaluate/leaderboard.md", "leaderboard"),
    ("annotations/agreement.json", "agreement"),
    ("build/score.txt", "score --output"),
    ("new.txt", "score --output"),  # a new file in the root
    ("mine/notes.txt", "score --output"),  # a user's file outside the stores
]


@pytest.mark.parametrize(("path", "command", "inputs", "message"), FILES)
def test_file_outputs_refused(
    root: Path, path: str, command: str, inputs: list, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    with pytest.raises(InputError, match=message):
        check_output_file(path, command=command, inputs=inputs, roots=[root])


@pytest.mark.parametrize(("path", "command"), ALLOWED)
def test_file_outputs_allowed(
    root: Path, path: str, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    assert check_output_file(path, command=command, roots=[root]) == Path(path)


FOLDERS = [
    (".", "is the project root"),
    ("..", "holds the project"),
    ("corpus", "corpus/ store"),
    ("evaluate", "evaluate/ store"),
    ("mine", "was not made by `newsgold dataset build`"),
    ("README.md", "is a file, not a folder"),
]


@pytest.mark.parametrize(("path", "message"), FOLDERS)
def test_folder_outputs_refused(
    root: Path, path: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    with pytest.raises(InputError, match=message):
        check_output_folder(path, command="dataset build", roots=[root])


def test_a_folder_with_the_commands_marker_may_be_replaced(root: Path) -> None:
    out = root / "build" / "dataset"
    out.mkdir(parents=True)
    (out / "old.parquet").write_bytes(b"x")
    with pytest.raises(InputError, match=r"no \.newsgold-output marker"):
        check_output_folder(out, command="dataset build", roots=[root])
    mark_output_folder(out, "dataset build")
    assert (out / OUTPUT_MARKER).read_text() == "newsgold dataset build\n"
    check_output_folder(out, command="dataset build", roots=[root])
    with pytest.raises(InputError, match="says 'newsgold dataset build'"):
        check_output_folder(out, command="report", roots=[root])


def test_an_empty_or_new_folder_is_fine(root: Path) -> None:
    (root / "empty").mkdir()
    check_output_folder(root / "empty", command="dataset build", roots=[root])
    check_output_folder(root / "build" / "new", command="dataset build", roots=[root])


def test_a_folder_holding_an_input_is_refused(root: Path) -> None:
    with pytest.raises(InputError, match="holds the input --gold"):
        check_output_folder(
            root / "mine", command="x", inputs=[("--gold", root / "mine" / "g.jsonl")]
        )


@pytest.mark.parametrize("name", ["annotator_a", "alice", "a.b-c_1", "X" * 64])
def test_good_pass_names(name: str) -> None:
    assert check_pass_name(name) == name


@pytest.mark.parametrize(
    "name",
    ["", ".", "..", "../../corpus", "/tmp/x", "a/b", "a b", ".hidden", "-x", "a..b", "X" * 65],
)
def test_bad_pass_names(name: str) -> None:
    with pytest.raises(InputError, match="is not a pass name"):
        check_pass_name(name)
