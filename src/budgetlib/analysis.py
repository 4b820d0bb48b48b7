"""Per-nämnd analysis: the figures behind each section of a report, as frozen results and tidy frames.

Every function takes a dataset already narrowed to one region, nämnd and
budget year (``Dataset.select``) and returns numbers and where they stand;
wording and formatting belong to ``report_text``, ``display`` and ``plots``.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.expressions import parse_terms
from budgetlib.findings import Findings, Status
from budgetlib.loading import SINGLE_COLUMN, TEXT_SOURCE
from budgetlib.numbers import MKR, decimals_of
from budgetlib.table_views import Cell, TableView, table_views

SUPPLEMENT_MEASURES = ("tillskott", "ramtillskott")
CHANGE_MEASURES = ("förändring", "ramtillskott", "tillskott", "reducering", "omfördelning", "prioritering")
FRAME_MEASURE = "ram"
FORECAST_MEASURE = "budgetavvikelse"
INVESTMENT_MEASURE = "investering"
BUDGET_MEASURES = {"ram", "budget", "anslag", "fördelning"}
OUTCOME_MEASURES = {
    "budgetavvikelse",
    "utfall",
    "prognos",
    "nettokostnad",
    "intäkter",
    "kostnader",
    "resultat",
    "balanskravsresultat",
    "reserv",
}
OUTCOME_PHASES = {"utfall", "prognos", "preliminär"}
# where a bridge ends first (its opening is last year's frame), then where it starts, then table totals
FRAME_ROLE_PRIORITY = {"closing": 0, "opening": 1, "total": 2}
UNSPECIFIED = "Ej specificerat"
REMAINDER_WORD = "Resten"  # a rest the document names without an amount: "Resten: reduceras utifrån …"
# phases in the order a reader weighs them: what happened, what is expected, what was decided, proposed
PHASE_ORDER = ("utfall", "preliminär", "prognos", "bedömning", "beslut", "reviderad", "förslag", "plan")
# what a kind of document is, when its figures do not say: a proposal, a decision, a forecast, an outcome
KIND_STATUS = {
    "tjänsteskrivelse": "förslag",
    "ärendebeskrivning": "förslag",
    "kallelse": "förslag",
    "protokoll": "beslut",
    "protokollsutdrag": "beslut",
    "beslut": "beslut",
    "regionplan": "beslut",
    "mål och budget": "beslut",
    "tertialrapport": "prognos",
    "delårsrapport": "prognos",
    "månadsrapport": "prognos",
    "bokslutskommuniké": "preliminär",
    "årsredovisning": "utfall",
}


@dataclass(frozen=True)
class Frame:
    """The nämnd's net-cost frame (ram) for a year: value, phase and where it is printed."""

    value: float
    label: str
    phase: str
    year: int
    source_file: str
    line: int
    unit_text: str = MKR  # as printed: the report shows the figure in the document's own unit
    decimals: int = 0


class FrameChange:
    """The change of the frame from the previous year, for any result that carries both frames."""

    frame: Frame | None
    previous: Frame | None

    @property
    def change(self) -> float:
        if self.frame is None or self.previous is None:
            return math.nan
        return self.frame.value - self.previous.value

    @property
    def change_percent(self) -> float:
        if self.previous is None or self.previous.value == 0:
            return math.nan
        return 100 * self.change / self.previous.value


@dataclass(frozen=True)
class Overview(FrameChange):
    """Översikt: frame, the previous year's frame and the change."""

    frame: Frame | None
    previous: Frame | None


@dataclass(frozen=True)
class DocumentStatus:
    """A document as the first screen names it: kind, case number, date, and what stage its figures are at.

    ``status`` is the document's own stage (a proposal, a decision …) from its
    kind, or from its figures where the kind does not say; ``phases`` lists
    every phase its figures carry, with their years.
    """

    doc_id: str
    kind: str
    title: str
    title_line: int
    diarienummer: str
    date: pd.Timestamp | None
    status: str
    phases: tuple[tuple[str, tuple[int, ...]], ...]
    source_file: str


@dataclass(frozen=True)
class Change:
    """One itemised change (a bridge step, a supplement, a reduction) with where it is printed."""

    label: str
    column: str
    value: float
    phase: str
    measure: str
    table_title: str
    source_file: str
    line: int
    unit_text: str = MKR
    decimals: int = 0


