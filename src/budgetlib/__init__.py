"""budgetlib: load, reconcile and report Swedish committee (nämnd) budget figures."""

from budgetlib.dataset import Dataset, SelectionError
from budgetlib.errors import DataError, Problem
from budgetlib.load import load

__all__ = ["DataError", "Dataset", "Problem", "SelectionError", "load"]
__version__ = "0.1.0"
