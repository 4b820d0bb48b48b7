"""Per-nämnd analysis: the figures behind each section of a report, as tidy frames.

Every function takes a dataset already narrowed to one region, nämnd and
budget year (``Dataset.select``) and returns numbers only; wording and
formatting belong to ``display`` and ``plots``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.findings import Findings, Status
from budgetlib.load import TEXT_SOURCE

SUPPLEMENT_MEASURES = ("tillskott", "ramtillskott")
NAMED_CHANGE_MEASURES = ("tillskott", "reducering", "omfördelning")
FRAME_ROLE_PRIORITY = {"closing": 0, "opening": 0, "total": 1}  # bridge ends first, then table totals
UNSPECIFIED = "Ej specificerat"


@dataclass(frozen=True)
class Frame:
    """The nämnd's net-cost frame (ram) for a year, and where it is printed."""

    value: float
    label: str
    source_file: str
    line: int


@dataclass(frozen=True)
class Overview:
    """Översikt: frame, the previous year's frame, the change, and the documents."""

    frame: Frame | None
    previous: Frame | None
    documents: pd.DataFrame

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
class Breakdown:
    """A total the documents itemise only in part: the named parts and what they leave unitemised."""

    total_id: str
    part_ids: tuple[str, ...]
    unitemised: float


def breakdowns(findings: Findings) -> list[Breakdown]:
    """The breakdowns behind every ``residual`` finding (the reconciliation already did the sums)."""
    return [
        Breakdown(f.figure_ids[0], f.figure_ids[1:], f.expected - f.actual)
        for f in findings
        if f.status is Status.RESIDUAL
    ]


def frame_for(dataset: Dataset, year: int) -> Frame | None:
    """The frame for ``year``: a bridge end, else a table total, else a figure in the text.

    Text figures come last because authors slip in them (003 writes "9,1 mnkr").
    """
    figures = dataset.figures
    candidates = figures[
        (figures[c.MEASURE] == "ram") & (figures[c.YEAR] == year) & (figures[c.PARENT] == "")
    ]
    ranked = candidates.assign(
        rank=[
            2 if source == TEXT_SOURCE else FRAME_ROLE_PRIORITY.get(str(role), 9)
            for source, role in zip(candidates[c.SOURCE], candidates[c.ROLE], strict=True)
        ]
    )
    ranked = ranked[ranked["rank"] < 9].sort_values("rank", kind="stable")
    if ranked.empty:
        return None
    best = ranked.iloc[0]
    return Frame(float(best[c.VALUE]), str(best[c.LABEL]), str(best[c.SOURCE_FILE]), int(best[c.LINE]))


def overview(dataset: Dataset, year: int) -> Overview:
    documents = dataset.documents[[c.DOC_ID, c.KIND, c.TITLE, c.DIARIENUMMER, c.DATE, c.SOURCE_FILE]]
    return Overview(frame_for(dataset, year), frame_for(dataset, year - 1), documents.reset_index(drop=True))


def bridge_steps(dataset: Dataset) -> pd.DataFrame:
    """Ramförändring: opening, components and closing of each bridge, in printed order."""
    bridges = dataset.tables.loc[dataset.tables[c.RELATION] == "bridge", c.TABLE_ID]
    steps = dataset.figures[dataset.figures[c.TABLE_ID].isin(bridges)]
    return steps[[c.TABLE_ID, c.LABEL, c.ROLE, c.VALUE, c.SOURCE_FILE, c.LINE]].reset_index(drop=True)


def _total(cells: pd.DataFrame) -> float:
    """Sum of the cells' values; missing (not zero) when there are none."""
    return float(cells[c.VALUE].sum()) if len(cells) else math.nan


def allocation(dataset: Dataset, year: int) -> pd.DataFrame:
    """Fördelning per område/anslag: budget, previous budget, stated change and named changes."""
    sum_tables = dataset.tables.loc[dataset.tables[c.RELATION].isin(["sum", "partial_sum"]), c.TABLE_ID]
    cells = dataset.figures[
        dataset.figures[c.TABLE_ID].isin(sum_tables) & (dataset.figures[c.ROLE] == "part")
    ]
    frame_tables = cells.loc[cells[c.MEASURE] == "ram", c.TABLE_ID].unique()
    rows = []
    for table_id in frame_tables:
        table = cells[cells[c.TABLE_ID] == table_id]
        for row_id, row in table.groupby(c.ROW_ID, sort=False):
            frames = row[row[c.MEASURE] == "ram"]
            rows.append(
                {
                    c.TABLE_ID: table_id,
                    c.ROW_ID: row_id,
                    c.LABEL: row[c.LABEL].iloc[0],
                    "previous": _total(frames[frames[c.YEAR] == year - 1]),
                    "budget": _total(frames[frames[c.YEAR] == year]),
                    "change": _total(row[row[c.MEASURE] == "förändring"]),
                    "named_changes": _total(row[row[c.MEASURE].isin(NAMED_CHANGE_MEASURES)]),
                }
            )
    columns = [c.TABLE_ID, c.ROW_ID, c.LABEL, "previous", "budget", "change", "named_changes"]
    result = pd.DataFrame(rows, columns=columns)
    result["change_percent"] = 100 * result["change"] / result["previous"]
    return result


