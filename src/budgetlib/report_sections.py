"""The nämnd report, section by section: what each section shows, in the order it shows it.

Each function turns one part of a :class:`~budgetlib.namnd_report.NamndReport`
into a list of items: Markdown text (from ``report_text``), tables
(``display.Table``) and charts (matplotlib figures). Every chart is followed
by its figures in words. A section the documents hold nothing for gives no
items; :func:`budgetlib.report_text.missing_text` names it instead.
:func:`show` displays the items in a notebook.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from budgetlib import columns as c
from budgetlib import compare, display, plots, report_tables, report_text
from budgetlib.amount_text import money, signed_money
from budgetlib.analysis import (
    BUDGET_MEASURES,
    CHANGE_MEASURES,
    FORECAST_MEASURE,
    FRAME_MEASURE,
    UNSPECIFIED,
    BreakdownView,
)
from budgetlib.assignments import shared_status_documents
from budgetlib.dataset import Dataset
from budgetlib.findings import DECLARED_STATUSES, STATUS_LABELS, Finding, Findings, Status
from budgetlib.goals import all_indicators, counts
from budgetlib.markup import Link
from budgetlib.namnd_report import NamndReport
from budgetlib.numbers import format_compact, format_number, format_percent
from budgetlib.report_links import (
    NAMND_RECONCILIATION_ANCHOR,
    RECONCILIATION_PAGE,
    Links,
    namnd_page,
    organisation_comparison,
    selection_page,
)
from budgetlib.table import Table
from budgetlib.table_views import Cell, TableView


@dataclass(frozen=True)
class Chart:
    """A chart drawn only when shown, and in a build only where no earlier build kept its output
    (:func:`budgetlib.report.chart_cache.show_chart`): for pages with a chart per nämnd."""

    draw: Callable[..., Figure]  # a function of :mod:`budgetlib.plots`
    args: tuple[Any, ...]
    options: tuple[tuple[str, Any], ...] = ()

    def figure(self) -> Figure:
        return self.draw(*self.args, **dict(self.options))

    def inputs(self) -> str | None:
        return plots.inputs_digest(self.draw.__qualname__, self.args, dict(self.options))


Item = str | Table | Figure | Chart


def show(items: Sequence[Item]) -> None:
    """Display each item in the notebook: Markdown text, a table or a chart."""
    from IPython.display import Markdown, display

    from budgetlib.report.chart_cache import show_chart

    for item in items:
        if isinstance(item, Chart):
            show_chart(item.inputs(), item.figure)
        else:
            display(Markdown(item) if isinstance(item, str) else item)  # type: ignore[no-untyped-call]


def _signed(value: float) -> str:
    return signed_money(value) if value else money(value)


def summary(report: NamndReport) -> list[Item]:
    items: list[Item] = [report_text.summary_box(report.summary, report.links)]
    missing = report_text.missing_text(report.missing)
    return [*items, missing] if missing else items


def _bridge_columns(view: TableView, year: int) -> list[tuple[str, str]]:
    """The columns to draw: the budget year's outcome (or forecast) where the table has one, else the
    budget year's columns, else all; budget and earlier years stay in the table beside it."""
    columns = list(zip(view.columns, view.headings, strict=True))

    def cells(column: str) -> list[Cell]:
        return [row.cells[column] for row in view.rows if column in row.cells]

    this_year = [(col, h) for col, h in columns if all(cell.year == year for cell in cells(col))]
    outcome = [(col, h) for col, h in this_year if all(cell.phase != "beslut" for cell in cells(col))]
    return outcome or this_year or columns