@dataclass(frozen=True)
class Breakdown:
    """A total the documents itemise only in part: the named parts and what they leave unitemised."""

    total_id: str
    part_ids: tuple[str, ...]
    unitemised: float


@dataclass(frozen=True)
class Part:
    """A named part of a breakdown (or its remainder): label, signed contribution, phase, where printed.

    A remainder has no figure of its own: it is what the parts leave of the total, and its line is
    the total's (where the document explains the rest, if it does).
    """

    label: str
    value: float
    phase: str
    source_file: str
    line: int
    remainder: bool = False


@dataclass(frozen=True)
class BreakdownView:
    """A stated total, its named parts and the remainder, with the note that explains the relation."""

    total: Part
    measure: str
    parts: tuple[Part, ...]
    note: str
    remainder_words: str = ""  # how the document names the rest, where it gives it no figure

    @property
    def remainder(self) -> Part | None:
        """The computed rest, where the document gives no figure of its own for it."""
        return next((part for part in self.parts if part.remainder), None)


def breakdowns(findings: Findings) -> list[Breakdown]:
    """The breakdowns behind every ``residual`` finding (the reconciliation already did the sums)."""
    return [
        Breakdown(f.figure_ids[0], f.figure_ids[1:], f.expected - f.actual)
        for f in findings
        if f.status is Status.RESIDUAL
    ]


def _frame_of(row: pd.Series) -> Frame:
    return Frame(
        float(row[c.VALUE]),
        str(row[c.LABEL]),
        str(row[c.PHASE]),
        int(row[c.YEAR]),
        str(row[c.SOURCE_FILE]),
        int(row[c.LINE]),
        str(row[c.UNIT_TEXT]),
        decimals_of(str(row[c.VALUE_TEXT])),
    )


def frame_for(dataset: Dataset, year: int) -> Frame | None:
    """The frame for ``year``: a bridge end, else a table total, else a figure in the text.

    Text figures come last because authors slip in them (003 writes "9,1 mnkr").
    """
    figures = dataset.figures
    candidates = figures[
        (figures[c.MEASURE] == FRAME_MEASURE) & (figures[c.YEAR] == year) & (figures[c.PARENT] == "")
    ]
    ranked = candidates.assign(
        rank=[
            3 if source == TEXT_SOURCE else FRAME_ROLE_PRIORITY.get(str(role), 9)
            for source, role in zip(candidates[c.SOURCE], candidates[c.ROLE], strict=True)
        ]
    )
    ranked = ranked[ranked["rank"] < 9].sort_values("rank", kind="stable")
    return None if ranked.empty else _frame_of(ranked.iloc[0])


def overview(dataset: Dataset, year: int) -> Overview:
    return Overview(frame_for(dataset, year), frame_for(dataset, year - 1))


@dataclass(frozen=True)
class Result:
    """Where a bridge that is not a frame ends for the year (årets resultat), with the budgeted end."""

    outcome: Frame
    budget: Frame | None


def results(dataset: Dataset, year: int) -> list[Result]:
    """Each bridge that is not a frame, where it ends for ``year`` (årets resultat, balanskravsresultat):
    the outcome, preliminary outcome or forecast, and beside it the budgeted end where the table has one."""
    figures = dataset.figures
    bridges = dataset.tables.loc[dataset.tables[c.RELATION] == "bridge", c.TABLE_ID]
    closing = figures[
        figures[c.TABLE_ID].isin(bridges)
        & (figures[c.ROLE] == "closing")
        & (figures[c.MEASURE] != FRAME_MEASURE)
        & (figures[c.YEAR] == year)
    ]
    found = []
    for _, rows in closing.groupby([c.TABLE_ID, c.ROW_ID], sort=False):
        budgets = rows[rows[c.PHASE] == "beslut"]
        budget = _frame_of(budgets.iloc[0]) if len(budgets) else None
        found += [Result(_frame_of(row), budget) for _, row in rows[rows[c.PHASE] != "beslut"].iterrows()]
    return found