def supplements(dataset: Dataset, findings: Findings) -> pd.DataFrame:
    """Budgettillskott: where supplements go, group by group, with unitemised remainders.

    Groups are tables of supplements (000's list, 003's bridge components, 001's
    supplement columns) and every residual finding on a supplement (the parts it
    names plus ``Ej specificerat``).
    """
    figures = dataset.figures
    rows = []
    items = figures[
        figures[c.MEASURE].isin(SUPPLEMENT_MEASURES) & figures[c.ROLE].isin(["part", "component"])
    ]
    titles = dataset.tables.set_index(c.TABLE_ID)[c.TITLE]
    for table_id, table in items.groupby(c.TABLE_ID, sort=False):
        several_columns = table[c.COLUMN_ID].nunique() > 1
        for item in table.to_dict("records"):
            label = f"{item[c.LABEL]} ({item[c.COLUMN].lower()})" if several_columns else item[c.LABEL]
            rows.append(
                {"group": titles[table_id], c.LABEL: label, c.VALUE: item[c.VALUE], "unspecified": False}
            )
    by_id = figures.set_index(c.FIGURE_ID)
    for breakdown in breakdowns(findings):
        ids = (breakdown.total_id, *breakdown.part_ids)
        if (
            not all(i in by_id.index for i in ids)
            or by_id.loc[breakdown.total_id, c.MEASURE] not in SUPPLEMENT_MEASURES
        ):
            continue  # not a supplement, or reaching outside this nämnd's documents
        group = str(by_id.loc[breakdown.total_id, c.LABEL])
        for part_id in breakdown.part_ids:
            rows.append(
                {
                    "group": group,
                    c.LABEL: by_id.loc[part_id, c.LABEL],
                    c.VALUE: by_id.loc[part_id, c.VALUE],
                    "unspecified": False,
                }
            )
        rows.append(
            {
                "group": group,
                c.LABEL: UNSPECIFIED,
                c.VALUE: breakdown.unitemised,
                "unspecified": True,
            }
        )
    return pd.DataFrame(rows, columns=["group", c.LABEL, c.VALUE, "unspecified"])


def _parts_and_total(dataset: Dataset, measure: str) -> pd.DataFrame:
    figures = dataset.figures
    chosen = figures[(figures[c.MEASURE] == measure) & (figures[c.SOURCE] != TEXT_SOURCE)]
    columns = [c.FIGURE_ID, c.TABLE_ID, c.LABEL, c.ROLE, c.YEAR, c.VALUE, c.SOURCE_FILE, c.LINE]
    return chosen[columns].reset_index(drop=True)


def forecast(dataset: Dataset) -> pd.DataFrame:
    """Prognos och avvikelser: budget deviation per sub-area and the total (negative = over budget)."""
    return _parts_and_total(dataset, "budgetavvikelse")


def investments(dataset: Dataset, findings: Findings) -> pd.DataFrame:
    """Investeringar: named investments, the total, and what the parts leave unitemised."""
    frame = _parts_and_total(dataset, "investering")
    totals = frame[frame[c.ROLE] == "total"].set_index(c.FIGURE_ID)
    unitemised = [
        {
            c.TABLE_ID: totals.loc[b.total_id, c.TABLE_ID],
            c.LABEL: UNSPECIFIED,
            c.ROLE: "part",
            c.VALUE: b.unitemised,
        }
        for b in breakdowns(findings)
        if b.total_id in totals.index
    ]
    return pd.concat([frame, pd.DataFrame(unitemised)], ignore_index=True) if unitemised else frame


def indicators(dataset: Dataset) -> pd.DataFrame:
    """Mål och indikatorer, with the target's direction against the last outcome.

    ``below_outcome`` is true where the target is less ambitious than the last
    outcome: lower for an indicator that should rise, higher for one that should fall.
    """
    frame = dataset.indicators[
        [
            c.GOAL,
            c.SUBGOAL,
            c.INDICATOR,
            c.UNIT,
            c.DESIRED_DIRECTION,
            c.OUTCOME,
            c.TARGET,
            c.OUTCOME_TEXT,
            c.TARGET_TEXT,
        ]
    ].copy()
    rises = frame[c.DESIRED_DIRECTION] == "öka"
    falls = frame[c.DESIRED_DIRECTION] == "minska"
    outcome = frame[c.OUTCOME].where(frame[c.OUTCOME] != 0)  # from zero, a ratio says nothing
    frame["target_vs_outcome"] = 100 * frame[c.TARGET] / outcome
    frame["below_outcome"] = (rises & (frame[c.TARGET] < frame[c.OUTCOME])) | (
        falls & (frame[c.TARGET] > frame[c.OUTCOME])
    )
    return frame.reset_index(drop=True)


def assignment_status(dataset: Dataset, year: int) -> pd.DataFrame:
    """Uppdrag with status and end date; ``overdue`` where the end date passed before the year began."""
    frame = dataset.assignments[[c.DOC_ID, c.ASSIGNMENT, c.STATUS, c.END_DATE, c.PROGRESS]].copy()
    frame["overdue"] = (frame[c.END_DATE] < pd.Timestamp(year=year, month=1, day=1)) & (
        frame[c.STATUS] != "Klar"
    )
    return frame.reset_index(drop=True)
