"""Benchmark: loading and reconciliation at national scale. Prints seconds and peak memory; asserts nothing.

    .venv/bin/python benchmarks/scale.py [SIZE ...] [--million] [--seed N] [--cache DIR]

For each size (number of figures; default 10 000 and 100 000, plus 1 000 000
with ``--million``) a synthetic data folder is generated once and cached under
``--cache`` (see ``synthetic_data.py``). Each measurement runs in a fresh
Python process, so imports are paid before the clock starts and the peak
resident memory (``ru_maxrss``) belongs to that measurement alone:

* inläsning: ``budgetlib.load(folder)``;
* avstämning: ``budgetlib.reconcile(dataset)`` after a load (its peak includes the load);
the findings are counted per status. The best of ``--repeat`` runs is shown.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from synthetic_data import GENERATOR_VERSION, generate  # this script's folder is on sys.path

DEFAULT_CACHE = Path("/tmp/budgetlib-synthetic")
DEFAULT_SIZES = (10_000, 100_000)
MILLION = 1_000_000


def folder_for(figures: int, seed: int, cache: Path) -> Path:
    """The cached synthetic folder for this size and seed, generated on first use."""
    folder = cache / f"v{GENERATOR_VERSION}-seed{seed}-{figures}"
    if not folder.is_dir():
        started = time.perf_counter()
        generate(folder, figures, seed)
        sys.stderr.write(f"genererade {folder} på {time.perf_counter() - started:.1f} s\n")
    return folder


@dataclass(frozen=True)
class Measurement:
    figures: int
    documents: int
    seconds: float
    cpu_seconds: float
    peak_mib: float
    statuses: dict[str, int]


def measure(step: str, folder: Path) -> Measurement:
    """Run in the child: time one step after the imports; peak resident memory in MiB."""
    import budgetlib

    started, cpu_started = time.perf_counter(), time.process_time()
    dataset = budgetlib.load(folder)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    statuses: dict[str, int] = {}
    if step == "check":
        started, cpu_started = time.perf_counter(), time.process_time()
        findings = budgetlib.reconcile(dataset)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        statuses = dict(Counter(f.status.value for f in findings))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return Measurement(len(dataset.figures), len(dataset.documents), seconds, cpu_seconds, peak, statuses)


def best(step: str, folder: Path, repeat: int) -> Measurement:
    """The fastest of ``repeat`` runs, each in a fresh process."""
    runs = []
    for _ in range(repeat):
        command = [sys.executable, __file__, "--child", step, str(folder)]
        child = subprocess.run(command, capture_output=True, text=True)
        if child.returncode != 0:
            sys.exit(f"{step} {folder} misslyckades:\n{child.stderr[-3000:]}")
        runs.append(Measurement(**json.loads(child.stdout)))
    return min(runs, key=lambda run: run.seconds)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", type=int, nargs="*", help="number of figures (default 10 000 and 100 000)")
    parser.add_argument("--million", action="store_true", help="also 1 000 000 figures (minutes, GBs)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where generated folders are kept")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.stdout.write(json.dumps(asdict(measure(args.child[0], Path(args.child[1])))))
        return

    from budgetlib.findings import STATUS_LABELS, Status
    from budgetlib.numbers import format_number

    sizes = [*(args.sizes or DEFAULT_SIZES), *([MILLION] if args.million else [])]
    print(
        f"Syntetiska data (frö {args.seed}), bästa av {args.repeat}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} kärnor. Topp = största residenta minnet i mätprocessen."
    )
    for size in sizes:
        folder = folder_for(size, args.seed, args.cache)
        print(f"{format_number(size)}: {folder}")
        for name, step in (("inläsning", "load"), ("avstämning", "check")):
            run = best(step, folder, args.repeat)
            print(
                f"  {name:11} {format_number(run.seconds, 2):>7} s"
                f" (cpu {format_number(run.cpu_seconds, 2)} s),"
                f" topp {format_number(run.peak_mib)} MiB; {format_number(run.figures)} värden,"
                f" {format_number(run.documents)} dokument",
                flush=True,
            )
        counts = ", ".join(
            f"{STATUS_LABELS[s]} {format_number(run.statuses.get(s.value, 0))}" for s in Status
        )
        print(f"  utfall: {counts}", flush=True)


if __name__ == "__main__":
    main()
