"""Speed-ups change no output: findings and load problems stay byte-identical to the reference code's.

The goldens in ``tests/golden/`` were written by the code before the
vectorisation (main at 0dd394a) from the shipped data and from a small
synthetic folder (``benchmarks/synthetic_data.py``, 2 000 figures, seed 1):

* ``findings_*.csv``: ``reconcile(load(folder)).to_frame()`` as CSV, every
  float in full (``repr``), in the order the findings come;
* ``load_problems_synthetic.txt``: the problems ``load`` reports for the same
  synthetic folder with one fault of each cross-file kind planted, in order;
* ``inputs.json``: a digest of each input folder, so that a changed
  generator or changed seed data is reported as such, not as a changed finding.

One deliberate change since: a percentage of a difference is written with
its brackets (``100 · (64 524 − 61 668) / (61 668)``), applied to those 24
relations of ``findings_synthetic.csv`` alone; every other byte is the
reference code's.

Rewrite them only with the reference code, on purpose:
``PYTHONPATH=src python -m tests.test_findings_stable --write``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks.synthetic_data import generate

import budgetlib

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
SYNTHETIC_FIGURES = 2_000
SYNTHETIC_SEED = 1

Rows = list[list[str]]


def folder_digest(folder: Path) -> str:
    """SHA-256 over every data file's relative path and bytes, in path order (README.md is docs, not data)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "README.md"):
        for part in (path.relative_to(folder).as_posix().encode(), path.read_bytes()):
            digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def findings_csv(folder: Path) -> str:
    """The findings as canonical CSV: every column, floats at full precision, in reconcile's order."""
    frame = budgetlib.reconcile(budgetlib.load(folder)).to_frame()
    return str(frame.to_csv(index=False, lineterminator="\n"))


def _edit(folder: Path, file: str, change: Callable[[Rows], None]) -> None:
    path = folder / file
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _first(rows: Rows, column: str, predicate: Callable[[dict[str, str]], bool]) -> tuple[list[str], int]:
    """The first data row matching ``predicate`` and the index of ``column`` in it."""
    header = rows[0]
    row = next(r for r in rows[1:] if predicate(dict(zip(header, r, strict=True))))
    return row, header.index(column)


def plant_cross_file_faults(folder: Path) -> None:
    """One fault of each kind the per-table and per-relation checks find.

    Not the unknown-id kinds, which are set lookups already and stop the checks early, and
    not an unknown category, whose message lists every known figure id.
    """

    def amounts(rows: Rows) -> None:
        row, column = _first(rows, "parent", lambda r: r["parent"] != "")
        row[column] = "ingen_sadan_rad"  # a parent that is not in the table
        row, column = _first(rows, "role", lambda r: r["role"] == "closing")
        row[column] = "component"  # a bridge without its closing row
        supplements = next(r[0] for r in rows[1:] if r[0].endswith("_tillskott"))
        for row in rows[1:]:  # a summed column with a total but no parts
            if row[0] == supplements and row[3] == "part":
                row[3] = "item"
        row, column = _first(rows, "line", lambda r: r["table_id"].endswith("_prognos"))
        row[column] = "99999"  # a line beyond the end of its source file
        child, _ = _first(rows, "parent", lambda r: r["table_id"].endswith("_prognos") and r["parent"] != "")
        for row in rows[1:]:  # the child's parent made the child's child: a cycle
            if row[0] == child[0] and row[1] == child[4]:
                row[4] = child[1]

    def tables(rows: Rows) -> None:
        derived = [r for r in rows[1:] if r[4]]
        derived[0][4] = derived[0][4].replace("Förändring = ", "Förändring = Budget 1999 + ")
        derived[1][4] = "Förändring Budget"  # not the notation at all
        derived[2][4] = derived[2][4].replace(" - ", " - Förändring - ", 1)  # computed from itself

    def relations(rows: Rows) -> None:
        rows[1][2] = "s_finns_inte"  # unknown ids, stated and among the terms
        rows[2][3] = rows[2][3] + " +t_finns_inte:rad"
        rows[3][3] = "t_utan_tecken"  # terms not in the notation
        rows[5][3] = f"{rows[5][3]} -{rows[5][2]}"  # the stated figure among its own terms
        percent = [r for r in rows[1:] if r[1] == "percent"][-1]
        percent[4] = ""  # a percentage without its base

    _edit(folder, "amounts.csv", amounts)
    _edit(folder, "tables.csv", tables)
    _edit(folder, "relations.csv", relations)


def load_problems(folder: Path) -> str:
    """The problems ``load`` reports, one per line, paths relative to the folder."""
    try:
        budgetlib.load(folder)
    except budgetlib.DataError as error:
        return "".join(f"{p}\n".replace(f"{folder}/", "") for p in error.problems)
    return ""


def synthetic_folders(parent: Path) -> tuple[Path, Path]:
    """The synthetic folder, and a copy with the cross-file faults planted."""
    clean = parent / "synthetic"
    generate(clean, SYNTHETIC_FIGURES, SYNTHETIC_SEED)
    broken = parent / "broken"
    shutil.copytree(clean, broken)
    plant_cross_file_faults(broken)
    return clean, broken


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return synthetic_folders(tmp_path_factory.mktemp("stable"))


def _inputs() -> dict[str, str]:
    inputs: dict[str, str] = json.loads((GOLDEN / "inputs.json").read_text(encoding="utf-8"))
    return inputs


def _same_input(name: str, folder: Path) -> None:
    if folder_digest(folder) != _inputs()[name]:
        pytest.fail(
            f"{name}: the input folder differs from the one the golden was written from; "
            "rewrite the goldens with the reference code (see this module's docstring)"
        )


def test_seed_findings_unchanged() -> None:
    _same_input("seeds", SEEDS)
    assert findings_csv(SEEDS) == (GOLDEN / "findings_seeds.csv").read_text(encoding="utf-8")


def test_synthetic_findings_unchanged(synthetic: tuple[Path, Path]) -> None:
    clean, _ = synthetic
    _same_input("synthetic", clean)
    assert findings_csv(clean) == (GOLDEN / "findings_synthetic.csv").read_text(encoding="utf-8")


def test_load_problems_unchanged(synthetic: tuple[Path, Path]) -> None:
    _, broken = synthetic
    _same_input("synthetic_broken", broken)
    expected = (GOLDEN / "load_problems_synthetic.txt").read_text(encoding="utf-8")
    assert expected.count("\n") >= 10  # every planted fault is reported
    assert load_problems(broken) == expected


def write_goldens(scratch: Path) -> None:
    """Write every golden from the code now on the path (only ever the reference code)."""
    GOLDEN.mkdir(exist_ok=True)
    clean, broken = synthetic_folders(scratch)
    inputs = {
        "seeds": folder_digest(SEEDS),
        "synthetic": folder_digest(clean),
        "synthetic_broken": folder_digest(broken),
    }
    (GOLDEN / "inputs.json").write_text(json.dumps(inputs, indent=1) + "\n", encoding="utf-8")
    (GOLDEN / "findings_seeds.csv").write_text(findings_csv(SEEDS), encoding="utf-8")
    (GOLDEN / "findings_synthetic.csv").write_text(findings_csv(clean), encoding="utf-8")
    (GOLDEN / "load_problems_synthetic.txt").write_text(load_problems(broken), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: PYTHONPATH=src python -m tests.test_findings_stable --write")
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        write_goldens(Path(scratch))
