"""Benchmark: entity scoring of >= 1,000,000 gold spans: newsgold vs seqeval vs nervaluate.

One synthetic workload (documents of BIO-tagged tokens with realistic errors: wrong type,
shifted boundaries, missed and spurious entities) is scored in the same run by

- ``newsgold (spans)``  all four SemEval modes + per type from span arrays;
- ``newsgold (BIO)``    the same from the BIO tag lists (decoding included) - the same
                        input seqeval gets;
- ``seqeval strict``    ``classification_report(mode='strict', scheme=IOB2)`` (strict only);
- ``nervaluate``        ``Evaluator(...).evaluate()`` (four modes + per type), on the whole
                        workload or, when that would take too long, on a subset whose time
                        is extrapolated linearly (nervaluate works document by document) -
                        printed as such;

then asserts the numbers agree (strict micro and per type vs seqeval; the four modes'
counts vs nervaluate on the documents it scored - the workload keeps every overlap
one-to-one, where nervaluate is order-independent), and times 1,000 bootstrap resamples
over 100,000 documents. Each tool runs in a forked child so its peak memory
(VmHWM - RSS at start) is its own. Usage::

    .venv/bin/python benchmarks/bench_scoring.py                     # 100,000 docs x 10 spans
    .venv/bin/python benchmarks/bench_scoring.py --docs 20000 --nervaluate-docs 2000
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

TYPES = ("PER", "ORG", "GPE", "LOC", "NORP", "DATE", "EVENT")


def _rss_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def _in_child(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """Run ``fn`` in a forked process; return (result, seconds, extra peak MiB)."""

    def target(conn: Any) -> None:
        start_rss = _rss_kib("VmRSS:")
        t0 = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t0
        conn.send((result, seconds, (_rss_kib("VmHWM:") - start_rss) / 1024))
        conn.close()

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=target, args=(child,))
    process.start()
    result = parent.recv()
    process.join()
    return result


def make_workload(n_docs: int, spans_per_doc: int, seed: int) -> dict[str, Any]:
    """Gold and predicted spans per document (token offsets) and their BIO encodings."""
    rnd = random.Random(seed)
    gold_docs: list[list[tuple[int, int, str]]] = []
    pred_docs: list[list[tuple[int, int, str]]] = []
    gold_tags: list[list[str]] = []
    pred_tags: list[list[str]] = []
    for _ in range(n_docs):
        pos = rnd.randint(1, 3)
        gold: list[tuple[int, int, str]] = []
        pred: list[tuple[int, int, str]] = []
        for _ in range(spans_per_doc):
            length = rnd.choice((1, 1, 2, 2, 3, 4))
            start, end, label = pos, pos + length, rnd.choice(TYPES)
            gold.append((start, end, label))
            r = rnd.random()
            if r < 0.72:
                pred.append((start, end, label))
            elif r < 0.80:
                pred.append((start, end, rnd.choice([t for t in TYPES if t != label])))
            elif r < 0.88:  # boundary: shift one edge by one token, staying in the gap
                s2, e2 = (start - 1, end) if rnd.random() < 0.5 else (start, end + 1)
                if end - start > 1 and rnd.random() < 0.5:
                    s2, e2 = (start + 1, end) if rnd.random() < 0.5 else (start, end - 1)
                pred.append((s2, e2, label if rnd.random() < 0.8 else rnd.choice(TYPES)))
            # else: missed
            gap = rnd.randint(4, 7)
            if rnd.random() < 0.06:  # spurious entity in the middle of the gap, touching nothing
                pred.append((end + 2, end + 3, rnd.choice(TYPES)))
            pos = end + gap
        length = pos + 1
        gold_docs.append(gold)
        pred_docs.append(pred)
        gold_tags.append(_bio(gold, length))
        pred_tags.append(_bio(pred, length))
    return {"gold": gold_docs, "pred": pred_docs, "gold_tags": gold_tags, "pred_tags": pred_tags}


def _bio(spans: list[tuple[int, int, str]], length: int) -> list[str]:
    tags = ["O"] * length
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def _table(docs: list[list[tuple[int, int, str]]]) -> Any:
    from newsgold.scoring.matching import SpanTable

    index = {t: i for i, t in enumerate(TYPES)}
    lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    flat = [s for d in docs for s in d]
    return SpanTable(
        np.repeat(np.arange(len(docs), dtype=np.int64), lengths),
        np.fromiter((s[0] for s in flat), dtype=np.int64, count=len(flat)),
        np.fromiter((s[1] for s in flat), dtype=np.int64, count=len(flat)),
        np.fromiter((index[s[2]] for s in flat), dtype=np.int64, count=len(flat)),
    )


def _summary(scores: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for mode, result in scores.modes.items():
        m = result.micro
        out[mode] = {
            "counts": (m.cor, m.inc, m.par, m.mis, m.spu),
            "p": m.precision,
            "r": m.recall,
            "f1": m.f1,
            "per_type": {
                t: ((s.cor, s.inc, s.par, s.mis, s.spu), s.f1) for t, s in result.per_type.items()
            },
        }
    return out


def run_newsgold_spans(w: dict[str, Any]) -> dict[str, Any]:
    from newsgold.scoring.entities import entity_counts

    counts = entity_counts(_table(w["gold"]), _table(w["pred"]), len(w["gold"]), TYPES)
    return _summary(counts.scores(0.0))


def run_newsgold_bio(w: dict[str, Any]) -> dict[str, Any]:
    from newsgold.scoring.conll import decode_tag_arrays
    from newsgold.scoring.entities import entity_counts
    from newsgold.scoring.matching import SpanTable

    tables = []
    index = {t: i for i, t in enumerate(TYPES)}
    for column in ("gold_tags", "pred_tags"):
        d = decode_tag_arrays(w[column], "IOB2", reading="strict")
        remap = np.asarray([index[x] for x in d.labels], dtype=np.int64)
        tables.append(SpanTable(d.sentence, d.start, d.end, remap[d.label]))
    counts = entity_counts(tables[0], tables[1], len(w["gold_tags"]), TYPES)
    return _summary(counts.scores(0.0))


def run_seqeval(w: dict[str, Any]) -> dict[str, Any]:
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return classification_report(
            w["gold_tags"],
            w["pred_tags"],
            mode="strict",
            scheme=IOB2,
            output_dict=True,
            zero_division=0,
        )


def run_nervaluate(w: dict[str, Any], n_docs: int) -> dict[str, Any]:
    from nervaluate import Evaluator

    def to_dicts(docs: list[list[tuple[int, int, str]]]) -> list[list[dict[str, Any]]]:
        return [[{"label": t, "start": s, "end": e - 1} for s, e, t in d] for d in docs]

    result = Evaluator(
        to_dicts(w["gold"][:n_docs]), to_dicts(w["pred"][:n_docs]), tags=list(TYPES), loader="dict"
    ).evaluate()
    names = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
    out = {}
    for mode, theirs in names.items():
        r = result["overall"][theirs]
        out[mode] = {
            "counts": (r.correct, r.incorrect, r.partial, r.missed, r.spurious),
            "f1": r.f1,
            "per_type": {
                t: (
                    (
                        x[theirs].correct,
                        x[theirs].incorrect,
                        x[theirs].partial,
                        x[theirs].missed,
                        x[theirs].spurious,
                    ),
                    x[theirs].f1,
                )
                for t, x in result["entities"].items()
            },
        }
    return out


def run_bootstrap(w: dict[str, Any], n_docs: int, resamples: int) -> dict[str, Any]:
    from newsgold.scoring.bootstrap import bootstrap_ci
    from newsgold.scoring.entities import entity_counts

    counts = entity_counts(_table(w["gold"][:n_docs]), _table(w["pred"][:n_docs]), n_docs, TYPES)
    t0 = time.perf_counter()
    ci = bootstrap_ci(
        counts.unit_matrix(), lambda s: counts.figures(s, 0.0), n_resamples=resamples, seed=12345
    )
    return {
        "seconds": time.perf_counter() - t0,
        "figures": len(ci),
        "strict_f1_ci": ci["strict.f1"],
        "columns": counts.unit_matrix().shape[1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=100_000, help="documents (default 100,000)")
    parser.add_argument(
        "--spans", type=int, default=10, help="gold spans per document (default 10)"
    )
    parser.add_argument(
        "--nervaluate-docs",
        type=int,
        default=None,
        help="run nervaluate on this many documents and extrapolate (default: probe, then decide)",
    )
    parser.add_argument(
        "--nervaluate-budget",
        type=float,
        default=600.0,
        help="seconds nervaluate may take on the full workload before a subset is used",
    )
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    # Import every tool before forking so that no child pays for imports in its time.
    import nervaluate  # noqa: F401
    import seqeval.metrics  # noqa: F401

    import newsgold.scoring  # noqa: F401

    t0 = time.perf_counter()
    w = make_workload(args.docs, args.spans, args.seed)
    n_gold = sum(len(d) for d in w["gold"])
    n_pred = sum(len(d) for d in w["pred"])
    n_tokens = sum(len(t) for t in w["gold_tags"])
    print(
        f"workload: {args.docs:,} documents, {n_gold:,} gold spans, {n_pred:,} predicted spans, "
        f"{n_tokens:,} tokens (generated in {time.perf_counter() - t0:.1f} s)"
    )

    ours, t_ours, m_ours = _in_child(lambda: run_newsgold_spans(w))
    ours_bio, t_bio, m_bio = _in_child(lambda: run_newsgold_bio(w))
    seq, t_seq, m_seq = _in_child(lambda: run_seqeval(w))

    n_nerv = args.nervaluate_docs
    if n_nerv is None:
        probe = min(args.docs, 2000)
        _, t_probe, _ = _in_child(lambda: run_nervaluate(w, probe))
        projected = t_probe * args.docs / probe
        n_nerv = (
            args.docs
            if projected <= args.nervaluate_budget
            else max(probe, int(args.docs * args.nervaluate_budget / projected / 4))
        )
        print(
            f"nervaluate probe: {probe:,} docs in {t_probe:.2f} s -> projected {projected:.0f} s "
            f"for all; running on {n_nerv:,}"
        )
    n_nerv = min(n_nerv, args.docs)
    nerv, t_nerv_sub, m_nerv = _in_child(lambda: run_nervaluate(w, n_nerv))
    t_nerv = t_nerv_sub * args.docs / n_nerv
    extrapolated = n_nerv < args.docs

    # ---- agreement
    assert ours == ours_bio, "newsgold from spans and from BIO disagree"
    strict = ours["strict"]
    assert abs(strict["p"] - seq["micro avg"]["precision"]) < 1e-12
    assert abs(strict["r"] - seq["micro avg"]["recall"]) < 1e-12
    assert abs(strict["f1"] - seq["micro avg"]["f1-score"]) < 1e-12
    for label, (_, f1) in strict["per_type"].items():
        assert abs(f1 - seq[label]["f1-score"]) < 1e-12, label
    sub = run_newsgold_spans({"gold": w["gold"][:n_nerv], "pred": w["pred"][:n_nerv]})
    for mode in ("strict", "exact", "partial", "type"):
        assert sub[mode]["counts"] == nerv[mode]["counts"], (
            mode,
            sub[mode]["counts"],
            nerv[mode]["counts"],
        )
        assert abs(sub[mode]["f1"] - nerv[mode]["f1"]) < 1e-12
        assert sub[mode]["per_type"] == nerv[mode]["per_type"], mode
    print(
        "agreement: strict micro/per-type P/R/F1 == seqeval (mode='strict', IOB2); "
        f"COR/INC/PAR/MIS/SPU and F1 of all four modes, overall and per type == nervaluate "
        f"on {n_nerv:,} docs"
    )

    # ---- times
    print()
    print(f"{'tool':<44}{'seconds':>10}{'peak MiB':>10}")
    print(f"{'newsgold, 4 modes + per type (span input)':<44}{t_ours:>10.2f}{m_ours:>10.0f}")
    print(f"{'newsgold, 4 modes + per type (BIO input)':<44}{t_bio:>10.2f}{m_bio:>10.0f}")
    print(f"{'seqeval strict (BIO input)':<44}{t_seq:>10.2f}{m_seq:>10.0f}")
    how = f"EXTRAPOLATED from {n_nerv:,} docs" if extrapolated else "measured"
    label = f"nervaluate ({how})"
    print(
        f"{label:<44}{t_nerv:>10.2f}{m_nerv:>10.0f}"
        f"{'  (memory of the subset run)' if extrapolated else ''}"
    )
    if extrapolated:
        print(
            f"    nervaluate measured: {t_nerv_sub:.2f} s on {n_nerv:,} of {args.docs:,} "
            "documents, "
            "scaled by "
            f"{args.docs / n_nerv:.1f} (it scores document by document, linear in documents)"
        )
    print()
    print(
        f"ratio seqeval strict / newsgold (BIO input, same input):  {t_seq / t_bio:6.1f}x"
        "  (target >= 5x)"
    )
    print(f"ratio seqeval strict / newsgold (span input):             {t_seq / t_ours:6.1f}x")
    print(
        f"ratio nervaluate / newsgold (span input):                 {t_nerv / t_ours:6.1f}x"
        "  (target >= 10x)"
        f"{'  [nervaluate time extrapolated]' if extrapolated else ''}"
    )
    print(f"ratio nervaluate / newsgold (BIO input):                  {t_nerv / t_bio:6.1f}x")

    n_boot = min(100_000, args.docs)
    boot, _, m_boot = _in_child(lambda: run_bootstrap(w, n_boot, args.resamples))
    print()
    print(
        f"bootstrap: {args.resamples:,} resamples over {n_boot:,} documents, "
        f"{boot['figures']} figures "
        f"from {boot['columns']} count columns: {boot['seconds']:.2f} s, peak {m_boot:.0f} MiB "
        f"(target < 10 s); strict F1 95% CI "
        f"[{boot['strict_f1_ci'][0]:.4f}, {boot['strict_f1_ci'][1]:.4f}]"
    )


if __name__ == "__main__":
    main()
