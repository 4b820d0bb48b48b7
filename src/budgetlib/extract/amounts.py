"""Amount tables: runs of row lines become tables with columns, units, roles and a relation.

A table is a run of at least two row lines (one blank line between rows is
allowed). Its columns come from a tab-separated heading row or from collapsed
heading fragments above it (:mod:`headers`); the numbers on each row are read
by :mod:`row_reading`, each column's unit found by :mod:`table_units`, and
what the table claims (bridge, sum, derived columns) by
:mod:`table_structure` and :mod:`derived`. A row whose label names a
committee (a driftredovisning's row per nämnd) is that committee's. A lone row
line without a unit is listed as unplaced; one with a unit is left to the
running-text reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from budgetlib.extract.committee_blocks import Blocks, committee_blocks, committee_heading, headings_before
from budgetlib.extract.derived import DerivedRule, derived_rules, per_inhabitant_rules
from budgetlib.extract.draft import (
    SINGLE_COLUMN,
    Cell,
    Column,
    Confidence,
    Doubt,
    DoubtKind,
    Printed,
    Row,
    Table,
    Unplaced,
)
from budgetlib.extract.headers import (
    LABEL_HEADINGS,
    column_headings,
    header_lines,
    heading_unit,
    headings_from_words,
    strip_heading_unit,
)
from budgetlib.extract.identifiers import unique_slug
from budgetlib.extract.organisations import organisation_of_row
from budgetlib.extract.phases import ColumnPhase, PhaseContext, document_phase
from budgetlib.extract.reading import CELL_SEPARATOR, SourceLine, SourceText
from budgetlib.extract.row_reading import ParsedRow, choose_count, read_space_rows, read_tab_rows, values
from budgetlib.extract.rows import HeaderCandidate, RowCandidate, parse_line
from budgetlib.extract.table_structure import Structure, column_facts, row_facts, structure
from budgetlib.extract.table_units import ColumnUnit, caption_lines, cell_unit, column_units
from budgetlib.extract.tokens import is_writable_unit, is_year
from budgetlib.extract.vocabulary import years_in
from budgetlib.numbers import parse_unit
from budgetlib.vocabulary import KR_PER_INHABITANT, MKR

ONE_COLUMN_HEADING = "Belopp"
TITLE_LENGTH = 100


@dataclass(frozen=True)
class FoundTables:
    tables: tuple[Table, ...]
    doubts: tuple[Doubt, ...]
    unplaced: tuple[Unplaced, ...]
    claimed: frozenset[int]  # lines that belong to a table (headings and rows)


@dataclass
class _Found:
    doubts: list[Doubt] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


@dataclass(frozen=True)
class _Grid:
    """A table's rows read into numbers, with its headings and where they stand."""

    rows: list[ParsedRow]
    headings: list[str]
    heading_lines: list[int]
    rules: list[DerivedRule]
    layout: str


def _section_row(text: str) -> bool:
    """A Word-table row with only a heading in the first cell (a block heading inside the table)."""
    cells = text.split(CELL_SEPARATOR)
    return len(cells) > 1 and any(ch.isalpha() for ch in cells[0]) and not any(c.strip() for c in cells[1:])


def _runs(lines: Sequence[SourceLine]) -> list[list[RowCandidate]]:
    runs: list[list[RowCandidate]] = []
    current: list[RowCandidate] = []
    blanks = 0
    for line in lines:
        parsed = parse_line(line.number, line.text)
        if isinstance(parsed, RowCandidate):
            if current and (parsed.tabbed != current[-1].tabbed or blanks > 1):
                runs.append(current)
                current = []
            current.append(parsed)
            blanks = 0
        elif not line.text.strip():
            blanks += 1
        elif current and committee_heading(line.text) is not None:
            blanks = 0  # a nämnd's heading inside a driftredovisning: its block of rows follows
        elif not (current and current[-1].tabbed and _section_row(line.text)):
            if current:
                runs.append(current)
            current, blanks = [], 0
    if current:
        runs.append(current)
    return runs


