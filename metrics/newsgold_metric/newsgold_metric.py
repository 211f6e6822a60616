"""newsgold as a Hugging Face ``evaluate`` metric: entity scores on tag sequences.

Load it from the repository folder (works offline; newsgold must be installed)::

    import evaluate
    metric = evaluate.load("metrics/newsgold_metric")
    metric.compute(predictions=[["B-PER", "I-PER", "O"]], references=[["B-PER", "I-PER", "O"]])

The numbers are :func:`newsgold.score_tags`'s, the same as ``newsgold score --conll``:
strict, exact, partial and type modes (SemEval-2013) with bootstrap intervals over
sentences, and a signature to report with them.
"""

from __future__ import annotations

from typing import Any

import datasets

import evaluate
import newsgold

_DESCRIPTION = """\
Entity-level precision, recall and F1 on BIO-style tag sequences in the four SemEval-2013
matching modes (strict, exact, partial, type), micro and macro, per type, with percentile
bootstrap confidence intervals over sentences and a reproducibility signature. The keys
`overall_precision`, `overall_recall`, `overall_f1` and `overall_accuracy` and the per-type
entries follow the `seqeval` metric (strict mode = seqeval's default reading, or its
`mode="strict"` with `reading="strict"`).
"""

_KWARGS_DESCRIPTION = """\
Args:
    predictions: list of predicted tag sequences (one list of tags per sentence).
    references: list of gold tag sequences, parallel to `predictions`.
    scheme: tagging scheme: "IOB1", "IOB2" (default), "IOBES" or "BILOU".
    reading: "conlleval" (default; seqeval's default mode) or "strict" (seqeval's strict mode).
    label_map: dict renaming labels ({"PERSON": "PER"}) or dropping them ({"MISC": None}).
    labels: allowed labels after mapping (None: any).
    n_resamples: bootstrap resamples (default 1000; 0: no intervals).
    seed: bootstrap seed (default 12345).
    zero_division: value of undefined figures (0, 1 or nan; default 0).
Returns:
    overall_precision, overall_recall, overall_f1: strict micro figures.
    overall_accuracy: token accuracy.
    <TYPE>: {"precision", "recall", "f1", "number"} per entity type (strict).
    modes: every mode's counts and figures with "ci" intervals, as `newsgold score` reports.
    signature: the newsgold signature of the figures.
Example:
    >>> metric = evaluate.load("metrics/newsgold_metric")
    >>> metric.compute(predictions=[["B-PER", "O"]], references=[["B-PER", "O"]])["overall_f1"]
    1.0
"""

_CITATION = """\
@misc{newsgold,
  title = {newsgold: an annotated news dataset of entities, CAMEO events and stance},
  note  = {Entity scoring in the SemEval-2013 Task 9.1 modes, with bootstrap intervals}
}
"""


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class NewsgoldMetric(evaluate.Metric):
    """Entity scores on tag sequences, computed by :func:`newsgold.score_tags`."""

    def _info(self) -> evaluate.MetricInfo:
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS_DESCRIPTION,
            features=datasets.Features(
                {
                    "predictions": datasets.Sequence(datasets.Value("string", id="label")),
                    "references": datasets.Sequence(datasets.Value("string", id="label")),
                }
            ),
            reference_urls=["https://aclanthology.org/S13-2056/"],
        )

    def _compute(
        self,
        predictions: list[list[str]],
        references: list[list[str]],
        scheme: str = "IOB2",
        reading: str = "conlleval",
        label_map: dict[str, str | None] | None = None,
        labels: list[str] | None = None,
        n_resamples: int = 1000,
        seed: int = 12345,
        zero_division: float = 0,
    ) -> dict[str, Any]:
        report = newsgold.score_tags(
            references,
            predictions,
            scheme=scheme,
            reading=reading,  # type: ignore[arg-type]
            label_map=label_map,
            labels=labels,
            n_resamples=n_resamples,
            seed=seed,
            zero_division=zero_division,
        ).to_dict()
        strict = report["entities"]["strict"]
        result: dict[str, Any] = {
            label: {
                "precision": figures["precision"],
                "recall": figures["recall"],
                "f1": figures["f1"],
                "number": figures["possible"],
            }
            for label, figures in sorted(strict["per_type"].items())
        }
        result.update(
            overall_precision=strict["precision"],
            overall_recall=strict["recall"],
            overall_f1=strict["f1"],
            overall_accuracy=report["input"]["token_accuracy"],
            modes=report["entities"],
            signature=report["signature"]["entities"],
        )
        return result
