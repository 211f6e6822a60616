"""Benchmark: build the dataset from a synthetic corpus, time and peak memory by size.

Each measurement runs in its own process so peak RSS (``ru_maxrss``) belongs to it alone.
Three variants per corpus size:

- ``generate``   only generating the synthetic records (the floor: input cost);
- ``streaming``  ``build_dataset`` (validation, rows, Parquet, card) — what newsgold does;
- ``in-memory``  the alternative it replaces: every row of every config held in lists,
                 then one ``pa.Table`` and one ``pq.write_table`` per config and split.

Memory is bounded when streaming's peak stays flat as the corpus grows; the in-memory
variant's grows with it. Usage::

    .venv/bin/python benchmarks/bench_dataset_build.py                 # 1,000 and 10,000 docs
    .venv/bin/python benchmarks/bench_dataset_build.py --sizes 2000 --no-in-memory
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _child(variant: str, size: int, sentences: int, out: Path) -> dict[str, Any]:
    from newsgold.dataset import build_dataset
    from newsgold.dataset.synthetic import synthetic_records

    baseline = _peak_rss_mib()  # after imports
    start = time.perf_counter()
    records = synthetic_records(size, sentences=sentences)
    rows = 0
    if variant == "generate":
        for record in records:
            rows += len(record.document.sentences)
    elif variant == "streaming":
        result = build_dataset(records, out)
        rows = sum(f.rows for f in result.files)
    else:
        rows = _in_memory(records, out)
    elapsed = time.perf_counter() - start
    return {
        "variant": variant,
        "size": size,
        "seconds": elapsed,
        "rows": rows,
        "peak_mib": _peak_rss_mib(),
        "import_mib": baseline,
    }


def _in_memory(records: Any, out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsgold.corpus.splits import load_split_policy
    from newsgold.dataset.features import config_features
    from newsgold.dataset.rows import document_row, sentence_rows

    policy = load_split_policy()
    held: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        split = policy.split_of(record.document.id)
        held[("documents", split)].append(document_row(record))
        for config, rows in sentence_rows(record)._asdict().items():
            held[(config, split)].extend(rows)
    total = 0
    for (config, split), rows in sorted(held.items()):
        table = pa.Table.from_pylist(rows, schema=config_features(config).arrow_schema)
        (out / config).mkdir(parents=True, exist_ok=True)
        pq.write_table(table, out / config / f"{split}.parquet", compression="zstd")
        total += len(rows)
    return total


def _measure(variant: str, size: int, sentences: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-dataset-") as tmp:
        completed = subprocess.run(
            [sys.executable, __file__, "--child", variant, str(size), str(sentences), tmp],
            capture_output=True,
            text=True,
            check=True,
        )
        shutil.rmtree(tmp, ignore_errors=True)
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--sentences", type=int, default=20, help="Sentences per document.")
    parser.add_argument("--no-in-memory", action="store_true", help="Skip the in-memory variant.")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        variant, size, sentences, out = args.child
        print(json.dumps(_child(variant, int(size), int(sentences), Path(out))))
        return
    variants = ["generate", "streaming"] + ([] if args.no_in_memory else ["in-memory"])
    results = [_measure(v, size, args.sentences) for size in args.sizes for v in variants]
    print(f"synthetic corpus, {args.sentences} sentences per document (+1 excluded line)")
    print(f"{'variant':<10} {'docs':>7} {'rows':>9} {'seconds':>8} {'docs/s':>8} {'peak MiB':>9}")
    for r in results:
        print(
            f"{r['variant']:<10} {r['size']:>7} {r['rows']:>9} {r['seconds']:>8.1f} "
            f"{r['size'] / r['seconds']:>8.0f} {r['peak_mib']:>9.0f}"
        )
    if len(args.sizes) > 1:
        small, large = min(args.sizes), max(args.sizes)
        print(f"\npeak memory ratio {large} / {small} documents (1.0 = bounded):")
        for variant in variants:
            peaks = {r["size"]: r["peak_mib"] for r in results if r["variant"] == variant}
            print(f"  {variant:<10} {peaks[large] / peaks[small]:.2f}")
        if "in-memory" in variants:
            stream = next(r for r in results if r["variant"] == "streaming" and r["size"] == large)
            held = next(r for r in results if r["variant"] == "in-memory" and r["size"] == large)
            print(
                f"\nat {large} documents: streaming / in-memory  time "
                f"{stream['seconds'] / held['seconds']:.2f}, peak memory "
                f"{stream['peak_mib'] / held['peak_mib']:.2f}"
            )


if __name__ == "__main__":
    main()
