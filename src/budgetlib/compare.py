"""Comparisons across nämnder, regions and years, with per-inhabitant context.

Each function returns one tidy row per (region, nämnd, year) — or per
category or status within one — so a notebook can lay them side by side.
"""

from __future__ import annotations

import math

import pandas as pd

from budgetlib import analysis
from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.findings import Findings
from budgetlib.organisations import organisation_register

KEY = [c.REGION, c.NAMND, c.BUDGET_YEAR]
PRIORITY = "prioritering"


def _each(dataset: Dataset) -> list[tuple[str, str, int, Dataset]]:
    return [
        (region, namnd, int(year), dataset.one(region, namnd, int(year)))
        for region, namnd, year in dataset.combinations()[KEY].itertuples(index=False)
    ]


def population_for(dataset: Dataset, region: str, budget_year: int) -> tuple[pd.Timestamp | None, float]:
    """The organisation's own population, latest at or before 31 December of the year before the budget year.

    ``region`` is the organisation's name or SCB code.
    """
    code = organisation_register().resolve(region).code
    cutoff = pd.Timestamp(year=budget_year - 1, month=12, day=31)
    rows = dataset.population[
        (dataset.population[c.ORG_CODE] == code) & (dataset.population[c.DATE] <= cutoff)
    ]
    if rows.empty:
        return None, math.nan
    latest = rows.sort_values(c.DATE).iloc[-1]
    return pd.Timestamp(latest[c.DATE]), float(latest[c.POPULATION])


def population_note(region: str, budget_year: int) -> str:
    """Why kronor per inhabitant cannot be computed for an organisation and budget year, in Swedish."""
    organisation = organisation_register().resolve(region)
    return (
        f"Folkmängd för {organisation.display_name} ({organisation.code}) per 31 december "
        f"{budget_year - 1} eller tidigare saknas i referensdatan; kronor per invånare kan inte beräknas."
    )


FRAME_COLUMNS = [
    *KEY,
    "frame",
    "change",
    "change_percent",
    "population_date",
    c.POPULATION,
    "kr_per_inhabitant",
    "population_note",
]


def frames(dataset: Dataset) -> pd.DataFrame:
    """Frame, change on last year and kronor per inhabitant for each (region, nämnd, year).

    ``population_note`` says in a sentence when the organisation's own population is missing.
    """
    rows = []
    for region, namnd, year, one in _each(dataset):
        overview = analysis.overview(one, year)
        date, people = population_for(dataset, region, year)
        frame = overview.frame.value if overview.frame else math.nan
        rows.append(
            {
                c.REGION: region,
                c.NAMND: namnd,
                c.BUDGET_YEAR: year,
                "frame": frame,
                "change": overview.change,
                "change_percent": overview.change_percent,
                "population_date": date,
                c.POPULATION: people,
                "kr_per_inhabitant": frame * 1e6 / people if people else math.nan,
                "population_note": "" if date is not None else population_note(region, year),
            }
        )
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


def line_items(dataset: Dataset, findings: Findings) -> pd.DataFrame:
    """Every supplement, priority and bridge component with its category.

    An item the documents break down further (003's "Prioritering" into named
    priorities) is replaced by its parts and the unitemised remainder, so
    nothing is counted twice.
    """
    categories = dataset.categories.set_index(c.FIGURE_ID)[c.CATEGORY]
    itemised = {
        b.total_id: b
        for b in analysis.breakdowns(findings)
        if all(i in categories.index for i in (b.total_id, *b.part_ids))
    }
    rows = []
    for region, namnd, year, one in _each(dataset):
        items = one.figures[
            (
                one.figures[c.MEASURE].isin(analysis.SUPPLEMENT_MEASURES)
                & one.figures[c.ROLE].isin(["part", "component"])
            )
            | (one.figures[c.MEASURE] == PRIORITY)
        ]
        key = {c.REGION: region, c.NAMND: namnd, c.BUDGET_YEAR: year}
        for item in items.to_dict("records"):
            row = key | {c.FIGURE_ID: item[c.FIGURE_ID], c.LABEL: item[c.LABEL], c.VALUE: item[c.VALUE]}
            breakdown = itemised.get(item[c.FIGURE_ID])
            if breakdown is None:
                rows.append(row | {c.CATEGORY: categories.get(item[c.FIGURE_ID], "")})
            else:  # shown through its named parts (items themselves) and this remainder
                label = f"{item[c.LABEL]}: ej specificerat"
                rows.append(
                    row | {c.LABEL: label, c.VALUE: breakdown.unitemised, c.CATEGORY: analysis.UNSPECIFIED}
                )
    return pd.DataFrame(rows, columns=[*KEY, c.FIGURE_ID, c.LABEL, c.VALUE, c.CATEGORY])


