"""Count what the bad-input corpus does, case by case, as a user would meet it.

    PYTHONPATH=src .venv/bin/python benchmarks/bad_input_corpus.py [--timeout SECONDS]

Each case of ``tests/test_bad_input_corpus.py`` is put into a fresh copy of the
shipped data and ``budgetlib --data-dir COPY check`` runs in its own process
with a timeout. Printed: inputs tried, clear errors (exit 2 and a message
naming file, line and column), tracebacks, hangs (timeouts), cases where
anything was written, defects accepted without a word (exit 0 or 1), and any
other case (exit 2 without naming the place). Asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project root, for tests.*

from tests.test_bad_input_corpus import (
    CASES,
    SUBPROCESS_TIMEOUT,
    BadInput,
    copy_data,
    names_the_place,
    run_cli,
    snapshot,
)


def outcome(case: BadInput, timeout: float) -> tuple[str, ...]:
    """What happened: any of 'clear', 'traceback', 'hang', 'written', 'accepted', 'unclear'."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = copy_data(root)
        where = case.put(data)
        before = snapshot(root)
        try:
            done = run_cli(data, timeout)
        except subprocess.TimeoutExpired:
            return ("hang",)
        seen = []
        if done.returncode == 2 and names_the_place(done.stderr, data, where, case.expected):
            seen.append("clear")
        if "Traceback" in done.stdout + done.stderr:
            seen.append("traceback")
        if snapshot(root) != before:
            seen.append("written")
        if done.returncode in (0, 1) and "traceback" not in seen:
            seen.append("accepted")  # the defect went unnoticed
        return tuple(seen) or ("unclear",)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=SUBPROCESS_TIMEOUT, help="seconds per case")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    for case in CASES:
        seen = outcome(case, args.timeout)
        counts.update(seen)
        if seen != ("clear",):
            print(f"  {case.id}: {', '.join(seen)}")
    print(f"inputs tried:        {len(CASES)}")
    print(f"clear errors:        {counts['clear']}")
    print(f"tracebacks:          {counts['traceback']}")
    print(f"hangs (> {args.timeout:g} s):   {counts['hang']}")
    print(f"anything written:    {counts['written']}")
    print(f"accepted (exit 0/1): {counts['accepted']}")
    print(f"unclear or other:    {counts['unclear']}")


if __name__ == "__main__":
    main()
