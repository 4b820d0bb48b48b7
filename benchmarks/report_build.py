"""Benchmark: report build against the naive way. Prints wall-clock seconds; asserts nothing.

    .venv/bin/python benchmarks/report_build.py [--repeat N]

1. cold build: ``budgetlib report --force --no-pdf`` into an empty directory
   (HTML and executed notebooks, what the naive way makes too);
2. no-change rebuild: ``budgetlib report --no-pdf`` again;
3. cold build with the A4 PDFs (``budgetlib report --force``), for what printing costs;
4. naive: for each report, one ``papermill`` CLI call and one
   ``jupyter nbconvert --to html --no-input`` call.
Each is a fresh process, as a user would run it; the best of N runs is shown.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import budgetlib
from budgetlib.numbers import format_number
from budgetlib.report.jobs import plan

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
        parameters = json.dumps(job.parameters, ensure_ascii=False)  # JSON is YAML; lists stay lists
        run(BIN / "papermill", job.notebook, executed, "-k", "python3", "--no-progress-bar", "-y", parameters)
        run(BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", executed)


def one_round() -> tuple[float, float, float, float]:
    """Seconds for a cold build, a no-change rebuild, a cold build with PDFs and the naive way."""
    with tempfile.TemporaryDirectory() as ours, tempfile.TemporaryDirectory() as printed:
        cold = timed(lambda: run(BIN / "budgetlib", "report", "--force", "--no-pdf", "--reports-dir", ours))
        unchanged = timed(lambda: run(BIN / "budgetlib", "report", "--no-pdf", "--reports-dir", ours))
        with_pdf = timed(lambda: run(BIN / "budgetlib", "report", "--force", "--reports-dir", printed))
    with tempfile.TemporaryDirectory() as theirs:
        return cold, unchanged, with_pdf, timed(lambda: naive(Path(theirs)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    reports = len(plan(budgetlib.load()))
    cold, unchanged, with_pdf, naive_way = (
        min(times) for times in zip(*(one_round() for _ in range(repeat)), strict=True)
    )
    print(f"{reports} rapporter, bästa av {repeat} körningar, Python {sys.version.split()[0]}")
    for name, seconds in (
        ("kall byggnad (budgetlib report --force --no-pdf)", cold),
        ("oförändrad (budgetlib report --no-pdf)", unchanged),
        ("kall byggnad med A4-PDF (budgetlib report --force)", with_pdf),
        ("naivt (papermill + nbconvert per rapport)", naive_way),
    ):
        print(f"  {name:50} {format_number(seconds, 2):>7} s")
    print(f"  {'naivt / kall byggnad':50} {format_number(naive_way / cold, 1):>7} x")


if __name__ == "__main__":
    main()
