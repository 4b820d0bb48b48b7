"""The one error extraction raises for input it cannot turn into a draft."""

from __future__ import annotations

from budgetlib.errors import BudgetlibError


class ExtractionError(BudgetlibError, ValueError):
    """The document cannot be read or drafted; the message says why, in Swedish."""
