"""Benchmark: how long a user waits for the CLI to answer, as whole processes.

Runs each command as a subprocess, alternating between them, several times, and prints
the median wall time and peak memory (``ru_maxrss`` of the child, from the OS) next to a
bare ``python -c pass`` and the tools a user would reach for instead (``seqeval``'s and
``nervaluate``'s import, which is what their scripts pay before scoring anything).
Usage::

    .venv/bin/python benchmarks/bench_cli_startup.py            # 15 runs each
    .venv/bin/python benchmarks/bench_cli_startup.py --runs 30
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

NEWSGOLD = shutil.which("newsgold") or os.path.join(os.path.dirname(sys.executable), "newsgold")

COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "newsgold --help": [NEWSGOLD, "--help"],
    "newsgold score --help": [NEWSGOLD, "score", "--help"],
    "newsgold corpus --help": [NEWSGOLD, "corpus", "--help"],
    "import seqeval.metrics": [sys.executable, "-c", "import seqeval.metrics"],
    "import nervaluate": [sys.executable, "-c", "import nervaluate"],
}


def _run(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and the child's peak RSS in KiB."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child: exec the command with output discarded
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed with status {status}")
    return elapsed, int(usage.ru_maxrss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command")
    args = parser.parse_args()
    available = {
        name: argv
        for name, argv in COMMANDS.items()
        if subprocess.run(argv, capture_output=True).returncode == 0  # warm-up and check
    }
    times: dict[str, list[float]] = {name: [] for name in available}
    memory: dict[str, int] = {name: 0 for name in available}
    for _ in range(args.runs):
        for name, argv in available.items():  # alternate, so load drifts hit all alike
            seconds, kib = _run(argv)
            times[name].append(seconds)
            memory[name] = max(memory[name], kib)
    base = statistics.median(times["newsgold --help"])
    print(f"{'command':<26} {'median s':>9} {'min s':>7} {'peak MiB':>9} {'vs --help':>9}")
    for name in available:
        median = statistics.median(times[name])
        print(
            f"{name:<26} {median:>9.3f} {min(times[name]):>7.3f} "
            f"{memory[name] / 1024:>9.1f} {median / base:>8.2f}x"
        )
    print(f"runs per command: {args.runs}; python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
