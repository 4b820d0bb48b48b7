"""Benchmark: report build against the naive way. Prints wall-clock seconds; asserts nothing.

    .venv/bin/python benchmarks/report_build.py [--repeat N]

1. cold build: ``budgetlib report --force`` into an empty directory;
2. no-change rebuild: ``budgetlib report`` again;
3. naive: for each report, one ``papermill`` CLI call and one
   ``jupyter nbconvert --to html --no-input`` call.
Each is a fresh process, as a user would run it; the best of N runs is shown.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import budgetlib
from budgetlib.jobs import plan
from budgetlib.numbers import format_number

BIN = Path(sys.executable).parent


def timed(action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run(*command: str | Path) -> None:
    subprocess.run([str(part) for part in command], check=True, capture_output=True)


def naive(out: Path) -> None:
    for job in plan(budgetlib.load(), reports=out):
        executed = out / f"{job.key.replace('/', '_')}.ipynb"
        parameters = [arg for name, value in job.parameters.items() for arg in ("-p", name, str(value))]
        run(BIN / "papermill", job.notebook, executed, "-k", "python3", "--no-progress-bar", *parameters)
        run(BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", executed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    reports = len(plan(budgetlib.load()))
    cold, unchanged, slow = [], [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
            target = Path(first)
            cold.append(timed(lambda: run(BIN / "budgetlib", "report", "--force", "--reports-dir", target)))
            unchanged.append(timed(lambda: run(BIN / "budgetlib", "report", "--reports-dir", target)))
            slow.append(timed(lambda: naive(Path(second))))
    best = {"kall byggnad (budgetlib report --force)": min(cold), "oförändrad (budgetlib report)": min(unchanged)}
    best["naivt (papermill + nbconvert per rapport)"] = min(slow)
    print(f"{reports} rapporter, bästa av {repeat} körningar, {sys.platform}, Python {sys.version.split()[0]}")
    for name, seconds in best.items():
        print(f"  {name:45} {format_number(seconds, 2):>7} s")
    print(f"  {'naivt / kall byggnad':45} {format_number(min(slow) / min(cold), 1):>7} x")


if __name__ == "__main__":
    main()
