"""``newsgold score`` / ``newsgold compare`` end to end through the real CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from seqeval.metrics import classification_report

from newsgold.scoring.predictions import gold_as_prediction_row

from .conftest import make_gold, write_lines

CONLL = """EU B-ORG B-ORG
rejects O O
German B-MISC B-MISC
call O O
. O O

Peter B-PER B-PER
Blackburn I-PER O

BRUSSELS B-LOC B-ORG
1996-08-22 O O

I-PER I-PER I-PER
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from newsgold.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_conll_json_equals_seqeval(tmp_path: Path) -> None:
    path = tmp_path / "out.conll"
    path.write_text(CONLL, encoding="utf-8")
    result = _run(
        "score", "--conll", str(path), "--format", "json", "--resamples", "20", "--any-labels"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    sentences = [block.splitlines() for block in CONLL.strip().split("\n\n")]
    gold = [[line.split()[-2] for line in s] for s in sentences]
    pred = [[line.split()[-1] for line in s] for s in sentences]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = classification_report(gold, pred, output_dict=True, zero_division=0)
    strict = data["entities"]["strict"]
    assert strict["f1"] == pytest.approx(ref["micro avg"]["f1-score"])
    assert strict["macro_f1"] == pytest.approx(ref["macro avg"]["f1-score"])
    assert set(data["entities"]) == {"strict", "exact", "partial", "type"}
    assert data["input"]["ill_formed"][0]["tags"] == ["I-PER"]


def test_bad_tag_fails_with_one_line_naming_file_and_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bad.conll", ["a B-PER B-PER", "b S-PER O"])
    result = _run("score", "--conll", str(path))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert f"{path}:2: field 'gold'" in result.stderr


def test_score_and_compare_on_a_dataset_folder(tmp_path: Path) -> None:
    from newsgold.dataset import build_dataset

    gold = make_gold()
    build_dataset(gold, tmp_path / "dataset")
    rows = [gold_as_prediction_row(g) for g in gold]
    good = write_lines(tmp_path / "a.jsonl", [json.dumps(r) for r in rows])
    rows[0]["entities"] = rows[0]["entities"][:1]
    worse = write_lines(tmp_path / "b.jsonl", [json.dumps(r) for r in rows])
    result = _run(
        "score",
        "--pred",
        str(good),
        "--gold",
        str(tmp_path / "dataset"),
        "--resamples",
        "10",
        "--errors",
        str(tmp_path / "e.jsonl"),
    )
    assert result.returncode == 0, result.stderr
    assert "strict" in result.stdout and "gold:sha256-" in result.stdout
    assert (tmp_path / "e.jsonl").read_text() == ""
    result = _run(
        "compare",
        str(good),
        str(worse),
        "--gold",
        str(tmp_path / "dataset"),
        "--resamples",
        "50",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"]["entities"]["strict.f1"]["delta"] > 0


def test_lenient_reports_instead_of_failing(tmp_path: Path) -> None:
    from newsgold.dataset import build_dataset

    gold = make_gold()
    build_dataset(gold, tmp_path / "dataset")
    path = write_lines(tmp_path / "p.jsonl", ['{"doc_id": "doca", "entities": []}', "{broken"])
    strict = _run("score", "--pred", str(path), "--gold", str(tmp_path / "dataset"))
    assert strict.returncode == 1 and f"{path}:2: malformed line" in strict.stderr
    lenient = _run(
        "score",
        "--pred",
        str(path),
        "--gold",
        str(tmp_path / "dataset"),
        "--lenient",
        "--format",
        "json",
        "--resamples",
        "0",
    )
    assert lenient.returncode == 0, lenient.stderr
    assert json.loads(lenient.stdout)["input"]["issue_count"] == 1


def test_plain_option_table_equals_the_typer_command() -> None:
    import click

    from newsgold.cli import load_command
    from newsgold.cli.score import SCORE_OPTIONS

    kinds = {"path": click.Path, "count": click.IntRange, "text": click.types.StringParamType}
    declared = {}
    for param in load_command("score").params:
        if param.name == "help":
            continue
        assert isinstance(param, click.Option)
        kind = (
            "flag"
            if param.is_flag
            else next(k for k, t in kinds.items() if isinstance(param.type, t))
        )
        if kind == "count":
            assert param.type.min == 0 and param.type.max is None  # type: ignore[attr-defined]
        declared[param.opts[0]] = (param.name, kind, param.default)
    assert declared == SCORE_OPTIONS


@pytest.mark.parametrize(
    ("args", "plain"),
    [
        (["--conll", "a.conll"], True),
        (["--conll=a.conll", "--format", "json", "--seed=0", "--resamples", "0"], True),
        (["--pred", "p.jsonl", "--gold", "g", "--lenient", "--zero-division", "nan"], True),
        (["--conll", "a.conll", "--help"], False),
        (["--conll", "a.conll", "--conll", "b.conll"], False),  # typer keeps the last: it decides
        (["--conll"], False),
        (["--conll", "-a.conll"], False),
        (["--conll", ""], False),
        (["--lenient=1"], False),
        (["--seed", "-1"], False),
        (["--seed", "1_000"], False),
        (["--seed", "\u0661"], False),  # a digit int() reads, not a plain one
        (["--unknown", "x"], False),
        (["a.conll"], False),
    ],
)
def test_only_plain_command_lines_skip_typer(args: list[str], plain: bool) -> None:
    from newsgold.cli.score import parse_plain

    assert (parse_plain(args) is not None) == plain


def test_a_plain_score_line_prints_what_typer_prints_without_loading_it(tmp_path: Path) -> None:
    path = tmp_path / "out.conll"
    path.write_text(CONLL, encoding="utf-8")
    args = ["score", "--conll", str(path), "--resamples", "20", "--any-labels"]
    script = (
        "import contextlib, io, sys\n"
        "from newsgold.cli import main\n"
        "plain = io.StringIO()\n"
        "with contextlib.redirect_stdout(plain), contextlib.suppress(SystemExit):\n"
        f"    main({args!r})\n"
        "loaded = sorted(m for m in ('typer', 'click') if m in sys.modules)\n"
        "from newsgold.cli import app\n"
        "typed = io.StringIO()\n"
        "with contextlib.redirect_stdout(typed):\n"
        f"    app(args={args!r}, standalone_mode=False)\n"
        "first = plain.getvalue().splitlines()[0]\n"
        "print(repr((loaded, plain.getvalue() == typed.getvalue(), first)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded, same, head = eval(result.stdout)
    assert loaded == [] and same and head.startswith(str(path))
