"""Per-nämnd analysis against figures read from the documents' own lines."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import budgetlib
from budgetlib import analysis
from budgetlib.assignments import assignments
from budgetlib.dataset import Dataset
from budgetlib.goals import FALLS, RISES, GoalStatus, all_indicators, counts, goal_tree, judge
from budgetlib.table_views import column_heading, table_view
from tests.conftest import DATA_DIR

SOURCES = DATA_DIR / "sources"


def line(source: str, number: int) -> str:
    """Line ``number`` (from 1) of a source text, as the loader counts lines."""
    return (SOURCES / source).read_text(encoding="utf-8").splitlines()[number - 1]


S000, S001, S003 = "000_a9a73f1fbb1b2d92.txt", "001_14dd89f663d29f12.txt", "003_7568518892398882.txt"


@pytest.fixture(scope="module")
def varmland(dataset: Dataset) -> Dataset:
    return dataset.one("Region Värmland", "HSN", 2025)


@pytest.fixture(scope="module")
def rs(dataset: Dataset) -> Dataset:
    return dataset.one("Region Västerbotten", "RS", 2025)


def test_the_frame_comes_from_the_bridge_not_the_slipped_text(varmland: Dataset) -> None:
    assert line(S003, 48).strip() == "= Ram 2025 9 065" and "9,1 mnkr" in line(S003, 38)
    overview = analysis.overview(varmland, 2025)
    assert overview.frame is not None and overview.previous is not None
    assert (overview.frame.value, overview.frame.line, overview.frame.phase) == (9065.0, 48, "beslut")
    assert (overview.previous.value, overview.change) == (8428.0, 637.0)  # line 42: "Ram 2024 8 428"
    assert overview.change_percent == pytest.approx(100 * 637 / 8428)


def test_without_a_frame_the_stated_supplement_is_the_change(dataset: Dataset) -> None:
    hsn = dataset.one("Region Västerbotten", "HSN", 2025)
    assert analysis.frame_for(hsn, 2025) is None
    assert "förstärkts med 214 mkr" in line(S000, 5)
    (change,) = analysis.stated_frame_changes(hsn, 2025)
    assert (change.value, change.line, change.phase) == (214.0, 5, "beslut")


def test_document_status_from_its_kind_and_its_figures(dataset: Dataset) -> None:
    statuses = {d.doc_id: d for d in analysis.document_statuses(dataset)}
    assert line(S000, 31) == "Förslag till beslut"
    assert statuses["000"].status == "förslag" and statuses["000"].diarienummer == "HSN 1430-2024"
    assert statuses["002"].status == "beslut" and statuses["002"].date == pd.Timestamp("2023-11-22")
    assert statuses["003"].status == "förslag"  # line 73: "förslag på ekonomisk ram per område"
    assert dict(statuses["003"].phases) == {"beslut": (2024, 2025), "förslag": (2025,)}
    # 001: a plan with decided budget 2025, a forecast and an outcome for 2024 (lines 702–706)
    assert {"beslut", "prognos", "utfall"} <= dict(statuses["001"].phases).keys()


def test_the_largest_changes_include_the_reductions(varmland: Dataset, rs: Dataset) -> None:
    up, down = analysis.largest_changes(varmland)
    assert line(S003, 47).strip() == "Prioritering 513" and line(S003, 45).strip() == "Sociala avgifter -324"
    assert up is not None and (up.label, up.value, up.line) == ("Prioritering", 513.0, 47)
    assert down is not None and (down.label, down.value, down.line) == ("Sociala avgifter", -324.0, 45)
    up, down = analysis.largest_changes(rs)
    assert "reducerats med 428,4" in line(S001, 815) and "budgettillskott på 55,5" in line(S001, 806)
    assert down is not None and (down.value, down.column, down.line) == (-428.4, "Reducering", 815)
    assert up is not None and (up.value, up.line) == (55.5, 806)


def test_a_table_as_printed_with_phase_words_in_its_headers(varmland: Dataset) -> None:
    view = table_view(varmland, "t003_omraden")
    assert "Förslag" in line(S003, 83) and line(S003, 81).strip() == "2024"
    assert view.headings[:2] == ("Budget 2024", "Förslag budget 2025")
    medicin = next(row for row in view.rows if row.row_id == "medicinska_spec")
    assert line(S003, 90).strip() == "Medicinska specialiteter 1 850 2 019 170"
    assert [medicin.cells[col].value for col in view.columns] == [1850.0, 2019.0, 170.0]
    assert [row.is_total for row in view.rows].count(True) == 1 and view.rows[-1].label == "Summa"
    assert all(not row.is_total for row, _ in view.top_parts("Förslag budget 2025"))


def test_column_headings_say_the_phase_and_the_year_of_a_forecast() -> None:
    assert column_heading("Belopp", {"förslag"}, {2025}) == "Förslag 2025"
    assert column_heading("Budget 2025", {"förslag"}, {2025}) == "Förslag: Budget 2025"
    assert column_heading("Budget 2025", {"beslut"}, {2025}) == "Budget 2025"
    assert column_heading("Budgetavvikelse", {"prognos"}, {2024}) == "Prognos 2024: Budgetavvikelse"
    assert column_heading("Avvikelse", {"utfall"}, {2025}) == "Utfall 2025: Avvikelse"
    assert column_heading("Prognos budgetavvikelse", {"prognos"}, {2024}) == "Prognos budgetavvikelse 2024"


def test_breakdowns_keep_the_total_apart_from_its_parts(dataset: Dataset) -> None:
    hsn = dataset.one("Region Västerbotten", "HSN", 2025)
    findings = budgetlib.reconcile(dataset).involving(hsn.documents["doc_id"])
    (view,) = analysis.breakdown_views(hsn, findings)
    assert "214 mkr" in line(S000, 5) and line(S000, 7) == "är 190 mkr."
    assert (view.total.value, view.total.line) == (214.0, 5)
    assert [(p.value, p.remainder) for p in view.parts] == [(190.0, False), (24.0, True)]
    assert view.remainder_words in line(S000, 6)  # "Utrymmet reduceras utifrån beslut om …"
    assert view.parts[-1].remainder and view.parts[-1].line == 5  # computed; linked to the total's line


def test_signed_parts_of_a_breakdown(rs: Dataset, dataset: Dataset) -> None:
    findings = budgetlib.reconcile(dataset).involving(["001"])
    by_total = {v.total.label: v for v in analysis.breakdown_views(rs, findings)}
    # lines 808 and 818: 9,5 to Digitalisering, of which 1,6 from the regiongemensamma anslag
    moved = by_total["Digitalisering och service: omfördelning"]
    assert [p.value for p in moved.parts] == pytest.approx([1.6, 9.5 - 1.6])
    reduced = by_total["Regiongemensamma stödfunktioner och anslag: reducering"]
    assert "348,4 miljoner kronor avser externa pensionskostnader" in line(S001, 816)
    assert [p.value for p in reduced.parts] == pytest.approx([-348.4, -428.4 + 348.4])


def test_zero_is_an_outcome_and_missing_is_missing(rs: Dataset) -> None:
    indicators = all_indicators(goal_tree(rs))
    publications = next(i for i in indicators if i.indicator.startswith("Antal forskningspublikationer"))
    assert line(S001, 466).split() == ["0", "4", "År"]
    assert (publications.outcome, publications.target, publications.comparable) == (0.0, 4.0, True)
    barnratt = next(i for i in indicators if i.indicator.startswith("Antal medarbetare som gått"))
    assert math.isnan(barnratt.outcome) and barnratt.status is GoalStatus.UNKNOWN
    # derived from the data: an outcome and a target printed (zero counts) and a direction
    rows = rs.indicators
    expected = int(
        (
            ~rows["outcome_text"].isin(["", "Svar saknas"])
            & (rows["target_text"] != "")
            & (rows["desired_direction"] != "")
        ).sum()
    )
    assert counts(goal_tree(rs)).comparable == expected == 12


def test_target_ambition_in_the_direction_each_indicator_should_move(rs: Dataset) -> None:
    by_name = {i.indicator: i for i in all_indicators(goal_tree(rs))}
    doctoral = by_name["Antal doktorander inom forskningsområdet informationsteknik"]  # line 459: 3 → 2
    assert line(S001, 459).split() == ["3", "2", "År"] and doctoral.direction == RISES
    assert doctoral.less_ambitious and doctoral.status is GoalStatus.MET
    area = by_name["Lokalyta som regionen äger och hyr ska inte ökas till år 2030 i jämförelse med 2020"]
    assert line(S001, 397).split() == ["658", "910", "676", "368", "År"] and area.direction == FALLS
    assert area.less_ambitious and area.target > area.outcome  # above the outcome: less ambitious
    climate = by_name["Klimatutsläpp från tjänsteresor"]  # line 382: 2 464 → 1 575, should fall
    assert climate.status is GoalStatus.GAP and not climate.less_ambitious
    total = counts(goal_tree(rs))
    assert (total.less_ambitious_rising, total.less_ambitious_falling) == (3, 1)
    assert judge(RISES, 5.0, 5.0) == (GoalStatus.MET, False) and judge("", 1.0, 2.0)[0] is GoalStatus.UNKNOWN


def test_assignments_past_their_end_date_and_statuses_given_for_all(dataset: Dataset, rs: Dataset) -> None:
    overdue = [a for a in assignments(rs, 2025) if a.overdue]
    assert "2024-12-31" in line(S001, 514) and [a.end_date for a in overdue] == [pd.Timestamp("2024-12-31")]
    assert not any(a.status_assumed for a in assignments(rs, 2025))  # each status is printed above its own
    hsn = assignments(dataset.one("Region Västerbotten", "HSN", 2025), 2025)
    assert "uppdrag från fullmäktige pågår" in line("004_3edf439f794cb21d.txt", 16)
    assert all(a.status_assumed and a.status_line == 16 for a in hsn) and len(hsn) == 7
