"""Indicator tables (indikatorer, nyckeltal): a heading row, then one indicator after another.

The heading names an indicator column and outcome or target columns with
their years, and may name delmål, unit, frequency and desired direction
columns: ``Delmål Indikatorer Utfall 2023 Mål 2025 Periodicitet``,
``Nyckeltal | Utfall 2023 | Mål 2025 | Önskad riktning``. Two layouts follow:

* rows: one line per indicator with one cell per heading, tab-separated
  (Word tables, PDF columns) or laid out with wide gaps; a blank line or a
  line that does not fit ends the table;
* blocks, as plan systems export a nämndplan: per indicator a paragraph with
  its name, after a paragraph with its delmål where a new one starts, then a
  value line (:func:`indicator_cells.value_line`) and the frequency, which
  may run on over the next lines (``Tertial: aug,`` / ``dec``). Goal headings
  (``Mål 2. …``) and the heading repeated after a page break may stand in
  between; a numbered section heading ends the table.

A goal heading (``Mål 1. …``, ``Mål: …``) just above the table, or inside it,
names the goal. Whatever does not fit is listed, never guessed: a block with
more paragraphs than delmål and name, a row with the wrong number of cells, a
value that is no figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from budgetlib.extract.draft import Confidence, Doubt, DoubtKind, Indicator, Unplaced
from budgetlib.extract.headers import laid_out_cells
from budgetlib.extract.indicator_cells import (
    Values,
    direction,
    indicator_unit,
    is_frequency,
    printed_value,
    value_line,
)
from budgetlib.extract.reading import CELL_SEPARATOR, SourceLine, SourceText
from budgetlib.extract.tokens import unit_pattern

_YEAR = r"(?:19|20)\d\d"
HEADING_WORDS = re.compile(
    r"(?<!\w)(?:(?P<subgoal>delmål)|(?P<indicator>indikator(?:er|n)?|nyckeltal|mätetal|mått)"
    r"|(?P<unit>enhet)|(?P<outcome>utfall)\s+(?P<outcome_year>" + _YEAR + r")"
    r"|(?P<target>mål(?:värde|nivå)?)\s+(?P<target_year>" + _YEAR + r")"
    r"|(?P<frequency>periodicitet|frekvens|mätfrekvens)"
    r"|(?P<direction>(?:önskad\s+)?(?:riktning|utveckling)|trend))(?!\w)",
    re.IGNORECASE,
)
KINDS = ("subgoal", "indicator", "unit", "outcome", "target", "frequency", "direction")
GOAL = re.compile(
    r"^\s*(?:nämndmål|inriktningsmål|verksamhetsmål|mål)\s*(?:\d{1,2}\s*[.:]?|:)\s*\S", re.IGNORECASE
)
SECTION = re.compile(r"^\s*\d+(?:\.\d+)*\s+[A-ZÅÄÖ]")
KIND_NAMES = {"outcome": "utfall", "target": "mål"}
GOAL_LOOKBACK = 3  # non-blank lines above a heading where its goal may stand


@dataclass(frozen=True)
class HeadingColumn:
    kind: str
    year: int  # 0 where the heading names none


@dataclass(frozen=True)
class FoundIndicators:
    indicators: tuple[Indicator, ...]
    doubts: tuple[Doubt, ...]
    unplaced: tuple[Unplaced, ...]
    claimed: frozenset[int]  # the lines of the indicator tables: no amount or stated figure is read there


def heading_columns(text: str) -> tuple[HeadingColumn, ...] | None:
    """The columns an indicator table's heading names, or ``None`` if the line is no such heading."""
    matches = list(HEADING_WORDS.finditer(text))
    rest = HEADING_WORDS.sub("", text)
    if not matches or rest.strip(" \t,:;|/") or re.search(r"\w", rest):
        return None
    columns = []
    for match in matches:
        kind = next(k for k in KINDS if match.group(k))
        year = match.group(f"{kind}_year") if kind in ("outcome", "target") else None
        columns.append(HeadingColumn(kind, int(year) if year else 0))
    kinds = [c.kind for c in columns]
    if kinds.count("indicator") != 1 or not {"outcome", "target"} & set(kinds):
        return None
    return tuple(columns)


@dataclass(frozen=True)
class _Goal:
    text: str = ""
    line: int | None = None


