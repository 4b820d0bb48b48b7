"""Benchmark: report build against the naive way. Prints seconds (wall clock and processor); asserts nothing.

    .venv/bin/python benchmarks/report_build.py [--repeat N] [--data-dir DIR] [--no-naive]

1. cold build: ``budgetlib report --force --no-pdf`` into an empty directory
   (HTML and executed notebooks, what the naive way makes too);
2. no-change rebuild: ``budgetlib report --no-pdf`` again;
3. cold build with the A4 PDFs (``budgetlib report --force``), for what printing costs;
4. naive: for each report, one ``papermill`` CLI call and one
   ``jupyter nbconvert --to html --no-input`` call.
With ``--data-dir`` (a synthetic folder from ``synthetic_data.py``, say) the
same on that folder, with seconds per report; ``--no-naive`` leaves out the
naive way, which takes long on many reports. Each is a fresh process, as a
user would run it; the best of N runs is shown, with the processor seconds of
that run (the process and its kernels), the steadier figure on a machine that
runs other work.
"""

from __future__ import annotations

import argparse
import json
import resource
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


Timing = tuple[float, float]  # wall-clock and processor seconds


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(action: Callable[[], None]) -> Timing:
    """Seconds of ``action``: wall clock, and processor time of the processes it ran (and theirs)."""
    started, cpu = time.perf_counter(), _children_cpu()
    action()
    return time.perf_counter() - started, _children_cpu() - cpu


def run(*command: str | Path) -> None:
    subprocess.run([str(part) for part in command], check=True, capture_output=True)


def naive(out: Path, data: Path | None) -> None:
    for job in plan(budgetlib.load(data), reports=out):
        executed = out / f"{job.key.replace('/', '_')}.ipynb"
        parameters = json.dumps(job.parameters, ensure_ascii=False)  # JSON is YAML; lists stay lists
        run(BIN / "papermill", job.notebook, executed, "-k", "python3", "--no-progress-bar", "-y", parameters)
        run(BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", executed)


def one_round(data: Path | None, with_naive: bool) -> tuple[Timing, Timing, Timing, Timing]:
    """Seconds for a cold build, a no-change rebuild, a cold build with PDFs and the naive way."""
    report = [BIN / "budgetlib", *(["--data-dir", data] if data else []), "report"]
    with tempfile.TemporaryDirectory() as ours, tempfile.TemporaryDirectory() as printed:
        cold = timed(lambda: run(*report, "--force", "--no-pdf", "--reports-dir", ours))
        unchanged = timed(lambda: run(*report, "--no-pdf", "--reports-dir", ours))
        with_pdf = timed(lambda: run(*report, "--force", "--reports-dir", printed))
    with tempfile.TemporaryDirectory() as theirs:
        naive_way = timed(lambda: naive(Path(theirs), data)) if with_naive else (0.0, 0.0)
    return cold, unchanged, with_pdf, naive_way


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=None, help="data folder (default: the shipped data)")
    parser.add_argument("--no-naive", action="store_true", help="leave out the naive way")
    args = parser.parse_args()
    repeat = args.repeat
    reports = len(plan(budgetlib.load(args.data_dir)))
    cold, unchanged, with_pdf, naive_way = (
        min(times)
        for times in zip(*(one_round(args.data_dir, not args.no_naive) for _ in range(repeat)), strict=True)
    )
    print(f"{reports} rapporter, bästa av {repeat} körningar, Python {sys.version.split()[0]}")
    print(f"  {'':50} {'s':>7} {'cpu s':>7}")
    for name, (seconds, cpu) in (
        ("kall byggnad (budgetlib report --force --no-pdf)", cold),
        ("oförändrad (budgetlib report --no-pdf)", unchanged),
        ("kall byggnad med A4-PDF (budgetlib report --force)", with_pdf),
        *([("naivt (papermill + nbconvert per rapport)", naive_way)] if not args.no_naive else []),
    ):
        print(f"  {name:50} {format_number(seconds, 2):>7} {format_number(cpu, 2):>7}")
    per_report = (format_number(part / reports, 2) for part in cold)
    print(f"  {'kall byggnad per rapport':50} {next(per_report):>7} {next(per_report):>7}")
    if not args.no_naive:
        ratio, cpu_ratio = (format_number(them / us, 1) for them, us in zip(naive_way, cold, strict=True))
        print(f"  {'naivt / kall byggnad':50} {ratio:>7} {cpu_ratio:>7} x")


if __name__ == "__main__":
    main()
