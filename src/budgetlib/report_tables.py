"""The nämnd report's tables, each figure linked to its source line.

Every function returns a :class:`budgetlib.display.Table`: Swedish headers,
Swedish numbers, a document's total as a bold Summa row of its own (never
among the parts), child rows indented under their parent, and each printed
figure a link to the line it stands on in the line-numbered source view.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

import pandas as pd

from budgetlib import columns as c
from budgetlib.amount_text import figure_text, money, signed_percent
from budgetlib.analysis import UNSPECIFIED, BreakdownView, DocumentStatus, Part
from budgetlib.assignments import Assignment
from budgetlib.display import namnd_years
from budgetlib.findings import CHECK_LABELS, DECLARED_STATUSES, STATUS_LABELS, Finding, Findings, Status
from budgetlib.goals import FALLS, RISES, Goal, GoalStatus, Indicator
from budgetlib.markup import Link
from budgetlib.numbers import format_compact, format_number
from budgetlib.report_links import Links
from budgetlib.summary import places
from budgetlib.table import Table
from budgetlib.table_views import Cell, TableView

INDENT = "\u2003"  # an em space per level: HTML keeps it, so child rows stand indented
MISSING = "–"
GOAL_COLUMN = "Mål, delmål och indikator"
STATUS_SYMBOLS = {GoalStatus.MET: "●", GoalStatus.GAP: "▲", GoalStatus.UNKNOWN: "○"}
STATUS_WORDS = {GoalStatus.MET: "nått", GoalStatus.GAP: "ej nått", GoalStatus.UNKNOWN: "kan inte bedömas"}
DIRECTION_WORDS = {RISES: "↑ öka", FALLS: "↓ minska"}
ASSUMED_MARK = "*"
# the order of the reconciliation overview: what does not add up first, then what is left unitemised
STATUS_ORDER = (
    Status.UNIT_SLIP,
    Status.MISMATCH,
    Status.REVISED,
    Status.RESIDUAL,
    Status.EXPLAINED,
    Status.ROUNDING,
)


def line_link(links: Links, text: str, source_file: str, line: int) -> Link:
    return Link(text, links.source(source_file, line))


def line_label(first: int, last: int = 0) -> str:
    """``rad 12`` or ``rad 12–14``."""
    return f"rad {first}" if not last or last == first else f"rad {first}–{last}"


SIGNED_MEASURES = ("förändring", "ramtillskott", "tillskott", "reducering", "omfördelning", "budgetavvikelse")


def cell_link(links: Links, cell: Cell | None) -> Link | str:
    """A figure as printed (its unit, its decimals, a sign on changes), linked to its line."""
    if cell is None:
        return ""
    shown = figure_text(cell.value, cell.unit, cell.unit_text, cell.decimals, cell.measure in SIGNED_MEASURES)
    return line_link(links, shown, cell.source_file, cell.line)


def _frame_columns(view: TableView) -> list[tuple[str, int]]:
    """The frame (ram) columns with their year, for a change in percent between two consecutive years."""
    found = []
    for column in view.columns:
        cells = [row.cells[column] for row in view.rows if column in row.cells]
        if cells and all(cell.measure == "ram" for cell in cells) and len({cell.year for cell in cells}) == 1:
            found.append((column, cells[0].year))
    return found


def _percent_change(view: TableView) -> list[str] | None:
    """Change in percent of the earlier frame, where the table has frames for two consecutive years:
    from the printed change where the table has one, else from the two frames."""
    frames = _frame_columns(view)
    if len(frames) != 2 or frames[1][1] != frames[0][1] + 1:
        return None
    (before, _), (after, _) = frames
    stated = [
        col
        for col in view.columns
        if any(r.cells.get(col, None) and r.cells[col].measure == "förändring" for r in view.rows)
    ]
    shown = []
    for row in view.rows:
        base = row.cells.get(before)
        if stated and stated[0] in row.cells:
            change = row.cells[stated[0]].value
        elif after in row.cells and base is not None:
            change = row.cells[after].value - base.value
        else:
            change = math.nan
        shown.append(signed_percent(100 * change / base.value) if base is not None and base.value else "")
    return shown


def document_table(
    view: TableView, links: Links, label_header: str = "Post", remainder: float | None = None
) -> Table:
    """The table as the document prints it: one column per printed header, a Summa row in bold.

    Where the table has frames for two consecutive years, a change in percent
    of the earlier one is added, computed by budgetlib (the header says so).
    A ``remainder`` (what named parts leave of a total) stands as its own row
    just above the total, marked as computed.
    """
    data: dict[str, list[object]] = {label_header: [INDENT * row.depth + row.label for row in view.rows]}
    for column, heading in zip(view.columns, view.headings, strict=True):
        shown = heading if heading not in data else f"{heading} ({column})"  # two columns, one heading
        data[shown] = [cell_link(links, row.cells.get(column)) for row in view.rows]
    percent = _percent_change(view)
    if percent is not None:
        data["Förändring % (beräknad)"] = list(percent)
    frame = pd.DataFrame(data)
    strong = [row.is_total for row in view.rows]
    if remainder is not None and len(view.columns) == 1:
        at = next((i for i, row in enumerate(view.rows) if row.is_total), len(view.rows))
        rest = pd.DataFrame(
            {label_header: [f"{UNSPECIFIED} (beräknad rest)"], view.headings[0]: [money(remainder)]}
        )
        frame = pd.concat([frame.iloc[:at], rest, frame.iloc[at:]], ignore_index=True).fillna("")
        strong.insert(at, False)
    return Table(frame, strong=tuple(strong), caption=view.title)


def breakdown_table(view: BreakdownView, links: Links) -> Table:
    """Named parts, the computed remainder (named as the document names it), then the total as a Summa row."""

    def shown(part: Part) -> Link | str:
        return (
            money(part.value)
            if part.remainder
            else line_link(links, money(part.value), part.source_file, part.line)
        )

    rows = [(p.label, shown(p), p.phase if not p.remainder else "beräknad rest") for p in view.parts]
    rows.append(
        (
            view.total.label,
            line_link(links, money(view.total.value), view.total.source_file, view.total.line),
            view.total.phase,
        )
    )
    frame = pd.DataFrame(rows, columns=["Del", "Belopp", "Skede"])
    return Table(frame, strong=(*[False] * len(view.parts), True), caption=view.total.label)


def documents_table(documents: Sequence[DocumentStatus], links: Links) -> Table:
    return Table(
        pd.DataFrame(
            {
                "Dokument": [line_link(links, d.doc_id, d.source_file, d.title_line) for d in documents],
                "Titel": [d.title for d in documents],
                "Typ": [d.kind for d in documents],
                "Skede": [d.status for d in documents],
                "Diarienummer": [d.diarienummer or MISSING for d in documents],
                "Datum": [d.date.strftime("%Y-%m-%d") if d.date is not None else MISSING for d in documents],
            }
        )
    )


def _quantity(value: float, printed: str, unit: str) -> str:
    """``204 801`` or ``41 %``; the printed words (``Svar saknas``) or a dash where there is no number."""
    if math.isnan(value):
        return printed or MISSING
    return format_compact(value, 1) + ("\u00a0%" if unit == "%" else "")


def _indicator_row(indicator: Indicator, links: Links, depth: int) -> dict[str, object]:
    def value(number: float, printed: str) -> Link | str:
        shown = _quantity(number, printed, indicator.unit)
        return (
            line_link(links, shown, indicator.source_file, indicator.value_line)
            if shown != MISSING
            else shown
        )

    note = ""
    if indicator.less_ambitious:
        note = "målet lägre än utfallet" if indicator.direction == RISES else "målet högre än utfallet"
    return {
        GOAL_COLUMN: line_link(
            links, INDENT * depth + indicator.indicator, indicator.source_file, indicator.line
        ),
        "Utfall": value(indicator.outcome, indicator.outcome_text),
        "Mål": value(indicator.target, indicator.target_text),
        "Enhet": indicator.unit + (ASSUMED_MARK if indicator.unit_assumed else ""),
        "Riktning": DIRECTION_WORDS.get(indicator.direction, MISSING),
        "Periodicitet": indicator.frequency or MISSING,
        "Status": f"{STATUS_SYMBOLS[indicator.status]} {STATUS_WORDS[indicator.status]}"
        + (f" ({note})" if note else ""),
    }


def goal_table(goals: Sequence[Goal], links: Links) -> Table:
    """Goal → delmål → indicator (or goal → indicator where the document has no delmål), with outcome,
    target, direction, frequency where any is printed, and a status symbol."""
    rows: list[dict[str, object]] = []
    strong: list[bool] = []
    for goal in goals:
        rows.append({GOAL_COLUMN: line_link(links, goal.text, goal.source_file, goal.line)})
        strong.append(True)
        for indicator in goal.indicators:
            rows.append(_indicator_row(indicator, links, 1))
            strong.append(False)
        for sub in goal.subgoals:
            rows.append({GOAL_COLUMN: line_link(links, INDENT + sub.text, sub.source_file, sub.line)})
            strong.append(False)
            for indicator in sub.indicators:
                rows.append(_indicator_row(indicator, links, 2))
                strong.append(False)
    indicators = [i for goal in goals for i in goal.all_indicators()]
    outcome_years = {i.outcome_year for i in indicators}
    target_years = {i.target_year for i in indicators}
    frame = pd.DataFrame(rows).fillna("")
    if not any(i.frequency for i in indicators):
        frame = frame.drop(columns="Periodicitet", errors="ignore")
    frame = frame.rename(
        columns={
            GOAL_COLUMN: GOAL_COLUMN if any(goal.subgoals for goal in goals) else "Mål och indikator",
            "Utfall": f"Utfall {outcome_years.pop()}" if len(outcome_years) == 1 else "Utfall",
            "Mål": f"Mål {target_years.pop()}" if len(target_years) == 1 else "Mål",
        }
    )
    return Table(frame, strong=tuple(strong))


def assignments_table(assignments: Sequence[Assignment], links: Links) -> Table:
    """Uppdrag: who it is directed to, status (marked where it is read from elsewhere), end date, progress."""
    return Table(
        pd.DataFrame(
            {
                "Dokument": [a.doc_id for a in assignments],
                "Uppdrag": [line_link(links, a.text, a.source_file, a.line) for a in assignments],
                "Riktas till": [a.directed_to or MISSING for a in assignments],
                "Status": [
                    line_link(
                        links,
                        a.status + (ASSUMED_MARK if a.status_assumed else ""),
                        a.source_file,
                        a.status_line,
                    )
                    for a in assignments
                ],
                "Slutdatum": [
                    (a.end_date.strftime("%Y-%m-%d") + (" (passerat)" if a.overdue else ""))
                    if a.end_date is not None
                    else MISSING
                    for a in assignments
                ],
                "Framsteg enligt dokumentet": [a.progress or MISSING for a in assignments],
            }
        )
    )


def source_cell(links: Links, finding_places: tuple[tuple[str, tuple[int, ...]], ...]) -> tuple[Link, ...]:
    """``rad 39``, ``rad 42`` … each linked; the file is named where a check spans several files."""
    several = len(finding_places) > 1
    shown = []
    for name, lines in finding_places:
        for index, line in enumerate(lines):
            text = str(line) if index else (f"{name.split('_')[0]} rad {line}" if several else f"rad {line}")
            shown.append(line_link(links, text, name, line))
    return tuple(shown)


def _number(value: float) -> str:
    return "" if math.isnan(value) else format_compact(value, 3)


def findings_table(findings: Findings, links: Links, with_document: bool = True) -> Table:
    """Every check: what was compared, stated and computed, tolerance, status, comment, source lines."""
    items = list(findings)
    data: dict[str, list[object]] = {}
    if with_document:
        data["Dokument"] = [", ".join(f.doc_ids) for f in items]
    data |= {
        "Kontroll": [CHECK_LABELS[f.check] for f in items],
        "Samband": [f.relation for f in items],
        "Angivet": [_number(f.expected) for f in items],
        "Beräknat": [_number(f.actual) for f in items],
        "Skillnad": [_number(f.difference) for f in items],
        "Tolerans": [_number(f.tolerance) for f in items],
        "Enhet": [f.unit for f in items],
        "Status": [STATUS_LABELS[f.status] for f in items],
        "Kommentar": [f.message for f in items],
        "Källa": [source_cell(links, places(f)) for f in items],
    }
    return Table(pd.DataFrame(data))


def not_exact(findings: Findings) -> list[Finding]:
    """Checks that are not exact, the worst first: unit slips and mismatches, remainders, then rounding;
    within each, the largest difference first."""
    chosen = [f for f in findings if f.status in STATUS_ORDER]
    return sorted(chosen, key=lambda f: (STATUS_ORDER.index(f.status), -abs(f.difference)))


def not_exact_table(not_exact: Sequence[Finding], links: Links) -> Table:
    """The reconciliation at a glance: checks that are not exact (in order), with their source lines."""
    return Table(
        pd.DataFrame(
            {
                "Status": [STATUS_LABELS[f.status] for f in not_exact],
                "Dokument": [", ".join(f.doc_ids) for f in not_exact],
                "Samband": [f.relation for f in not_exact],
                "Skillnad": [f"{_number(abs(f.difference))} {f.unit}" for f in not_exact],
                "Tolerans": [f"±{_number(f.tolerance)} {f.unit}" for f in not_exact],
                "Källa": [source_cell(links, places(f)) for f in not_exact],
            }
        )
    )


def _status_counts(groups: Sequence[Collection[Finding]]) -> dict[str, list[object]]:
    """Per group of checks: how many, then how many have each status (a declared status only where one
    occurs), in Swedish figures (``1 628``)."""
    occurring = {finding.status for group in groups for finding in group}
    statuses = [s for s in Status if s not in DECLARED_STATUSES or s in occurring]
    counts: dict[str, list[object]] = {"Kontroller": [format_number(len(group)) for group in groups]}
    for status in statuses:
        counts[STATUS_LABELS[status].capitalize()] = [
            format_number(sum(finding.status is status for finding in group)) for group in groups
        ]
    return counts


def organisation_counts_table(
    documents: pd.DataFrame, by_document: Mapping[str, Sequence[Finding]], pages: Mapping[str, str]
) -> Table:
    """Per organisation, linked to its own reconciliation page (``pages``): its documents, its checks
    and how many have each status. A check involving two organisations' documents counts for both."""
    regions = sorted(set(documents[c.REGION]))
    chosen: dict[str, dict[int, Finding]] = {region: {} for region in regions}
    held: dict[str, int] = dict.fromkeys(regions, 0)
    for region, document in zip(documents[c.REGION], documents[c.DOC_ID], strict=True):
        held[region] += 1
        chosen[region].update((id(finding), finding) for finding in by_document.get(document, []))
    data: dict[str, list[object]] = {
        "Organisation": [Link(region, pages[region]) for region in regions],
        "Dokument": [format_number(held[region]) for region in regions],
    }
    return Table(pd.DataFrame(data | _status_counts([list(chosen[region].values()) for region in regions])))


def document_counts_table(
    documents: pd.DataFrame, by_document: Mapping[str, Sequence[Finding]], pages: Sequence[str]
) -> Table:
    """Per document, linked to where its nämnd report lists its checks (``pages``, in document order):
    its checks and how many have each status."""
    ids = [str(d) for d in documents[c.DOC_ID]]
    data: dict[str, list[object]] = {
        "Dokument": [
            Link(f"{document} · {committee} {year}", page)
            for document, committee, year, page in zip(
                ids, documents[c.NAMND], documents[c.BUDGET_YEAR], pages, strict=True
            )
        ]
    }
    return Table(pd.DataFrame(data | _status_counts([by_document.get(document, []) for document in ids])))


def organisation_pages_table(
    pages: Mapping[str, str], charted: Mapping[str, Sequence[tuple[str, int]]]
) -> Table:
    """Each organisation linked to its own page (``pages``), with the nämnd-years charted there
    (``HSN och RS 2024–2025``)."""
    regions = sorted(pages)
    return Table(
        pd.DataFrame(
            {
                "Organisation": [Link(region, pages[region]) for region in regions],
                "Diagram per nämnd och år": [
                    namnd_years(charted[region]) if charted.get(region) else MISSING for region in regions
                ],
            }
        )
    )
