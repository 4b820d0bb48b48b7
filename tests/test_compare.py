"""Comparisons across nämnder, regions and years, against figures computed by hand from the documents."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib import compare
from budgetlib.dataset import Dataset
from tests.conftest import edit_csv


@pytest.fixture(scope="module")
def items(dataset: Dataset) -> pd.DataFrame:
    return compare.line_items(dataset, budgetlib.reconcile(dataset))


def test_reference_data_keeps_sources_and_gaps(dataset: Dataset) -> None:
    assert dataset.population["source"].str.len().gt(0).all()
    assert "same" not in set(dataset.kolada["source"])
    jamtland = dataset.population[dataset.population["org_code"] == "23"]
    assert list(jamtland["date"].dt.year) == [2022, 2024]  # 2023 is a gap, not filled
    assert "Region Jämtland Härjedalen" not in set(dataset.kolada["area"])


@pytest.mark.parametrize(
    ("region", "budget_year", "date", "people"),
    [
        ("Region Västerbotten", 2025, "2024-12-31", 281138),
        ("Region Värmland", 2025, "2023-12-31", 283548),  # 2024-12-31 is missing: the latest before it
        ("Region Jämtland Härjedalen", 2024, "2022-12-31", 132670),  # 2023-12-31 is missing
    ],
)
def test_population_is_the_latest_at_or_before_the_year_before(
    dataset: Dataset, region: str, budget_year: int, date: str, people: int
) -> None:
    assert compare.population_for(dataset, region, budget_year) == (pd.Timestamp(date), float(people))


def test_no_population_before_the_first_figure(dataset: Dataset) -> None:
    found_date, people = compare.population_for(dataset, "Region Värmland", 2020)
    assert found_date is None and math.isnan(people)


def test_frames_side_by_side_per_inhabitant(dataset: Dataset) -> None:
    frames = compare.frames(dataset).set_index(["region", "namnd", "budget_year"]).to_dict("index")
    varmland = frames[("Region Värmland", "HSN", 2025)]
    assert varmland["kr_per_inhabitant"] == pytest.approx(9065e6 / 283548)  # 003 line 48, SCB 2023-12-31
    assert varmland["change_percent"] == pytest.approx(100 * (9065 - 8428) / 8428)
    jamtland = frames[("Region Jämtland Härjedalen", "HSN", 2024)]
    assert jamtland["kr_per_inhabitant"] == pytest.approx(3356.1e6 / 132670)  # 002 line 24
    assert math.isnan(frames[("Region Västerbotten", "HSN", 2025)]["frame"])
    # RS 2025 (001 line 770) on the same day as Värmland 2025, though Västerbotten has 2024-12-31 too
    rs = frames[("Region Västerbotten", "RS", 2025)]
    assert rs["kr_per_inhabitant"] == pytest.approx(3943.2e6 / 278729)
    assert rs["population_date"] == varmland["population_date"] == pd.Timestamp("2023-12-31")
    assert rs["rule_date"] == pd.Timestamp("2024-12-31")


def test_one_population_date_per_budget_year_for_all_compared(dataset: Dataset) -> None:
    pairs = [("Region Västerbotten", 2025), ("Region Värmland", 2025), ("Region Jämtland Härjedalen", 2024)]
    assert compare.common_population_dates(dataset, pairs) == {
        2024: pd.Timestamp("2022-12-31"),  # Jämtland has no 2023-12-31
        2025: pd.Timestamp("2023-12-31"),  # Värmland has no 2024-12-31
    }
    alone = compare.common_population_dates(dataset, [("Region Västerbotten", 2025)])
    assert alone == {2025: pd.Timestamp("2024-12-31")}  # the rule's own date where it exists
    assert compare.common_population_dates(dataset, [("Region Värmland", 2020)]) == {2020: None}


def test_kolada_standing_against_the_country_and_no_rank_from_two_regions(dataset: Dataset) -> None:
    (varmland,) = compare.kolada_standings(dataset, ["Region Värmland"])
    assert (varmland.year, varmland.value, varmland.country) == (2024, 37190.0, 36041.0)
    assert varmland.percent_of_country == pytest.approx(100 * 37190 / 36041)
    assert varmland.rank is None and varmland.regions_with_value == 2
    assert compare.kolada_standings(dataset, ["Region Jämtland Härjedalen"]) == []


def test_every_line_item_has_a_category(items: pd.DataFrame) -> None:
    assert (items["category"] != "").all(), items[items["category"] == ""]


def test_every_mapping_names_a_line_item(dataset: Dataset, items: pd.DataFrame) -> None:
    mapped = set(dataset.categories["figure_id"])
    replaced = {"t003_bridge:prioritering"}  # shown through its named parts and remainder
    assert mapped - replaced == set(items["figure_id"]) - replaced


def test_an_unknown_category_is_rejected(data_copy: Path) -> None:
    row = edit_csv(
        data_copy / "categories.csv", "t003_bridge:lakemedel,Läkemedel", "t003_bridge:lakemedel,Medicin"
    )
    with pytest.raises(budgetlib.DataError, match=rf"categories.csv, rad {row}, kolumn 'category'"):
        budgetlib.load(data_copy)


def test_category_shares_of_the_increases(items: pd.DataFrame) -> None:
    totals = compare.category_totals(items).set_index(["region", "namnd", "category"])
    # 000: 81 of the 190 mkr supplement goes to staff costs
    assert totals.loc[("Region Västerbotten", "HSN", "Personal"), "share"] == pytest.approx(100 * 81 / 190)
    # 003: increases 71 + 180 + 197 and the priorities 120 + 147 + 65 with 181 unitemised; −324 has no share
    increases = 71 + 180 + 197 + 120 + 147 + 65 + 181
    assert totals.loc[("Region Värmland", "HSN", "Personal"), "share"] == pytest.approx(100 * 197 / increases)
    assert totals.loc[("Region Värmland", "HSN", "Ej specificerat"), "value"] == 181
    assert totals["share"].isna()[("Region Värmland", "HSN", "Sociala avgifter")]
    assert "Prioriteringar" not in set(totals.index.get_level_values("category"))


def test_forecast_deviation_needs_that_years_frame(dataset: Dataset) -> None:
    deviations = compare.forecast_deviation(dataset)
    assert deviations[["region", "namnd", "budget_year", "phase", "deviation"]].values.tolist() == [
        ["Region Västerbotten", "RS", 2024, "prognos", -104.0]
    ]
    assert deviations["percent_of_frame"].isna().all()  # 001 states no frame for 2024


def test_target_ambition_and_assignment_shares(dataset: Dataset) -> None:
    ambition = compare.target_ambition(dataset)
    assert ambition[["comparable", "less_ambitious"]].values.tolist() == [[12, 4]]
    shares = compare.assignment_shares(dataset).set_index(["doc_id", "status"])
    assert shares.loc[("001", "Ej påbörjad"), "share"] == pytest.approx(100 * 5 / 6)
    assert shares.loc[("004", "Pågående"), "count"] == 7


def test_kolada_values_are_unprocessed(dataset: Dataset) -> None:
    context = compare.kolada_context(dataset, ["Region Värmland"])
    raw = pd.read_csv(dataset.data_dir / "reference" / "kolada_n70061.csv")
    expected = raw[raw["area"].isin(["Region Värmland", "Riket"])].sort_values(["area", "year"])
    assert context["value"].tolist() == expected["value"].tolist()


def test_comparison_sections_say_what_is_missing(dataset: Dataset) -> None:
    """The forecast and ambition sections: 001's forecast, with no frame for 2024, as a sentence saying
    why there is no percentage; one nämnd with targets gets the note that ambition needs two; a
    selection without forecasts says so."""
    from budgetlib import report_sections, report_text
    from budgetlib.table import Table

    (forecast,) = report_sections.comparison_forecasts(dataset)
    assert isinstance(forecast, str) and "RS 2024: prognostiserad avvikelse −104\u00a0mkr" in forecast
    table, note = report_sections.comparison_ambition(dataset)
    assert isinstance(table, Table) and note == report_text.ambition_note(compare.target_ambition(dataset))
    jamtland = dataset.select("Region Jämtland Härjedalen")
    assert report_sections.comparison_forecasts(jamtland) == [report_text.NO_FORECASTS]


def test_the_change_note_names_the_nämnd_years_with_a_change_or_says_there_are_none(dataset: Dataset) -> None:
    """003 states HSN 2025's change against 2024 (+637 mkr); Västerbotten's documents state no change."""
    from budgetlib import report_text

    def change_notes(organisations: list[str]) -> list[str]:
        notes = report_text.frames_notes(compare.frames(dataset.select_many(organisations)))
        return [note for note in notes if note.startswith("Förändring mot föregående år")]

    assert change_notes(["Region Värmland", "Region Västerbotten"]) == [
        "Förändring mot föregående år går bara att beräkna för Region Värmland HSN 2025."
    ]
    assert change_notes(["Region Västerbotten"]) == [
        "Förändring mot föregående år går inte att beräkna för någon av de jämförda nämnderna."
    ]
    assert change_notes(["Region Värmland"]) == []  # every one of them has its change