def category_totals(items: pd.DataFrame) -> pd.DataFrame:
    """Amount per category, and its share of the nämnd's increases (reductions have no share)."""
    totals = items.groupby([*KEY, c.CATEGORY], as_index=False, sort=True)[c.VALUE].sum()
    increases = totals[totals[c.VALUE] > 0].groupby(KEY)[c.VALUE].sum().rename("increases")
    totals = totals.merge(increases, left_on=KEY, right_index=True, how="left")
    totals["share"] = (100 * totals[c.VALUE] / totals["increases"]).where(totals[c.VALUE] > 0)
    result: pd.DataFrame = totals.drop(columns="increases")
    return result


def forecast_deviation(dataset: Dataset) -> pd.DataFrame:
    """Forecast deviation per (region, nämnd, forecast year), as % of that year's frame where it is known."""
    rows = []
    for region, namnd, _, one in _each(dataset):
        totals = analysis.forecast(one)
        for total in totals[totals[c.ROLE] == "total"].to_dict("records"):
            year = int(total[c.YEAR])
            frame = analysis.frame_for(one, year)
            value = float(total[c.VALUE])
            rows.append(
                {
                    c.REGION: region,
                    c.NAMND: namnd,
                    c.BUDGET_YEAR: year,
                    "deviation": value,
                    "frame": frame.value if frame else math.nan,
                    "percent_of_frame": 100 * value / frame.value if frame else math.nan,
                }
            )
    return pd.DataFrame(rows, columns=[*KEY, "deviation", "frame", "percent_of_frame"])


def target_ambition(dataset: Dataset) -> pd.DataFrame:
    """Per (region, nämnd, year): indicators with outcome and target, and the share set below the outcome."""
    rows = []
    for region, namnd, year, one in _each(dataset):
        indicators = analysis.indicators(one)
        comparable = indicators[indicators[c.OUTCOME].notna() & indicators[c.TARGET].notna()]
        if comparable.empty:
            continue
        below = int(comparable["below_outcome"].sum())
        rows.append(
            {
                c.REGION: region,
                c.NAMND: namnd,
                c.BUDGET_YEAR: year,
                "indicators": len(indicators),
                "comparable": len(comparable),
                "below_outcome": below,
                "share_below": 100 * below / len(comparable),
            }
        )
    return pd.DataFrame(rows, columns=[*KEY, "indicators", "comparable", "below_outcome", "share_below"])


def assignment_shares(dataset: Dataset) -> pd.DataFrame:
    """Share of assignments in each status, per document (each reports at its own point in time)."""
    rows = []
    for region, namnd, year, one in _each(dataset):
        for doc_id, group in one.assignments.groupby(c.DOC_ID):
            key = {c.REGION: region, c.NAMND: namnd, c.BUDGET_YEAR: year, c.DOC_ID: doc_id}
            for status in ("Ej påbörjad", "Pågående", "Klar"):
                count = int((group[c.STATUS] == status).sum())
                rows.append(key | {c.STATUS: status, "count": count, "share": 100 * count / len(group)})
    return pd.DataFrame(rows, columns=[*KEY, c.DOC_ID, c.STATUS, "count", "share"])


def reference_notes(dataset: Dataset) -> list[str]:
    """What the reference data lacks, in Swedish sentences (empty when it has population and Kolada)."""
    notes = []
    if dataset.population.empty:
        notes.append(
            "Referensdatan har ingen folkmängd (reference/population.csv): inga belopp per invånare."
        )
    if dataset.kolada.empty:
        notes.append(
            "Referensdatan har inga Kolada-värden (reference/kolada_n70061.csv): ingen jämförelse med dem."
        )
    return notes


def kolada_context(dataset: Dataset, regions: list[str]) -> pd.DataFrame:
    """Kolada N70061 (kr per inhabitant) for these regions and the country, unprocessed."""
    wanted = {*regions, "Riket"}
    rows = dataset.kolada[dataset.kolada[c.AREA].isin(wanted)]
    return rows[[c.AREA, c.YEAR, c.VALUE, c.UNIT, c.REFERENCE_SOURCE]].sort_values(
        [c.AREA, c.YEAR], ignore_index=True
    )
