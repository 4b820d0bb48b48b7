"""A document's amount table as printed: rows in order, one column per printed header, each cell located.

A report shows a table the way the document lays it out (parts, their child
rows indented under their parent, the total as a Summa row of its own) and
links every cell to the line it is printed on. Charts take only the parts at
the top of the hierarchy, so a parent and its children are never drawn side
by side and a total never stands among its parts.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.numbers import NumberFormatError, decimals_of, parse_unit

TOTAL_ROLES = ("total", "closing")
GENERIC_COLUMN = "Belopp"  # the header of one-column lists: says nothing of the figure's phase
PHASE_WORDS = {
    "förslag": "Förslag",
    "beslut": "Beslut",
    "prognos": "Prognos",
    "utfall": "Utfall",
    "preliminär": "Preliminärt utfall",
    "bedömning": "Bedömning",
    "reviderad": "Reviderad budget",
    "plan": "Plan",
}


@dataclass(frozen=True)
class Cell:
    """One printed figure: its value in base unit, phase and year, how it was printed, and its line."""

    value: float
    phase: str
    year: int
    measure: str
    source_file: str
    line: int
    unit: str = "mkr"  # the base unit: mkr, %, p.e. or kr/inv
    unit_text: str = "mkr"  # as printed
    decimals: int = 0  # as printed


@dataclass(frozen=True)
class Row:
    """A printed row: its label, role, depth in the hierarchy (0 = top) and its cells by column."""

    row_id: str
    label: str
    role: str
    depth: int
    cells: dict[str, Cell]

    @property
    def is_total(self) -> bool:
        return self.role in TOTAL_ROLES


@dataclass(frozen=True)
class TableView:
    """A table of one document: title, printed columns (in order) with the words to show, rows in order."""

    table_id: str
    doc_id: str
    title: str
    relation: str
    columns: tuple[str, ...]
    headings: tuple[str, ...]
    rows: tuple[Row, ...]
    unit: str

    def top_parts(self, column: str) -> list[tuple[Row, Cell]]:
        """The rows a chart may draw for ``column``: top-level parts and bridge steps, never a total.

        Where the top level holds a single part (a nämnd's own block in a
        driftredovisning), its children are drawn instead: one level of the
        hierarchy at a time, never a parent beside its own children.
        """
        tops = [row for row in self.rows if row.depth == 0 and not row.is_total and column in row.cells]
        if len(tops) == 1:
            children = self.children(tops[0])
            if children:
                tops = [row for row in children if column in row.cells]
        return [(row, row.cells[column]) for row in tops]

    def children(self, parent: Row) -> list[Row]:
        """The rows right under ``parent`` in the hierarchy."""
        start = self.rows.index(parent)
        found = []
        for row in self.rows[start + 1 :]:
            if row.depth <= parent.depth:
                break
            if row.depth == parent.depth + 1:
                found.append(row)
        return found

    @property
    def measures(self) -> set[str]:
        return {cell.measure for row in self.rows for cell in row.cells.values()}

    @property
    def phases(self) -> set[str]:
        return {cell.phase for row in self.rows for cell in row.cells.values()}

    def chart_title(self, column: str) -> str:
        """The table's title, with the column's phase and year where the title does not say them
        (``Driftredovisning 2025 – utfall 2025``): an outcome is never titled as a forecast."""
        cells = [row.cells[column] for row in self.rows if column in row.cells]
        phases, years = {cell.phase for cell in cells}, sorted({cell.year for cell in cells})
        if len(phases) != 1 or (phase := phases.pop()) == "beslut":
            return self.title
        word = PHASE_WORDS.get(phase, phase).lower()
        if word.split()[0] in self.title.lower():
            return self.title
        return f"{self.title} – {word} {'–'.join(str(y) for y in years[:: max(1, len(years) - 1)])}"

    def column_measures(self, column: str) -> set[str]:
        return {row.cells[column].measure for row in self.rows if column in row.cells}


def column_heading(printed: str, phases: set[str], years: set[int]) -> str:
    """The header to show: as printed, with the phase (and the year of a forecast or outcome) added
    where the header leaves them out.

    ``Förslag budget 2025`` and ``Budget 2024`` (decided) stay as printed; a
    generic ``Belopp`` of proposals for 2025 becomes ``Förslag 2025``; a
    ``Budget 2025`` of proposals becomes ``Förslag: Budget 2025``; a
    forecast ``Budgetavvikelse`` for 2024 becomes ``Prognos 2024: Budgetavvikelse``.
    """
    phase = next(iter(phases)) if len(phases) == 1 else ""
    year = str(next(iter(years))) if len(years) == 1 else ""
    if phase in ("", "beslut"):
        return printed
    word = PHASE_WORDS[phase] if phase in PHASE_WORDS else phase.capitalize()
    dated = f"{word} {year}" if year and year not in printed else word
    if _generic(printed, years):
        return f"{word} {year}" if year else word
    if any(part.lower()[:4] in printed.lower() for part in word.split()):
        return printed if dated == word or phase in ("förslag", "bedömning", "plan") else f"{printed} {year}"
    return f"{dated}: {printed}"


def is_unit(text: str) -> bool:
    """Whether a header is only a unit (``mkr``, ``tkr``)."""
    try:
        parse_unit(text)
    except NumberFormatError:
        return False
    return True


def _generic(printed: str, years: set[int]) -> bool:
    """A header that says nothing of the figure: ``Belopp``, a unit (``mkr``) or just the figures' year."""
    return printed == GENERIC_COLUMN or (printed.isdigit() and {int(printed)} == years) or is_unit(printed)


