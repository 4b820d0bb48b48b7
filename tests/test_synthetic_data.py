"""The benchmarks' synthetic data is data the project accepts: it loads, every figure stands on its
cited line, and the faults it plants are the ones the reconciliation reports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from benchmarks.synthetic_data import generate, grid_for

import budgetlib
from budgetlib.findings import Check, Status
from budgetlib.provenance import check_provenance

FIGURES = 1_500


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("synthetic") / "data"
    generate(target, FIGURES, seed=2)
    return target


def test_loads_with_the_figures_asked_for(folder: Path) -> None:
    dataset = budgetlib.load(folder)
    assert abs(len(dataset.figures) - FIGURES) < 0.1 * FIGURES
    grid = grid_for(FIGURES)
    assert len(dataset.combinations()) == grid.combinations


def test_every_figure_stands_on_its_line(folder: Path) -> None:
    problems = check_provenance(budgetlib.load(folder))
    assert problems.empty, problems.head(10).to_string()


def test_planted_faults_are_found(folder: Path) -> None:
    findings = budgetlib.reconcile(budgetlib.load(folder))
    statuses = Counter(f.status for f in findings)
    checks = Counter(f.check for f in findings)
    assert statuses[Status.ROUNDING] > 0 and statuses[Status.RESIDUAL] > 0
    assert statuses[Status.MISMATCH] + statuses[Status.UNIT_SLIP] > 0
    assert {Check.SUM, Check.BRIDGE, Check.ROW_ARITHMETIC, Check.PERCENT, Check.CROSS_DOCUMENT} <= set(checks)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    generate(first, 300, seed=5)
    generate(second, 300, seed=5)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