def stated_frame_changes(dataset: Dataset, year: int) -> list[Frame]:
    """Changes of the frame for ``year`` stated in the text: a frame supplement (``förstärkts med 214
    mkr``), or a change in mkr that a relation ties to a frame (``ökar med 452 miljoner kronor``)."""
    figures = dataset.figures
    frames = set(figures.loc[figures[c.MEASURE] == FRAME_MEASURE, c.FIGURE_ID])
    tied: set[str] = set()
    for relation in dataset.relations.to_dict("records"):
        refs = {str(relation[c.STATED])} | {t.ref for t in parse_terms(str(relation[c.TERMS]))}
        if relation[c.KIND] == "percent" and relation[c.BASE]:
            refs |= {t.ref for t in parse_terms(str(relation[c.BASE]))}
        if refs & frames:
            tied |= refs - frames
    stated = figures[
        (figures[c.SOURCE] == TEXT_SOURCE)
        & (figures[c.YEAR] == year)
        & (figures[c.UNIT] == MKR)
        & (
            (figures[c.MEASURE] == "ramtillskott")
            | ((figures[c.MEASURE] == "förändring") & figures[c.FIGURE_ID].isin(tied))
        )
    ]
    return [_frame_of(row) for _, row in stated.iterrows()]


def _phases(figures: pd.DataFrame) -> tuple[tuple[str, tuple[int, ...]], ...]:
    found = {str(p): tuple(sorted({int(y) for y in g[c.YEAR]})) for p, g in figures.groupby(c.PHASE)}
    order = [p for p in PHASE_ORDER if p in found] + sorted(set(found) - set(PHASE_ORDER))
    return tuple((phase, found[phase]) for phase in order)


def document_status(kind: str, figures: pd.DataFrame) -> str:
    """A document's stage: from its kind where that says it, else the most common phase of its figures."""
    if kind in KIND_STATUS:
        return KIND_STATUS[kind]
    counts = Counter(str(p) for p in figures[c.PHASE])
    return counts.most_common(1)[0][0] if counts else ""


def document_statuses(dataset: Dataset) -> tuple[DocumentStatus, ...]:
    """Each document of the selection with its case number, date and stage."""
    statuses = []
    for document in dataset.documents.to_dict("records"):
        own = dataset.figures[dataset.figures[c.DOC_ID] == document[c.DOC_ID]]
        date = document[c.DATE]
        statuses.append(
            DocumentStatus(
                doc_id=str(document[c.DOC_ID]),
                kind=str(document[c.KIND]),
                title=str(document[c.TITLE]),
                title_line=int(document[c.TITLE_LINE]),
                diarienummer=str(document[c.DIARIENUMMER]),
                date=None if pd.isna(date) else pd.Timestamp(date),
                status=document_status(str(document[c.KIND]), own),
                phases=_phases(own),
                source_file=str(document[c.SOURCE_FILE]),
            )
        )
    return tuple(statuses)


def changes(dataset: Dataset) -> list[Change]:
    """Every itemised change in the tables: bridge steps, supplements, reductions, reallocations, changes.

    Only top-level rows count, so a change and the changes it is made of are never both listed.
    """
    found = []
    for view in table_views(dataset):
        bridge = view.relation == "bridge"
        for column in view.columns:
            for row, cell in view.top_parts(column):
                step = bridge and row.role == "component"  # a bridge's step, whatever it measures
                if cell.unit == MKR and (step or (not bridge and cell.measure in CHANGE_MEASURES)):
                    label = row.label
                    found.append(
                        Change(
                            label,
                            column,
                            cell.value,
                            cell.phase,
                            cell.measure,
                            view.title,
                            cell.source_file,
                            cell.line,
                            cell.unit_text,
                            cell.decimals,
                        )
                    )
    return found


def largest_changes(dataset: Dataset) -> tuple[Change | None, Change | None]:
    """The largest increase and the largest decrease among the itemised changes (``None``: none)."""
    items = [change for change in changes(dataset) if not math.isnan(change.value)]
    up = max((i for i in items if i.value > 0), key=lambda i: i.value, default=None)
    down = min((i for i in items if i.value < 0), key=lambda i: i.value, default=None)
    return up, down


def part_label(row: pd.Series) -> str:
    """A figure's label, with its column where its table has several (``Digitalisering …: omfördelning``)."""
    column = str(row[c.COLUMN])
    if row[c.SOURCE] == TEXT_SOURCE or row[c.COLUMN_ID] == SINGLE_COLUMN or column == str(row[c.LABEL]):
        return str(row[c.LABEL])
    return f"{row[c.LABEL]}: {column[:1].lower()}{column[1:]}"


def _part(figures: pd.DataFrame, figure_id: str, sign: int = 1) -> Part:
    row = figures[figures.index == figure_id].iloc[0]
    return Part(
        part_label(row),
        sign * float(row[c.VALUE]),
        str(row[c.PHASE]),
        str(row[c.SOURCE_FILE]),
        int(row[c.LINE]),
    )


