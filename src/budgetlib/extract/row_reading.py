"""The numbers on a table's rows, column by column.

Tab-separated rows say where each cell is. Where the columns collapsed into
spaces, the digit groups must be cut into numbers: the count per row is the
one every row can be read as (a heading that fits settles a tie; a bullet
line ending in a unit holds one number); a row that can still be read more
than one way takes the reading that satisfies the table's own derived
columns, else the one whose magnitudes fit its column, and is then marked
unsettled so the draft reports it as a doubt.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from budgetlib.extract.derived import DerivedRule, Values, derived_rules
from budgetlib.extract.headers import column_headings
from budgetlib.extract.reading import SourceLine
from budgetlib.extract.rows import RowCandidate, cell_number, cell_unit
from budgetlib.extract.tokens import Reading, splits, value_of


@dataclass(frozen=True)
class ParsedRow:
    """A row with its numbers read: ``None`` for an empty cell; the unit printed in each cell, if any."""

    candidate: RowCandidate
    label: str
    numbers: tuple[str | None, ...]
    units: tuple[str, ...]
    settled: bool = True  # False: the digit groups could be read another way, equally well
    by_arithmetic: bool = False  # the reading was chosen because it satisfies a derived column


def step(number: str) -> float:
    """The rounding step of a printed number (``3 356,1`` → 0,1)."""
    _, _, fraction = number.partition(",")
    return 10.0 ** -len(fraction)


def values(row: ParsedRow) -> Values:
    return [None if n is None else (value_of(n), step(n)) for n in row.numbers]


def _alternatives(candidate: RowCandidate) -> list[tuple[str, tuple[str, ...], set[int]]]:
    """(label, digit groups, groups that must start a number); a year right after the label may
    belong to it ("Ram 2024 8 428")."""
    options = [(candidate.label, candidate.groups, set(candidate.breaks))]
    if candidate.year_in_label:
        shifted = {b - 1 for b in candidate.breaks if b > 1}
        options.append((f"{candidate.label} {candidate.groups[0]}", candidate.groups[1:], shifted))
    return options


def _starts(reading: Reading) -> set[int]:
    starts, position = set(), 0
    for number in reading.numbers:
        starts.add(position)
        position += len(number.split())
    return starts


def readings(candidate: RowCandidate, count: int) -> list[tuple[str, Reading]]:
    """Every way to read the row as ``count`` numbers that cuts at every wide gap."""
    return [
        (label, r)
        for label, groups, breaks in _alternatives(candidate)
        for r in splits(groups, count)
        if breaks <= _starts(r)
    ]


def _counts(candidate: RowCandidate) -> set[int]:
    return {n for n in range(1, len(candidate.groups) + 1) if readings(candidate, n)}


def choose_count(run: Sequence[RowCandidate], fragments: Sequence[SourceLine]) -> tuple[int, bool]:
    """How many numbers each row holds, and whether that is certain."""
    feasible = [_counts(c) for c in run]
    common = set.intersection(*feasible)
    if all(c.unit_text for c in run) and 1 in common:
        return 1, True  # "• Förskola   812 400 tkr": a unit after the figure, one figure per line
    gaps = {len(c.breaks) for c in run}
    if len(gaps) == 1 and (laid_out := gaps.pop() + 1) > 1 and laid_out in common:
        return laid_out, True  # text laid out as on the page: the wide gaps separate the numbers
    if len(common) == 1:
        return next(iter(common)), True
    if common:
        fitting = [k for k in sorted(common) if column_headings(fragments, k) is not None]
        if len(fitting) == 1:
            return fitting[0], True
        unique = {k: sum(len(readings(c, k)) == 1 for c in run) for k in sorted(common)}
        return max(unique, key=lambda k: (unique[k], -k)), False
    tally: dict[int, int] = {}
    for counts in feasible:
        for k in counts:
            tally[k] = tally.get(k, 0) + 1
    return max(tally, key=lambda k: (tally[k], -k)), False


def _typical_magnitudes(rows: Sequence[ParsedRow], count: int) -> list[float | None]:
    typical: list[float | None] = []
    for column in range(count):
        magnitudes = [math.log10(abs(value_of(n)) + 1) for row in rows if (n := row.numbers[column])]
        typical.append(statistics.median(magnitudes) if magnitudes else None)
    return typical


def _misfit(reading: Reading, typical: Sequence[float | None]) -> float:
    return sum(
        abs(math.log10(abs(v) + 1) - t) for v, t in zip(reading.values, typical, strict=True) if t is not None
    )


def read_space_rows(
    run: Sequence[RowCandidate], count: int, headings: Sequence[str]
) -> tuple[list[ParsedRow], list[DerivedRule], list[RowCandidate]]:
    """The rows read as ``count`` numbers each, the derived columns used, and the rows that could not be."""
    options = {c.line: readings(c, count) for c in run}
    unreadable = [c for c in run if not options[c.line]]
    units = {c.line: (c.unit_text,) * count for c in run}
    unique = [
        ParsedRow(c, options[c.line][0][0], options[c.line][0][1].numbers, units[c.line])
        for c in run
        if len(options[c.line]) == 1
    ]
    rules = derived_rules(headings, [values(r) for r in unique]) if len(headings) == count else []
    typical = _typical_magnitudes(unique, count)

    def score(choice: tuple[str, Reading]) -> tuple[int, float]:
        reading = choice[1]
        cells = [(v, step(n)) for v, n in zip(reading.values, reading.numbers, strict=True)]
        return sum(rule.holds(cells) is True for rule in rules), -_misfit(reading, typical)

    parsed = []
    for candidate in run:
        choices = sorted(options[candidate.line], key=score, reverse=True)
        if not choices:
            continue
        label, reading = choices[0]
        by_arithmetic = len(choices) > 1 and score(choices[0])[0] > score(choices[1])[0]
        settled = len(choices) == 1 or by_arithmetic
        parsed.append(
            ParsedRow(candidate, label, reading.numbers, units[candidate.line], settled, by_arithmetic)
        )
    return parsed, rules, unreadable


def read_tab_rows(run: Sequence[RowCandidate], count: int) -> list[ParsedRow]:
    """Rows whose cells are tab-separated: each cell its own number (and perhaps its own unit)."""
    parsed = []
    for candidate in run:
        cells = (*candidate.cells, *([""] * (count - len(candidate.cells))))
        numbers = tuple(cell_number(c) for c in cells)
        parsed.append(ParsedRow(candidate, candidate.label, numbers, tuple(cell_unit(c) for c in cells)))
    return parsed
