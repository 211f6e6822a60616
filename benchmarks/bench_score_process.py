"""Benchmark: ``newsgold score --conll`` vs a seqeval script vs a nervaluate script, as
whole processes on the same CoNLL file - what a user waits for.

The file is the in-process benchmark's workload (``bench_scoring.make_workload``: BIO
tags with wrong types, shifted boundaries, missed and spurious entities), written as a
conlleval file (token, gold tag, predicted tag; ``--docs 8600`` gives about 685,000
tokens and 86,000 gold entities). Three commands read it:

- ``newsgold score --conll FILE --format json`` with default settings: four modes, per
  type, 1,000 bootstrap resamples for the confidence intervals, a signature;
- a seqeval script: read the file, ``classification_report(mode='strict', scheme=IOB2)``;
- a nervaluate script: read the file, ``Evaluator(..., loader='list').evaluate()``.

Each is run once to check that the numbers agree (strict micro and per-type P/R/F1 with
seqeval; COR/INC/PAR/MIS/SPU of all four modes with nervaluate), then ``--runs`` times,
alternating so load drifts hit all alike. Wall time is measured around fork/exec/wait;
peak memory is the child's ``ru_maxrss`` from ``os.wait4``. Medians and ratios are
printed. Usage::

    .venv/bin/python benchmarks/bench_score_process.py              # 8,600 docs, 7 runs
    .venv/bin/python benchmarks/bench_score_process.py --docs 20000 --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli_startup import print_table
from bench_scoring import make_workload

NEWSGOLD = shutil.which("newsgold") or os.path.join(os.path.dirname(sys.executable), "newsgold")
WORDS = ("the", "minister", "said", "in", "Kabul", "on", "Tuesday", "that", "talks", "with")

# What a user of each library would write: read the file, score, print.
_READ = """
import json, sys
gold, pred, g, p = [], [], [], []
for line in open(sys.argv[1], encoding="utf-8"):
    fields = line.split()
    if not fields or fields[0] == "-DOCSTART-":
        if g:
            gold.append(g); pred.append(p); g, p = [], []
        continue
    g.append(fields[-2]); p.append(fields[-1])
if g:
    gold.append(g); pred.append(p)
"""
SEQEVAL = (
    _READ
    + """
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
from nervaluate import Evaluator
tags = sorted({t[2:] for s in gold + pred for t in s if t != "O"})
result = Evaluator(gold, pred, tags=tags, loader="list").evaluate()
print(json.dumps({
    mode: [r.correct, r.incorrect, r.partial, r.missed, r.spurious, r.f1]
    for mode, r in result["overall"].items()
}))
"""
)


def write_workload(path: Path, n_docs: int, seed: int) -> tuple[int, int]:
    """The workload as a conlleval file; returns (tokens, gold entities)."""
    w = make_workload(n_docs, 10, seed)
    with path.open("w", encoding="utf-8") as out:
        out.write("-DOCSTART- -X- O O\n\n")
        for gold, pred in zip(w["gold_tags"], w["pred_tags"], strict=True):
            out.writelines(
                f"{WORDS[(i * 7 + len(gold)) % len(WORDS)]} {g} {p}\n"
                for i, (g, p) in enumerate(zip(gold, pred, strict=True))
            )
            out.write("\n")
    return sum(map(len, w["gold_tags"])), sum(map(len, w["gold"]))


def _output(argv: list[str]) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def check_agreement(commands: dict[str, list[str]]) -> None:
    """The three commands give the same numbers (asserted before anything is timed)."""
    ours = _output(commands["newsgold score --conll"])["entities"]
    seq = _output(commands["seqeval script"])
    strict = ours["strict"]
    for ours_key, seq_key in (("precision", "precision"), ("recall", "recall"), ("f1", "f1-score")):
        assert abs(strict[ours_key] - seq["micro avg"][seq_key]) < 1e-12, ours_key
    for label, scores in ours["strict"]["per_type"].items():
        assert abs(scores["f1"] - seq[label]["f1-score"]) < 1e-12, label
    nerv = _output(commands["nervaluate script"])
    names = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
    for mode, theirs in names.items():
        m = ours[mode]
        counts = [m["cor"], m["inc"], m["par"], m["mis"], m["spu"]]
        assert counts == nerv[theirs][:5], (mode, counts, nerv[theirs][:5])
        assert abs(m["f1"] - nerv[theirs][5]) < 1e-12, mode
    print(
        "agreement: strict micro and per-type P/R/F1 == seqeval (mode='strict', IOB2); "
        "COR/INC/PAR/MIS/SPU and F1 of the four modes == nervaluate"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=8600, help="documents (default 8,600)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--file", type=Path, help="score this CoNLL file instead")
    args = parser.parse_args()
    # Every command runs with its bytecode, as after any first run or a pip install: a
    # PYTHONDONTWRITEBYTECODE=1 shell would have newsgold's modules (an editable install)
    # recompiled on every run, which the libraries' installed modules never are.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / "workload.conll"
        if args.file is None:
            tokens, entities = write_workload(path, args.docs, args.seed)
            print(
                f"workload: {args.docs:,} documents, {tokens:,} tokens, {entities:,} gold "
                f"entities, {path.stat().st_size / 2**20:.1f} MiB"
            )
        seqeval_py, nervaluate_py = Path(tmp) / "seqeval_score.py", Path(tmp) / "nerv_score.py"
        seqeval_py.write_text(SEQEVAL, encoding="utf-8")
        nervaluate_py.write_text(NERVALUATE, encoding="utf-8")
        commands = {
            "newsgold score --conll": [NEWSGOLD, "score", "--conll", str(path), "--format", "json"],
            "seqeval script": [sys.executable, str(seqeval_py), str(path)],
            "nervaluate script": [sys.executable, str(nervaluate_py), str(path)],
        }
        check_agreement(commands)
        print()
        print_table(commands, args.runs, "newsgold score --conll", "vs newsgold")
    print(
        f"\nnewsgold: 1,000 resamples (default), four modes, per type; runs per command: "
        f"{args.runs}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
