"""The scoring layer is pure: importing it loads no reader, dataset or Label Studio code,
and every public name users import from ``newsgold.scoring`` still resolves."""

from __future__ import annotations

import subprocess
import sys

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
        "import newsgold.scoring.api, newsgold.scoring.tags, newsgold.scoring.predictions\n"
        f"loaded = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_public_scoring_name_resolves() -> None:
    for name in newsgold.scoring.__all__:
        assert getattr(newsgold.scoring, name) is not None, name
    assert newsgold.score is newsgold.scoring.score
    assert newsgold.scoring.read_conll.__module__ == "newsgold.io.conll"
    assert newsgold.scoring.score.__module__ == "newsgold.pipeline.scoring"
    assert newsgold.scoring.score is newsgold.pipeline.score