@dataclass
class _Table:
    """One indicator table as it is read: its columns, goal, and what it found."""

    columns: tuple[HeadingColumn, ...]
    heading_line: int
    doc_id: str
    goal: _Goal
    numbered_from: int
    indicators: list[Indicator] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    last_line: int = 0
    direction_read: bool = False

    def year(self, kind: str) -> int:
        """The year of the column of ``kind``: the latest where there are several (0: no such column)."""
        return max((c.year for c in self.columns if c.kind == kind), default=0)

    def column_notes(self) -> list[str]:
        """Columns the format has one place for, printed more than once."""
        notes = []
        for kind, name in KIND_NAMES.items():
            years = [c.year for c in self.columns if c.kind == kind]
            if len(years) > 1:
                notes.append(
                    f"Tabellen har {len(years)} kolumner med {name}; den senaste ({max(years)}) används."
                )
        return notes

    def add(
        self,
        name_lines: Sequence[SourceLine],
        values: Values,
        value_line_number: int,
        subgoal: tuple[str, int | None] = ("", None),
        cells: dict[str, str] | None = None,
        frequency_line: int | None = None,
    ) -> None:
        cells = cells or {}
        unit = indicator_unit(_joined(name_lines), (values.outcome, values.target), cells.get("unit", ""))
        has_direction = any(c.kind == "direction" for c in self.columns)
        desired, direction_note = direction(cells.get("direction", ""), unit.name, has_direction)
        self.direction_read = self.direction_read or bool(desired)
        doubtful = [note for note in (values.doubt, unit.doubt) if note]
        indicator_id = f"i{self.doc_id}_{self.numbered_from + len(self.indicators) + 1:02d}"
        for reason in doubtful:
            message = f"Indikatorn '{unit.name}': {reason}."
            self.doubts.append(Doubt(DoubtKind.READING, name_lines[0].number, message, indicator_id))
        reasons = doubtful + ([direction_note] if direction_note else [])
        self.indicators.append(
            Indicator(
                indicator_id=indicator_id,
                text=unit.name,
                line=name_lines[0].number,
                goal=self.goal.text,
                goal_line=self.goal.line,
                subgoal=subgoal[0],
                subgoal_line=subgoal[1],
                unit=unit.unit,
                unit_source=unit.source,
                direction=desired,
                frequency=values.frequency,
                frequency_line=frequency_line if values.frequency else None,
                outcome_year=self.year("outcome"),
                outcome_text=values.outcome,
                target_year=self.year("target"),
                target_text=values.target,
                value_line=value_line_number,
                confidence=Confidence.CHECK if doubtful else Confidence.CERTAIN,
                reason="; ".join(reasons) or "läst ur indikatortabellen",
            )
        )


def _joined(lines: Sequence[SourceLine]) -> str:
    """The lines as one text. Where the other lines keep the space that ended them, a line without
    one breaks a word (``informatio`` / ``nsteknik``) and is joined to the next without a space."""
    spaced = sum(line.text[-1:].isspace() for line in lines[:-1])
    parts = []
    for index, line in enumerate(lines):
        words = " ".join(line.text.split())
        broken = index < len(lines) - 1 and spaced and not line.text[-1:].isspace()
        parts.append(words if broken else f"{words} ")
    return "".join(parts).strip()


def _row_cells(text: str, count: int) -> list[str] | None:
    cells = (
        [" ".join(c.split()) for c in text.strip(" ").split(CELL_SEPARATOR)]
        if CELL_SEPARATOR in text
        else laid_out_cells(text)
    )
    return cells if len(cells) == count else None


def _read_rows(table: _Table, lines: Sequence[SourceLine], start: int) -> None:
    """Row layout: one line per indicator from ``lines[start]`` until a blank or unfitting line."""
    count = len(table.columns)
    for line in lines[start:]:
        if not line.text.strip():
            return
        cells = _row_cells(line.text, count)
        if cells is None:
            if re.search(r"\d", line.text):
                table.unplaced.append(
                    Unplaced(
                        line.number, line.text.strip(), f"raden har inte indikatortabellens {count} kolumner"
                    )
                )
            return
        by_kind: dict[str, str] = {}
        years: dict[str, int] = {}
        for column, cell in zip(table.columns, cells, strict=True):
            if column.year >= years.get(column.kind, 0):  # of two outcome columns, the latest
                by_kind[column.kind], years[column.kind] = cell, column.year
        outcome, target = printed_value(by_kind.get("outcome", "")), printed_value(by_kind.get("target", ""))
        if outcome is None or target is None:
            table.unplaced.append(
                Unplaced(line.number, line.text.strip(), "utfall eller mål i indikatortabellen är inget tal")
            )
            continue
        frequency = by_kind.get("frequency", "")
        subgoal = (by_kind["subgoal"], line.number) if by_kind.get("subgoal") else ("", None)
        table.add(
            [SourceLine(line.number, by_kind["indicator"], line.page)],
            Values(outcome, target, frequency),
            line.number,
            subgoal,
            by_kind,
            line.number,
        )
        table.last_line = line.number


@dataclass
class _Blocks:
    """The state of the block layout while it is read line by line."""

    paragraphs: list[list[SourceLine]] = field(default_factory=list)
    subgoal: tuple[str, int | None] = ("", None)
    frequency_of: int | None = None  # index into the table's indicators still awaiting its frequency
    frequency_runs_on: bool = False

    def close_paragraph(self) -> None:
        if self.paragraphs and self.paragraphs[-1]:
            self.paragraphs.append([])

    def pending(self) -> list[list[SourceLine]]:
        return [p for p in self.paragraphs if p]