def bridges(report: NamndReport) -> list[Item]:
    """One waterfall per bridge column (a frame or a result, as the table's title says), then the table."""
    items: list[Item] = []
    for view in report.bridges:
        for column, heading in _bridge_columns(view, report.year):
            rows = [(row, row.cells[column]) for row in view.rows if column in row.cells]
            labels = [row.label for row, _ in rows]
            values = [cell.value for _, cell in rows]
            roles = [row.role for row, _ in rows]
            title = f"{view.title}: {heading}" if len(view.columns) > 1 else view.chart_title(column)
            items.append(plots.waterfall(labels, values, roles, title))
            items.append(
                report_text.chart_values(
                    [
                        (
                            row.label,
                            money(cell.value) if row.role in plots.LEVEL_ROLES else _signed(cell.value),
                        )
                        for row, cell in rows
                    ]
                )
            )
        items.append(_document_table(report, view))
    return items


def _document_table(
    report: NamndReport, view: TableView, label_header: str = "Post", remainder: float | None = None
) -> Table:
    """The table as printed; a table shared with other nämnder says that only this nämnd's rows are shown."""
    table = report_tables.document_table(view, report.links, label_header, remainder)
    if view.table_id not in report.partial_tables:
        return table
    return Table(
        table.frame, table.strong, report_text.partial_caption(table.caption, report.summary.committee)
    )


def _budget_column(view: TableView, year: int) -> str | None:
    """The column with the budget or frame for the budget year (``Förslag budget 2025``), else the last."""
    budgets = [column for column in view.columns if view.column_measures(column) <= BUDGET_MEASURES]
    for column in budgets:
        if all(row.cells[column].year == year for row in view.rows if column in row.cells):
            return column
    return budgets[-1] if budgets else None


def allocations(report: NamndReport) -> list[Item]:
    items: list[Item] = []
    for view in report.allocations:
        column = _budget_column(view, report.year)
        if column is not None:
            heading = view.headings[view.columns.index(column)]
            parts = view.top_parts(column)
            labels = [row.label for row, _ in parts]
            values = [cell.value for _, cell in parts]
            items.append(plots.horizontal_bars(labels, values, f"{view.title}: {heading}"))
            items.append(
                report_text.chart_values(
                    [(label, money(value)) for label, value in zip(labels, values, strict=True)]
                )
            )
        items.append(_document_table(report, view))
    return items


def _change_chart(view: TableView) -> list[Item]:
    """Every change of the table's top rows, signed, one bar each: reductions stand out to the left."""
    change_columns = [
        column
        for column in view.columns
        if any(column in row.cells and row.cells[column].measure != "ram" for row in view.rows)
    ]
    several = len(change_columns) > 1
    entries = [
        (f"{row.label}: {heading.lower()}" if several else row.label, cell.value)
        for column, heading in zip(view.columns, view.headings, strict=True)
        if column in change_columns
        for row, cell in view.top_parts(column)
    ]
    if several:
        entries.sort(key=lambda entry: entry[1])
    labels = [label for label, _ in entries]
    values = [value for _, value in entries]
    title = (
        view.chart_title(change_columns[0])
        if not several
        else f"{view.title}: förändringar, minskningar först"
    )
    return [
        plots.diverging_bars(labels, values, title),
        report_text.chart_values([(label, _signed(value)) for label, value in entries]),
    ]


def _breakdown(view: BreakdownView, report: NamndReport) -> list[Item]:
    labels = [p.label for p in view.parts]
    values = [p.value for p in view.parts]
    highlight = [p.remainder for p in view.parts]
    return [
        report_text.breakdown_text(view, report.links),
        plots.horizontal_bars(
            labels, values, f"{view.total.label}, uppdelat", decimals=1, highlight=highlight
        ),
        report_text.chart_values(
            [(label, money(value)) for label, value in zip(labels, values, strict=True)]
        ),
        report_tables.breakdown_table(view, report.links),
    ]


def changes(report: NamndReport) -> list[Item]:
    items: list[Item] = []
    for view in report.allocations:
        change_columns = [col for col in view.columns if view.column_measures(col) & set(CHANGE_MEASURES)]
        if len(change_columns) > 1:
            items += _change_chart(view)  # an appropriation table with several kinds of change
    for view in report.change_tables:
        items += _change_chart(view)
        items.append(_document_table(report, view))
    for breakdown in report.change_breakdowns:
        items += _breakdown(breakdown, report)
    return items


