"""budgetlib: load, reconcile and report Swedish committee (nämnd) budget figures.

The public names are imported when first used (PEP 562), so ``import budgetlib``
costs nothing until one is: a command that answers without the data (a build
with nothing to do, ``--version``) never imports pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from budgetlib.dataset import Dataset, SelectionError
    from budgetlib.errors import BudgetlibError, DataError, Problem
    from budgetlib.findings import Finding, Findings, Status
    from budgetlib.loading import load
    from budgetlib.reconciliation import reconcile

_HOMES = {  # each public name and the module that defines it
    "BudgetlibError": "budgetlib.errors",
    "DataError": "budgetlib.errors",
    "Dataset": "budgetlib.dataset",
    "Finding": "budgetlib.findings",
    "Findings": "budgetlib.findings",
    "Problem": "budgetlib.errors",
    "SelectionError": "budgetlib.dataset",
    "Status": "budgetlib.findings",
    "load": "budgetlib.loading",
    "reconcile": "budgetlib.reconciliation",
}
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


def __getattr__(name: str) -> Any:
    """The public name ``name``, imported from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'budgetlib' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
