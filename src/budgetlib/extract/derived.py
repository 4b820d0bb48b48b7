"""Columns a table defines from its other columns, read from the column headings.

The heading says what a column is: *Förändring* (the newer column minus the
older), *Avvikelse* (budget against outcome or forecast), *Netto* (intäkter
and kostnader), *Summa* (the columns before it). Which way round a
difference runs is a convention that varies between documents (a region's
avvikelse is often budget − prognos, a kommun's netto − budget), so the
orientation is the one most rows follow; the rows that do not follow it are
then what reconciliation reports.

A column in kronor per inhabitant is the table's one money column per
inhabitant of the row's organisation (a national distribution's row per
region), so it is checked row by row and never summed; the population date
the document used is seldom printed and is assumed (31 December of the year
before the budget year, as comparisons assume it), which the caller reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from budgetlib.expressions import INHABITANTS
from budgetlib.extract.vocabulary import (
    BUDGET_COLUMN,
    CHANGE_COLUMN,
    COST_COLUMN,
    DEVIATION_COLUMN,
    INCOME_COLUMN,
    NET_COLUMN,
    OUTCOME_COLUMN,
    PERCENT_COLUMN,
    SUM_COLUMN,
    years_in,
)

Values = Sequence[tuple[float, float] | None]  # per column: (value, rounding step), None when empty
_EPSILON = 1e-9


@dataclass(frozen=True)
class DerivedRule:
    """``columns[result] = Σ sign · columns[index]``."""

    result: int
    terms: tuple[tuple[int, int], ...]

    def text(self, headings: Sequence[str]) -> str:
        """In the data's notation: ``Förändring = Förslag budget 2025 - Budget 2024``."""
        parts = [
            f"{'' if i == 0 and sign > 0 else ('- ' if sign < 0 else '+ ')}{headings[col]}"
            for i, (sign, col) in enumerate(self.terms)
        ]
        return f"{headings[self.result]} = {' '.join(parts)}"

    def holds(self, values: Values) -> bool | None:
        """Does the row satisfy the rule within rounding? ``None`` when a cell is empty."""
        result = values[self.result]
        terms = [(sign, values[col]) for sign, col in self.terms]
        if result is None or any(cell is None for _, cell in terms):
            return None
        known = [(sign, cell) for sign, cell in terms if cell is not None]
        computed = sum(sign * cell[0] for sign, cell in known)
        tolerance = (result[1] + sum(cell[1] for _, cell in known)) / 2
        return abs(computed - result[0]) <= tolerance + _EPSILON


def _money_columns(headings: Sequence[str], exclude: set[int]) -> list[int]:
    return [i for i, h in enumerate(headings) if i not in exclude and not PERCENT_COLUMN.search(h)]


def _derived_kind(heading: str) -> bool:
    return any(p.match(heading) for p in (CHANGE_COLUMN, DEVIATION_COLUMN, SUM_COLUMN))


def _best(candidates: Sequence[DerivedRule], rows: Sequence[Values]) -> DerivedRule | None:
    """The candidate most rows follow (the first on a tie); ``None`` when no row follows any."""
    followed = [sum(rule.holds(r) is True for r in rows) for rule in candidates]
    best = max(followed)
    return candidates[followed.index(best)] if best else None


def _change_rule(index: int, headings: Sequence[str], rows: Sequence[Values]) -> DerivedRule | None:
    before = [i for i in _money_columns(headings, {index}) if i < index and not _derived_kind(headings[i])]
    if len(before) < 2:
        return None
    older, newer = before[-2], before[-1]
    older_years, newer_years = years_in(headings[older]), years_in(headings[newer])
    if older_years and newer_years and older_years[-1] > newer_years[-1]:
        older, newer = newer, older
    return DerivedRule(index, ((1, newer), (-1, older)))


def _deviation_rule(index: int, headings: Sequence[str], rows: Sequence[Values]) -> DerivedRule | None:
    others = [i for i in _money_columns(headings, {index}) if not _derived_kind(headings[i])]
    budgets = [i for i in others if BUDGET_COLUMN.search(headings[i])]
    outcomes = [i for i in others if OUTCOME_COLUMN.search(headings[i]) and i not in budgets]
    if not budgets or not outcomes:
        return None
    budget = min(budgets, key=lambda i: abs(index - i))
    outcome = min(outcomes, key=lambda i: abs(index - i))
    return _best(
        [DerivedRule(index, ((1, budget), (-1, outcome))), DerivedRule(index, ((1, outcome), (-1, budget)))],
        rows,
    )


def _net_rule(index: int, headings: Sequence[str], rows: Sequence[Values]) -> DerivedRule | None:
    incomes = [i for i, h in enumerate(headings) if INCOME_COLUMN.match(h)]
    costs = [i for i, h in enumerate(headings) if COST_COLUMN.match(h)]
    if not incomes or not costs:
        return None
    income, cost = incomes[0], costs[0]
    return _best(
        [DerivedRule(index, ((1, income), (1, cost))), DerivedRule(index, ((1, income), (-1, cost)))], rows
    )


def _sum_rule(index: int, headings: Sequence[str], rows: Sequence[Values]) -> DerivedRule | None:
    before = [i for i in _money_columns(headings, {index}) if i < index and not _derived_kind(headings[i])]
    return DerivedRule(index, tuple((1, i) for i in before)) if len(before) >= 2 else None


def derived_rules(headings: Sequence[str], rows: Sequence[Values]) -> list[DerivedRule]:
    """The derived columns the headings announce, oriented as the rows print them."""
    rules = []
    for index, heading in enumerate(headings):
        if CHANGE_COLUMN.match(heading):
            rule = _change_rule(index, headings, rows)
        elif DEVIATION_COLUMN.match(heading):
            rule = _deviation_rule(index, headings, rows)
        elif NET_COLUMN.match(heading):
            rule = _net_rule(index, headings, rows)
        elif SUM_COLUMN.match(heading) and index > 0:
            rule = _sum_rule(index, headings, rows)
        else:
            rule = None
        if rule is not None:
            rules.append(rule)
    return rules


@dataclass(frozen=True)
class PerInhabitant:
    """``columns[result] = columns[amount] / inhabitants at a date`` (``amount`` is None when unclear)."""

    result: int
    amount: int | None

    def text(self, headings: Sequence[str], population_date: str) -> str:
        """In the data's notation: ``Kr/invånare = Mkr / invånare 2024-12-31``."""
        assert self.amount is not None
        return f"{headings[self.result]} = {headings[self.amount]} / {INHABITANTS} {population_date}"


def per_inhabitant_rules(bases: Sequence[str], money: str, per_inhabitant: str) -> list[PerInhabitant]:
    """Each column whose base unit is ``per_inhabitant``, from the one column in ``money`` if only one."""
    amounts = [i for i, base in enumerate(bases) if base == money]
    amount = amounts[0] if len(amounts) == 1 else None
    return [PerInhabitant(i, amount) for i, base in enumerate(bases) if base == per_inhabitant]
