"""What a table claims by its structure: sums per column, bridges per column, derived columns per row.

A column the document derives as a ratio (a percentage or kronor per
inhabitant) is checked row by row and never summed over rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pandas as pd

from budgetlib import columns as c
from budgetlib.checks import compare, per_inhabitant, percent, residual
from budgetlib.expressions import (
    Derived,
    DerivedColumn,
    DerivedPercent,
    DerivedPerInhabitant,
    parse_derived_columns,
)
from budgetlib.figure import Figure
from budgetlib.findings import Check, Finding

SINGLE_COLUMN = "value"  # the column_id of a one-column table
BRIDGE_CHECKPOINTS = ("subtotal", "closing")
BRIDGE_STEPS = ("opening", "component")

Population = Callable[[str, dt.date], int | None]  # (org_code, date) → inhabitants


def table_findings(
    tables: pd.DataFrame, cells: pd.DataFrame, figures: dict[str, Figure], population: Population
) -> Iterator[Finding]:
    """Every check a table's relation and derived columns claim, table by table in order."""
    by_table = dict(tuple(cells.groupby(c.TABLE_ID, sort=False)))
    empty = cells.iloc[0:0]
    for table in tables.to_dict("records"):
        table_id, relation = str(table[c.TABLE_ID]), str(table[c.RELATION])
        own = by_table.get(table_id, empty)
        derived = parse_derived_columns(str(table[c.DERIVED])) if table[c.DERIVED] else ()
        ratios = {d.result for d in derived if not isinstance(d, DerivedColumn)}
        if relation in ("sum", "partial_sum"):
            yield from _sum_findings(table_id, relation, own[~own[c.COLUMN].isin(ratios)], figures)
        elif relation == "bridge":
            yield from _bridge_findings(table_id, own, figures)
        yield from _derived_findings(table_id, derived, own, figures, population)


def _sum_findings(
    table_id: str, relation: str, cells: pd.DataFrame, figures: dict[str, Figure]
) -> Iterator[Finding]:
    for column_id, column in cells.groupby(c.COLUMN_ID, sort=False):
        by_row = {str(r): figures[str(f)] for r, f in zip(column[c.ROW_ID], column[c.FIGURE_ID], strict=True)}
        column_label = str(column[c.COLUMN].iloc[0])
        for parent, children in column[column[c.PARENT] != ""].groupby(c.PARENT, sort=False):
            if str(parent) in by_row:
                terms = [(1, figures[str(f)]) for f in children[c.FIGURE_ID]]
                subject = f"{table_id} · {column_label} · {parent}"
                yield compare(Check.SUM, subject, by_row[str(parent)], terms)
        totals = column[column[c.ROLE] == "total"]
        top_parts = column[(column[c.ROLE] == "part") & (column[c.PARENT] == "")]
        for total_id in totals[c.FIGURE_ID]:
            terms = [(1, figures[str(f)]) for f in top_parts[c.FIGURE_ID]]
            subject = f"{table_id} · {column_label}" if column_id != SINGLE_COLUMN else table_id
            if relation == "partial_sum":
                yield residual(Check.RESIDUAL, subject, figures[str(total_id)], terms)
            else:
                yield compare(Check.SUM, subject, figures[str(total_id)], terms)


def _bridge_findings(table_id: str, cells: pd.DataFrame, figures: dict[str, Figure]) -> Iterator[Finding]:
    """Per column: each subtotal and the closing = the last printed result + the steps since."""
    single = set(cells[c.COLUMN_ID]) == {SINGLE_COLUMN}
    for _, column in cells.groupby(c.COLUMN_ID, sort=False):
        label = str(column[c.COLUMN].iloc[0])
        running: list[tuple[int, Figure]] = []
        for row_id, role, figure_id in zip(
            column[c.ROW_ID], column[c.ROLE], column[c.FIGURE_ID], strict=True
        ):
            figure = figures[str(figure_id)]
            if role in BRIDGE_STEPS:
                running.append((1, figure))
            elif role in BRIDGE_CHECKPOINTS:
                where = [table_id, *([] if single else [label]), *([row_id] if role == "subtotal" else [])]
                yield compare(Check.BRIDGE, " · ".join(where), figure, running)
                running = [(1, figure)]


def _derived_findings(
    table_id: str,
    derived: tuple[Derived, ...],
    cells: pd.DataFrame,
    figures: dict[str, Figure],
    population: Population,
) -> Iterator[Finding]:
    if not derived:
        return
    rows = [
        (
            str(row_id),
            {str(col): figures[str(f)] for col, f in zip(row[c.COLUMN], row[c.FIGURE_ID], strict=True)},
        )
        for row_id, row in cells.groupby(c.ROW_ID, sort=False)
    ]
    for column in derived:
        for row_id, by_column in rows:
            if all(label in by_column for label in column.labels):
                yield _derived_finding(
                    f"{table_id} · {column.result} · {row_id}", column, by_column, population
                )


def _derived_finding(
    subject: str, column: Derived, by_column: dict[str, Figure], population: Population
) -> Finding:
    stated = by_column[column.result]
    if isinstance(column, DerivedPercent):
        numerator, denominator = by_column[column.numerator], by_column[column.denominator]
        return percent(subject, stated, [(1, numerator)], [(1, denominator)], Check.ROW_ARITHMETIC)
    if isinstance(column, DerivedPerInhabitant):
        people = population(stated.org_code, column.population_date)
        return per_inhabitant(
            subject, stated, [(1, by_column[column.amount])], people, column.population_date
        )
    terms = [(term.sign, by_column[term.ref]) for term in column.terms]
    return compare(Check.ROW_ARITHMETIC, subject, stated, terms)