def forecasts(report: NamndReport) -> list[Item]:
    """Outcomes, forecasts and deviations: a chart of each deviation column (titled with its phase and
    year, so an outcome is never called a forecast), then the table as printed."""
    items: list[Item] = []
    for view in report.forecasts:
        for column in view.columns:
            if view.column_measures(column) != {FORECAST_MEASURE}:
                continue
            parts = view.top_parts(column)
            total = next(
                (row.cells[column] for row in view.rows if row.is_total and column in row.cells), None
            )
            title = view.chart_title(column)
            if total is not None:
                title += f" (totalt {_signed(total.value)})"
            labels = [row.label for row, _ in parts]
            values = [cell.value for _, cell in parts]
            items.append(plots.diverging_bars(labels, values, title))
            items.append(
                report_text.chart_values(
                    [(label, _signed(value)) for label, value in zip(labels, values, strict=True)]
                )
            )
        items.append(_document_table(report, view))
    if not report.forecast_texts.empty:
        items.append(report_text.text_figures_text(report.forecast_texts, report.links))
    return items


def investments(report: NamndReport) -> list[Item]:
    items: list[Item] = []
    for view in report.investments:
        column = view.columns[0]
        parts = view.top_parts(column)
        labels = [row.label for row, _ in parts]
        values = [cell.value for _, cell in parts]
        totals = {row.label for row in view.rows if row.is_total}
        rest = next((b for b in report.investment_breakdowns if b.total.label in totals), None)
        remainder = rest.remainder.value if rest is not None and rest.remainder is not None else None
        if remainder is not None:
            labels.append(UNSPECIFIED)
            values.append(remainder)
        highlight = [label == UNSPECIFIED for label in labels]
        title = f"{view.title}: {view.headings[0]}"
        items.append(plots.horizontal_bars(labels, values, title, highlight=highlight))
        items.append(
            report_text.chart_values(
                [(label, money(value)) for label, value in zip(labels, values, strict=True)]
            )
        )
        items.append(_document_table(report, view, "Område", remainder))
    shown_totals = {r.label for v in report.investments for r in v.rows if r.is_total}
    for breakdown in report.investment_breakdowns:
        if breakdown.total.label not in shown_totals:
            items.append(report_text.breakdown_text(breakdown, report.links))
            items.append(report_tables.breakdown_table(breakdown, report.links))
    texts = report.investment_texts
    texts = texts[~texts["label"].isin({b.total.label for b in report.investment_breakdowns})]
    if not texts.empty:
        items.append(report_text.text_figures_text(texts, report.links))
    return items


def other(report: NamndReport) -> list[Item]:
    """Tables no other section shows, as printed, so every figure of the documents is in the report."""
    return [_document_table(report, view) for view in report.other_tables]


def goals(report: NamndReport) -> list[Item]:
    indicators = all_indicators(report.goals)
    outcome_years = sorted({i.outcome_year for i in indicators})
    target_years = sorted({i.target_year for i in indicators})
    outcome_year, target_year = report_text.years_text(outcome_years), report_text.years_text(target_years)
    items: list[Item] = [
        report_text.goal_counts_text(counts(report.goals), len(report.goals), outcome_year, target_year)
    ]
    charted = [i for i in indicators if i.comparable and i.outcome != 0]
    if charted:
        percent = [100 * i.target / i.outcome for i in charted]
        items.append(
            plots.indicator_chart(
                [i.indicator for i in charted],
                percent,
                [i.less_ambitious for i in charted],
                f"Mål {target_year} mot utfall {outcome_year}",
                f"Mål {target_year} i procent av utfall {outcome_year} (100 % = samma nivå)",
            )
        )
        items.append(
            report_text.chart_values(
                [(i.indicator, format_percent(p, 0)) for i, p in zip(charted, percent, strict=True)]
            )
        )
    from_zero = [i for i in indicators if i.comparable and i.outcome == 0]
    if from_zero:
        items.append(
            report_text.from_zero_text([(i.indicator, format_compact(i.target, 1)) for i in from_zero])
        )
    items.append(report_tables.goal_table(report.goals, report.links))
    items.append(report_text.goal_legend(outcome_year, target_year, any(i.unit_assumed for i in indicators)))
    return items


