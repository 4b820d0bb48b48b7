"""The small notations used in the data: signed terms, derived columns and population references.

* terms: ``+t003_bridge:ram2025 -t003_bridge:ram2024`` (figure ids with a sign);
* derived columns, several separated by ``;`` (column labels as printed):
  ``Netto = Intäkter + Kostnader; Avvikelse = Netto - Budget`` (sums),
  ``Förändring % = 100 · Förändring / Budget 2025`` (a percentage of another column),
  ``Kronor per invånare = Totalt / invånare 2024-12-31`` (per inhabitant of the
  row's organisation, population at that date);
* a population reference: ``invånare 2024-12-31``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from budgetlib.errors import BudgetlibError

DERIVED_SEPARATOR = ";"
PERCENT_PREFIXES = ("100 · ", "100 * ")
INHABITANTS = "invånare"


@dataclass(frozen=True)
class Term:
    sign: int
    ref: str


@dataclass(frozen=True)
class DerivedColumn:
    """A column the document defines per row as a signed sum of other columns."""

    result: str
    terms: tuple[Term, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.result, *(term.ref for term in self.terms))


@dataclass(frozen=True)
class DerivedPercent:
    """A column that is 100 · one column / another, per row."""

    result: str
    numerator: str
    denominator: str

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.result, self.numerator, self.denominator)


@dataclass(frozen=True)
class DerivedPerInhabitant:
    """A column that is another column (money) per inhabitant of the row's organisation."""

    result: str
    amount: str
    population_date: dt.date

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.result, self.amount)


Derived = DerivedColumn | DerivedPercent | DerivedPerInhabitant


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


def parse_population(text: str) -> dt.date:
    """Parse ``invånare ÅÅÅÅ-MM-DD``: the population at that date."""
    word, _, date = text.strip().partition(" ")
    try:
        if word != INHABITANTS:
            raise ValueError(word)
        return dt.date.fromisoformat(date.strip())
    except ValueError:
        raise ExpressionError(f"väntade '{INHABITANTS} ÅÅÅÅ-MM-DD', fick {text!r}") from None


def parse_derived(text: str) -> Derived:
    """Parse one derived column: a signed sum, a percentage or a per-inhabitant figure."""
    result, equals, rhs = text.partition(" = ")
    result, rhs = result.strip(), rhs.strip()
    if not equals or not result or not rhs:
        raise ExpressionError(f"väntade 'Kolumn = A - B', fick {text!r}")
    if rhs.startswith(PERCENT_PREFIXES):
        numerator, slash, denominator = rhs[len(PERCENT_PREFIXES[0]) :].partition(" / ")
        if not slash or not numerator.strip() or not denominator.strip():
            raise ExpressionError(f"väntade 'Kolumn = 100 · A / B', fick {text!r}")
        return DerivedPercent(result, numerator.strip(), denominator.strip())
    amount, slash, population = rhs.partition(" / ")
    if slash:
        return DerivedPerInhabitant(result, amount.strip(), parse_population(population))
    parts = re.split(r"\s([+-])\s", f" + {rhs}")
    terms = tuple(
        Term(1 if sign == "+" else -1, label.strip())
        for sign, label in zip(parts[1::2], parts[2::2], strict=True)
    )
    return DerivedColumn(result, terms)


def parse_derived_columns(text: str) -> tuple[Derived, ...]:
    """Parse every derived column of a table: expressions separated by ``;``."""
    return tuple(parse_derived(part) for part in text.split(DERIVED_SEPARATOR) if part.strip())
