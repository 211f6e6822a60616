"""Benchmark: ``newsgold score --pred`` vs a seqeval script vs a nervaluate script, as
whole processes on the same gold dataset and predictions - what a user waits for.

The gold is a dataset folder of synthetic documents (``--docs``, default 100,000, each
``--sentences`` annotatable sentences plus an excluded boilerplate line) written by
newsgold's own builder (:func:`newsgold.dataset.build_dataset` over
:func:`newsgold.dataset.synthetic.synthetic_records`). The predictions are a JSONL file,
one line per document, with entity predictions made from the gold with realistic
errors, as ``bench_scoring.make_workload`` makes them for tags: most entities right, some
with the wrong type, some with a boundary shifted by one token, some missed, and some
spurious entities on tokens no other entity touches. Three commands read them:

- ``newsgold score --pred P --gold DIR --format json`` with default settings: four modes,
  per type, 1,000 bootstrap resamples for the confidence intervals, a signature;
- a seqeval script: read the ``entities`` config (tokens, token offsets, ``ner_tags``)
  with pyarrow and the JSONL, turn each predicted character span into IOB2 tags over the
  same tokens, ``classification_report(mode='strict', scheme=IOB2)``;
- a nervaluate script: the same reading, spans as ``{label, start, end}`` dicts per
  document (nervaluate's ends are inclusive), ``Evaluator(true, pred, tags=...)``.

Each is run once to check that the numbers agree (strict micro and per-type P/R/F1 with
seqeval; COR/INC/PAR/MIS/SPU and F1 of all four modes with nervaluate), then ``--runs``
times, alternating so load drifts hit all alike. Wall time is measured around
fork/exec/wait; peak memory is the child's ``ru_maxrss`` from ``os.wait4``. Medians and
ratios are printed. Building 100,000 documents takes a few minutes; ``--workdir DIR``
keeps the files there and reuses them on the next run. Usage::

    .venv/bin/python benchmarks/bench_score_pred_process.py            # 100,000 docs, 5 runs
    .venv/bin/python benchmarks/bench_score_pred_process.py --docs 10000 --runs 3
    .venv/bin/python benchmarks/bench_score_pred_process.py --workdir /tmp/pred-bench
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli_startup import print_table
from bench_score_process import _output, check_agreement

NEWSGOLD = shutil.which("newsgold") or os.path.join(os.path.dirname(sys.executable), "newsgold")

# What a user of each library would write: read the gold sentences and the predictions.
_READ = """
import glob, json, sys
from bisect import bisect_left, bisect_right
import pyarrow.parquet as pq
from datasets import Features

files = sorted(glob.glob(sys.argv[1] + "/entities/*.parquet"))
columns = ["doc_id", "token_offsets", "ner_tags", "entities"]
tables = [pq.read_table(f, columns=columns) for f in files]
names = Features.from_arrow_schema(tables[0].schema)["ner_tags"].feature.names
entity_names = Features.from_arrow_schema(tables[0].schema)["entities"].feature["label"].names
predicted = {}
for line in open(sys.argv[2], encoding="utf-8"):
    row = json.loads(line)
    predicted[row["doc_id"]] = row.get("entities", [])
"""
SEQEVAL = (
    _READ
    + """
gold, pred = [], []
for table in tables:
    for doc_id, offsets, tags in zip(
        table["doc_id"].to_pylist(), table["token_offsets"].to_pylist(),
        table["ner_tags"].to_pylist(),
    ):
        gold.append([names[t] for t in tags])
        starts = [o["start"] for o in offsets]
        ends = [o["end"] for o in offsets]
        p = ["O"] * len(tags)
        for span in predicted.get(doc_id, []):
            lo, hi = bisect_right(ends, span["start"]), bisect_left(starts, span["end"])
            if lo < hi:
                p[lo] = "B-" + span["label"]
                for i in range(lo + 1, hi):
                    p[i] = "I-" + span["label"]
        pred.append(p)
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2
report = classification_report(
    gold, pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0
)
print(json.dumps({k: {m: float(v) for m, v in r.items()} for k, r in report.items()}))
"""
)
NERVALUATE = (
    _READ
    + """
true = {}
for table in tables:
    for doc_id, entities in zip(table["doc_id"].to_pylist(), table["entities"].to_pylist()):
        true.setdefault(doc_id, []).extend(
            {"label": entity_names[e["label"]], "start": e["start"], "end": e["end"] - 1}
            for e in entities
        )
doc_ids = sorted(true)
gold = [true[d] for d in doc_ids]
pred = [
    [{"label": s["label"], "start": s["start"], "end": s["end"] - 1} for s in predicted.get(d, [])]
    for d in doc_ids
]
from nervaluate import Evaluator
tags = sorted({e["label"] for doc in gold + pred for e in doc})
result = Evaluator(gold, pred, tags=tags).evaluate()
print(json.dumps({
    mode: [r.correct, r.incorrect, r.partial, r.missed, r.spurious, r.f1]
    for mode, r in result["overall"].items()
}))
"""
)


def build_gold(folder: Path, n_docs: int, sentences: int, seed: int) -> None:
    """The gold dataset folder, written by newsgold's own builder."""
    from newsgold.dataset import build_dataset
    from newsgold.dataset.synthetic import synthetic_records

    build_dataset(synthetic_records(n_docs, sentences=sentences, seed=seed), folder)