def _ordered(rows: pd.DataFrame) -> list[tuple[str, int]]:
    """Row ids in printed order with their depth, each child right under its parent (after the parent's
    earlier children); a row whose parent is not in the table stands at the top."""
    parent_of = dict(zip(rows[c.ROW_ID], rows[c.PARENT], strict=True))
    children: dict[str, list[str]] = {}
    for row_id in dict.fromkeys(rows[c.ROW_ID]):
        parent = parent_of[row_id] if parent_of[row_id] in parent_of else ""
        children.setdefault(parent, []).append(row_id)
    ordered: list[tuple[str, int]] = []

    def visit(row_id: str, depth: int) -> None:
        ordered.append((row_id, depth))
        for child in children.get(row_id, []):
            visit(child, depth + 1)

    for row_id in children.get("", []):
        visit(row_id, 0)
    return ordered


def table_view(dataset: Dataset, table_id: str) -> TableView:
    """The table ``table_id`` of ``dataset`` as printed, with every cell located."""
    table = dataset.tables.set_index(c.TABLE_ID).loc[table_id]
    cells = dataset.figures[dataset.figures[c.TABLE_ID] == table_id]
    records = cells.to_dict("records")  # once: per-row pandas filters cost more than the table
    columns = tuple(dict.fromkeys(r[c.COLUMN] for r in records))
    headings = tuple(
        column_heading(
            column,
            {r[c.PHASE] for r in records if r[c.COLUMN] == column},
            {int(r[c.YEAR]) for r in records if r[c.COLUMN] == column},
        )
        for column in columns
    )
    by_row: dict[str, list[dict[Hashable, Any]]] = {}
    for record in records:
        by_row.setdefault(record[c.ROW_ID], []).append(record)
    rows = []
    for row_id, depth in _ordered(cells.drop_duplicates(c.ROW_ID)):
        own = by_row[row_id]
        first = own[0]
        rows.append(
            Row(
                row_id=row_id,
                label=str(first[c.LABEL]),
                role=str(first[c.ROLE]),
                depth=depth,
                cells={
                    str(r[c.COLUMN]): Cell(
                        float(r[c.VALUE]),
                        str(r[c.PHASE]),
                        int(r[c.YEAR]),
                        str(r[c.MEASURE]),
                        str(r[c.SOURCE_FILE]),
                        int(r[c.LINE]),
                        str(r[c.UNIT]),
                        str(r[c.UNIT_TEXT]),
                        decimals_of(str(r[c.VALUE_TEXT])),
                    )
                    for r in own
                },
            )
        )
    units = set(cells[c.UNIT])
    return TableView(
        table_id=table_id,
        doc_id=str(table[c.DOC_ID]),
        title=str(table[c.TITLE]),
        relation=str(table[c.RELATION]),
        columns=columns,
        headings=headings,
        rows=tuple(rows),
        unit=units.pop() if len(units) == 1 else "",
    )


def table_views(dataset: Dataset, measures: set[str] | None = None) -> list[TableView]:
    """Every table of the dataset in document order; with ``measures``, those holding any of them."""
    views = [table_view(dataset, str(t)) for t in dataset.tables[c.TABLE_ID]]
    return [v for v in views if measures is None or v.measures & measures]
