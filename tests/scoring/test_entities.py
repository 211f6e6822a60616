"""Entity scores: parity with seqeval (strict and default) and nervaluate; order independence."""

from __future__ import annotations

import random
import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from newsgold.scoring.conll import decode_tags
from newsgold.scoring.entities import entity_counts, score_entities, spans_to_table
from newsgold.scoring.matching import MODES

TYPES = ("PER", "ORG", "LOC")
NERVALUATE_MODE = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def _bio(prefixes: str = "BI") -> st.SearchStrategy[list[list[str]]]:
    tag = st.one_of(
        st.just("O"),
        st.builds(lambda p, t: f"{p}-{t}", st.sampled_from(prefixes), st.sampled_from(TYPES)),
    )
    return st.lists(st.lists(tag, min_size=1, max_size=15), min_size=1, max_size=8)


def _paired(data: st.DataObject) -> tuple[list[list[str]], list[list[str]]]:
    gold = data.draw(_bio())
    pred = [
        data.draw(
            st.lists(
                st.sampled_from(["O", *(f"{p}-{t}" for p in "BI" for t in TYPES)]),
                min_size=len(s),
                max_size=len(s),
            )
        )
        for s in gold
    ]
    return gold, pred


def _ours(gold_tags, pred_tags, reading):  # type: ignore[no-untyped-def]
    gold_spans, _ = decode_tags(gold_tags, "IOB2", reading=reading)
    pred_spans, _ = decode_tags(pred_tags, "IOB2", reading=reading)
    n = len(gold_tags)
    g = [[(s, e, label) for u, s, e, label in gold_spans if u == i] for i in range(n)]
    p = [[(s, e, label) for u, s, e, label in pred_spans if u == i] for i in range(n)]
    counts = entity_counts(spans_to_table(g, TYPES), spans_to_table(p, TYPES), n, TYPES)
    return counts.scores(0.0)


