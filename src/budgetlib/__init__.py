"""budgetlib: load, reconcile and report Swedish committee (nämnd) budget figures."""

from budgetlib.dataset import Dataset, SelectionError
from budgetlib.errors import BudgetlibError, DataError, Problem
from budgetlib.findings import Finding, Findings, Status
from budgetlib.loading import load
from budgetlib.reconciliation import reconcile

__all__ = [
    "BudgetlibError",
    "DataError",
    "Dataset",
    "Finding",
    "Findings",
    "Problem",
    "SelectionError",
    "Status",
    "load",
    "reconcile",
]
__version__ = "0.2.0.dev0"  # the one version source: pyproject.toml reads it
