"""The scoring layer is pure: importing it loads no reader, dataset or Label Studio code,
and every public name users import from ``newsgold.scoring`` still resolves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import newsgold
import newsgold.pipeline
import newsgold.scoring

HEAVY = (
    "newsgold.dataset",
    "newsgold.labelstudio",
    "newsgold.agreement",
    "newsgold.io",
    "newsgold.pipeline",
    "newsgold.report",
    "newsgold.leaderboard",
    "newsgold.corpus",
)


def test_scoring_modules_load_no_reader_or_stage_above() -> None:
    code = (
        "import sys\n"
        "import newsgold.scoring.scorer, newsgold.scoring.compare, newsgold.scoring.tags\n"
        "import newsgold.scoring.row_checks, newsgold.scoring.entity_columns\n"
        f"loaded = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_public_scoring_name_resolves() -> None:
    for name in newsgold.scoring.__all__:
        assert getattr(newsgold.scoring, name) is not None, name
    assert newsgold.score is newsgold.pipeline.score
    assert newsgold.score.__module__ == "newsgold.pipeline.scoring"
    assert newsgold.score_tags is newsgold.scoring.score_tags


def test_scoring_re_exports_nothing_from_above() -> None:
    # A lazy re-export by module name would be an upward import that import-linter
    # cannot see: the readers and entry points are not names of newsgold.scoring.
    for name in (
        "score",
        "compare",
        "score_conll",
        "gold_records",
        "read_conll",
        "read_predictions",
    ):
        assert name not in newsgold.scoring.__all__, name
    source = Path(newsgold.scoring.__file__).read_text(encoding="utf-8")
    for stage in HEAVY:
        assert f'"{stage}' not in source, stage