def _tab_headings(lines: Sequence[SourceLine], first_row: int, count: int) -> tuple[list[str], list[int]]:
    """Headings from the tab-separated heading rows right above the first row (two rows merge)."""
    rows: list[tuple[int, tuple[str, ...]]] = []
    number = first_row - 1
    while number >= 1 and len(rows) < 2:
        parsed = parse_line(number, lines[number - 1].text)
        if not isinstance(parsed, HeaderCandidate):
            break
        cells = parsed.cells
        while len(cells) > count + 1 and not cells[-1]:
            cells = cells[:-1]
        if len(cells) not in (count, count + 1):
            break
        rows.insert(0, (number, cells[-count:]))
        number -= 1
    merged = [" ".join(cells[i] for _, cells in rows if cells[i]) for i in range(count)] if rows else []
    if rows and not _fits(merged):
        # the heading cells ran together (narrow gaps in a PDF): read the words as collapsed fragments
        words = [w for number, _ in rows for w in lines[number - 1].text.split()]
        merged = headings_from_words(words, count) or merged
    return merged, [n for n, _ in rows]


def _fits(headings: Sequence[str]) -> bool:
    """Headings that each name one column: no label-column heading, no two years in one cell."""
    return not (
        (headings and headings[0].lower() in LABEL_HEADINGS) or any(len(years_in(h)) > 1 for h in headings)
    )


def _grid(run: Sequence[RowCandidate], lines: Sequence[SourceLine], floor: int, note: _Note) -> _Grid:
    first = run[0].line
    if run[0].tabbed:
        count = max(len(c.cells) for c in run)
        headings, heading_lines = _tab_headings(lines, first, count)
        return _Grid(read_tab_rows(run, count), headings, heading_lines, [], "tabell med kolumner")
    fragments = [f for f in header_lines(lines, first) if f.number > floor]
    count, certain = choose_count(run, fragments)
    if not certain:
        note(DoubtKind.READING, first, f"Osäkert hur många tal varje rad har; läst som {count} per rad.")
    headings = (column_headings(fragments, count) or []) if count > 1 else []
    parsed, rules, unreadable = read_space_rows(run, count, headings)
    for candidate in unreadable:
        note.unplaced(candidate.line, candidate.label, f"talen går inte att läsa som {count} tal per rad")
    layout = "tabell vars kolumner fallit ihop" if count > 1 else "lista med belopp"
    return _Grid(parsed, headings, [f.number for f in fragments] if headings else [], rules, layout)


class _Note:
    """Collects a table's doubts and unplaced lines under its id."""

    def __init__(self, table_id: str, found: _Found) -> None:
        self.table_id, self.found = table_id, found

    def __call__(self, kind: DoubtKind, line: int | None, message: str) -> None:
        self.found.doubts.append(Doubt(kind, line, message, self.table_id))

    def unplaced(self, line: int, text: str, reason: str) -> None:
        self.found.unplaced.append(Unplaced(line, text, reason))


def _title(caption: Sequence[SourceLine], first_line: int) -> str:
    """The last sentence of the caption lines above the table ("… fördelas enligt följande")."""
    if not caption:
        return f"Tabell på rad {first_line}"
    joined = " ".join(line.text.replace(CELL_SEPARATOR, " ") for line in caption[-3:])
    sentence = re.split(r"(?<=[.!?])\s+", " ".join(joined.split()).rstrip(" .:"))[-1]
    return sentence if len(sentence) <= TITLE_LENGTH else f"{sentence[: TITLE_LENGTH - 1]}…"


def _labels(headings: Sequence[str], count: int) -> list[str]:
    """Column labels: the heading without a printed unit, unique, safe in a derived-column formula."""
    seen: dict[str, int] = {}
    labels = []
    for heading in headings:
        if heading_unit(heading) == heading.strip():
            label = ONE_COLUMN_HEADING if count == 1 else heading
        else:
            label = strip_heading_unit(heading)
        label = re.sub(r"\s([+=/-])\s", r" \1", label.replace(";", ",")).strip() or "Kolumn"
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels


def _cells(
    row: ParsedRow, units: Sequence[ColumnUnit | None], phase_reasons: Sequence[str], note: _Note
) -> tuple[Cell, ...]:
    cells = []
    for column, number in enumerate(row.numbers):
        if number is None:
            continue
        unit = cell_unit(row.units[column], row.candidate.line, units[column])
        if unit is None:
            note.unplaced(row.candidate.line, row.label, f"ingen enhet angiven för talet {number}")
            continue
        if not is_writable_unit(unit.unit_text):
            note.unplaced(
                row.candidate.line, row.label, f"enheten '{unit.unit_text}' är ingen av dataformatets enheter"
            )
            continue
        reasons = [unit.reason, *([phase_reasons[column]] if phase_reasons[column] else [])]
        if not row.settled:
            reasons.append("talgrupperna kan läsas på flera sätt")
        elif row.by_arithmetic:
            reasons.append("uppdelningen i tal stämmer med tabellens radberäkning")
        confidence = Confidence.CERTAIN if unit.certain and row.settled else Confidence.CHECK
        printed = Printed(number, 1, unit.unit_text, unit.line, row.candidate.line)
        cells.append(Cell(column, printed, confidence, "; ".join(reasons)))
    return tuple(cells)


