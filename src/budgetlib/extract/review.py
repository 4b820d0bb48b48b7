"""Review aid: a draft against hand-keyed figures for the same document, figure by figure.

Two figures are the same when they stand on the same line with the same value
(with the sign the words give) in the same unit (``mnkr`` and ``miljoner
kronor`` are one unit). On one line, figures that print the same number but
differ in sign or unit are paired and shown side by side; the rest are missing
from the draft or found only by it. Hand-keyed data in format 2 also says
what each figure is (measure, phase, year and nämnd) and whose document it is
(organisation, nämnd, budget year, kind): where the draft reads a figure
right but suggests otherwise, or registers the document otherwise, that is
listed too.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.extract.draft import Cell, Draft, Row, Table
from budgetlib.extract.failure import ExtractionError
from budgetlib.extract.tokens import value_of
from budgetlib.loading import SOURCES_DIR, TABLE_SOURCE
from budgetlib.numbers import parse_unit

TABLE_KIND, TEXT_KIND = "tabell", "text"
KINDS = (TABLE_KIND, TEXT_KIND)
Anchor = tuple[int, int]  # (page, or 0 where pages do not count; line)


@dataclass(frozen=True)
class Interpretation:
    """What a figure is read as; blank where the source of truth does not say (an answer key)."""

    measure: str = ""
    phase: str = ""
    year: str = ""
    namnd: str = ""


INTERPRETATION_FIELDS = ("measure", "phase", "year", "namnd")


@dataclass(frozen=True)
class KeyedFigure:
    """A figure as printed, where it stands, and whether it sits in a table or in running text."""

    kind: str
    label: str
    value_text: str
    sign: int
    unit_text: str
    anchor: Anchor
    record: str = ""
    interpretation: Interpretation = Interpretation()

    @property
    def value(self) -> float:
        return self.sign * value_of(self.value_text) * parse_unit(self.unit_text).factor

    @property
    def base_unit(self) -> str:
        return parse_unit(self.unit_text).base

    @property
    def magnitude(self) -> float:
        return abs(value_of(self.value_text))


class MatchStatus(Enum):
    SAME = "lika"
    DIFFERENT = "olika"
    MISSING = "saknas i utkastet"
    EXTRA = "bara i utkastet"


@dataclass(frozen=True)
class Match:
    status: MatchStatus
    keyed: KeyedFigure | None
    drafted: KeyedFigure | None
    note: str = ""


def _same(a: KeyedFigure, b: KeyedFigure) -> bool:
    return a.base_unit == b.base_unit and math.isclose(a.value, b.value, rel_tol=1e-9, abs_tol=1e-12)


def _difference(keyed: KeyedFigure, drafted: KeyedFigure) -> str:
    notes = []
    if keyed.sign * drafted.sign < 0 or (keyed.value < 0) != (drafted.value < 0):
        notes.append("tecken")
    if not math.isclose(parse_unit(keyed.unit_text).factor, parse_unit(drafted.unit_text).factor) or (
        keyed.base_unit != drafted.base_unit
    ):
        notes.append(f"enhet {keyed.unit_text} ≠ {drafted.unit_text}")
    return ", ".join(notes) or "värde"


@dataclass(frozen=True)
class Reinterpretation:
    """Figures found right whose measure, phase, year or nämnd the draft suggests otherwise."""

    field: str  # one of INTERPRETATION_FIELDS
    keyed: str
    drafted: str
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Comparison:
    matches: tuple[Match, ...]

    def agreement(self, field: str) -> tuple[int, int]:
        """Of the figures found right where both sides say ``field``: how many agree, and how many."""
        pairs = [
            (getattr(m.keyed.interpretation, field), getattr(m.drafted.interpretation, field))
            for m in self.matches
            if m.status is MatchStatus.SAME and m.keyed is not None and m.drafted is not None
        ]
        both = [(keyed, drafted) for keyed, drafted in pairs if keyed and drafted]
        return sum(keyed == drafted for keyed, drafted in both), len(both)

    def reinterpretations(self) -> tuple[Reinterpretation, ...]:
        """Same figures read as something else, grouped by what differs (in field order, then line)."""
        groups: dict[tuple[int, str, str], list[int]] = {}
        for match in self.matches:
            if match.status is not MatchStatus.SAME or match.keyed is None or match.drafted is None:
                continue
            for order, name in enumerate(INTERPRETATION_FIELDS):
                keyed = getattr(match.keyed.interpretation, name)
                drafted = getattr(match.drafted.interpretation, name)
                if keyed and drafted and keyed != drafted:
                    groups.setdefault((order, keyed, drafted), []).append(match.keyed.anchor[1])
        return tuple(
            Reinterpretation(INTERPRETATION_FIELDS[order], keyed, drafted, tuple(sorted(lines)))
            for (order, keyed, drafted), lines in sorted(groups.items(), key=lambda g: (g[0][0], min(g[1])))
        )

    def _count(self, status: MatchStatus, kind: str, side: str) -> int:
        return sum(
            m.status is status and (figure := getattr(m, side)) is not None and figure.kind == kind
            for m in self.matches
        )

    def keyed_count(self, kind: str) -> int:
        return sum(m.keyed is not None and m.keyed.kind == kind for m in self.matches)

    def drafted_count(self, kind: str) -> int:
        return sum(m.drafted is not None and m.drafted.kind == kind for m in self.matches)

    def found(self, kind: str) -> int:
        """Hand-keyed figures of this kind that the draft has right (value, unit and line)."""
        return self._count(MatchStatus.SAME, kind, "keyed")

    def right(self, kind: str) -> int:
        """Draft figures of this kind that are right."""
        return self._count(MatchStatus.SAME, kind, "drafted")

    def recall(self, kind: str) -> float:
        total = self.keyed_count(kind)
        return self.found(kind) / total if total else math.nan

    def precision(self, kind: str) -> float:
        total = self.drafted_count(kind)
        return self.right(kind) / total if total else math.nan


def compare_figures(keyed: Iterable[KeyedFigure], drafted: Iterable[KeyedFigure]) -> Comparison:
    """Pair hand-keyed and drafted figures line by line: equal ones, then misread ones."""
    open_keyed = sorted(keyed, key=lambda f: f.anchor)
    open_drafted = sorted(drafted, key=lambda f: f.anchor)
    matches: list[Match] = []
    for pairing, status in ((_same, MatchStatus.SAME), (_same_number, MatchStatus.DIFFERENT)):
        for k in list(open_keyed):
            partner = next((d for d in open_drafted if d.anchor == k.anchor and pairing(k, d)), None)
            if partner is not None:
                open_keyed.remove(k)
                open_drafted.remove(partner)
                note = _difference(k, partner) if status is MatchStatus.DIFFERENT else ""
                matches.append(Match(status, k, partner, note))
    for k in list(open_keyed):  # one figure left on each side of a line: the same figure, misread
        same_line = [d for d in open_drafted if d.anchor == k.anchor]
        if len(same_line) == 1 and sum(o.anchor == k.anchor for o in open_keyed) == 1:
            open_keyed.remove(k)
            open_drafted.remove(same_line[0])
            matches.append(Match(MatchStatus.DIFFERENT, k, same_line[0], _difference(k, same_line[0])))
    matches += [Match(MatchStatus.MISSING, k, None) for k in open_keyed]
    matches += [Match(MatchStatus.EXTRA, None, d) for d in open_drafted]
    return Comparison(tuple(sorted(matches, key=_anchor_of)))


def _same_number(a: KeyedFigure, b: KeyedFigure) -> bool:
    return math.isclose(a.magnitude, b.magnitude)


def _anchor_of(match: Match) -> Anchor:
    figure = match.keyed or match.drafted
    assert figure is not None
    return figure.anchor


def _cell_figure(
    table: Table, row: Row, cell: Cell, place: Callable[[int], Anchor], document_committee: str
) -> KeyedFigure:
    column = table.columns[cell.column]
    return KeyedFigure(
        TABLE_KIND,
        f"{row.label} · {column.label}",
        cell.printed.value_text,
        cell.printed.sign,
        cell.printed.unit_text,
        place(cell.printed.line),
        table.cell_id(row, cell),
        Interpretation(
            row.measure or column.measure,
            column.phase,
            str(row.year if row.year is not None else column.year),
            _committee_of(table, row, document_committee),
        ),
    )


def _committee_of(table: Table, row: Row, document_committee: str) -> str:
    """The row's committee, its parent row's (a nämnd's verksamheter), or the document's."""
    by_id = {r.row_id: r for r in table.rows}
    seen: set[str] = set()
    while row.committee is None and row.parent in by_id and row.parent not in seen:
        seen.add(row.parent)
        row = by_id[row.parent]
    return row.committee.code if row.committee is not None else document_committee


def draft_figures(draft: Draft, anchor: Callable[[int], Anchor] | None = None) -> list[KeyedFigure]:
    """Every figure of a draft, anchored by line (or by ``anchor(line)`` when given)."""
    place: Callable[[int], Anchor] = anchor or (lambda line: (0, line))
    document_committee = draft.facts.committee.code
    figures = [
        _cell_figure(table, row, cell, place, document_committee)
        for table in draft.tables
        for row in table.rows
        for cell in row.cells
    ]
    figures += [
        KeyedFigure(
            TEXT_KIND,
            s.label,
            s.printed.value_text,
            s.printed.sign,
            s.printed.unit_text,
            place(s.printed.line),
            s.statement_id,
            Interpretation(s.measure, s.phase, str(s.year), document_committee),
        )
        for s in draft.statements
    ]
    return figures


def dataset_figures(dataset: Dataset, doc_id: str) -> list[KeyedFigure]:
    """The hand-keyed figures of one document, each with its measure, phase, year and nämnd."""
    rows = dataset.figures[dataset.figures[c.DOC_ID] == doc_id]
    return [
        KeyedFigure(
            TABLE_KIND if row[c.SOURCE] == TABLE_SOURCE else TEXT_KIND,
            str(row[c.LABEL]),
            str(row[c.VALUE_TEXT]),
            int(row[c.SIGN]),
            str(row[c.UNIT_TEXT]),
            (0, int(row[c.LINE])),
            str(row[c.FIGURE_ID]),
            Interpretation(str(row[c.MEASURE]), str(row[c.PHASE]), str(row[c.YEAR]), str(row[c.NAMND])),
        )
        for row in rows.to_dict("records")
    ]


def matching_document(dataset: Dataset, draft: Draft) -> str:
    """The document in hand-keyed data whose source text is the draft's (same SHA-256, else same name)."""
    digest = hashlib.sha256(draft.source.text.encode("utf-8")).hexdigest()
    by_name = ""
    for doc_id, source_file in zip(
        dataset.documents[c.DOC_ID], dataset.documents[c.SOURCE_FILE], strict=True
    ):
        path = dataset.data_dir / SOURCES_DIR / str(source_file)
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            return str(doc_id)
        if Path(str(source_file)).stem == Path(draft.source.name).stem:
            by_name = str(doc_id)
    if by_name:
        return by_name
    raise ExtractionError(
        f"{dataset.data_dir}: hittar inget dokument med samma källtext som {draft.source.name} "
        "(jämförs på SHA-256 och filnamn)."
    )


@dataclass(frozen=True)
class DocumentComparison:
    """A draft against the hand-keyed document: its register row, then its figures."""

    doc_id: str
    register: tuple[tuple[str, str, str], ...]  # (column of documents.csv, keyed, drafted) if different
    figures: Comparison


def _register_differences(draft: Draft, dataset: Dataset, doc_id: str) -> tuple[tuple[str, str, str], ...]:
    keyed = dataset.documents[dataset.documents[c.DOC_ID] == doc_id].iloc[0]
    facts = draft.facts
    pairs = (
        (
            c.ORGANISATION,
            f"{keyed[c.DISPLAY_NAME]} ({keyed[c.ORG_CODE]})",
            f"{facts.organisation.display_name} ({facts.organisation.code})",
        ),
        (c.NAMND, str(keyed[c.NAMND]), facts.committee.code),
        (c.BUDGET_YEAR, str(keyed[c.BUDGET_YEAR]), str(facts.year)),
        (c.KIND, str(keyed[c.KIND]), facts.kind),
        (c.DIARIENUMMER, str(keyed[c.DIARIENUMMER]), facts.diarienummer),
        (c.TITLE_LINE, str(keyed[c.TITLE_LINE]), str(facts.title_line)),
    )
    return tuple((name, k, d) for name, k, d in pairs if k != d)


def compare_with_dataset(draft: Draft, dataset: Dataset) -> DocumentComparison:
    """The matching hand-keyed document: its register row and its figures against the draft's."""
    doc_id = matching_document(dataset, draft)
    figures = compare_figures(dataset_figures(dataset, doc_id), draft_figures(draft))
    return DocumentComparison(doc_id, _register_differences(draft, dataset, doc_id), figures)
