"""Everything a nämnd report shows, computed first: the notebook only renders it.

:func:`namnd_report` selects one (region, nämnd, year), reconciles it and
gathers each section's results. A section the documents hold nothing for is
listed in :attr:`NamndReport.missing`, so the report says in one line what
the documents do not contain instead of a heading over an empty section.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

import pandas as pd

from budgetlib import analysis
from budgetlib import columns as c
from budgetlib.assignments import Assignment, assignments
from budgetlib.dataset import Dataset
from budgetlib.decisions import DecisionRecord, decision_records
from budgetlib.findings import Findings
from budgetlib.goals import Goal, goal_tree
from budgetlib.reconciliation import reconcile
from budgetlib.report_links import COMPARISON_PAGE, RECONCILIATION_PAGE, Links, namnd_links
from budgetlib.summary import NamndSummary, namnd_summary
from budgetlib.table_views import TableView

SECTIONS = (
    "bridges",
    "allocations",
    "changes",
    "forecasts",
    "investments",
    "goals",
    "assignments",
    "decisions",
    "other",
)
OPTIONAL = ("other",)  # not named among what the documents lack


@dataclass(frozen=True)
class NamndReport:
    """One nämnd's report: the summary, each section's tables and records, the checks, and its links."""

    region: str
    namnd: str
    year: int
    summary: NamndSummary
    bridges: tuple[TableView, ...]
    allocations: tuple[TableView, ...]
    change_tables: tuple[TableView, ...]
    change_breakdowns: tuple[analysis.BreakdownView, ...]
    forecasts: tuple[TableView, ...]
    forecast_texts: pd.DataFrame
    investments: tuple[TableView, ...]
    investment_breakdowns: tuple[analysis.BreakdownView, ...]
    investment_texts: pd.DataFrame
    other_tables: tuple[TableView, ...]
    goals: tuple[Goal, ...]
    assignments: tuple[Assignment, ...]
    decisions: tuple[DecisionRecord, ...]
    findings: Findings
    links: Links
    partial_tables: frozenset[str]  # tables shared with other nämnder: only this nämnd's rows are shown

    def has(self, section: str) -> bool:
        """Whether the documents hold anything for ``section`` (one of :data:`SECTIONS`)."""
        held = {
            "bridges": bool(self.bridges),
            "allocations": bool(self.allocations),
            "changes": bool(self.change_tables or self.change_breakdowns),
            "forecasts": bool(self.forecasts) or not self.forecast_texts.empty,
            "investments": bool(self.investments or self.investment_breakdowns)
            or not self.investment_texts.empty,
            "goals": bool(self.goals),
            "assignments": bool(self.assignments),
            "decisions": bool(self.decisions),
            "other": bool(self.other_tables),
        }
        return held[section]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(section for section in SECTIONS if not self.has(section) and section not in OPTIONAL)


def namnd_report(
    dataset: Dataset,
    region: str,
    namnd: str,
    year: int,
    reconciliation_page: str = str(RECONCILIATION_PAGE),
    comparison_page: str = str(COMPARISON_PAGE),
    findings: Findings | None = None,
) -> NamndReport:
    """The report of (region, nämnd, year); ``dataset`` is the whole dataset (for cross-document checks).

    ``reconciliation_page`` and ``comparison_page`` are the pages its build writes beside it
    (paths in the reports folder), which the report links to. ``findings`` are the whole
    dataset's, if already reconciled.
    """
    selected = dataset.one(region, namnd, year)
    own = {*selected.figures[c.FIGURE_ID], *selected.votes[c.VOTE_ID]}
    everything = reconcile(dataset) if findings is None else findings
    findings = everything.involving_figures(own)  # a nämnd's own checks, also in a shared document
    committee = str(dataset.committees.set_index(c.NAMND).loc[namnd, c.NAME])
    breakdowns = analysis.breakdown_views(selected, findings)
    tables = analysis.tables_by_section(selected)
    return NamndReport(
        region=region,
        namnd=namnd,
        year=year,
        summary=namnd_summary(
            selected, findings, str(selected.documents[c.REGION].iloc[0]), committee, namnd, year
        ),
        bridges=tuple(tables.get("bridges", [])),
        allocations=tuple(tables.get("allocations", [])),
        change_tables=tuple(tables.get("changes", [])),
        change_breakdowns=tuple(b for b in breakdowns if b.measure in analysis.CHANGE_MEASURES),
        forecasts=tuple(tables.get("forecasts", [])),
        forecast_texts=analysis.text_figures(selected, {analysis.FORECAST_MEASURE}),
        investments=tuple(tables.get("investments", [])),
        investment_breakdowns=tuple(b for b in breakdowns if b.measure == analysis.INVESTMENT_MEASURE),
        investment_texts=analysis.text_figures(selected, {analysis.INVESTMENT_MEASURE}),
        other_tables=tuple(tables.get("other", [])),
        goals=goal_tree(selected),
        assignments=assignments(selected, year),
        decisions=decision_records(selected),
        findings=findings,
        links=namnd_links(
            region, namnd, year, PurePosixPath(reconciliation_page), PurePosixPath(comparison_page)
        ),
        partial_tables=frozenset(
            str(table)
            for table, rows in selected.figures.groupby(c.TABLE_ID)
            if table and len(rows) < int((dataset.figures[c.TABLE_ID] == table).sum())
        ),
    )
