"""The generated block of docs/models.md: current with evaluate/, dev-only error analysis."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsgold.errors import InputError
from newsgold.report.models_doc import END, START, models_doc_section, update_models_doc

ROOT = Path(__file__).resolve().parents[2]


def test_committed_doc_matches_committed_evaluation(tmp_path: Path) -> None:
    doc = tmp_path / "models.md"
    shutil.copy2(ROOT / "docs" / "models.md", doc)
    assert update_models_doc(doc, ROOT / "evaluate") is False, (
        "docs/models.md is stale: run `newsgold run` (or python -m newsgold.report.models_doc)"
    )
    assert models_doc_section(ROOT / "evaluate") in doc.read_text()


def test_error_analysis_reads_dev_rows_only(tmp_path: Path) -> None:
    evaluate = tmp_path / "evaluate"
    shutil.copytree(ROOT / "evaluate", evaluate, ignore=shutil.ignore_patterns("report"))
    rows = [
        {"layer": "events.trigger", "category": "missed", "doc_id": "d",
         "gold": {"start": 0, "end": 6, "text": "Summit", "type": "04"}, "pred": None},
        {"layer": "events.trigger", "category": "type", "doc_id": "d",
         "gold": {"start": 9, "end": 14, "text": "urged", "type": "02"}, "pred": None},
        {"layer": "events.trigger", "category": "type", "doc_id": "d",
         "gold": None, "pred": {"start": 9, "end": 14, "text": "urged", "type": "10"}},
    ]  # fmt: skip
    (evaluate / "errors" / "dev").mkdir(parents=True, exist_ok=True)
    (evaluate / "errors" / "dev" / "cameo-petrarch.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8"
    )
    section = models_doc_section(evaluate)
    assert section.startswith(START) and section.endswith(END)
    assert "- summit (04 Consult): 1" in section
    assert "- 02 Appeal → 10 Demand: 1" in section
    assert "| events.trigger | missed | 1 |" in section
    assert "| events.trigger | type | 2 |" in section


def test_doc_without_markers_is_refused(tmp_path: Path) -> None:
    doc = tmp_path / "models.md"
    doc.write_text("# Models\n", encoding="utf-8")
    with pytest.raises(InputError, match="no generated block"):
        update_models_doc(doc, ROOT / "evaluate")
