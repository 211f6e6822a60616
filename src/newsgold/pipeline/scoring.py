"""Orchestration: from paths to reports. Reads through :mod:`newsgold.io`, scores through
:mod:`newsgold.scoring`.

``score`` and ``compare`` take a gold (a dataset folder, ``None`` for the project's
``build/dataset``, or records) and predictions (a file or folder, rows or a
:class:`~newsgold.scoring.predictions.PredictionSet`); ``score_conll`` takes a
conlleval-style file. The stages they call never call back up.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from newsgold.errors import InputError
from newsgold.io.conll import read_conll
from newsgold.scoring.bootstrap import (
    CONFIDENCE_DEFAULT,
    RESAMPLES_DEFAULT,
    SEED_DEFAULT,
)
from newsgold.scoring.conll import Reading
from newsgold.scoring.prf import ZERO_DIVISION_DEFAULT, check_zero_division
from newsgold.scoring.report import Report
from newsgold.scoring.tags import LabelMap, score_tag_file

if TYPE_CHECKING:
    from newsgold.records import GoldDocument
    from newsgold.scoring.api import Comparison
    from newsgold.scoring.predictions import PredictionSet

# The document scorer and its readers (jsonschema, Label Studio conversion, datasets) are
# imported by the functions that use them: `newsgold score --conll` loads none of them.

GoldInput = str | Path | Iterable[Any] | None
PredictionInput: TypeAlias = "str | Path | PredictionSet | Iterable[Mapping[str, Any]]"


def _as_gold(gold: GoldInput) -> list[GoldDocument]:
    from newsgold.io.gold import load_gold
    from newsgold.records import GoldDocument

    if gold is None or isinstance(gold, str | Path):
        return load_gold(gold)
    records = [GoldDocument(*record) for record in gold]
    if not records:
        raise InputError("the gold holds no documents", field="gold")
    return records


def _as_predictions(
    predictions: PredictionInput,
    by_id: Mapping[str, GoldDocument],
    lenient: bool,
    model_version: str | None = None,
) -> PredictionSet:
    from newsgold.io.predictions import read_predictions
    from newsgold.scoring.predictions import PredictionSet, validate_rows

    if isinstance(predictions, PredictionSet):
        return predictions
    if isinstance(predictions, str | Path):
        return read_predictions(predictions, by_id, lenient=lenient, model_version=model_version)
    if model_version is not None:
        raise InputError(
            "a model version can only be chosen in a Label Studio export",
            field="model_version",
        )
    return validate_rows(list(predictions), by_id, lenient=lenient)


def score(
    gold: GoldInput,
    predictions: PredictionInput,
    *,
    lenient: bool = False,
    n_resamples: int = RESAMPLES_DEFAULT,
    seed: int = SEED_DEFAULT,
    confidence: float = CONFIDENCE_DEFAULT,
    zero_division: float = ZERO_DIVISION_DEFAULT,
    with_errors: bool = False,
    model_version: str | None = None,
) -> Report:
    """Score predictions against the gold, every layer the predictions give.

    Args:
        gold: a dataset folder, ``None`` for the project's ``build/dataset``, or gold
            records (``(document, annotations, targets)`` tuples, e.g. ``GoldDocument``).
        predictions: a prediction file (JSONL, Label Studio ``.json`` export or folder of
            layer exports, or dataset folder), a :class:`PredictionSet`, or prediction
            rows (dicts).
        lenient: count and report bad prediction items instead of raising.
        n_resamples: bootstrap resamples for the intervals (0 = no intervals).
        seed: bootstrap seed.
        confidence: interval coverage.
        zero_division: value of an undefined figure (0, 1 or NaN), as in scikit-learn.
        with_errors: collect per-instance errors into ``report.errors``.
        model_version: in a Label Studio export, the model version to score (needed
            when the export holds several).

    Returns:
        A :class:`Report`; ``report.to_dict()`` is JSON-ready.

    Raises:
        InputError: bad gold or predictions (file, line, field, reason).

    Example:
        >>> report = newsgold.score("build/dataset", "preds.jsonl")  # doctest: +SKIP
        >>> report.entities["strict"].micro.f1  # doctest: +SKIP
        0.8123
    """
    check_zero_division(zero_division)
    if n_resamples < 0:
        raise InputError(f"resamples must be >= 0, got {n_resamples}", field="resamples")
    records = _as_gold(gold)
    by_id = {r.document.id: r for r in records}
    preds = _as_predictions(predictions, by_id, lenient, model_version)
    from newsgold.scoring.api import score_records

    return score_records(
        records,
        preds,
        n_resamples=n_resamples,
        seed=seed,
        confidence=confidence,
        zero_division=zero_division,
        with_errors=with_errors,
    )


def compare(
    gold: GoldInput,
    predictions_a: PredictionInput,
    predictions_b: PredictionInput,
    *,
    lenient: bool = False,
    n_resamples: int = RESAMPLES_DEFAULT,
    seed: int = SEED_DEFAULT,
    confidence: float = CONFIDENCE_DEFAULT,
    zero_division: float = ZERO_DIVISION_DEFAULT,
    all_figures: bool = False,
) -> Comparison:
    """Paired bootstrap and approximate-randomization tests of system A against B.

    Only layers both systems predict are compared; by default only headline figures
    (micro/macro F1, F_avg, accuracy) are tested, ``all_figures=True`` tests all of them.

    Raises:
        InputError: bad inputs, or no layer in common.
    """
    check_zero_division(zero_division)
    records = _as_gold(gold)
    by_id = {r.document.id: r for r in records}
    from newsgold.scoring.api import compare_records

    return compare_records(
        records,
        _as_predictions(predictions_a, by_id, lenient),
        _as_predictions(predictions_b, by_id, lenient),
        n_resamples=n_resamples,
        seed=seed,
        confidence=confidence,
        zero_division=zero_division,
        all_figures=all_figures,
    )


def score_conll(
    path: str | Path,
    *,
    scheme: str = "IOB2",
    reading: Reading = "conlleval",
    label_map: LabelMap | None = None,
    labels: Collection[str] | None = None,
    n_resamples: int = RESAMPLES_DEFAULT,
    seed: int = SEED_DEFAULT,
    confidence: float = CONFIDENCE_DEFAULT,
    zero_division: float = ZERO_DIVISION_DEFAULT,
    with_errors: bool = False,
) -> Report:
    """Score a conlleval-style file (gold and predicted tags as the last two columns).

    Units are the file's sentences; offsets in the report are token indices within the
    sentence (end-exclusive). ``input.ill_formed`` lists every chunk the conlleval and
    strict readings disagree on, with how it was read; ``input.token_accuracy`` is
    conlleval's accuracy. The entity gold id equals the dataset's when the file is its
    export (``newsgold dataset export --format conll``), whatever the scheme.

    Raises:
        InputError: a malformed line, a tag invalid in ``scheme`` or a label outside
            ``labels`` (file and line), or a file with no token line.
    """
    conll = read_conll(path)
    if not len(conll.lengths):  # an empty input is refused, never scored as an empty report
        raise InputError(
            "no token lines; expected one token per line with the gold and predicted tags "
            "as the last two columns",
            path=path,
        )
    return score_tag_file(
        conll,
        scheme=scheme,
        reading=reading,
        label_map=label_map,
        labels=labels,
        n_resamples=n_resamples,
        seed=seed,
        confidence=confidence,
        zero_division=zero_division,
        with_errors=with_errors,
    )
