"""Profile: where loading and reconciliation spend their time. Prints cProfile tables; asserts nothing.

    .venv/bin/python benchmarks/profile_checks.py [FIGURES] [--seed N] [--top N] [--save DIR]

Generates (or reuses, as ``scale.py`` does) a synthetic folder of FIGURES
figures (default 30 000), then profiles ``load`` and ``reconcile`` one after
the other. For each step it prints the budgetlib functions by cumulative time
with their share of the step, then the functions of any library by own time.
Time is processor time (``time.process_time``), so other work on a shared
machine does not inflate it. cProfile slows many small calls more than few large
ones, so shares are a guide, not a measurement; ``scale.py`` measures.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path
from typing import Any

from scale import DEFAULT_CACHE, folder_for  # this script's folder is on sys.path

import budgetlib


def _where(key: tuple[str, int, str]) -> str:
    file, line, name = key
    parts = Path(file).parts
    short = (
        "/".join(parts[parts.index("site-packages") + 1 :]) if "site-packages" in parts else Path(file).name
    )
    return f"{short}:{line}({name})"


def report(title: str, profile: cProfile.Profile, cpu: float, top: int) -> None:
    stats = pstats.Stats(profile)
    entries: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    print(f"\n=== {title}: {cpu:.2f} s processortid utan profilering, {total:.2f} s med ===")
    own = [(key, value) for key, value in entries.items() if "budgetlib" in key[0]]
    print(f"budgetlib, kumulativ tid (andel av {title}):")
    for key, (_, calls, _, cumulative, _) in sorted(own, key=lambda kv: -kv[1][3])[:top]:
        print(f"  {cumulative:8.2f} s {100 * cumulative / total:5.1f} %  {calls:>9} anrop  {_where(key)}")
    print("alla bibliotek, egen tid:")
    for key, (_, calls, own_time, _, _) in sorted(entries.items(), key=lambda kv: -kv[1][2])[:top]:
        print(f"  {own_time:8.2f} s {100 * own_time / total:5.1f} %  {calls:>9} anrop  {_where(key)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("figures", type=int, nargs="?", default=30_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--save", type=Path, help="also write load.prof and reconcile.prof here")
    args = parser.parse_args()
    folder = folder_for(args.figures, args.seed, args.cache)
    print(folder)
    started = time.process_time()
    budgetlib.load(folder)  # unprofiled, for the time itself
    load_cpu = time.process_time() - started
    loading = cProfile.Profile(time.process_time)
    dataset = loading.runcall(budgetlib.load, folder)
    started = time.process_time()
    budgetlib.reconcile(dataset)
    reconcile_cpu = time.process_time() - started
    reconciling = cProfile.Profile(time.process_time)
    reconciling.runcall(budgetlib.reconcile, dataset)

    report("load", loading, load_cpu, args.top)
    report("reconcile", reconciling, reconcile_cpu, args.top)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        loading.dump_stats(args.save / "load.prof")
        reconciling.dump_stats(args.save / "reconcile.prof")


if __name__ == "__main__":
    main()
