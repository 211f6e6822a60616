"""Fixtures for the safety tests: a copy of the project's stores in a temporary folder,
a digest of every store file (to check "byte-identical" after a refused command), and
the real ``newsgold`` entry point run in-process or as a separate process."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsgold.cli import main

REPO = Path(__file__).resolve().parents[2]
STORES = ("seeds", "corpus", "annotations", "evaluate")
NEWSGOLD = Path(sys.executable).with_name("newsgold")


def store_digest(
    root: Path, folders: tuple[str, ...] = (*STORES, "build/dataset")
) -> dict[str, str]:
    """relative path -> SHA-256 of every file in the stores (and the built dataset)."""
    digest = {}
    for name in folders:
        for path in sorted((root / name).rglob("*")):
            if path.is_file():
                digest[path.relative_to(root).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return digest


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def run_main(argv: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]) -> Outcome:
    """Run the console entry point in-process (as the installed script does)."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(previous)
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def run_process(args: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run ``newsgold ARGS`` as a separate process."""
    return subprocess.run(
        [str(NEWSGOLD), *args], cwd=cwd, capture_output=True, text=True, timeout=600, **kwargs
    )


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in STORES:
        shutil.copytree(REPO / name, target / name)
    return target


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with its dataset built (the gold `score` needs)."""
    from newsgold.dataset.build import build_project_dataset

    root = copy_project(tmp_path_factory.mktemp("template") / "project")
    build_project_dataset(root)
    return root


@pytest.fixture
def project(built_template: Path, tmp_path: Path) -> Iterator[Path]:
    """A fresh copy of the built project for one test."""
    root = tmp_path / "project"
    shutil.copytree(built_template, root)
    yield root
