"""The small notations used in the data: signed terms and derived columns.

* terms: ``+t003_bridge:ram2025 -t003_bridge:ram2024`` (figure ids with a sign);
* derived column: ``Förändring = Förslag budget 2025 - Budget 2024`` (column labels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetlib.errors import BudgetlibError


@dataclass(frozen=True)
class Term:
    sign: int
    ref: str


@dataclass(frozen=True)
class DerivedColumn:
    """A column the document defines from others, per row."""

    result: str
    terms: tuple[Term, ...]


class ExpressionError(BudgetlibError, ValueError):
    """Raised when a terms or derived-column text does not follow the notation."""


_TERM = re.compile(r"^([+-])(\S+)$")


def parse_terms(text: str) -> tuple[Term, ...]:
    """Parse space-separated signed figure ids."""
    terms = []
    for token in text.split():
        match = _TERM.match(token)
        if match is None:
            raise ExpressionError(f"väntade termer som '+id -id', fick {token!r}")
        terms.append(Term(1 if match[1] == "+" else -1, match[2]))
    if not terms:
        raise ExpressionError("väntade minst en term som '+id'")
    return tuple(terms)


def parse_derived(text: str) -> DerivedColumn:
    """Parse ``Result = A - B + C`` where A, B, C are column labels."""
    result, equals, rhs = text.partition(" = ")
    if not equals or not result.strip() or not rhs.strip():
        raise ExpressionError(f"väntade 'Kolumn = A - B', fick {text!r}")
    parts = re.split(r"\s([+-])\s", f" + {rhs.strip()}")
    terms = tuple(
        Term(1 if sign == "+" else -1, label.strip())
        for sign, label in zip(parts[1::2], parts[2::2], strict=True)
    )
    return DerivedColumn(result.strip(), terms)
