"""What extraction found in one document, as frozen values: the draft before it is written.

Every figure keeps the lines it was read from and a confidence with its
reason. What the extractor was unsure of is a :class:`Doubt`; what looked like
a figure but could not be placed is :class:`Unplaced`. Writers turn a draft
into a data folder of one format version; nothing here depends on one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from budgetlib.extract.organisations import Committee
from budgetlib.extract.reading import SourceText
from budgetlib.organisations import Organisation


class Confidence(Enum):
    CERTAIN = "säker"
    CHECK = "granska"


class DoubtKind(Enum):
    UNIT = "enhet"
    SIGN = "tecken"
    READING = "tolkning"
    STRUCTURE = "tabellstruktur"
    DOCUMENT = "dokumentuppgift"
    LINK = "samband"


@dataclass(frozen=True)
class Doubt:
    """Something the reviewer should check: where, what, and which record it concerns."""

    kind: DoubtKind
    line: int | None
    message: str
    record: str = ""


@dataclass(frozen=True)
class Unplaced:
    """A line that looks like it carries figures, but that the draft does not hold."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Printed:
    """A figure as printed: number text, the sign the words give, unit text, and their lines."""

    value_text: str
    sign: int
    unit_text: str
    unit_line: int
    line: int


@dataclass(frozen=True)
class Cell:
    column: int  # index into the table's columns
    printed: Printed
    confidence: Confidence
    reason: str


@dataclass(frozen=True)
class Column:
    column_id: str
    label: str
    year: int
    phase: str
    measure: str


@dataclass(frozen=True)
class Row:
    row_id: str
    label: str
    role: str  # part, total, opening, component, closing, item
    line: int
    cells: tuple[Cell, ...]
    parent: str = ""  # row_id of the row this one is part of
    year: int | None = None  # where the row names its own year (a bridge's opening and closing rows)
    measure: str = ""  # where the row's measure differs from its column's
    committee: Committee | None = None  # where the row is a nämnd's own (a driftredovisning's row per nämnd)
    organisation: Organisation | None = None  # where the row is about another (a row per region)


@dataclass(frozen=True)
class Table:
    table_id: str
    title: str
    relation: str  # sum, bridge, none
    derived: tuple[str, ...]  # "Förändring = Förslag budget 2025 - Budget 2024", in column labels
    first_line: int
    last_line: int
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    layout: str  # in Swedish, for the reviewer: punktlista, hopfallna kolumner, tabell …

    def cell_id(self, row: Row, cell: Cell) -> str:
        """``table:row`` for one-column tables, else ``table:row:column`` (as the loader builds ids)."""
        column_id = self.columns[cell.column].column_id
        base = f"{self.table_id}:{row.row_id}"
        return base if column_id == SINGLE_COLUMN else f"{base}:{column_id}"


SINGLE_COLUMN = "value"


@dataclass(frozen=True)
class Statement:
    """A figure stated in running text; measure, phase and year are suggestions."""

    statement_id: str
    label: str
    printed: Printed
    qualifier: str
    measure: str
    phase: str
    year: int
    confidence: Confidence
    reason: str
    context: str = ""  # the words around the figure, up to the next figure in its sentence


@dataclass(frozen=True)
class Assignment:
    """An assignment (uppdrag) with its status and deadline, and the lines it stands on."""

    assignment_id: str
    text: str
    status: str  # Ej påbörjad, Pågående, Klar
    status_text: str  # as printed
    status_line: int
    directed_to: str
    frequency: str
    end_date: str  # ÅÅÅÅ-MM-DD
    amount_ref: str  # the statement of an amount the assignment names
    line: int
    line_end: int


@dataclass(frozen=True)
class Indicator:
    """An indicator (indikator, nyckeltal) with its outcome and target as printed, and their lines.

    Blank text and ``None`` lines: not printed. Unit and desired direction say where they came
    from in ``unit_source`` and ``reason``.
    """

    indicator_id: str
    text: str
    line: int
    goal: str
    goal_line: int | None
    subgoal: str
    subgoal_line: int | None
    unit: str
    unit_source: str  # i texten, indikatorns namn, antagen (data/README.md)
    direction: str  # öka, minska, or blank
    frequency: str
    frequency_line: int | None
    outcome_year: int
    outcome_text: str
    target_year: int
    target_text: str
    value_line: int
    confidence: Confidence
    reason: str


@dataclass(frozen=True)
class Link:
    """A relation the extractor proposes: a stated figure is the same quantity as table figures.

    One term: the document prints the quantity twice (``repeated``); two terms: the stated figure
    is their signed sum (``equals``, a bridge's change).
    """

    relation_id: str
    stated: str  # statement id
    terms: tuple[tuple[int, str], ...]  # (sign, figure id)
    note: str

    @property
    def kind(self) -> str:
        return "repeated" if len(self.terms) == 1 else "equals"


@dataclass(frozen=True)
class DocumentFacts:
    """The register row: what the document is, each field with where it came from."""

    title: str
    title_line: int
    diarienummer: str
    organisation: Organisation  # from the library's register
    committee: Committee
    year: int
    kind: str
    date: str
    origins: tuple[tuple[str, str], ...]  # (field in Swedish, where it came from)


@dataclass(frozen=True)
class Draft:
    doc_id: str
    source: SourceText
    facts: DocumentFacts
    tables: tuple[Table, ...]
    statements: tuple[Statement, ...]
    doubts: tuple[Doubt, ...]
    unplaced: tuple[Unplaced, ...]
    links: tuple[Link, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    indicators: tuple[Indicator, ...] = ()

    @property
    def cell_count(self) -> int:
        return sum(len(row.cells) for table in self.tables for row in table.rows)

    def page_of(self, line: int | None) -> int | None:
        return None if line is None else self.source.line(line).page