def assignments(report: NamndReport) -> list[Item]:
    return [
        report_text.assignments_text(report.assignments, report.links, report.year),
        report_tables.assignments_table(report.assignments, report.links),
    ]


def decisions(report: NamndReport) -> list[Item]:
    return [report_text.decision_text(record, report.links) for record in report.decisions]


SECTION_ITEMS = {
    "bridges": bridges,
    "allocations": allocations,
    "changes": changes,
    "forecasts": forecasts,
    "investments": investments,
    "goals": goals,
    "assignments": assignments,
    "decisions": decisions,
    "other": other,
}


def section(report: NamndReport, name: str) -> list[Item]:
    """The section ``name`` with its heading, or nothing where the documents hold nothing for it."""
    if not report.has(name):
        return []
    frames_only = all(view.measures <= {FRAME_MEASURE} | set(CHANGE_MEASURES) for view in report.bridges)
    return [report_text.section_heading(name, frames_only), *SECTION_ITEMS[name](report)]


def reconciliation(report: NamndReport) -> list[Item]:
    """Counts per status, what does not add up, and every check with its source lines."""
    items: list[Item] = [Table(display.status_counts(report.findings))]
    if len(report.findings.failing):
        items.append(report_text.failing_text(report.findings))
    items.append(report_tables.findings_table(report.findings, report.links, with_document=False))
    return items


# ---- the reconciliation report ----------------------------------------------------------------------


def reconciliation_counts(findings: Findings) -> list[Item]:
    """How many checks have each status, as a chart and in words, and every check that does not add up."""
    counts = {
        status: n
        for status in Status
        if (n := sum(f.status is status for f in findings)) or status not in DECLARED_STATUSES
    }
    return [
        plots.status_chart(counts, "Kontroller per status"),
        report_text.chart_values([(STATUS_LABELS[s], format_number(n)) for s, n in counts.items()]),
        report_text.reconciliation_text(findings),
    ]


def reconciliation_overview(findings: Findings, links: Links, *, with_rounding: bool = True) -> list[Item]:
    """At a glance: how many checks have each status, then every check that is not exact, worst first;
    without differences within the rounding unless ``with_rounding`` (the nämnd reports list them)."""
    items = reconciliation_counts(findings)
    not_exact = report_tables.not_exact(findings)
    listed = [f for f in not_exact if with_rounding or f.status is not Status.ROUNDING]
    if not_exact:
        items.append(report_text.not_exact_text(len(not_exact), len(not_exact) - len(listed)))
    if listed:
        items.append(report_tables.not_exact_table(listed, links))
    return items


def _by_document(findings: Findings) -> dict[str, list[Finding]]:
    """Each document's findings in check order, from one pass over them all."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        for document in dict.fromkeys(finding.doc_ids):
            grouped.setdefault(document, []).append(finding)
    return grouped


def reconciliation_organisations(
    dataset: Dataset, findings: Findings, links: Links, namnd: str, year: int
) -> list[Item]:
    """Per organisation: its documents and checks per status, linking to the organisation's own page."""
    by_document = _by_document(findings)
    return [
        report_tables.organisation_counts_table(
            dataset.documents,
            by_document,
            {
                region: links.report(selection_page(RECONCILIATION_PAGE, region, namnd or None, year or None))
                for region in dataset.documents[c.REGION]
            },
        )
    ]


