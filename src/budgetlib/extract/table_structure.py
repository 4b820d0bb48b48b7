"""What a table claims about its rows: a bridge, a sum with totals (and subtotals), or nothing.

* bridge: one figure per row, at least three rows, and the last row marked
  ``= …`` (certain) or naming the same thing as the first for a later year
  ("Ram 2025" … "Ram 2026"; reported as a doubt);
* sum: a row labelled *Summa*/*Totalt* is the total; a total in the middle,
  when the table also ends with one, is a subtotal of the rows above it
  (a doubt); *varav* rows are items inside the row above and not summed;
* none otherwise.

Each column's year, phase and measure are suggested from its heading (the
measure as the heading names it: *Budget*, *Netto*, *Avvikelse*) and the
table's caption; the phase also from the document's title (:mod:`phases`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from budgetlib.extract.phases import ColumnPhase, PhaseContext, column_phase
from budgetlib.extract.vocabulary import (
    PART_OF_LABEL,
    TOTAL_LABEL,
    column_measure,
    measure_of,
    years_in,
)


@dataclass(frozen=True)
class Structure:
    relation: str
    roles: tuple[str, ...]
    parents: tuple[int | None, ...]  # index of the row each row is part of
    notes: tuple[tuple[int, str], ...] = field(default=())  # (row index, doubt for the reviewer)


def _bridge_by_labels(labels: Sequence[str]) -> bool:
    first, last = labels[0].split(), labels[-1].split()
    first_years, last_years = years_in(labels[0]), years_in(labels[-1])
    return (
        bool(first and last)
        and first[0].lower() == last[0].lower()
        and bool(first_years and last_years)
        and last_years[-1] > first_years[-1]
    )


def _with_subtotals(
    roles: list[str], labels: Sequence[str]
) -> tuple[list[int | None], list[tuple[int, str]]]:
    """Totals before the final one close the rows above them: they become parents (subtotals)."""
    parents: list[int | None] = [None] * len(roles)
    notes: list[tuple[int, str]] = []
    totals = [i for i, role in enumerate(roles) if role == "total"]
    if len(totals) < 2 or totals[-1] != len(roles) - 1:
        return parents, notes
    start = 0
    for total in totals[:-1]:
        roles[total] = "part"
        for child in range(start, total):
            if roles[child] == "part":
                parents[child] = total
        start = total + 1
        notes.append(
            (
                total,
                f"'{labels[total]}' läses som delsumma av raderna ovanför; "
                f"'{labels[-1]}' som summan av delsummorna och övriga rader.",
            )
        )
    return parents, notes


def structure(labels: Sequence[str], closing_marker: bool, count: int) -> Structure:
    """The relation, each row's role and parent, and what the reader should check."""
    if count == 1 and len(labels) >= 3 and (closing_marker or _bridge_by_labels(labels)):
        notes: list[tuple[int, str]] = []
        if not closing_marker:
            notes.append(
                (
                    0,
                    f"Tabellen läses som en brygga från '{labels[0]}' till '{labels[-1]}' "
                    "(första och sista raden namnger samma sak för två år).",
                )
            )
        bridge = ("opening", *(["component"] * (len(labels) - 2)), "closing")
        return Structure("bridge", bridge, (None,) * len(labels), tuple(notes))
    roles: list[str] = []
    notes = []
    for index, label in enumerate(labels):
        if TOTAL_LABEL.match(label):
            roles.append("total")
        elif PART_OF_LABEL.match(label) and index > 0:
            roles.append("item")
            notes.append((index, f"Raden '{label}' är en del av raden ovanför och räknas inte med i summan."))
        else:
            roles.append("part")
    if "total" not in roles:
        return Structure("none", tuple(roles), (None,) * len(labels), tuple(notes))
    parents, subtotal_notes = _with_subtotals(roles, labels)
    return Structure("sum", tuple(roles), tuple(parents), tuple(notes + subtotal_notes))


def column_facts(
    heading: str, title: str, doc_year: int, document: PhaseContext
) -> tuple[int, ColumnPhase, str]:
    """Year, phase (with where it came from) and measure a column's heading (or else the caption,
    or for the phase the document's title) suggests."""
    years = years_in(heading) or years_in(title)
    year = years[-1] if years else doc_year
    return year, column_phase(heading, title, document), column_measure(heading, title)


def row_facts(label: str, role: str) -> tuple[int | None, str]:
    """A bridge's opening and closing rows name their own year and measure ("Ram 2024")."""
    if role not in ("opening", "closing"):
        return None, ""
    years = years_in(label)
    return (years[-1] if years else None), measure_of(label)