def _rows(
    grid: _Grid,
    shape: Structure,
    blocks: Blocks,
    units: Sequence[ColumnUnit | None],
    phase_reasons: Sequence[str],
    note: _Note,
) -> tuple[Row, ...]:
    used: set[str] = set()
    row_ids = [unique_slug(row.label, used) for row in grid.rows]
    rows = []
    for index, row in enumerate(grid.rows):
        if not row.settled:
            shown = " | ".join(n or "–" for n in row.numbers)
            note(
                DoubtKind.READING,
                row.candidate.line,
                f"Talen på raden '{row.label}' kan delas upp på flera sätt; läst som {shown}.",
            )
        cells = _cells(row, units, phase_reasons, note)
        if not cells:
            continue
        parent = blocks.parents[index]
        year, measure = row_facts(row.label, shape.roles[index])
        committee = blocks.committees[index]
        if committee is not None and not committee.registered:
            note(
                DoubtKind.STRUCTURE,
                row.candidate.line,
                f"Raden '{row.label}' läses som nämnden '{committee.name}', som inte finns i nämndregistret "
                "(fri benämning); rätta namnd i amounts.csv om den har en kod där.",
            )
        rows.append(
            Row(
                row_ids[index],
                row.label,
                shape.roles[index],
                row.candidate.line,
                cells,
                row_ids[parent] if parent is not None else "",
                year,
                measure,
                committee,
                organisation_of_row(row.label) if shape.roles[index] == "part" else None,
            )
        )
    return tuple(rows)


def _per_inhabitant(
    labels: Sequence[str], units: Sequence[ColumnUnit | None], doc_year: int, first_line: int, note: _Note
) -> tuple[str, ...]:
    """Derived columns for the table's columns in kronor per inhabitant (a doubt says what is assumed)."""
    bases = [parse_unit(u.unit_text).base if u is not None else "" for u in units]
    population_date = f"{doc_year - 1}-12-31"
    derived = []
    for rule in per_inhabitant_rules(bases, MKR, KR_PER_INHABITANT):
        if rule.amount is None:
            note(
                DoubtKind.STRUCTURE,
                first_line,
                f"Kolumnen '{labels[rule.result]}' är kronor per invånare, men det framgår inte ur vilken "
                "beloppskolumn; den summeras som de andra. Ange den i tables.csv: "
                f"'{labels[rule.result]} = Kolumn / invånare ÅÅÅÅ-MM-DD'.",
            )
            continue
        derived.append(rule.text(labels, population_date))
        note(
            DoubtKind.STRUCTURE,
            first_line,
            f"Kolumnen '{labels[rule.result]}' läses som '{labels[rule.amount]}' per invånare i radens "
            f"organisation, med befolkningen {population_date} (antagen: 31 december året före "
            "budgetåret); rätta datumet i tables.csv om dokumentet anger ett annat.",
        )
    return tuple(derived)


def _with_table_forecast(
    facts: list[tuple[int, ColumnPhase, str]],
) -> list[tuple[int, ColumnPhase, str]]:
    """In a follow-up whose words leave the phase unclear, a table with a forecast column compares
    with the forecast: its columns without a phase word are forecasts too."""
    if not any(p.phase == "prognos" and not p.origin for _, p, _ in facts):
        return facts
    return [
        (year, ColumnPhase("prognos", "tabellens prognoskolumn") if not p.clear else p, measure)
        for year, p, measure in facts
    ]


def _phase_notes(labels: Sequence[str], phases: Sequence[ColumnPhase], top: int, note: _Note) -> None:
    """List the columns whose phase nothing makes clear (a follow-up report that says neither)."""
    unclear = [(label, found) for label, found in zip(labels, phases, strict=True) if not found.clear]
    if unclear:
        shown = ", ".join(f"'{label}'" for label, _ in unclear)
        found = unclear[0][1]
        note(
            DoubtKind.READING,
            top,
            f"Fasen för kolumnerna {shown} framgår inte ({found.origin} säger varken utfall eller prognos); "
            f"läst som '{found.phase}'. Rätta phase i amounts.csv.",
        )


