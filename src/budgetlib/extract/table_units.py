"""Which unit each table column is in, and how sure the draft can be of it.

In order: a unit printed in the cell itself (``81 mkr``, ``41 %``); a unit in
the column's heading (``Budget 2025, mnkr``; used, but a doubt); the unit the
caption above the table states (``belopp i miljoner kronor``, ``(tkr)``); a
unit stated further up the document (used, but a doubt). With none of these
the column's figures are not placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from budgetlib.extract.headers import CAPTION_LINES, StatedUnit, heading_unit, stated_unit
from budgetlib.extract.reading import SourceLine


class UnitSource(Enum):
    ROW = "på raden"
    HEADING = "ur kolumnrubriken"
    CAPTION = "angiven ovanför tabellen"
    CONTEXT = "antagen från en rad längre upp"


@dataclass(frozen=True)
class ColumnUnit:
    unit_text: str
    line: int
    source: UnitSource

    @property
    def certain(self) -> bool:
        return self.source in (UnitSource.ROW, UnitSource.CAPTION)

    @property
    def reason(self) -> str:
        return f"enhet {self.source.value} (rad {self.line})"


def caption_lines(lines: Sequence[SourceLine], top: int, floor: int) -> list[SourceLine]:
    """The non-blank lines above a table (nearest last), not reaching into the table before it."""
    above = [line for line in lines[floor : top - 1] if line.text.strip()]
    return above[-CAPTION_LINES:]


def column_units(
    headings: Sequence[str], heading_line: int | None, lines: Sequence[SourceLine], top: int, floor: int
) -> tuple[list[ColumnUnit | None], StatedUnit | None]:
    """Each column's unit (``None`` where there is none), and the unit the caption states."""
    stated = stated_unit(caption_lines(lines, top, floor))
    context = None if stated else stated_unit([line for line in lines[: top - 1] if line.text.strip()])
    units: list[ColumnUnit | None] = []
    for heading in headings:
        printed = heading_unit(heading)
        if printed and heading_line is not None:
            units.append(ColumnUnit(printed, heading_line, UnitSource.HEADING))
        elif stated is not None:
            units.append(ColumnUnit(stated.unit_text, stated.line, UnitSource.CAPTION))
        elif context is not None:
            units.append(ColumnUnit(context.unit_text, context.line, UnitSource.CONTEXT))
        else:
            units.append(None)
    return units, stated


def cell_unit(printed_in_cell: str, row_line: int, column: ColumnUnit | None) -> ColumnUnit | None:
    if printed_in_cell:
        return ColumnUnit(printed_in_cell, row_line, UnitSource.ROW)
    return column