def breakdown_views(dataset: Dataset, findings: Findings) -> list[BreakdownView]:
    """Every total the documents itemise only in part, with its parts (signed as in the relation), the
    remainder (computed, or the figure the document names for it) and the note on the relation; totals
    outside the selection are left out."""
    figures = dataset.figures.set_index(c.FIGURE_ID)
    relations = dataset.relations.set_index(c.RELATION_ID)
    views = []
    for finding in findings:
        explained = finding.status is Status.EXPLAINED
        if not (finding.status is Status.RESIDUAL or explained) or not all(
            i in figures.index for i in finding.figure_ids
        ):
            continue
        total_id, part_ids = finding.figure_ids[0], finding.figure_ids[1:]
        signs = [1] * len(part_ids)
        note, words = "", ""
        if finding.subject in relations.index:
            relation = relations.loc[finding.subject]
            named = [*parse_terms(str(relation[c.TERMS]))]
            if explained:
                named += parse_terms(str(relation[c.EXPLAINED_BY]))
            signs = [term.sign for term in named]
            note, words = str(relation[c.NOTE]), str(relation[c.REMAINDER])
        total = _part(figures, total_id)
        parts = tuple(_part(figures, i, s) for i, s in zip(part_ids, signs, strict=True))
        if not explained:
            rest = finding.expected - finding.actual
            label = f"{REMAINDER_WORD}: {words}" if words else UNSPECIFIED
            parts = (*parts, Part(label, rest, total.phase, total.source_file, total.line, True))
        views.append(BreakdownView(total, str(figures.loc[total_id, c.MEASURE]), parts, note, words))
    return views


def table_section(view: TableView) -> str:
    """The report section a table belongs in, from its relation, measures and phases.

    A bridge (a frame or a result) goes under ``bridges``; investments under
    ``investments``; outcomes, forecasts and deviations (a driftredovisning, a
    forecast per sub-area) under ``forecasts``; budgets, frames and
    distributions under ``allocations``; lists of supplements and reductions
    under ``changes``; anything else under ``other``.
    """
    if view.relation == "bridge":
        return "bridges"
    if INVESTMENT_MEASURE in view.measures:
        return "investments"
    if view.measures & OUTCOME_MEASURES or view.phases & OUTCOME_PHASES:
        return "forecasts"
    if view.measures & BUDGET_MEASURES and view.relation in ("sum", "partial_sum"):
        return "allocations"
    if view.measures & set(CHANGE_MEASURES):
        return "changes"
    return "other"


def tables_by_section(dataset: Dataset) -> dict[str, list[TableView]]:
    """Every table of the selection under its section, in document order."""
    sections: dict[str, list[TableView]] = {}
    for view in table_views(dataset):
        sections.setdefault(table_section(view), []).append(view)
    return sections


def text_figures(dataset: Dataset, measures: set[str]) -> pd.DataFrame:
    """Figures of these measures stated in running text, with label, phase, year and line."""
    figures = dataset.figures
    chosen = figures[(figures[c.SOURCE] == TEXT_SOURCE) & figures[c.MEASURE].isin(measures)]
    return chosen[
        [
            c.FIGURE_ID,
            c.LABEL,
            c.MEASURE,
            c.PHASE,
            c.YEAR,
            c.QUALIFIER,
            c.VALUE,
            c.UNIT,
            c.SOURCE_FILE,
            c.LINE,
        ]
    ].reset_index(drop=True)


def _parts_and_total(dataset: Dataset, measure: str) -> pd.DataFrame:
    figures = dataset.figures
    chosen = figures[(figures[c.MEASURE] == measure) & (figures[c.SOURCE] != TEXT_SOURCE)]
    columns = [c.FIGURE_ID, c.TABLE_ID, c.LABEL, c.ROLE, c.YEAR, c.PHASE, c.VALUE, c.SOURCE_FILE, c.LINE]
    return chosen[columns].reset_index(drop=True)


def forecast(dataset: Dataset) -> pd.DataFrame:
    """Budget deviation per sub-area and the total, with phase and year (negative = over budget)."""
    return _parts_and_total(dataset, FORECAST_MEASURE)


def cell_of(view: TableView, row_id: str, column: str) -> Cell | None:
    """The cell of ``row_id`` in ``column``, if the document prints one."""
    for row in view.rows:
        if row.row_id == row_id:
            return row.cells.get(column)
    return None
