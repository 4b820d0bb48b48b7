"""Comparisons across nämnder, regions and years, with per-inhabitant context.

Each function returns one tidy row per (region, nämnd, year) — or per
category or status within one — so a notebook can lay them side by side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from budgetlib import analysis, goals, kept
from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.findings import Findings
from budgetlib.organisations import organisation_register
from budgetlib.report.fingerprint import digest
from budgetlib.row_digests import RowDigests
from budgetlib.vocabulary import UNCATEGORISED

KEY = [c.REGION, c.NAMND, c.BUDGET_YEAR]
PRIORITY = "prioritering"
PARTS_VERSION = "jämförelsens delar 1"  # a new version when _Parts changes: earlier kept parts unused


@dataclass(frozen=True)
class _Parts:
    """What the comparison takes from one (region, nämnd, year), in plain values a build can keep."""

    frame: float  # nan where the documents give none
    frame_phase: str
    change: float
    change_percent: float
    items: tuple[tuple[Any, Any, float], ...]  # supplements, priorities, components: figure id, label, value
    forecasts: tuple[tuple[int, Any, float, float | None], ...]  # year, phase, deviation, that year's frame
    ambition: tuple[int, int, int] | None  # indicators, comparable ones, less ambitious ones
    assignments: tuple[tuple[Any, str, int, float], ...]  # document, status, count, share

    def to_json(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}

    @classmethod
    def from_json(cls, kept: Any) -> _Parts:
        ambition = kept["ambition"]
        return cls(
            float(kept["frame"]),
            str(kept["frame_phase"]),
            float(kept["change"]),
            float(kept["change_percent"]),
            tuple((item[0], item[1], float(item[2])) for item in kept["items"]),
            tuple(
                (int(year), phase, float(value), None if frame is None else float(frame))
                for year, phase, value, frame in kept["forecasts"]
            ),
            None if ambition is None else (int(ambition[0]), int(ambition[1]), int(ambition[2])),
            tuple((doc, str(status), int(n), float(share)) for doc, status, n, share in kept["assignments"]),
        )


ASSIGNMENT_STATUSES = ("Ej påbörjad", "Pågående", "Klar")


def _parts_of(one: Dataset, year: int) -> _Parts:
    overview = analysis.overview(one, year)
    figures = one.figures
    items = figures[
        (figures[c.MEASURE].isin(analysis.SUPPLEMENT_MEASURES) & figures[c.ROLE].isin(["part", "component"]))
        | (figures[c.MEASURE] == PRIORITY)
    ]
    forecasts = []
    totals = analysis.forecast(one)
    for total in totals[totals[c.ROLE] == "total"].to_dict("records"):
        frame = analysis.frame_for(one, int(total[c.YEAR]))
        value = float(total[c.VALUE])
        forecasts.append((int(total[c.YEAR]), total[c.PHASE], value, frame.value if frame else None))
    indicators = goals.indicator_frame(one)
    comparable = indicators[indicators["comparable"]]
    assignments = []
    for doc_id, group in one.assignments.groupby(c.DOC_ID):
        for status in ASSIGNMENT_STATUSES:
            count = int((group[c.STATUS] == status).sum())
            assignments.append((doc_id, status, count, 100 * count / len(group)))
    return _Parts(
        overview.frame.value if overview.frame else math.nan,
        overview.frame.phase if overview.frame else "",
        overview.change,
        overview.change_percent,
        tuple((i[c.FIGURE_ID], i[c.LABEL], i[c.VALUE]) for i in items.to_dict("records")),
        tuple(forecasts),
        None
        if comparable.empty
        else (len(indicators), len(comparable), int(comparable["less_ambitious"].sum())),
        tuple(assignments),
    )


_split: list[tuple[Dataset, list[tuple[str, str, int, _Parts]]]] = []  # the last dataset's parts


def _each(dataset: Dataset) -> list[tuple[str, str, int, _Parts]]:
    """Each (region, nämnd, year) with what the comparison takes from it, worked out once for all
    sections; in a build, kept by the digest of the combination's rows, so a changed figure costs
    the comparison one combination, not all."""
    if _split and _split[0][0] is dataset:
        return _split[0][1]
    digests = RowDigests(dataset) if kept.active() else None
    each = []
    for (region, namnd, year), rows in dataset.each_rows().items():

        def compute(rows: dict[str, list[int]] = rows, year: int = year) -> _Parts:
            return _parts_of(dataset.with_rows(rows), year)

        if digests is None:
            parts = compute()
        else:
            inputs = digest(PARTS_VERSION, region, namnd, str(year), digests.digest(rows))
            parts = kept.kept(inputs, compute, _Parts.to_json, _Parts.from_json)
        each.append((region, namnd, year, parts))
    _split[:] = [(dataset, each)]
    return each


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


def _population_rows(dataset: Dataset, region: str) -> pd.DataFrame:
    code = organisation_register().resolve(region).code
    return dataset.population[dataset.population[c.ORG_CODE] == code]


def common_population_dates(dataset: Dataset, pairs: list[tuple[str, int]]) -> dict[int, pd.Timestamp | None]:
    """Per budget year, one population date for every organisation compared in that year.

    The rule is the same for all: 31 December of the year before the budget
    year, or where that day is missing, the day at or before it that most of
    the organisations compared that year have (the later day on a tie). So no
    two figures of one year rest on populations counted on different days; an
    organisation without that day gets no figure per inhabitant. ``None``
    where no organisation has any population at or before the rule's day.
    """
    dates: dict[int, pd.Timestamp | None] = {}
    for year in sorted({year for _, year in pairs}):
        cutoff = pd.Timestamp(year=year - 1, month=12, day=31)
        counted: dict[pd.Timestamp, int] = {}
        for region in sorted({region for region, y in pairs if y == year}):
            rows = _population_rows(dataset, region)
            for day in {pd.Timestamp(d) for d in rows.loc[rows[c.DATE] <= cutoff, c.DATE]}:
                counted[day] = counted.get(day, 0) + 1
        dates[year] = max(counted, key=lambda day: (counted[day], day)) if counted else None
    return dates


def other_date_note(region: str, date: pd.Timestamp) -> str:
    """Why an organisation has no figure per inhabitant although it has a population for another day."""
    organisation = organisation_register().resolve(region)
    return (
        f"Folkmängd för {organisation.display_name} ({organisation.code}) per {date.strftime('%Y-%m-%d')}, "
        "den dag som övriga jämförs på, saknas i referensdatan; kronor per invånare beräknas inte."
    )


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
    "frame_phase",
    "population_date",
    "rule_date",
    c.POPULATION,
    "kr_per_inhabitant",
    "population_note",
]


def frames(dataset: Dataset) -> pd.DataFrame:
    """Frame, change on last year and kronor per inhabitant for each (region, nämnd, year).

    Kronor per inhabitant use one population date per budget year for all
    (:func:`common_population_dates`); ``rule_date`` is the date the rule asks for;
    ``population_note`` says in a sentence when no population can be used.
    """
    each = _each(dataset)
    dates = common_population_dates(dataset, [(region, year) for region, _, year, _ in each])
    rows = []
    for region, namnd, year, parts in each:
        date = dates[year]
        population = _population_rows(dataset, region)
        counted = population[population[c.DATE] == date][c.POPULATION] if date is not None else None
        people = float(counted.iloc[0]) if counted is not None and len(counted) else math.nan
        frame = parts.frame
        rows.append(
            {
                c.REGION: region,
                c.NAMND: namnd,
                c.BUDGET_YEAR: year,
                "frame": frame,
                "frame_phase": parts.frame_phase,
                "change": parts.change,
                "change_percent": parts.change_percent,
                "population_date": date if people == people else None,
                "rule_date": pd.Timestamp(year=year - 1, month=12, day=31),
                c.POPULATION: people,
                "kr_per_inhabitant": frame * 1e6 / people if people == people else math.nan,
                "population_note": ""
                if people == people
                else (
                    other_date_note(region, date)
                    if date is not None and population_for(dataset, region, year)[0] is not None
                    else population_note(region, year)
                ),
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
    for region, namnd, year, parts in _each(dataset):
        key = {c.REGION: region, c.NAMND: namnd, c.BUDGET_YEAR: year}
        for figure_id, label, value in parts.items:
            row = key | {c.FIGURE_ID: figure_id, c.LABEL: label, c.VALUE: value}
            breakdown = itemised.get(figure_id)
            if breakdown is None:
                rows.append(row | {c.CATEGORY: categories.get(figure_id, UNCATEGORISED)})
            else:  # shown through its named parts (items themselves) and this remainder
                rows.append(
                    row
                    | {
                        c.LABEL: f"{label}: ej specificerat",
                        c.VALUE: breakdown.unitemised,
                        c.CATEGORY: analysis.UNSPECIFIED,
                    }
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
    for region, namnd, _, parts in _each(dataset):
        for year, phase, value, frame in parts.forecasts:
            rows.append(
                {
                    c.REGION: region,
                    c.NAMND: namnd,
                    c.BUDGET_YEAR: year,
                    c.PHASE: phase,
                    "deviation": value,
                    "frame": frame if frame is not None else math.nan,
                    "percent_of_frame": 100 * value / frame if frame is not None else math.nan,
                }
            )
    return pd.DataFrame(rows, columns=[*KEY, c.PHASE, "deviation", "frame", "percent_of_frame"])


def target_ambition(dataset: Dataset) -> pd.DataFrame:
    """Per (region, nämnd, year): indicators with outcome, target and direction (a zero outcome counts),
    and the share whose target is less ambitious than the outcome, in the direction the indicator should move.
    """
    rows = []
    for region, namnd, year, parts in _each(dataset):
        if parts.ambition is None:
            continue
        indicators, comparable, less = parts.ambition
        rows.append(
            {
                c.REGION: region,
                c.NAMND: namnd,
                c.BUDGET_YEAR: year,
                "indicators": indicators,
                "comparable": comparable,
                "less_ambitious": less,
                "share_less_ambitious": 100 * less / comparable,
            }
        )
    return pd.DataFrame(
        rows, columns=[*KEY, "indicators", "comparable", "less_ambitious", "share_less_ambitious"]
    )


def assignment_shares(dataset: Dataset) -> pd.DataFrame:
    """Share of assignments in each status, per document (each reports at its own point in time)."""
    rows = []
    for region, namnd, year, parts in _each(dataset):
        key = {c.REGION: region, c.NAMND: namnd, c.BUDGET_YEAR: year}
        for doc_id, status, count, share in parts.assignments:
            rows.append(key | {c.DOC_ID: doc_id, c.STATUS: status, "count": count, "share": share})
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
