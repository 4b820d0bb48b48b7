"""Comparisons across nämnder, regions and years, with per-inhabitant context.

Each function returns one tidy row per (region, nämnd, year) — or per
category or status within one — so a notebook can lay them side by side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from budgetlib import analysis, goals
from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.findings import Findings

KEY = [c.REGION, c.NAMND, c.BUDGET_YEAR]
PRIORITY = "prioritering"


def _each(dataset: Dataset) -> list[tuple[str, str, int, Dataset]]:
    return [
        (region, namnd, int(year), dataset.one(region, namnd, int(year)))
        for region, namnd, year in dataset.combinations()[KEY].itertuples(index=False)
    ]


def population_for(dataset: Dataset, region: str, budget_year: int) -> tuple[pd.Timestamp | None, float]:
    """The latest population at or before 31 December of the year before the budget year."""
    code = dataset.regions.set_index(c.REGION).loc[region, c.LAN_CODE]
    cutoff = pd.Timestamp(year=budget_year - 1, month=12, day=31)
    rows = dataset.population[
        (dataset.population[c.AREA_CODE] == code) & (dataset.population[c.DATE] <= cutoff)
    ]
    if rows.empty:
        return None, math.nan
    latest = rows.sort_values(c.DATE).iloc[-1]
    return pd.Timestamp(latest[c.DATE]), float(latest[c.POPULATION])


def _population_rows(dataset: Dataset, region: str) -> pd.DataFrame:
    code = dataset.regions.set_index(c.REGION).loc[region, c.LAN_CODE]
    return dataset.population[dataset.population[c.AREA_CODE] == code]


def common_population_dates(dataset: Dataset, pairs: list[tuple[str, int]]) -> dict[int, pd.Timestamp | None]:
    """Per budget year, one population date for every organisation compared in that year.

    The rule is the same for all: 31 December of the year before the budget
    year; where an organisation has no figure for that day, the latest earlier
    day that every organisation of that year has, so no two figures of one
    year rest on populations counted on different days. ``None`` where they share none.
    """
    dates: dict[int, pd.Timestamp | None] = {}
    for year in sorted({year for _, year in pairs}):
        cutoff = pd.Timestamp(year=year - 1, month=12, day=31)
        shared: set[pd.Timestamp] | None = None
        for region in sorted({region for region, y in pairs if y == year}):
            rows = _population_rows(dataset, region)
            own = {pd.Timestamp(d) for d in rows.loc[rows[c.DATE] <= cutoff, c.DATE]}
            shared = own if shared is None else shared & own
        dates[year] = max(shared) if shared else None
    return dates


def frames(dataset: Dataset) -> pd.DataFrame:
    """Frame, change on last year and kronor per inhabitant for each (region, nämnd, year).

    Kronor per inhabitant use one population date per budget year for all
    (:func:`common_population_dates`); ``rule_date`` is the date the rule asks for.
    """
    each = _each(dataset)
    dates = common_population_dates(dataset, [(region, year) for region, _, year, _ in each])
    rows = []
    for region, namnd, year, one in each:
        overview = analysis.overview(one, year)
        date = dates[year]
        population = _population_rows(dataset, region)
        counted = population[population[c.DATE] == date][c.POPULATION] if date is not None else None
        people = float(counted.iloc[0]) if counted is not None and len(counted) else math.nan
        frame = overview.frame.value if overview.frame else math.nan
        rows.append(
            {
                c.REGION: region,
                c.NAMND: namnd,
                c.BUDGET_YEAR: year,
                "frame": frame,
                "frame_phase": overview.frame.phase if overview.frame else "",
                "change": overview.change,
                "change_percent": overview.change_percent,
                "population_date": date if people == people else None,
                "rule_date": pd.Timestamp(year=year - 1, month=12, day=31),
                c.POPULATION: people,
                "kr_per_inhabitant": frame * 1e6 / people if people == people else math.nan,
            }
        )
    return pd.DataFrame(rows)


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
    """Budget deviation per (region, nämnd, year) with its phase (prognos or utfall), as % of that
    year's frame where it is known."""
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
                    c.PHASE: total[c.PHASE],
                    "deviation": value,
                    "frame": frame.value if frame else math.nan,
                    "percent_of_frame": 100 * value / frame.value if frame else math.nan,
                }
            )
    return pd.DataFrame(rows, columns=[*KEY, c.PHASE, "deviation", "frame", "percent_of_frame"])


def target_ambition(dataset: Dataset) -> pd.DataFrame:
    """Per (region, nämnd, year): indicators with outcome, target and direction (a zero outcome counts),
    and the share whose target is less ambitious than the outcome, in the direction the indicator should move.
    """
    rows = []
    for region, namnd, year, one in _each(dataset):
        indicators = goals.indicator_frame(one)
        comparable = indicators[indicators["comparable"]]
        if comparable.empty:
            continue
        less = int(comparable["less_ambitious"].sum())
        rows.append(
            {
                c.REGION: region,
                c.NAMND: namnd,
                c.BUDGET_YEAR: year,
                "indicators": len(indicators),
                "comparable": len(comparable),
                "less_ambitious": less,
                "share_less_ambitious": 100 * less / len(comparable),
            }
        )
    return pd.DataFrame(
        rows, columns=[*KEY, "indicators", "comparable", "less_ambitious", "share_less_ambitious"]
    )


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


REGIONS_IN_SWEDEN = 21
COUNTRY = "Riket"


@dataclass(frozen=True)
class KoladaStanding:
    """A region in Kolada for a year: against the country, and its rank where every region is known."""

    area: str
    year: int
    value: float
    country: float  # Riket's value the same year (nan where missing)
    rank: int | None  # 1 = highest cost per inhabitant; None unless all regions have a value
    regions_with_value: int  # how many regions the reference data has a value for that year

    @property
    def percent_of_country(self) -> float:
        return 100 * self.value / self.country if self.country == self.country and self.country else math.nan


def kolada_standings(dataset: Dataset, regions: list[str]) -> list[KoladaStanding]:
    """The latest Kolada year for each chosen region: value, the country's value and a rank among all 21
    regions where the reference data holds all of them (it says how many it holds otherwise)."""
    kolada = dataset.kolada
    found = []
    for region in regions:
        own = kolada[kolada[c.AREA] == region]
        if own.empty:
            continue
        latest = own.sort_values(c.YEAR).iloc[-1]
        year = int(latest[c.YEAR])
        same_year = kolada[(kolada[c.YEAR] == year) & (kolada[c.AREA] != COUNTRY)]
        country = kolada[(kolada[c.YEAR] == year) & (kolada[c.AREA] == COUNTRY)][c.VALUE]
        complete = same_year[c.AREA].nunique() >= REGIONS_IN_SWEDEN
        rank = int((same_year[c.VALUE] > latest[c.VALUE]).sum()) + 1 if complete else None
        found.append(
            KoladaStanding(
                region,
                year,
                float(latest[c.VALUE]),
                float(country.iloc[0]) if len(country) else math.nan,
                rank,
                int(same_year[c.AREA].nunique()),
            )
        )
    return found


def kolada_context(dataset: Dataset, regions: list[str]) -> pd.DataFrame:
    """Kolada N70061 (kr per inhabitant) for these regions and the country, unprocessed."""
    wanted = {*regions, "Riket"}
    rows = dataset.kolada[dataset.kolada[c.AREA].isin(wanted)]
    return rows[[c.AREA, c.YEAR, c.VALUE, c.UNIT, c.REFERENCE_SOURCE]].sort_values(
        [c.AREA, c.YEAR], ignore_index=True
    )
