"""Per-nämnd analysis against figures read from the documents."""

from __future__ import annotations

import math

import pandas as pd
import pandas.testing as pdt
import pytest

import budgetlib
from budgetlib import analysis
from budgetlib.dataset import Dataset


@pytest.fixture(scope="module")
def varmland(dataset: Dataset) -> Dataset:
    return dataset.one("Region Värmland", "HSN", 2025)


@pytest.fixture(scope="module")
def rs(dataset: Dataset) -> Dataset:
    return dataset.one("Region Västerbotten", "RS", 2025)


def test_overview_takes_the_frame_from_the_bridge_not_the_slipped_text(varmland: Dataset) -> None:
    overview = analysis.overview(varmland, 2025)
    assert overview.frame is not None and overview.previous is not None
    assert (overview.frame.value, overview.frame.line) == (9065.0, 48)  # not "9,1 mnkr" on line 38
    assert (overview.previous.value, overview.change) == (8428.0, 637.0)
    assert overview.change_percent == pytest.approx(100 * 637 / 8428)


def test_overview_without_a_frame(dataset: Dataset) -> None:
    overview = analysis.overview(dataset.one("Region Västerbotten", "HSN", 2025), 2025)
    assert overview.frame is None and math.isnan(overview.change)
    assert list(overview.documents["doc_id"]) == ["000", "004"]


def test_bridge_steps_in_printed_order(varmland: Dataset) -> None:
    steps = analysis.bridge_steps(varmland)
    assert list(steps["role"]) == ["opening", *["component"] * 5, "closing"]
    assert steps["value"].iloc[1:-1].sum() == steps["value"].iloc[-1] - steps["value"].iloc[0]


def test_allocation_per_area_with_stated_change(varmland: Dataset) -> None:
    allocation = analysis.allocation(varmland, 2025).set_index("row_id")
    assert len(allocation) == 13
    row = allocation.loc["medicinska_spec"]  # 003 line 90: 1 850 2 019 170
    assert (row["previous"], row["budget"], row["change"]) == (1850.0, 2019.0, 170.0)


def test_allocation_of_appropriations_sums_named_changes(rs: Dataset) -> None:
    allocation = analysis.allocation(rs, 2025).set_index("row_id")
    # 001 lines 815–818: −428,4 + 36 + 1,9 − 1,6
    assert allocation.loc["regiongemensamt", "named_changes"] == pytest.approx(-428.4 + 36 + 1.9 - 1.6)
    assert allocation["previous"].isna().all()


def test_supplements_with_unitemised_remainders(dataset: Dataset) -> None:
    hsn = dataset.one("Region Västerbotten", "HSN", 2025)
    findings = budgetlib.reconcile(dataset).involving(hsn.documents["doc_id"])
    supplements = analysis.supplements(hsn, findings)
    listed = supplements[supplements["group"] == "Fördelning av budgettillskott 2025"]
    assert listed["value"].sum() == 190.0
    unspecified = supplements[supplements["unspecified"]]
    pdt.assert_series_equal(
        unspecified["value"].reset_index(drop=True), pd.Series([214.0 - 190.0], name="value")
    )


def test_forecast_and_investments(dataset: Dataset, rs: Dataset) -> None:
    forecast = analysis.forecast(rs)
    total = forecast[forecast["role"] == "total"]
    assert (total["value"].item(), total["year"].item()) == (-104.0, 2024)  # 001 line 706: "för 2024 på 104"
    investments = analysis.investments(rs, budgetlib.reconcile(dataset).involving(["001"]))
    unspecified = investments[investments["label"] == analysis.UNSPECIFIED]
    assert unspecified["value"].item() == 893 - (175 + 66 + 33 + 2 + 1)


def test_targets_less_ambitious_than_the_last_outcome(rs: Dataset) -> None:
    indicators = analysis.indicators(rs)
    flagged = set(indicators.loc[indicators["below_outcome"], "indicator"])
    assert flagged == {
        "Antal interna och externa digitala möten",  # 204 801 → 150 000
        "Miljökrav ställs i prioriterade upphandlingar",  # 64 % → 50 %
        "Antal doktorander inom forskningsområdet informationsteknik",  # 3 → 2
        # should fall, yet the target is above the outcome:
        "Lokalyta som regionen äger och hyr ska inte ökas till år 2030 i jämförelse med 2020",
    }
    from_zero = indicators[indicators["outcome"] == 0]
    assert from_zero["target_vs_outcome"].isna().all()


def test_assignments_past_their_end_date(rs: Dataset) -> None:
    assignments = analysis.assignment_status(rs, 2025)
    overdue = assignments[assignments["overdue"]]
    assert list(overdue["end_date"]) == [pd.Timestamp("2024-12-31")]
    assert list(overdue["status"]) == ["Pågående"]
