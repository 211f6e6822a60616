"""Store updates under real processes: concurrent `newsgold corpus add` runs all land,
a busy lock is one clear line, and kill -9 or Ctrl-C in the middle of a write leaves
every store file whole (byte for byte the old or the new version)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from newsgold.corpus import Document, build_corpus, document_id, load_corpus, write_corpus
from tests.safety.conftest import NEWSGOLD, REPO, run_process, store_digest

ARTICLES = [
    "The council approved the new harbour plan on Tuesday. Work starts in May.",
    "Farmers in the valley reported a record apple harvest this autumn.",
    "The national library reopened after a two-year renovation, officials said.",
    "A new ferry line will link the two islands from next spring.",
    "Scientists released the first map of the reef after the storm season.",
]


def _project(root: Path) -> Path:
    root.mkdir(parents=True)
    for name in ("seeds", "corpus"):
        shutil.copytree(REPO / name, root / name)
    return root


def test_concurrent_corpus_adds_all_land(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    before = set(load_corpus(root / "corpus"))
    for number, text in enumerate(ARTICLES):
        (root / f"article{number}.txt").write_text(text + "\n", encoding="utf-8")
    processes = [
        subprocess.Popen(
            [str(NEWSGOLD), "corpus", "add", f"article{number}.txt", "--source", "Test Wire"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(len(ARTICLES))
    ]
    outputs = [process.communicate(timeout=600) for process in processes]
    assert [p.returncode for p in processes] == [0] * len(ARTICLES), outputs
    added = {line.split()[1] for out, _ in outputs for line in out.splitlines()}
    assert len(added) == len(ARTICLES)
    assert set(load_corpus(root / "corpus")) == before | added  # none lost
    # the corpus is still exactly what its seeds give
    rebuilt = tmp_path / "rebuilt"
    build_corpus(root / "seeds", rebuilt)
    assert (rebuilt / "documents.jsonl").read_bytes() == (
        root / "corpus" / "documents.jsonl"
    ).read_bytes()


def test_a_busy_store_is_one_clear_line(tmp_path: Path) -> None:
    from newsgold.storelock import store_lock

    root = _project(tmp_path / "project")
    (root / "a.txt").write_text(ARTICLES[0] + "\n", encoding="utf-8")
    before = store_digest(root, ("seeds", "corpus"))
    with store_lock(root / "corpus"):
        result = run_process(
            ["corpus", "add", "a.txt"], root, env={**os.environ, "NEWSGOLD_LOCK_WAIT": "1"}
        )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: another newsgold command is updating")
    assert len(result.stderr.strip().splitlines()) == 1
    assert store_digest(root, ("seeds", "corpus")) == before


def _large_corpus(folder: Path, documents: int = 6, words: int = 150_000) -> None:
    """A valid corpus big enough that writing it takes a while (segmented by regex)."""
    made = []
    for number in range(documents):
        text = " ".join(f"w{number}x{i}" for i in range(words)) + "."
        tokens = tuple((m.start(), m.end()) for m in re.finditer(r"\S+", text))
        made.append(
            Document(
                id=document_id(text),
                text=text,
                title=None,
                source=None,
                url=None,
                date=None,
                language=None,
                paragraphs=((0, len(text)),),
                sentences=((0, len(text)),),
                tokens=tokens,
            )
        )
    write_corpus(folder, made)


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt_once(root: Path, sig: int) -> tuple[subprocess.Popen[str], bool, str]:
    """Start `corpus add`, send ``sig`` as soon as the corpus is being written."""
    process = subprocess.Popen(
        [str(NEWSGOLD), "corpus", "add", "new.txt"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A shell that starts the test run in the background ignores SIGINT, and the
        # child would inherit that; a user's Ctrl-C reaches a foreground command.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 300
    caught = False
    while process.poll() is None and time.monotonic() < deadline:
        if _temporaries(root / "corpus"):
            process.send_signal(sig)
            caught = True
            break
        time.sleep(0.0005)
    _, err = process.communicate(timeout=300)
    return process, caught, err


def _interrupt_during_write(
    root: Path, sig: int, attempts: int = 8
) -> tuple[subprocess.Popen[str], bool, str]:
    """Like :func:`_interrupt_once`, retried from a pristine copy while the signal lands
    too late (the temporary file was seen, but the rename and exit won the race: status
    0). A late signal is not a failure of the command, only of the experiment."""
    pristine = root.parent / "pristine"
    shutil.copytree(root, pristine)
    for _ in range(attempts):
        process, caught, err = _interrupt_once(root, sig)
        if not caught or process.returncode != 0:
            return process, caught, err
        shutil.rmtree(root)
        shutil.copytree(pristine, root)
    return process, caught, err


@pytest.fixture
def big_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    _large_corpus(root / "corpus")
    (root / "new.txt").write_text(ARTICLES[0] + "\n", encoding="utf-8")
    return root


def _after_a_clean_add(big_project: Path, tmp_path: Path) -> bytes:
    control = tmp_path / "control"
    shutil.copytree(big_project, control)
    assert run_process(["corpus", "add", "new.txt"], control).returncode == 0
    return (control / "corpus" / "documents.jsonl").read_bytes()


def test_kill_9_during_a_corpus_write_leaves_whole_files(big_project: Path, tmp_path: Path) -> None:
    expected = _after_a_clean_add(big_project, tmp_path)
    old = (big_project / "corpus" / "documents.jsonl").read_bytes()
    process, caught, _ = _interrupt_during_write(big_project, signal.SIGKILL)
    assert caught, "the write finished before the kill; make the corpus bigger"
    assert process.returncode == -signal.SIGKILL
    assert (big_project / "corpus" / "documents.jsonl").read_bytes() in (old, expected)
    seed = big_project / "seeds" / "new.txt"
    assert not seed.exists() or seed.read_bytes() == (big_project / "new.txt").read_bytes()
    # the next run cleans what the killed one left and completes the update
    result = run_process(["corpus", "add", "new.txt"], big_project)
    assert result.returncode == 0, result.stderr
    assert (big_project / "corpus" / "documents.jsonl").read_bytes() == expected
    assert _temporaries(big_project / "corpus") == []


def test_ctrl_c_during_a_corpus_write_changes_nothing(big_project: Path) -> None:
    before = store_digest(big_project, ("seeds", "corpus"))
    process, caught, err = _interrupt_during_write(big_project, signal.SIGINT)
    assert caught, "the write finished before the interrupt; make the corpus bigger"
    assert process.returncode == 130
    assert [line for line in err.splitlines() if line.strip()] == [
        "error: interrupted (store files are replaced atomically: none is half-written)"
    ]
    assert store_digest(big_project, ("seeds", "corpus")) == before  # seed copy undone too
    assert _temporaries(big_project / "corpus") == []


def test_sigterm_during_a_corpus_write_changes_nothing(big_project: Path) -> None:
    before = store_digest(big_project, ("seeds", "corpus"))
    process, caught, _ = _interrupt_during_write(big_project, signal.SIGTERM)
    assert caught
    assert process.returncode == 128 + signal.SIGTERM
    assert store_digest(big_project, ("seeds", "corpus")) == before
    assert _temporaries(big_project / "corpus") == []
