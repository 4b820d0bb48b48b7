"""Which unit each table column is in, and how sure the draft can be of it.

In order: a unit printed in the cell itself (``81 mkr``, ``41 %``); a unit in
the column's heading (``Budget 2025, mnkr``; used, but a doubt); the unit the
caption above the table states (``belopp i miljoner kronor``, ``(tkr)``); a
unit stated in a note right below the table (``Belopp i tkr.``; used, but a
doubt); a unit stated further up the document (used, but a doubt). With none
of these the column's figures are not placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from budgetlib.extract.headers import CAPTION_LINES, StatedUnit, heading_unit, stated_unit
from budgetlib.extract.reading import SourceLine

NOTE_LINES = 2  # how far below a table a note on its unit may stand


class UnitSource(Enum):
    ROW = "på raden"
    HEADING = "ur kolumnrubriken"
    CAPTION = "angiven ovanför tabellen"
    BELOW = "angiven i en not under tabellen"
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


def _note_below(lines: Sequence[SourceLine], bottom: int) -> StatedUnit | None:
    """A unit stated in the few lines right under the table ("Belopp i tkr."), before anything else."""
    below = [line for line in lines[bottom : bottom + NOTE_LINES * 2] if line.text.strip()][:NOTE_LINES]
    found = [stated_unit([line]) for line in below]
    return next((unit for unit in found if unit is not None), None)


def column_units(
    headings: Sequence[str],
    heading_line: int | None,
    lines: Sequence[SourceLine],
    rows: tuple[int, int],
    floor: int,
) -> list[ColumnUnit | None]:
    """Each column's unit, ``None`` where there is none; ``rows`` are the table's first and last line."""
    top, bottom = rows
    stated = stated_unit(caption_lines(lines, top, floor))
    below = None if stated else _note_below(lines, bottom)
    context = (
        None if stated or below else stated_unit([line for line in lines[: top - 1] if line.text.strip()])
    )
    units: list[ColumnUnit | None] = []
    for heading in headings:
        printed = heading_unit(heading)
        if printed and heading_line is not None:
            units.append(ColumnUnit(printed, heading_line, UnitSource.HEADING))
        elif stated is not None:
            units.append(ColumnUnit(stated.unit_text, stated.line, UnitSource.CAPTION))
        elif below is not None:
            units.append(ColumnUnit(below.unit_text, below.line, UnitSource.BELOW))
        elif context is not None:
            units.append(ColumnUnit(context.unit_text, context.line, UnitSource.CONTEXT))
        else:
            units.append(None)
    return units


def cell_unit(printed_in_cell: str, row_line: int, column: ColumnUnit | None) -> ColumnUnit | None:
    if printed_in_cell:
        return ColumnUnit(printed_in_cell, row_line, UnitSource.ROW)
    return column
