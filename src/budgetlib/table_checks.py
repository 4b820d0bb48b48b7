"""What a table claims by its structure: sums per column, bridges per column, derived columns per row.

A column the document derives as a ratio (a percentage or kronor per
inhabitant) is checked row by row and never summed over rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import NamedTuple

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


class Cell(NamedTuple):
    """One cell of a table as the checks group it: where it stands and the figure it holds."""

    row_id: str
    column_id: str
    column: str
    parent: str
    role: str
    figure: Figure


def cells_by_table(cells: pd.DataFrame, figures: dict[str, Figure]) -> dict[str, list[Cell]]:
    """Every table's cells in the order of ``cells``, grouped in one pass (the columns are text)."""
    places = [cells[name].tolist() for name in (c.ROW_ID, c.COLUMN_ID, c.COLUMN, c.PARENT, c.ROLE)]
    held = [figures[figure_id] for figure_id in cells[c.FIGURE_ID].tolist()]
    by_table: dict[str, list[Cell]] = {}
    for table_id, cell in zip(
        cells[c.TABLE_ID].tolist(), map(Cell._make, zip(*places, held, strict=True)), strict=True
    ):
        by_table.setdefault(table_id, []).append(cell)
    return by_table


def table_findings(
    tables: pd.DataFrame, cells: pd.DataFrame, figures: dict[str, Figure], population: Population
) -> Iterator[Finding]:
    """Every check a table's relation and derived columns claim, table by table in order."""
    by_table = cells_by_table(cells, figures)
    for table_id, relation, derived_text in zip(
        tables[c.TABLE_ID].tolist(), tables[c.RELATION].tolist(), tables[c.DERIVED].tolist(), strict=True
    ):
        own = by_table.get(str(table_id), [])
        derived = parse_derived_columns(str(derived_text)) if derived_text else ()
        ratios = {d.result for d in derived if not isinstance(d, DerivedColumn)}
        if relation in ("sum", "partial_sum"):
            summed = [cell for cell in own if cell.column not in ratios]
            yield from _sum_findings(str(table_id), str(relation), summed)
        elif relation == "bridge":
            yield from _bridge_findings(str(table_id), own)
        yield from _derived_findings(str(table_id), derived, own, population)


def _by_column(cells: list[Cell]) -> dict[str, list[Cell]]:
    """Cells per column id, columns in order of first appearance, cells in order."""
    columns: dict[str, list[Cell]] = {}
    for cell in cells:
        columns.setdefault(cell.column_id, []).append(cell)
    return columns


def _sum_findings(table_id: str, relation: str, cells: list[Cell]) -> Iterator[Finding]:
    for column_id, column in _by_column(cells).items():
        by_row = {cell.row_id: cell.figure for cell in column}
        column_label = column[0].column
        children: dict[str, list[Figure]] = {}
        for cell in column:
            if cell.parent != "":
                children.setdefault(cell.parent, []).append(cell.figure)
        for parent, figures in children.items():
            if parent in by_row:
                subject = f"{table_id} · {column_label} · {parent}"
                yield compare(Check.SUM, subject, by_row[parent], [(1, f) for f in figures])
        top_parts = [cell.figure for cell in column if cell.role == "part" and cell.parent == ""]
        for total in (cell.figure for cell in column if cell.role == "total"):
            terms = [(1, f) for f in top_parts]
            subject = f"{table_id} · {column_label}" if column_id != SINGLE_COLUMN else table_id
            if relation == "partial_sum":
                yield residual(Check.RESIDUAL, subject, total, terms)
            else:
                yield compare(Check.SUM, subject, total, terms)


def _bridge_findings(table_id: str, cells: list[Cell]) -> Iterator[Finding]:
    """Per column: each subtotal and the closing = the last printed result + the steps since."""
    columns = _by_column(cells)
    single = set(columns) == {SINGLE_COLUMN}
    for column in columns.values():
        label = column[0].column
        running: list[tuple[int, Figure]] = []
        for cell in column:
            if cell.role in BRIDGE_STEPS:
                running.append((1, cell.figure))
            elif cell.role in BRIDGE_CHECKPOINTS:
                where = [
                    table_id,
                    *([] if single else [label]),
                    *([cell.row_id] if cell.role == "subtotal" else []),
                ]
                yield compare(Check.BRIDGE, " · ".join(where), cell.figure, running)
                running = [(1, cell.figure)]


def _derived_findings(
    table_id: str, derived: tuple[Derived, ...], cells: list[Cell], population: Population
) -> Iterator[Finding]:
    if not derived:
        return
    rows: dict[str, dict[str, Figure]] = {}
    for cell in cells:
        rows.setdefault(cell.row_id, {})[cell.column] = cell.figure
    for column in derived:
        labels = column.labels
        for row_id, by_column in rows.items():
            if all(label in by_column for label in labels):
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
