"""Orchestration: the layer that wires the stages together; the stages never call back up.

- :mod:`newsgold.pipeline.scoring`: :func:`score`, :func:`compare` and
  :func:`score_conll`, from paths (or records) to score reports, reading through
  :mod:`newsgold.io` and scoring through :mod:`newsgold.scoring`;
- :mod:`newsgold.pipeline.evaluation`: :func:`~newsgold.pipeline.evaluation.evaluate_systems`
  (predict with every system, score, then hand the reports to the leaderboard and the
  HTML report);
- :mod:`newsgold.pipeline.project`: a project folder's Label Studio task files and models;
- :mod:`newsgold.pipeline.run`: :func:`~newsgold.pipeline.run.run_pipeline`, what
  ``newsgold run`` does, corpus to report.

Only the command line (:mod:`newsgold.cli`) sits above this layer. ``score``, ``compare``
and ``score_conll`` are imported on first use, so ``import newsgold.pipeline.project``
loads no scorer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgold.pipeline.scoring import GoldInput as GoldInput
    from newsgold.pipeline.scoring import PredictionInput as PredictionInput
    from newsgold.pipeline.scoring import compare as compare
    from newsgold.pipeline.scoring import score as score
    from newsgold.pipeline.scoring import score_conll as score_conll

_SCORING = ("GoldInput", "PredictionInput", "compare", "score", "score_conll")

__all__ = ["GoldInput", "PredictionInput", "compare", "score", "score_conll"]


def __getattr__(name: str) -> Any:
    if name in _SCORING:
        from newsgold.pipeline import scoring

        return getattr(scoring, name)
    raise AttributeError(f"module 'newsgold.pipeline' has no attribute {name!r}")