def write_predictions(gold: Path, path: Path, seed: int) -> tuple[int, int, int]:
    """Entity predictions made from the gold with errors; returns (documents, tokens,
    gold entities). Every predicted span is token-aligned, inside its sentence and
    overlaps no other predicted span, so IOB2 tags represent it exactly."""
    import pyarrow.parquet as pq
    from datasets import Features

    rnd = random.Random(seed)
    labels: list[str] = []
    sentences: dict[str, list[tuple[list[tuple[int, int]], list[tuple[int, int, str]]]]] = {}
    tokens = entities = 0
    for file in sorted((gold / "entities").glob("*.parquet")):
        table = pq.read_table(file, columns=["doc_id", "token_offsets", "entities"])
        labels = Features.from_arrow_schema(table.schema)["entities"].feature["label"].names
        for doc_id, offsets, spans in zip(
            table["doc_id"].to_pylist(),
            table["token_offsets"].to_pylist(),
            table["entities"].to_pylist(),
            strict=True,
        ):
            toks = [(o["start"], o["end"]) for o in offsets]
            ents = [(e["start"], e["end"], labels[e["label"]]) for e in spans]
            sentences.setdefault(doc_id, []).append((toks, ents))
            tokens += len(toks)
            entities += len(ents)
    with path.open("w", encoding="utf-8") as out:
        for doc_id in sorted(sentences):
            predicted: list[tuple[int, int, str]] = []
            for toks, ents in sentences[doc_id]:
                predicted += _sentence_predictions(rnd, toks, ents, labels)
            row = {
                "doc_id": doc_id,
                "entities": [{"start": s, "end": e, "label": lab} for s, e, lab in predicted],
            }
            out.write(json.dumps(row) + "\n")
    return len(sentences), tokens, entities


def _sentence_predictions(
    rnd: random.Random,
    tokens: list[tuple[int, int]],
    gold: list[tuple[int, int, str]],
    labels: list[str],
) -> list[tuple[int, int, str]]:
    start_of = {s: i for i, (s, _) in enumerate(tokens)}
    end_of = {e: i for i, (_, e) in enumerate(tokens)}
    taken = [False] * len(tokens)  # tokens covered by gold or predicted spans
    chunks = [(start_of[s], end_of[e] + 1, label) for s, e, label in gold]
    for lo, hi, _ in chunks:
        taken[lo:hi] = [True] * (hi - lo)
    out: list[tuple[int, int]] = []
    out_labels: list[str] = []
    for lo, hi, label in chunks:
        r = rnd.random()
        if r < 0.72:
            span, lab = (lo, hi), label
        elif r < 0.80:
            span, lab = (lo, hi), rnd.choice([t for t in labels if t != label])
        elif r < 0.88:  # boundary: move one edge by one token onto a free token, or inwards
            lab = label if rnd.random() < 0.8 else rnd.choice(labels)
            if hi - lo > 1 and rnd.random() < 0.5:
                span = (lo + 1, hi) if rnd.random() < 0.5 else (lo, hi - 1)
            elif lo > 0 and not taken[lo - 1] and (lo < 2 or not taken[lo - 2]):
                span = (lo - 1, hi)
            elif (
                hi < len(tokens) and not taken[hi] and (hi + 1 >= len(tokens) or not taken[hi + 1])
            ):
                span = (lo, hi + 1)
            else:
                span = (lo, hi)
            taken[span[0] : span[1]] = [True] * (span[1] - span[0])
        else:
            continue  # missed
        out.append(span)
        out_labels.append(lab)
    if len(tokens) > 2 and rnd.random() < 0.3:  # spurious, touching no other entity
        free = [
            i
            for i in range(1, len(tokens) - 1)
            if not taken[i - 1] and not taken[i] and not taken[i + 1]
        ]
        if free:
            i = rnd.choice(free)
            out.append((i, i + 1))
            out_labels.append(rnd.choice(labels))
    return sorted(
        (tokens[lo][0], tokens[hi - 1][1], lab)
        for (lo, hi), lab in zip(out, out_labels, strict=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="documents (default 100,000)")
    parser.add_argument("--sentences", type=int, default=2, help="sentences per document")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep (and reuse) the gold and predictions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.workdir or Path(tmp)
        tag = f"{args.docs}-{args.sentences}-{args.seed}"
        gold, preds = work / f"gold-{tag}", work / f"predictions-{tag}.jsonl"
        if not (gold / "newsgold.json").exists():
            print(f"building the gold dataset ({args.docs:,} documents) ...", flush=True)
            build_gold(gold, args.docs, args.sentences, args.seed)
        docs, tokens, entities = write_predictions(gold, preds, args.seed)
        print(
            f"workload: {docs:,} documents, {tokens:,} tokens, {entities:,} gold entities; "
            f"gold {sum(f.stat().st_size for f in gold.rglob('*.parquet')) / 2**20:.1f} MiB "
            f"Parquet, predictions {preds.stat().st_size / 2**20:.1f} MiB JSONL"
        )
        seqeval_py, nervaluate_py = Path(tmp) / "seqeval_score.py", Path(tmp) / "nerv_score.py"
        seqeval_py.write_text(SEQEVAL, encoding="utf-8")
        nervaluate_py.write_text(NERVALUATE, encoding="utf-8")
        commands = {
            "newsgold score --pred": [
                NEWSGOLD,
                "score",
                "--pred",
                str(preds),
                "--gold",
                str(gold),
                "--format",
                "json",
            ],
            "seqeval script": [sys.executable, str(seqeval_py), str(gold), str(preds)],
            "nervaluate script": [sys.executable, str(nervaluate_py), str(gold), str(preds)],
        }
        assert _output(commands["newsgold score --pred"])["entities"]["strict"]["ci"], "CIs on"
        check_agreement(commands, "newsgold score --pred")
        print()
        print_table(commands, args.runs, "newsgold score --pred", "vs newsgold")
    print(
        f"\nnewsgold: 1,000 resamples (default), four modes, per type; runs per command: "
        f"{args.runs}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
