"""Review aid: a draft against hand-keyed figures for the same document, figure by figure.

Two figures are the same when they stand on the same line with the same value
(with the sign the words give) in the same unit (``mnkr`` and ``miljoner
kronor`` are one unit). On one line, figures that print the same number but
differ in sign or unit are paired and shown side by side; the rest are missing
from the draft or found only by it.
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
from budgetlib.extract.draft import Draft
from budgetlib.extract.failure import ExtractionError
from budgetlib.extract.tokens import value_of
from budgetlib.load import SOURCES_DIR, TABLE_SOURCE
from budgetlib.numbers import parse_unit

TABLE_KIND, TEXT_KIND = "tabell", "text"
KINDS = (TABLE_KIND, TEXT_KIND)
Anchor = tuple[int, int]  # (page, or 0 where pages do not count; line)


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
class Comparison:
    matches: tuple[Match, ...]

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


def draft_figures(draft: Draft, anchor: Callable[[int], Anchor] | None = None) -> list[KeyedFigure]:
    """Every figure of a draft, anchored by line (or by ``anchor(line)`` when given)."""
    place: Callable[[int], Anchor] = anchor or (lambda line: (0, line))
    figures = [
        KeyedFigure(
            TABLE_KIND,
            f"{row.label} · {table.columns[cell.column].label}",
            cell.printed.value_text,
            cell.printed.sign,
            cell.printed.unit_text,
            place(cell.printed.line),
            table.cell_id(row, cell),
        )
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
        )
        for s in draft.statements
    ]
    return figures


def dataset_figures(dataset: Dataset, doc_id: str) -> list[KeyedFigure]:
    """The hand-keyed figures of one document."""
    rows = dataset.figures[dataset.figures[c.DOC_ID] == doc_id]
    return [
        KeyedFigure(
            TABLE_KIND if source == TABLE_SOURCE else TEXT_KIND,
            str(label),
            str(value_text),
            int(sign),
            str(unit_text),
            (0, int(line)),
            str(figure_id),
        )
        for figure_id, source, label, value_text, sign, unit_text, line in zip(
            rows[c.FIGURE_ID],
            rows[c.SOURCE],
            rows[c.LABEL],
            rows[c.VALUE_TEXT],
            rows[c.SIGN],
            rows[c.UNIT_TEXT],
            rows[c.LINE],
            strict=True,
        )
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


def compare_with_dataset(draft: Draft, dataset: Dataset) -> tuple[str, Comparison]:
    """The matching hand-keyed document's id, and the comparison figure by figure."""
    doc_id = matching_document(dataset, draft)
    return doc_id, compare_figures(dataset_figures(dataset, doc_id), draft_figures(draft))