def reconciliation_documents(
    dataset: Dataset, findings: Findings, links: Links, *, checks_in_namnd_reports: bool = False
) -> list[Item]:
    """Per document: every check with its source lines under a heading linking to its nämnd report; or,
    where ``checks_in_namnd_reports``, one row per document with its counts, linking to that list."""
    documents = dataset.documents
    pages = [
        links.report(namnd_page(str(region), str(committee), int(year)))
        for region, committee, year in zip(
            documents[c.REGION], documents[c.NAMND], documents[c.BUDGET_YEAR], strict=True
        )
    ]
    by_document = _by_document(findings)
    if checks_in_namnd_reports:
        return [
            report_text.CHECKS_IN_NAMND_REPORTS,
            report_tables.document_counts_table(
                documents, by_document, [page + NAMND_RECONCILIATION_ANCHOR for page in pages]
            ),
        ]
    items: list[Item] = [report_text.CHECKS_WITH_SOURCE_LINES]
    for record, page in zip(documents.to_dict("records"), pages, strict=True):
        document = {str(key): value for key, value in record.items()}
        items.append(report_text.document_heading(document))
        items.append(report_text.namnd_report_link(document, page))
        own = Findings(tuple(by_document.get(str(document[c.DOC_ID]), [])))
        items.append(
            report_tables.findings_table(own, links, with_document=False)
            if len(own)
            else report_text.NO_CHECKS
        )
    return items


# ---- the comparison report ----------------------------------------------------------------------------


def comparison_frames(frames: pd.DataFrame, links: Links) -> list[Item]:
    """Frames side by side with links to each nämnd report, the notes on comparability, and a chart of
    frames per inhabitant for every nämnd type and budget year with at least two to compare."""
    table = display.comparison_frames_table(frames)
    reports = [
        Link(
            display.committee_year(r),
            links.report(namnd_page(r[c.REGION], r[c.NAMND], int(r[c.BUDGET_YEAR]))),
        )
        for r in frames.to_dict("records")
    ]
    table["Nämndrapport"] = pd.Series(reports, index=table.index, dtype=object)
    items: list[Item] = [Table(table), report_text.bullets(report_text.frames_notes(frames))]
    groups = 0
    per_inhabitant = frames[frames["kr_per_inhabitant"].notna()]
    for (namnd, year), group in per_inhabitant.groupby([c.NAMND, c.BUDGET_YEAR]):
        if len(group) < 2:
            continue
        groups += 1
        labels = [str(r) for r in group[c.REGION]]
        values = list(group["kr_per_inhabitant"])
        title = f"Ram per invånare, {namnd} {year}"
        items.append(Chart(plots.horizontal_bars, (labels, values, title), (("unit", "kr"),)))
        items.append(
            report_text.chart_values(
                [(label, f"{format_compact(v, 0)} kr") for label, v in zip(labels, values, strict=True)]
            )
        )
    note = report_text.per_inhabitant_note(groups)
    return [*items, note] if note else items


def _charted(totals: pd.DataFrame) -> list[tuple[tuple[str, str, str], pd.DataFrame]]:
    """Each nämnd-year with a share of the increases to chart, and its categories, in key order."""
    shares = totals[totals["share"].notna()]
    return [
        ((str(region), str(namnd), str(year)), group)
        for (region, namnd, year), group in shares.groupby([c.REGION, c.NAMND, c.BUDGET_YEAR], sort=True)
    ]


def _category_shares(totals: pd.DataFrame) -> Table:
    """A row per nämnd-year, a column per category: its share of the increases, or a reduction's amount."""
    table = display.category_share_table(totals)
    categories = tuple(str(name) for name in table.columns[3:])  # after Region, Nämnd and År
    return Table(table, caption=report_text.CATEGORY_SHARES_CAPTION, turned=categories)


