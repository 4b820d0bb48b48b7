"""Benchmark: the serial part of ``budgetlib report`` before a kernel gets its first notebook.

    .venv/bin/python benchmarks/report_plan.py [DATA] [--figures N] [--seed N] [--repeat N]

On the data folder DATA (default: the cached synthetic folder of ``--figures``
figures, see ``scale.py``), prints the processor seconds (``time.process_time``,
so other work on a shared machine does not inflate them) of each step the
command runs on one core, in its order, after the imports: the inputs' digest,
loading, reconciliation, pickling the prepared data, planning (every report's
fingerprint), and the build's work before its kernels start: which reports
the data still holds, and the source views (written into a temporary reports
folder on the first run, compared on the next, as in a rebuild). The best of
``--repeat`` runs of each step. Asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from scale import DEFAULT_CACHE, folder_for  # this script's folder is on sys.path

import budgetlib
from budgetlib.dataset import Dataset
from budgetlib.locations import notebooks_dir
from budgetlib.numbers import format_number
from budgetlib.report.fingerprint import inputs_digest
from budgetlib.report.jobs import held_scopes, plan
from budgetlib.report.prepared import Prepared, prepared_bytes
from budgetlib.report.source_view import write_source_views

T = TypeVar("T")


def best(step: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The fewest processor seconds of ``repeat`` runs of ``step``, and what it returned."""
    seconds: list[float] = []
    for _ in range(repeat):
        started = time.process_time()
        result = step()
        seconds.append(time.process_time() - started)
    return min(seconds), result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path, nargs="?", help="a data folder (default: synthetic)")
    parser.add_argument("--figures", type=int, default=75_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = args.data or folder_for(args.figures, args.seed, args.cache)
    with tempfile.TemporaryDirectory() as scratch:
        reports = Path(scratch) / "rapporter"
        steps: list[tuple[str, float]] = []

        def measured(name: str, step: Callable[[], T]) -> T:
            seconds, result = best(step, args.repeat)
            steps.append((name, seconds))
            return result

        measured("indatas digest", lambda: inputs_digest(data, notebooks_dir(), (None, None, None), True))
        dataset = measured("inläsning", lambda: budgetlib.load(data))
        findings = measured("avstämning", lambda: budgetlib.reconcile(dataset))
        measured("förberedd data", lambda: prepared_bytes(Prepared(dataset, findings)))
        jobs = measured("plan", lambda: plan(dataset, reports=reports, findings=findings))
        measured("bygget före kärnorna", lambda: _before_kernels(dataset, reports))
    figures, checks = format_number(len(dataset.figures)), format_number(len(findings))
    print(f"{data}: {figures} uppgifter, {checks} kontroller, {len(jobs)} rapporter")
    for name, seconds in steps:
        print(f"  {name:22} {format_number(seconds, 3):>6} s processortid")
    total = format_number(sum(seconds for _, seconds in steps), 3)
    print(f"  {'summa':22} {total:>6} s (bästa av {args.repeat} per steg)")


def _before_kernels(dataset: Dataset, reports: Path) -> None:
    """The most of what ``build`` does on one core before its kernels get a notebook."""
    held_scopes(dataset)
    write_source_views(dataset.data_dir, reports)


if __name__ == "__main__":
    main()
