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


def print_table(commands: dict[str, list[str]], runs: int, base_name: str, vs: str) -> None:
    """Run the commands ``runs`` times, alternating; print median and min wall time, peak
    memory and each median's ratio to ``base_name``'s."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, int] = dict.fromkeys(commands, 0)
    for _ in range(runs):
        for name, argv in commands.items():  # alternate, so load drifts hit all alike
            seconds, kib = _run(argv)
            times[name].append(seconds)
            memory[name] = max(memory[name], kib)
    base = statistics.median(times[base_name])
    width = max(map(len, commands)) + 2
    print(f"{'command':<{width}} {'median s':>9} {'min s':>7} {'peak MiB':>9} {vs:>12}")
    for name in commands:
        median = statistics.median(times[name])
        print(
            f"{name:<{width}} {median:>9.3f} {min(times[name]):>7.3f} "
            f"{memory[name] / 1024:>9.1f} {median / base:>11.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command")
    args = parser.parse_args()
    # Every command runs with its bytecode, as after any first run or a pip install: a
    # PYTHONDONTWRITEBYTECODE=1 shell would have newsgold's modules (an editable install)
    # recompiled on every run, which the libraries' installed modules never are.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    available = {
        name: argv
        for name, argv in COMMANDS.items()
        if subprocess.run(argv, capture_output=True).returncode == 0  # warm-up and check
    }
    print_table(available, args.runs, "newsgold --help", "vs --help")
    print(f"runs per command: {args.runs}; python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
