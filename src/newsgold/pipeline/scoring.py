"""Orchestration: from paths to reports. Reads through :mod:`newsgold.io`, scores through
:mod:`newsgold.scoring`.

``score`` and ``compare`` take a gold (a dataset folder, ``None`` for the project's
``build/dataset``, or records) and predictions (a file or folder, rows or a
:class:`~newsgold.scoring.prediction_set.PredictionSet`); ``score_conll`` takes a
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
    from newsgold.scoring.compare import Comparison
    from newsgold.scoring.prediction_set import PredictionSet

# The document scorer and its readers (jsonschema, Label Studio conversion, datasets) are
# imported by the functions that use them: `newsgold score --conll` loads none of them.

GoldInput = str | Path | Iterable[Any] | None
PredictionInput: TypeAlias = "str | Path | PredictionSet | Iterable[Mapping[str, Any]]"


def _gold_folder(gold: str | Path | None) -> Path:
    from newsgold.paths import ProjectPaths

    folder = Path(gold) if gold is not None else ProjectPaths().dataset
    if not folder.is_dir():
        raise InputError(
            "gold dataset folder not found; build it with `newsgold dataset build` "
            "or pass --gold DIR",
            path=folder,
        )
    return folder


def gold_records(gold: GoldInput) -> list[GoldDocument]:
    """The gold records a score is computed on.

    Args:
        gold: a built dataset folder (``None``: the project's ``build/dataset``), read
            with :func:`newsgold.dataset.read.read_dataset` (texts required), or gold
            records (``(document, annotations, targets)`` tuples).

    Raises:
        InputError: no such folder, no dataset in it, withheld texts, or no record.
    """
    from newsgold.records import GoldDocument

    if gold is None or isinstance(gold, str | Path):
        from newsgold.dataset.read import read_dataset

        return list(read_dataset(_gold_folder(gold), require_text=True))
    records = [GoldDocument(*record) for record in gold]
    if not records:
        raise InputError("the gold holds no documents", field="gold")
    return records


def _score_entity_file(
    gold: str | Path | None, predictions: str | Path, settings: dict[str, Any]
) -> Report | None:
    """The fast path of a JSONL file of entity predictions against a dataset folder:
    columns instead of records. None when it does not apply or a check fails; the row
    path then reads the files again and names every problem."""
    from newsgold.io.entity_predictions import read_entity_prediction_columns
    from newsgold.io.gold_columns import read_entity_gold_columns
    from newsgold.scoring.entity_columns import entity_problems_found, score_entity_columns

    folder = _gold_folder(gold)
    source = Path(predictions)
    if not source.is_file() or source.suffix == ".json":
        return None
    preds = read_entity_prediction_columns(source)
    if preds is None:
        return None
    columns = read_entity_gold_columns(folder)
    if columns is None or entity_problems_found(columns, preds):
        return None
    import pyarrow as pa

    pa.default_memory_pool().release_unused()  # the read tables' memory, before matching
    return score_entity_columns(columns, preds, settings, settings["zero_division"])


def _as_predictions(
    predictions: PredictionInput,
    by_id: Mapping[str, GoldDocument],
    lenient: bool,
    model_version: str | None = None,
) -> PredictionSet:
    from newsgold.io.predictions import read_predictions
    from newsgold.scoring.prediction_set import PredictionSet
    from newsgold.scoring.row_checks import validate_rows

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
        >>> from newsgold.dataset.synthetic import synthetic_records
        >>> records = list(synthetic_records(2, sentences=2))
        >>> rows = [{"doc_id": r.document.id, "entities": [{"start": m.start, "end": m.end,
        ...     "label": m.label} for m in r.annotations.entities[:2]]} for r in records]
        >>> report = score(records, rows, n_resamples=0)
        >>> report.entities["strict"].micro.precision, report.entities["strict"].micro.recall
        (1.0, 0.5714285714285714)
    """
    check_zero_division(zero_division)
    if n_resamples < 0:
        raise InputError(f"resamples must be >= 0, got {n_resamples}", field="resamples")
    if (
        (gold is None or isinstance(gold, str | Path))
        and isinstance(predictions, str | Path)
        and model_version is None
        and not with_errors
    ):
        from newsgold.scoring.scorer import report_settings

        settings = report_settings(
            seed, n_resamples, confidence, check_zero_division(zero_division), "documents"
        )
        fast = _score_entity_file(gold, predictions, settings)
        if fast is not None:
            return fast
    records = gold_records(gold)
    by_id = {r.document.id: r for r in records}
    preds = _as_predictions(predictions, by_id, lenient, model_version)
    from newsgold.scoring.scorer import score_records

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
    records = gold_records(gold)
    by_id = {r.document.id: r for r in records}
    from newsgold.scoring.compare import compare_records

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
