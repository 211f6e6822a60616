"""A researcher's install: the wheel, without extras, in a clean virtual environment.

Builds the wheel from this checkout, installs it (dependencies from the package index, no
extras, no dev tools) into a fresh venv, and runs every command that needs no model from a
folder outside the repository, so nothing is imported from ``src/`` by accident.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

PLUGIN = """
import re


class KeywordModel:
    name = "keyword-model"
    layers = ("entities",)

    def predict(self, document, stance_targets):
        return {"entities": [
            {"start": m.start(), "end": m.end(), "label": "PER"}
            for m in re.finditer(r"\\b(?:Trump|Kim|Xi)\\b", document.text)
        ]}
"""


@pytest.fixture(scope="module")
def clean_install(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the wheel and its declared (non-extra) dependencies."""
    root = tmp_path_factory.mktemp("install")
    # Build from a copy of what the sdist holds, so the checkout gets no build/ or egg-info.
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    shutil.copytree(
        REPO_ROOT / "src",
        source / "src",
        ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"),
    )
    wheels = root / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-w", str(wheels)],
        check=True,
        capture_output=True,
        text=True,
        cwd=root,
    )
    (wheel,) = wheels.glob("newsgold-*.whl")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True, clear=True)
    subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
        cwd=root,
        env=_env(),
    )
    return env_dir


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["HF_HUB_OFFLINE"] = "1"
    return env