def _frequency(table: _Table, state: _Blocks, line: SourceLine) -> None:
    """The frequency of the last indicator starts, or runs on, on this line."""
    assert state.frequency_of is not None
    indicator = table.indicators[state.frequency_of]
    text = " ".join(line.text.split())
    joined = f"{indicator.frequency} {text}" if indicator.frequency else text
    table.indicators[state.frequency_of] = replace(
        indicator, frequency=joined, frequency_line=indicator.frequency_line or line.number
    )
    state.frequency_runs_on = text.endswith(",")
    if not state.frequency_runs_on:
        state.frequency_of = None
    table.last_line = line.number


def _block_indicator(table: _Table, state: _Blocks, values: Values, line: SourceLine) -> None:
    paragraphs = state.pending()
    has_subgoals = any(c.kind == "subgoal" for c in table.columns)
    if len(paragraphs) >= 2 and has_subgoals:
        state.subgoal = (_joined(paragraphs[-2]), paragraphs[-2][0].number)
    for extra in paragraphs[: -2 if has_subgoals else -1]:
        table.unplaced.append(
            Unplaced(
                extra[0].number,
                _joined(extra),
                "text i indikatortabellen som varken är delmål eller indikator",
            )
        )
    table.add(paragraphs[-1], values, line.number, state.subgoal, frequency_line=line.number)
    state.paragraphs = []
    awaiting = not values.frequency or values.frequency.endswith(",")  # on the next line(s)
    state.frequency_of = len(table.indicators) - 1 if awaiting else None
    state.frequency_runs_on = values.frequency.endswith(",")
    table.last_line = line.number


def _not_block_text(text: str) -> bool:
    """A line the block layout never prints between its value lines: table cells (tabs) or an amount
    with its unit ("… 52 miljoner kronor"). It ends the indicator table, so no amount is hidden in it."""
    return CELL_SEPARATOR in text or (
        re.search(r"\d", text) is not None and unit_pattern().search(text) is not None
    )


def _read_blocks(table: _Table, lines: Sequence[SourceLine], start: int) -> None:
    state = _Blocks()
    for line in lines[start:]:
        text, stripped = line.text, line.text.strip()
        if (
            state.frequency_of is not None
            and stripped
            and (state.frequency_runs_on or (is_frequency(stripped) and not state.pending()))
        ):
            _frequency(table, state, line)
            continue
        closed = bool(state.paragraphs) and not state.paragraphs[-1]
        values = value_line(text) if state.pending() and closed else None
        if values is not None:
            _block_indicator(table, state, values, line)
            continue
        if SECTION.match(text) or _not_block_text(text):
            return
        if not stripped:
            state.close_paragraph()
            continue
        state.frequency_of = None
        if heading_columns(text) is not None or GOAL.match(text):
            for extra in state.pending():
                table.unplaced.append(
                    Unplaced(extra[0].number, _joined(extra), "text i indikatortabellen utan värden")
                )
            state.paragraphs = []
            if GOAL.match(text):
                table.goal, state.subgoal = _Goal(stripped, line.number), ("", None)
            continue
        if not state.paragraphs:
            state.paragraphs.append([])
        state.paragraphs[-1].append(line)


def _goal_above(lines: Sequence[SourceLine], heading_index: int, floor: int) -> _Goal:
    seen = 0
    for line in reversed(lines[:heading_index]):
        if line.number <= floor:
            break
        if not line.text.strip():
            continue
        if GOAL.match(line.text):
            return _Goal(" ".join(line.text.split()), line.number)
        seen += 1
        if seen >= GOAL_LOOKBACK:
            break
    return _Goal()


def find_indicators(source: SourceText, doc_id: str) -> FoundIndicators:
    """Every indicator table in the document, with what it was unsure of and could not place."""
    lines = source.lines
    indicators: list[Indicator] = []
    doubts: list[Doubt] = []
    unplaced: list[Unplaced] = []
    claimed: set[int] = set()
    index = 0
    while index < len(lines):
        columns = heading_columns(lines[index].text)
        if columns is None or lines[index].number in claimed:
            index += 1
            continue
        floor = max(claimed, default=0)
        table = _Table(
            columns, lines[index].number, doc_id, _goal_above(lines, index, floor), len(indicators)
        )
        following = next((line for line in lines[index + 1 :] if line.text.strip()), None)
        fits_row = following is not None and _row_cells(following.text, len(columns)) is not None
        (_read_rows if fits_row else _read_blocks)(table, lines, index + 1)
        if not table.indicators:
            index += 1
            continue
        if not table.direction_read and any(i.unit != "ja/nej" for i in table.indicators):
            doubts.append(
                Doubt(
                    DoubtKind.READING,
                    table.heading_line,
                    "Tabellen anger ingen önskad riktning för indikatorerna; fyll i desired_direction "
                    "(öka/minska) där den framgår av målet.",
                    table.indicators[0].indicator_id,
                )
            )
        first_id = table.indicators[0].indicator_id
        doubts += [
            Doubt(DoubtKind.READING, table.heading_line, note, first_id) for note in table.column_notes()
        ]
        indicators += table.indicators
        doubts += table.doubts
        unplaced += table.unplaced
        claimed.update(range(table.heading_line, table.last_line + 1))
        index = table.last_line  # the line after the table, as a 0-based index
    return FoundIndicators(tuple(indicators), tuple(doubts), tuple(unplaced), frozenset(claimed))