def _build(
    run: Sequence[RowCandidate],
    lines: Sequence[SourceLine],
    floor: int,
    doc_year: int,
    document: PhaseContext,
    note: _Note,
) -> Table | None:
    grid = _grid(run, lines, floor, note)
    if len(grid.rows) < 2:
        return None
    count = len(grid.rows[0].numbers)
    headings = grid.headings
    if not headings:
        headings = [ONE_COLUMN_HEADING] if count == 1 else [f"Kolumn {i + 1}" for i in range(count)]
        if count > 1:
            note(
                DoubtKind.STRUCTURE,
                run[0].line,
                f"Kolumnrubrikerna kunde inte läsas; de heter {', '.join(headings)}.",
            )
    top = min([run[0].line, *grid.heading_lines])
    heading_line = grid.heading_lines[-1] if grid.heading_lines else None
    units = column_units(headings, heading_line, lines, (top, grid.rows[-1].candidate.line), floor)
    for unit in {u for u in units if u is not None and not u.certain}:
        note(
            DoubtKind.UNIT,
            unit.line,
            f"Enheten '{unit.unit_text}' är {unit.source.value} (rad {unit.line}); "
            "kontrollera att den gäller tabellens belopp.",
        )
    labels = _labels(headings, count)
    rules = grid.rules or (derived_rules(labels, [values(r) for r in grid.rows]) if count > 1 else [])
    title = _title(caption_lines(lines, top, floor), top)
    shape = structure([r.label for r in grid.rows], grid.rows[-1].candidate.closing_marker, count)
    for index, message in shape.notes:
        note(DoubtKind.STRUCTURE, grid.rows[index].candidate.line, message)
    used: set[str] = set()
    facts = [column_facts(label, title, doc_year, document) for label in labels]
    facts = _with_table_forecast(facts)
    columns = tuple(
        Column(SINGLE_COLUMN if count == 1 else unique_slug(label, used), label, year, phase.phase, measure)
        for label, (year, phase, measure) in zip(labels, facts, strict=True)
    )
    _phase_notes(labels, [phase for _, phase, _ in facts], top, note)
    row_lines = [r.candidate.line for r in grid.rows]
    blocks = committee_blocks(
        [r.label for r in grid.rows],
        shape.roles,
        shape.parents,
        [lines[n - 1].text for n in row_lines],
        [values(r) for r in grid.rows],
        headings_before(lines, row_lines, top, floor),
    )
    for index, message in blocks.notes:
        note(DoubtKind.STRUCTURE, grid.rows[index].candidate.line, message)
    phase_reasons = [f"fas '{p.phase}' ur {p.origin}" if p.origin else "" for _, p, _ in facts]
    rows = _rows(grid, shape, blocks, units, phase_reasons, note)
    if len(rows) < 2:
        return None
    derived = tuple(rule.text(labels) for rule in rules) + _per_inhabitant(labels, units, doc_year, top, note)
    return Table(
        note.table_id, title, shape.relation, derived, top, rows[-1].line, columns, rows, grid.layout
    )


def find_tables(source: SourceText, doc_id: str, doc_year: int) -> FoundTables:
    """Every amount table in the document, with what it was unsure of and could not place."""
    found = _Found()
    tables: list[Table] = []
    floor = 0
    document = document_phase(source.lines)
    for run in _runs(source.lines):
        if len(run) < 2:
            single = run[0]
            if not single.unit_text and not single.tabbed and not is_year(single.groups[-1]):
                text = source.line(single.line).text.strip()
                found.unplaced.append(Unplaced(single.line, text, "tal utan enhet, ensam rad utanför tabell"))
            continue
        note = _Note(f"t{doc_id}_{len(tables) + 1}", found)
        table = _build(run, source.lines, floor, doc_year, document, note)
        if table is not None:
            tables.append(table)
            floor = table.last_line
    claimed = frozenset(n for t in tables for n in range(t.first_line, t.last_line + 1))
    return FoundTables(tuple(tables), tuple(found.doubts), tuple(found.unplaced), claimed)