@pytest.mark.parametrize(
    ("reading", "seqeval_kwargs"),
    [("conlleval", {}), ("strict", {"mode": "strict", "scheme": IOB2})],
)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_strict_mode_equals_seqeval(
    reading: str, seqeval_kwargs: dict, data: st.DataObject
) -> None:  # type: ignore[type-arg]
    gold, pred = _paired(data)
    ours = _ours(gold, pred, reading)["strict"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = classification_report(
            gold, pred, output_dict=True, zero_division=0, **seqeval_kwargs
        )
    if not ours.per_type:
        return
    assert ours.micro.precision == pytest.approx(report["micro avg"]["precision"])
    assert ours.micro.recall == pytest.approx(report["micro avg"]["recall"])
    assert ours.micro.f1 == pytest.approx(report["micro avg"]["f1-score"])
    assert ours.macro_f1 == pytest.approx(report["macro avg"]["f1-score"])
    for label, figures in ours.per_type.items():
        assert figures.f1 == pytest.approx(report[label]["f1-score"])
        assert figures.possible == report[label]["support"]


def _random_spans(rng: random.Random, n: int, length: int) -> list[tuple[int, int, str]]:
    spans = []
    for _ in range(n):
        start = rng.randrange(0, length - 1)
        spans.append((start, min(length, start + rng.randint(1, 4)), rng.choice(TYPES)))
    return spans


def _components_are_one_to_one(gold, pred) -> bool:  # type: ignore[no-untyped-def]
    spans = [(s, e) for s, e, _ in gold] + [(s, e) for s, e, _ in pred]
    return all(
        sum(1 for (s2, e2) in [(s, e) for s, e, _ in side] if s < e2 and s2 < e) <= 1
        for s, e in spans
        for side in (gold, pred)
    )


def _nervaluate(gold_docs, pred_docs):  # type: ignore[no-untyped-def]
    # nervaluate's ends are inclusive.
    def to_dicts(docs: list[list[tuple[int, int, str]]]) -> list[list[dict[str, Any]]]:
        return [[{"label": t, "start": s, "end": e - 1} for s, e, t in d] for d in docs]

    true, pred = to_dicts(gold_docs), to_dicts(pred_docs)
    if not any(true) and not any(pred):
        return None
    # nervaluate needs a non-empty first document to pick its loader.
    return Evaluator(true, pred, tags=list(TYPES), loader="dict").evaluate()


@pytest.mark.parametrize("seed", range(60))
def test_modes_equal_nervaluate_where_nervaluate_is_order_independent(seed: int) -> None:
    rng = random.Random(seed)
    gold_docs, pred_docs = [], []
    while len(gold_docs) < 5:
        gold = sorted(set(_random_spans(rng, rng.randint(0, 5), 40)))
        pred = sorted(set(_random_spans(rng, rng.randint(0, 5), 40)))
        # Keep documents where each span overlaps at most one span of the other side and
        # spans of a side do not overlap each other: nervaluate's greedy pass is then exact.
        if (
            _components_are_one_to_one(gold, pred)
            and _components_are_one_to_one(gold, gold)
            and _components_are_one_to_one(pred, pred)
        ):
            gold_docs.append(gold)
            pred_docs.append(pred)
    gold_docs[0].append((100, 101, "PER"))
    result = _nervaluate(gold_docs, pred_docs)
    counts = entity_counts(
        spans_to_table(gold_docs, TYPES), spans_to_table(pred_docs, TYPES), 5, TYPES
    )
    ours = counts.scores(0.0)
    for mode in MODES:
        theirs = result["overall"][NERVALUATE_MODE[mode]]
        mine = ours[mode].micro
        assert (mine.cor, mine.inc, mine.par, mine.mis, mine.spu) == (
            theirs.correct,
            theirs.incorrect,
            theirs.partial,
            theirs.missed,
            theirs.spurious,
        )
        assert mine.precision == pytest.approx(theirs.precision)
        assert mine.recall == pytest.approx(theirs.recall)
        assert mine.f1 == pytest.approx(theirs.f1)
        for label, per_type in result["entities"].items():
            t = per_type[NERVALUATE_MODE[mode]]
            m = ours[mode].per_type[label]
            assert (m.cor, m.inc, m.par, m.mis, m.spu) == (
                t.correct,
                t.incorrect,
                t.partial,
                t.missed,
                t.spurious,
            )


@pytest.mark.parametrize("seed", range(40))
def test_optimal_matching_never_scores_below_nervaluate_in_any_order(seed: int) -> None:
    rng = random.Random(1000 + seed)
    gold = [sorted(set(_random_spans(rng, 8, 30)))]
    pred = [sorted(set(_random_spans(rng, 8, 30)))]
    ours = score_entities(gold[0], pred[0])
    for _ in range(5):
        shuffled_gold = [rng.sample(gold[0], len(gold[0]))]
        shuffled_pred = [rng.sample(pred[0], len(pred[0]))]
        theirs = _nervaluate(shuffled_gold, shuffled_pred)
        for mode in MODES:
            t = theirs["overall"][NERVALUATE_MODE[mode]]
            m = ours[mode].micro
            # Lexicographic optimum: more correct pairs, or as many and no fewer pairs.
            ours_key = (m.cor, m.cor + m.inc + m.par)
            assert ours_key >= (t.correct, t.correct + t.incorrect + t.partial)


@settings(max_examples=100, deadline=None)
@given(st.randoms(use_true_random=False))
def test_shuffled_inputs_give_identical_scores(rnd: random.Random) -> None:
    gold = _random_spans(rnd, 10, 25)
    pred = _random_spans(rnd, 10, 25)
    first = score_entities(gold, pred)
    again = score_entities(rnd.sample(gold, len(gold)), rnd.sample(pred, len(pred)))
    assert first == again


@pytest.mark.parametrize(
    ("gold", "pred", "mode", "expected"),
    [
        # SemEval-2013 scenario table (Batista): exact match, wrong type, wrong boundary.
        ([(0, 5, "PER")], [(0, 5, "PER")], "strict", (1, 0, 0, 0, 0)),
        ([(0, 5, "PER")], [(0, 5, "ORG")], "strict", (0, 1, 0, 0, 0)),
        ([(0, 5, "PER")], [(0, 5, "ORG")], "exact", (1, 0, 0, 0, 0)),
        ([(0, 5, "PER")], [(0, 5, "ORG")], "type", (0, 1, 0, 0, 0)),
        ([(0, 5, "PER")], [(1, 5, "PER")], "partial", (0, 0, 1, 0, 0)),
        ([(0, 5, "PER")], [(1, 5, "PER")], "type", (1, 0, 0, 0, 0)),
        ([(0, 5, "PER")], [(6, 8, "PER")], "strict", (0, 0, 0, 1, 1)),
        # One prediction covering two gold spans pairs with one of them only.
        ([(0, 3, "PER"), (4, 8, "PER")], [(0, 8, "PER")], "type", (1, 0, 0, 1, 0)),
        # Greedy first-come pairing would take the overlap and lose the exact match.
        ([(0, 4, "PER"), (2, 6, "PER")], [(2, 6, "PER"), (0, 3, "PER")], "strict", (1, 1, 0, 0, 0)),
        ([], [], "strict", (0, 0, 0, 0, 0)),
    ],
)
def test_count_table(gold, pred, mode, expected) -> None:  # type: ignore[no-untyped-def]
    m = score_entities(gold, pred)[mode].micro
    assert (m.cor, m.inc, m.par, m.mis, m.spu) == expected


@pytest.mark.parametrize(("zero_division", "expected"), [(0.0, 0.0), (1.0, 1.0)])
def test_zero_division_applies_when_nothing_to_score(zero_division: float, expected: float) -> None:
    m = score_entities([], [], zero_division=zero_division)["strict"].micro
    assert (m.precision, m.recall, m.f1) == (expected, expected, expected)


def test_unknown_zero_division_is_rejected() -> None:
    with pytest.raises(ValueError, match="zero_division must be 0, 1 or nan"):
        score_entities([], [], zero_division=0.5)


def test_per_unit_counts_sum_to_totals() -> None:
    rng = random.Random(7)
    gold = [_random_spans(rng, 5, 20) for _ in range(10)]
    pred = [_random_spans(rng, 5, 20) for _ in range(10)]
    counts = entity_counts(spans_to_table(gold, TYPES), spans_to_table(pred, TYPES), 10, TYPES)
    for u in range(10):
        single = score_entities(gold[u], pred[u])
        for m, mode in enumerate(MODES):
            micro = single[mode].micro
            assert counts.micro[u, m].tolist() == [
                micro.cor,
                micro.inc,
                micro.par,
                micro.mis,
                micro.spu,
            ]
    # Correct pairs in strict and type modes need the same label, so types add up.
    for m in (MODES.index("strict"), MODES.index("type")):
        assert counts.micro[:, m, 0].sum() == counts.per_type[:, :, m, 0].sum()