def _run(env_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(env_dir / "bin" / "newsgold"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_env(),
        check=False,
    )
    assert result.returncode == 0, f"newsgold {' '.join(args)}:\n{result.stderr}"
    return result


def test_no_extras_and_no_dev_tools_installed(clean_install: Path) -> None:
    probe = (
        "import importlib.util, json, newsgold; print(json.dumps({'file': newsgold.__file__, "
        "'missing': [m for m in ('pytest', 'en_core_web_sm', 'nervaluate') "
        "if importlib.util.find_spec(m) is None]}))"
    )
    result = subprocess.run(
        [str(clean_install / "bin" / "python"), "-c", probe],
        capture_output=True,
        text=True,
        cwd=clean_install,
        env=_env(),
        check=True,
    )
    data = json.loads(result.stdout)
    assert Path(data["file"]).is_relative_to(clean_install)
    assert data["missing"] == ["pytest", "en_core_web_sm", "nervaluate"]


def test_commands_without_a_model_run(clean_install: Path, tmp_path: Path) -> None:
    assert _run(clean_install, tmp_path, "--version").stdout.strip().startswith("newsgold ")
    dataset = tmp_path / "dataset"
    _run(
        clean_install, tmp_path, "dataset", "build", "--root", str(REPO_ROOT), "--out", str(dataset)
    )
    assert (dataset / "README.md").is_file()
    validated = _run(
        clean_install,
        tmp_path,
        "validate",
        str(REPO_ROOT / "annotations" / "gold"),
        "--root",
        str(REPO_ROOT),
    )
    assert "ok: no problems" in validated.stdout
    (tmp_path / "my_model.py").write_text(PLUGIN, encoding="utf-8")
    _run(
        clean_install,
        tmp_path,
        "predict",
        "--model",
        "my_model:KeywordModel",
        "--dataset",
        str(dataset),
        "--out",
        "keyword.jsonl",
        "--no-progress",
    )
    scored = _run(
        clean_install,
        tmp_path,
        "score",
        "--pred",
        "keyword.jsonl",
        "--gold",
        str(dataset),
        "--format",
        "json",
        "--resamples",
        "20",
    )
    assert 0 < json.loads(scored.stdout)["entities"]["strict"]["f1"] < 1
    compared = _run(
        clean_install,
        tmp_path,
        "compare",
        "keyword.jsonl",
        str(REPO_ROOT / "evaluate" / "predictions" / "test" / "spacy-ner.jsonl"),
        "--gold",
        str(dataset),
        "--resamples",
        "20",
        "--format",
        "json",
    )
    assert "strict.f1" in json.loads(compared.stdout)["results"]["entities"]
    conll = tmp_path / "out.conll"
    conll.write_text("Kim B-PER B-PER\nmet O O\n", encoding="utf-8")
    tagged = _run(clean_install, tmp_path, "score", "--conll", str(conll), "--format", "json")
    assert json.loads(tagged.stdout)["entities"]["strict"]["f1"] == 1.0


def test_wheel_ships_the_petrarch_dictionary(clean_install: Path) -> None:
    # cameo-petrarch reads the vendored CAMEO.2.0.txt from the installed package.
    probe = (
        "from newsgold.models.petrarch_dictionary import dictionary_path, load_verb_dictionary;"
        "print(load_verb_dictionary().coverage()['blocks'], dictionary_path())"
    )
    result = subprocess.run(
        [str(clean_install / "bin" / "python"), "-c", probe],
        capture_output=True,
        text=True,
        cwd=clean_install,
        env=_env(),
        check=True,
    )
    blocks, path = result.stdout.split()
    assert blocks == "397"
    assert Path(path).is_relative_to(clean_install)


RESEARCHER = """
import json, sys
import datasets
import newsgold

dataset = sys.argv[1]
entities = datasets.load_dataset(dataset, "entities", split="test")
names = entities.features["ner_tags"].feature.names
y_true = [[names[t] for t in row] for row in entities["ner_tags"]]
y_pred = [["O"] * len(row) for row in y_true]
report = newsgold.score_tags(y_true, y_true, scheme="IOB2", n_resamples=50)
empty = newsgold.score_tags(y_true, y_pred, scheme="IOB2", n_resamples=0)
print(json.dumps({
    "sentences": entities.num_rows,
    "f1": report.entities["strict"].micro.f1,
    "ci": report.ci["entities"]["strict.f1"],
    "empty_f1": empty.entities["strict"].micro.f1,
}))
"""


def test_researcher_walkthrough(clean_install: Path, tmp_path: Path) -> None:
    """The README's researcher steps with nothing but the wheel: load the dataset with
    `datasets`, export it to CoNLL, score tag lists from Python, compare on every layer."""
    dataset = tmp_path / "dataset"
    _run(
        clean_install, tmp_path, "dataset", "build", "--root", str(REPO_ROOT), "--out", str(dataset)
    )
    result = subprocess.run(
        [str(clean_install / "bin" / "python"), "-c", RESEARCHER, str(dataset)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["sentences"] > 0 and seen["f1"] == 1.0 and seen["empty_f1"] == 0.0
    assert seen["ci"] == [1.0, 1.0]
    _run(
        clean_install,
        tmp_path,
        "dataset",
        "export",
        "--format",
        "conll",
        "--dataset",
        str(dataset),
        "--out",
        "gold.conll",
    )
    lines = (tmp_path / "gold.conll").read_text(encoding="utf-8").split("\n")
    (tmp_path / "scored.conll").write_text(
        "\n".join(
            f"{line} {line.split()[-1]}" if line and not line.startswith("-DOCSTART-") else line
            for line in lines
        ),
        encoding="utf-8",
    )
    tagged = _run(clean_install, tmp_path, "score", "--conll", "scored.conll", "--format", "json")
    assert json.loads(tagged.stdout)["entities"]["strict"]["f1"] == 1.0
    predictions = REPO_ROOT / "evaluate" / "predictions" / "test"
    for a, b, layer in (
        ("cameo-petrarch", "cameo-rules", "events"),
        ("stance-cues", "stance-vader", "stance"),
    ):
        compared = _run(
            clean_install,
            tmp_path,
            "compare",
            str(predictions / f"{a}.jsonl"),
            str(predictions / f"{b}.jsonl"),
            "--gold",
            str(dataset),
            "--resamples",
            "20",
            "--format",
            "json",
        )
        assert layer in json.loads(compared.stdout)["results"], (a, b)
