"""Whose rows are whose in a driftredovisning: a nämnd's block of verksamheter belongs to that nämnd.

Three printed forms, each read from what the document itself shows:

* a heading that is only a nämnd's name (``Socialnämnden``, ``3.2 Socialnämnden``,
  ``Socialnämnden (mkr)``; a line of text, a Word paragraph or a Word-table row
  with only its first cell filled) right above a block of rows: the rows up to
  the next heading, or up to the block's own *Summa*, are that nämnd's;
* a *Summa* row naming a nämnd (``Summa socialnämnden``): it closes the rows
  above it as that nämnd's block, and is the nämnd's own row;
* a row naming a nämnd, with figures, followed by rows that are its
  verksamheter: printed indented under it, or adding up to it in every column
  within rounding. Those rows become its child rows (``parent``) and inherit
  it; rows that follow a nämnd row but neither add up to it nor are indented
  stay where they are, and the reviewer is told.

Anything else keeps the document's committee.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from budgetlib.extract.organisations import Committee, committee_named, committee_of_row
from budgetlib.extract.reading import CELL_SEPARATOR, SourceLine
from budgetlib.extract.vocabulary import TOTAL_LABEL

HEADING_DECORATION = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\s+)?(?P<name>.+?)\s*(?:[,:]\s*)?(?:\(\s*\w+\s*\)|,\s*\w+kr|\s+\w*kr)?\s*:?\s*$"
)
HEADING_NEARBY = 2  # non-blank lines between a first block's heading and the table's top

Cells = Sequence[tuple[float, float] | None]  # (value, rounding step) per column; None for an empty cell


def committee_heading(text: str) -> Committee | None:
    """The nämnd a heading line names and nothing else (a Word-table row with only a first cell counts)."""
    first, *rest = text.split(CELL_SEPARATOR)
    if any(cell.strip() for cell in rest) or re.search(r"\d", HEADING_DECORATION.sub(r"\g<name>", first)):
        return None
    match = HEADING_DECORATION.match(first)
    if match is None or TOTAL_LABEL.match(match.group("name")):
        return None
    return committee_of_row(match.group("name"))


def total_committee(label: str) -> Committee | None:
    """The nämnd a *Summa* row names (``Summa socialnämnden``, ``Totalt kommunstyrelsen``), or ``None``."""
    rest = TOTAL_LABEL.sub("", " ".join(label.split()), count=1).strip(" :-–")
    return committee_named(rest) if rest and TOTAL_LABEL.match(label) else None


def headings_before(
    lines: Sequence[SourceLine], row_lines: Sequence[int], top: int, floor: int
) -> dict[int, Committee]:
    """Row index → the nämnd heading standing right before that row (between it and the row above;
    for the first row, just above the table)."""
    found: dict[int, Committee] = {}
    for index, line_number in enumerate(row_lines):
        if index == 0:
            above = [line for line in lines[floor : top - 1] if line.text.strip()][-(HEADING_NEARBY + 1) :]
        else:
            above = [line for line in lines[row_lines[index - 1] : line_number - 1] if line.text.strip()]
        for line in reversed(above):
            committee = committee_heading(line.text)
            if committee is not None:
                found[index] = committee
                break
    return found


@dataclass(frozen=True)
class Blocks:
    committees: tuple[Committee | None, ...]  # each row's own committee, where it is not inherited
    parents: tuple[int | None, ...]
    notes: tuple[tuple[int, str], ...]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _adds_up(parent: Cells, children: Sequence[Cells]) -> bool:
    checked = 0
    for column, cell in enumerate(parent):
        if cell is None:
            continue
        parts = [child[column] if column < len(child) else None for child in children]
        if any(part is None for part in parts):
            return False
        present = [part for part in parts if part is not None]
        step = max([cell[1], *(part[1] for part in present)])
        if abs(sum(part[0] for part in present) - cell[0]) > (len(present) + 1) * step / 2 + 1e-9:
            return False
        checked += 1
    return checked > 0


def committee_blocks(
    labels: Sequence[str],
    roles: Sequence[str],
    parents: Sequence[int | None],
    row_texts: Sequence[str],
    cells: Sequence[Cells],
    headings: dict[int, Committee],
) -> Blocks:
    """Each row's committee and parent once the nämnd blocks are read (see the module docstring)."""
    count = len(labels)
    own = [
        (total_committee(label) if TOTAL_LABEL.match(label) else committee_of_row(label))
        if role in ("part", "total")
        else None
        for label, role in zip(labels, roles, strict=True)
    ]
    new_parents = list(parents)
    notes: list[tuple[int, str]] = []
    committees: list[Committee | None] = list(own)
    current: Committee | None = None
    for i in range(count):
        if i in headings:
            current = headings[i]
        if roles[i] == "total" and own[i] is None:
            current = None  # the table's total is the document's
            continue
        if committees[i] is None and current is not None:
            committees[i] = current
        if total_committee(labels[i]) is not None:
            current = None  # a nämnd's Summa closes its block
    for i in range(count):
        if own[i] is None or total_committee(labels[i]) is not None or i in headings:
            continue
        block = []
        for j in range(i + 1, count):
            if own[j] is not None or roles[j] != "part" or new_parents[j] is not None or j in headings:
                break
            block.append(j)
        if not block:
            continue
        indented = all(_indent(row_texts[j]) > _indent(row_texts[i]) for j in block)
        if indented or (len(block) >= 2 and _adds_up(cells[i], [cells[j] for j in block])):
            for j in block:
                new_parents[j] = i
                committees[j] = None  # inherited from the nämnd's row
        else:
            message = (
                f"Raderna efter '{labels[i]}' kan vara nämndens verksamheter, men de är inte indragna "
                "och summerar inte till den; de läses som egna rader."
                " Ange parent i amounts.csv om de hör dit."
            )
            notes.append((block[0], message))
    return Blocks(tuple(committees), tuple(new_parents), tuple(notes))