def comparison_categories(totals: pd.DataFrame) -> list[Item]:
    """Per nämnd-year, each category's share of the increases, largest first; then all shares in one
    table, a row per nämnd-year."""
    if not len(totals):
        return [report_text.NO_SUPPLEMENTS]
    items: list[Item] = []
    for key, group in _charted(totals):
        group = group.sort_values("share", ascending=False)
        labels, values = list(group[c.CATEGORY]), list(group["share"])
        title = f"Andel av tillskotten: {' '.join(str(k) for k in key)}"
        items.append(Chart(plots.horizontal_bars, (labels, values, title), (("unit", "%"), ("decimals", 1))))
        items.append(
            report_text.chart_values(
                [(label, format_percent(v, 1)) for label, v in zip(labels, values, strict=True)]
            )
        )
    items.append(_category_shares(totals))
    return items


def comparison_category_pages(
    totals: pd.DataFrame,
    organisations: Sequence[str],
    links: Links,
    namnder: Sequence[str],
    years: Sequence[int],
) -> list[Item]:
    """For a build of several organisations: where each organisation's charts per nämnd-year stand
    (its own comparison page, linked), then all shares in one table, a row per nämnd-year."""
    if not len(totals):
        return [report_text.NO_SUPPLEMENTS]
    charted: dict[str, list[tuple[str, int]]] = {}
    for (region, namnd, year), _ in _charted(totals):
        charted.setdefault(region, []).append((namnd, int(year)))
    pages = {
        region: links.report(organisation_comparison(region, namnder, years)) for region in organisations
    }
    return [
        report_text.CATEGORY_CHARTS_ELSEWHERE,
        report_tables.organisation_pages_table(pages, charted),
        _category_shares(totals),
    ]


def comparison_forecasts(dataset: Dataset) -> list[Item]:
    """Forecast and outcome deviations per nämnd-year, with why a percentage is missing where it is."""
    deviations = compare.forecast_deviation(dataset)
    table, notes = display.forecast_table(deviations), report_text.forecast_notes(deviations)
    if not len(table) and not notes:
        return [report_text.NO_FORECASTS]
    items: list[Item] = [Table(table)] if len(table) else []
    return [*items, report_text.bullets(notes)] if notes else items


def comparison_ambition(dataset: Dataset) -> list[Item]:
    """Target ambition per nämnd-year; with fewer than two, why it cannot be compared."""
    ambition = compare.target_ambition(dataset)
    items: list[Item] = [Table(display.ambition_table(ambition))] if len(ambition) else []
    return [*items, report_text.ambition_note(ambition)] if len(ambition) < 2 else items


def comparison_assignments(dataset: Dataset) -> list[Item]:
    """Assignment statuses per document, with the caveats on comparing them."""
    shares = compare.assignment_shares(dataset)
    if not len(shares):
        return [report_text.NO_ASSIGNMENTS]
    items: list[Item] = [
        Table(display.assignment_share_table(shares, dataset.documents)),
        report_text.ASSIGNMENT_TIMES,
    ]
    note = report_text.assumed_status_note(shared_status_documents(dataset))
    return [*items, note] if note else items


def comparison_kolada(dataset: Dataset, regions: list[str]) -> list[Item]:
    """Kolada N70061 for the chosen regions and the country: chart, the values, where each stands."""
    kolada = compare.kolada_context(dataset, regions)
    notes = report_text.kolada_standings_text(compare.kolada_standings(dataset, regions))
    notes += report_text.kolada_gaps(kolada, regions)
    if kolada.empty:
        return [report_text.bullets(notes)] if notes else []
    series = {str(area): (list(g[c.YEAR]), list(g[c.VALUE])) for area, g in kolada.groupby(c.AREA)}
    title = "Nettokostnad hälso- och sjukvård per invånare"
    return [
        plots.lines(series, title, "kr", "Källa: Kolada (N70061)"),
        report_text.CHART_IN_TABLE_BELOW,
        Table(display.kolada_table(kolada)),
        report_text.bullets(notes),
    ]
