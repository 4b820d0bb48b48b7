"""The comparison overview at any scale: the nämnd-years compared, grouped per organisation with years
as ranges, and the supplements' composition as a row per nämnd-year and a column per category."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib import compare, display, report_sections, report_text
from budgetlib.amount_text import money
from budgetlib.dataset import Dataset
from budgetlib.numbers import format_percent
from budgetlib.table import TURNED_CLASS, Table
from budgetlib.vocabulary import UNCATEGORISED
from tests.conftest import edit_csv

NamndYear = tuple[str, str, int]


def matched(pattern: str, text: str) -> tuple[str, ...]:
    found = re.fullmatch(pattern, text)
    assert found is not None, (pattern, text)
    return found.groups()


def read_back(text: str) -> list[NamndYear]:
    """Every nämnd-year a compared text names, as a reader would expand it, in the order named."""
    organisation_lines = re.findall(r"^- (.+?): (.+)$", text, re.MULTILINE)
    if not organisation_lines:  # one organisation: "Jämförs: Region X HSN och RS 2025."
        organisation_lines = [matched(r"Jämförs: (Region \S+) (.+)\.", text)]
    named = []
    for organisation, groups in organisation_lines:
        for group in groups.split("; "):
            names, years = matched(r"(.+?) (\d{4}(?:[–, ]+\d{4})*)", group)
            for namnd in re.split(r", | och ", names):
                for run in years.split(", "):
                    first, _, last = run.partition("–")
                    named += [(organisation, namnd, y) for y in range(int(first), int(last or first) + 1)]
    return named


def keys(dataset: Dataset) -> list[NamndYear]:
    combinations = dataset.combinations()
    return [(str(r), str(n), int(y)) for r, n, y in combinations[["region", "namnd", "budget_year"]].values]


def test_the_seeds_are_named_once_each_and_read_as_a_list_per_organisation(dataset: Dataset) -> None:
    text = report_text.compared_text(dataset.combinations().to_dict("records"))
    # documents.csv: 002 Jämtland HSN 2024, 003 Värmland HSN 2025, 000/004 Västerbotten HSN 2025, 001 RS 2025
    assert text == (
        "Jämförs 4 nämnd-år i 3 organisationer:\n\n"
        "- Region Jämtland Härjedalen: HSN 2024\n"
        "- Region Värmland: HSN 2025\n"
        "- Region Västerbotten: HSN och RS 2025"
    )
    named = read_back(text)
    assert sorted(named) == sorted(keys(dataset)) and len(set(named)) == len(named)


def test_one_organisation_is_one_sentence(dataset: Dataset) -> None:
    chosen = dataset.select_many(["Region Västerbotten"])
    text = report_text.compared_text(chosen.combinations().to_dict("records"))
    assert text == "Jämförs: Region Västerbotten HSN och RS 2025."
    assert read_back(text) == keys(chosen)


def test_a_missing_year_is_a_break_in_the_range(data_copy: Path) -> None:
    edit_csv(
        data_copy / "documents.csv", "001,,Region Västerbotten,RS,2025", "001,,Region Västerbotten,RS,2023"
    )
    edit_csv(
        data_copy / "documents.csv",
        "000,HSN 1430-2024,Region Västerbotten,HSN,2025",
        "000,HSN 1430-2024,Region Västerbotten,HSN,2022",
    )
    chosen = budgetlib.load(data_copy).select_many(["Region Västerbotten"])
    text = report_text.compared_text(chosen.combinations().to_dict("records"))
    assert text == "Jämförs: Region Västerbotten HSN 2022, 2025; RS 2023."  # 2023 and 2024 are no HSN years
    assert sorted(read_back(text)) == sorted(keys(chosen))


def test_at_national_scale_each_organisation_is_one_line_and_nothing_is_lost_or_added() -> None:
    regions = [f"Region {chr(ord('A') + i)}" for i in range(21)]
    rows = [
        {"region": region, "namnd": namnd, "budget_year": year}
        for region in regions
        for namnd in ("HSN", "RS", "RUN")
        for year in range(2024, 2028)
        if not (region == "Region C" and namnd == "RUN" and year == 2026)  # a gap
    ]
    text = report_text.compared_text(rows)
    lines = text.splitlines()
    assert lines[0] == "Jämförs 251 nämnd-år i 21 organisationer:" and len(lines) == 2 + 21
    assert "- Region A: HSN, RS och RUN 2024–2027" in lines
    assert "- Region C: HSN och RS 2024–2027; RUN 2024–2025, 2027" in lines
    named = read_back(text)
    assert sorted(named) == sorted((r["region"], r["namnd"], r["budget_year"]) for r in rows)
    assert len(set(named)) == len(named)


@pytest.mark.parametrize(
    ("years", "shown"),
    [
        ([2025], "2025"),
        ([2025, 2024], "2024–2025"),
        ([2021, 2023, 2024, 2025, 2027], "2021, 2023–2025, 2027"),
    ],
)
def test_years_run_as_ranges(years: list[int], shown: str) -> None:
    assert display.year_ranges(years) == shown


def test_no_documents_is_said(dataset: Dataset) -> None:
    assert report_text.compared_text([]) == "Jämförs: inga nämnd-år (urvalet har inga dokument)."


@pytest.fixture(scope="module")
def totals(dataset: Dataset) -> pd.DataFrame:
    return compare.category_totals(compare.line_items(dataset, budgetlib.reconcile(dataset)))


def test_the_share_table_has_a_row_per_nämnd_year_and_a_column_per_category(totals: pd.DataFrame) -> None:
    table = display.category_share_table(totals)
    assert list(table.columns[:3]) == ["Region", "Nämnd", "År"]  # as in the frames table
    rows = {(r["Region"], r["Nämnd"], r["År"]): r for r in table.to_dict("records")}
    assert len(rows) == len(table) == 3  # 002 (Jämtland HSN 2024) allocates no supplement
    # 003: increases 71 + 180 + 197 + 120 + 147 + 65 and 181 unitemised; Sociala avgifter −324 mkr
    varmland = rows[("Region Värmland", "HSN", 2025)]
    assert varmland["Personal"] == format_percent(100 * 197 / 961) == "20,5\u00a0%"
    assert varmland["Ej specificerat"] == "18,8\u00a0%"  # 181 of 961
    assert varmland["Sociala avgifter"] == "\u2212324\u00a0mkr"  # a reduction has no share
    assert rows[("Region Västerbotten", "HSN", 2025)]["Personal"] == "42,6\u00a0%"  # 000: 81 of 190 mkr
    assert list(table.columns[3:]) == sorted(set(totals["category"]))
    for total in totals.to_dict("records"):  # every category total once, in its row and column
        row = rows[(total["region"], total["namnd"], total["budget_year"])]
        share = total["share"]
        assert row[total["category"]] == (
            money(total["value"]) if math.isnan(share) else format_percent(share)
        )
    filled = (table.iloc[:, 3:] != "").to_numpy().sum()
    assert filled == len(totals)


def test_an_item_without_a_category_is_named_so_in_the_table_and_the_chart(data_copy: Path) -> None:
    """003's Läkemedel (180 of the 961 mkr of increases, line 44) left out of categories.csv."""
    edit_csv(data_copy / "categories.csv", "t003_bridge:lakemedel,Läkemedel,\n", "")
    dataset = budgetlib.load(data_copy).select("Region Värmland")
    totals = compare.category_totals(compare.line_items(dataset, budgetlib.reconcile(dataset)))
    table = display.category_share_table(totals)
    assert list(table.columns)[-1] == UNCATEGORISED  # after every named category
    assert "Läkemedel" not in table.columns
    assert table[UNCATEGORISED].tolist() == [format_percent(100 * 180 / 961, 1)]
    chart, in_figures, _ = report_sections.comparison_categories(totals)  # the organisation page's chart
    assert isinstance(chart, report_sections.Chart)
    assert UNCATEGORISED in chart.args[0]  # no bar without a label
    assert f"{UNCATEGORISED} 18,7\u00a0%" in str(in_figures)


def test_the_overview_and_an_organisations_page_show_the_same_share_table(
    dataset: Dataset, totals: pd.DataFrame
) -> None:
    from budgetlib.report_links import comparison_links

    organisations = sorted(set(dataset.documents["region"]))
    *_, overview = report_sections.comparison_category_pages(
        totals, organisations, comparison_links([], [], []), [], []
    )
    *_, own = report_sections.comparison_categories(totals)
    assert isinstance(overview, Table) and isinstance(own, Table)
    pd.testing.assert_frame_equal(overview.frame, own.frame)
    assert overview.turned == own.turned == tuple(overview.frame.columns[3:])
    header = overview._repr_html_().split("</thead>")[0]
    assert header.count(f'{TURNED_CLASS}">') == len(overview.turned)  # categories turned, not the key
    assert '<th>Region</th><th>Nämnd</th><th class="num">År</th>' in header
