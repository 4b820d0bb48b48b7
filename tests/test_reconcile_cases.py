"""Each check kind on constructed figures, and the edge cases of the rounding rule."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib.checks import compare, percent, residual
from budgetlib.figure import Figure
from budgetlib.findings import Check, Status
from budgetlib.numbers import to_base
from budgetlib.reconciliation import reconcile
from budgetlib.tolerance import rounding_tolerance
from tests.conftest import edit_csv


def fig(
    text: str,
    unit: str = "mkr",
    sign: int = 1,
    doc: str = "a",
    phase: str = "beslut",
    qualifier: str = "",
    name: str | None = None,
) -> Figure:
    value, base, step = to_base(text, unit)
    figure_id = name or f"{doc}:{text}:{unit}"
    return Figure(
        figure_id,
        doc,
        figure_id,
        value * sign,
        step,
        base,
        text,
        unit,
        sign,
        phase,
        qualifier,
        f"{doc}.txt",
        1,
    )


def plus(*figures: Figure) -> list[tuple[int, Figure]]:
    return [(1, f) for f in figures]


def test_tolerance_is_half_a_step_per_printed_figure() -> None:
    assert rounding_tolerance([1.0] * 14) == 7.0  # 13 parts and a total in whole mkr
    assert rounding_tolerance([0.1, 1.0]) == pytest.approx(0.55)


@pytest.mark.parametrize(
    ("parts", "total", "status"),
    [
        (["1", "2"], "3", Status.EXACT),
        (["1", "1", "1"], "4", Status.ROUNDING),
        (["1", "1", "1"], "5", Status.ROUNDING),  # difference 2 = (3 + 1) · 1 / 2: still rounding
        (["1", "1", "1"], "6", Status.MISMATCH),
        (["5"], "5", Status.EXACT),  # a single part
        (["5"], "6", Status.ROUNDING),  # one part and a total: at most 1 apart
        (["5"], "7", Status.MISMATCH),
        (["0"], "0", Status.EXACT),
        (["-5", "3"], "-2", Status.EXACT),  # negative values
        (["-5", "3"], "-3", Status.ROUNDING),
        (["10,5", "20"], "30", Status.ROUNDING),  # mixed precision: 0,05 + 0,5 + 0,5
        (["10,5", "20,2"], "31,0", Status.MISMATCH),  # all one decimal: tolerance 0,15
        (["10,5", "20,2"], "31", Status.ROUNDING),  # the integer total widens it to 0,6
    ],
)
def test_sum_status(parts: list[str], total: str, status: Status) -> None:
    finding = compare(Check.SUM, "t", fig(total), plus(*(fig(p, name=f"p{i}") for i, p in enumerate(parts))))
    assert finding.status is status
    assert finding.difference == pytest.approx(
        sum(to_base(p, "mkr")[0] for p in parts) - to_base(total, "mkr")[0]
    )


def test_mixed_units_are_compared_in_mkr() -> None:
    finding = compare(Check.SUM, "t", fig("4"), plus(fig("1 500", "tkr"), fig("2,5", "miljoner kronor")))
    assert (finding.status, finding.actual, finding.unit) == (Status.EXACT, 4.0, "mkr")
    assert finding.relation == "1\u00a0500\u00a0tkr + 2,5\u00a0miljoner kronor = 4\u00a0mkr"


def test_words_give_the_sign_of_unsigned_figures() -> None:
    deficit, surplus = fig("47", sign=-1, name="d"), fig("2", name="s")
    finding = compare(Check.SUM, "t", fig("45", sign=-1, name="t"), plus(deficit, surplus))
    assert finding.relation == "−47 + 2 = −45"
    assert finding.status is Status.EXACT


def test_unit_slip_mnkr_written_for_mdkr() -> None:
    finding = compare(Check.EQUALS, "r", fig("9,1", "mnkr"), plus(fig("9 065")))
    assert finding.status is Status.UNIT_SLIP
    assert "9,1 mdkr = 9\u00a0100 mkr" in finding.message


def test_unit_slip_kr_written_for_mkr() -> None:
    finding = compare(Check.EQUALS, "r", fig("3", "kr"), plus(fig("3")))
    assert finding.status is Status.UNIT_SLIP
    assert "läst som 3 mkr = 3 mkr" in finding.message


def test_a_plain_mismatch_is_not_called_a_unit_slip() -> None:
    finding = compare(Check.EQUALS, "r", fig("9"), plus(fig("5 000")))
    assert finding.status is Status.MISMATCH
    assert "större än vad avrundning förklarar" in finding.message


def test_zero_is_never_a_unit_slip() -> None:
    assert compare(Check.EQUALS, "r", fig("0"), plus(fig("2"))).status is Status.MISMATCH


@pytest.mark.parametrize(
    ("total", "parts", "status", "remainder"),
    [
        ("10", ["4"], Status.RESIDUAL, 6.0),
        ("10", ["4", "6"], Status.EXACT, 0.0),
        ("10", ["4", "7"], Status.ROUNDING, -1.0),
        ("10", ["8", "7"], Status.MISMATCH, -5.0),  # named parts exceed the total
        ("-10", ["-4"], Status.RESIDUAL, -6.0),
    ],
)
def test_residual(total: str, parts: list[str], status: Status, remainder: float) -> None:
    finding = residual(
        Check.RESIDUAL, "r", fig(total), plus(*(fig(p, name=f"p{i}") for i, p in enumerate(parts)))
    )
    assert finding.status is status
    assert finding.expected - finding.actual == pytest.approx(remainder)


def test_percent_with_qualifiers() -> None:
    increase, total = fig("120", name="n"), fig("1 184", name="t")
    base = [(1, total), (-1, increase)]
    a_little_over = percent("p", fig("11", "procent", qualifier="drygt"), plus(increase), base)
    assert a_little_over.status is Status.ROUNDING and a_little_over.actual == pytest.approx(11.278, abs=1e-3)
    claimed_over_12 = percent("p", fig("12", "procent", qualifier="drygt"), plus(increase), base)
    assert claimed_over_12.status is Status.MISMATCH
    assert "drygt (lite över) 12 %" in claimed_over_12.message
    a_little_under = percent("p", fig("11,5", "%", qualifier="knappt"), plus(increase), base)
    assert a_little_under.status is Status.MISMATCH  # 11,28 is under 11,5, but by more than rounding


def test_percent_of_nothing_is_not_checkable() -> None:
    zero_base = [(1, fig("3", name="a")), (-1, fig("3", name="b"))]
    for qualifier in ("", "drygt ", "knappt "):
        stated = fig("5", "%", qualifier=qualifier.strip())
        finding = percent("p", stated, plus(fig("1", name="n")), zero_base)
        assert finding.status is Status.NOT_CHECKABLE
        assert math.isnan(finding.actual) and math.isnan(finding.tolerance)
        assert finding.message == "Basen är noll, så ingen procentsats kan räknas fram att jämföra med."
        assert finding.relation == f"100 · 1\u00a0mkr / (3\u00a0mkr − 3\u00a0mkr) = {qualifier}5\u00a0%"


def test_a_percentage_of_a_difference_is_written_with_its_brackets() -> None:
    """The change of a frame as % of last year's: 100 · (64 524 − 61 668) / 61 668 = 4,6 %."""
    this_year, last_year = fig("64 524", name="r2025"), fig("61 668", name="r2024")
    finding = percent("p", fig("4,6", "%"), [(1, this_year), (-1, last_year)], plus(last_year))
    assert (
        finding.relation
        == "100 · (64\u00a0524\u00a0mkr − 61\u00a0668\u00a0mkr) / (61\u00a0668\u00a0mkr) = 4,6\u00a0%"
    )
    assert finding.actual == pytest.approx(100 * (64_524 - 61_668) / 61_668)


def test_unit_slip_without_a_unit_name_is_written_as_a_power_of_ten() -> None:
    finding = compare(Check.EQUALS, "r", fig("9", "mdkr"), plus(fig("9 000 000 000")))
    assert finding.status is Status.UNIT_SLIP
    assert "läst som 9 · 10^9 mkr" in finding.message


def test_cross_document_names_documents_and_phases() -> None:
    planned = fig("100", doc="a", phase="förslag", name="plan")
    outcome = fig("100", doc="b", phase="utfall", name="utfall")
    finding = compare(Check.EQUALS, "x", outcome, plus(planned))
    assert finding.check is Check.CROSS_DOCUMENT
    assert finding.message.startswith("Mellan dokument: a (förslag), b (utfall).")
    assert finding.doc_ids == ("a", "b")


def _add_table(data_dir: Path, table: str, rows: list[str], derived: str = "", relation: str = "sum") -> None:
    """Append a constructed table to document 003 (figures cite line 1; provenance is not checked)."""
    edit_csv(
        data_dir / "tables.csv",
        "t003_bridge,003,",
        f"{table},003,Konstruerad,{relation},{derived},1,1\nt003_bridge,003,",
    )
    with (data_dir / "amounts.csv").open("a", encoding="utf-8") as amounts:
        amounts.writelines(f"{table},{row},mkr,1,1\n" for row in rows)


def test_hierarchy_whose_children_are_parents(data_copy: Path) -> None:
    row = "{id},{label},{role},{parent},value,Belopp,2025,beslut,ram,{value},1"
    _add_table(
        data_copy,
        "t_nested",
        [
            row.format(id="total", label="Totalt", role="total", parent="", value="100"),
            row.format(id="b", label="B", role="part", parent="", value="60"),
            row.format(id="c", label="C", role="part", parent="", value="40"),
            row.format(id="b1", label="B1", role="part", parent="b", value="35"),
            row.format(id="b2", label="B2", role="part", parent="b", value="25"),
            row.format(id="b1a", label="B1a", role="part", parent="b1", value="20"),
            row.format(id="b1b", label="B1b", role="part", parent="b1", value="17"),
        ],
    )
    found = reconcile(budgetlib.load(data_copy)).to_frame().set_index("subject")
    assert list(found.loc["t_nested · Belopp · b1", ["status", "actual"]]) == ["mismatch", 37.0]
    assert list(found.loc["t_nested · Belopp · b", ["status", "actual"]]) == ["exact", 60.0]
    assert list(found.loc["t_nested", ["status", "actual"]]) == ["exact", 100.0]


@pytest.mark.parametrize(
    ("derived", "columns", "values", "status"),
    [
        (
            "Nettokostnad = Intäkter + Kostnader",
            ("Intäkter", "Kostnader", "Nettokostnad"),
            ("-40", "100", "60"),
            "exact",
        ),
        ("Avvikelse = Utfall - Budget", ("Budget", "Utfall", "Avvikelse"), ("100", "95", "-5"), "exact"),
        ("Avvikelse = Utfall - Budget", ("Budget", "Utfall", "Avvikelse"), ("100", "95", "5"), "mismatch"),
    ],
)
def test_row_arithmetic(
    data_copy: Path, derived: str, columns: tuple[str, str, str], values: tuple[str, str, str], status: str
) -> None:
    rows = [
        f"rad,Rad,item,,k{i},{column},2025,utfall,ram,{value},1"
        for i, (column, value) in enumerate(zip(columns, values, strict=True))
    ]
    _add_table(data_copy, "t_rows", rows, derived=derived, relation="none")
    found = reconcile(budgetlib.load(data_copy)).to_frame()
    checked = found[found["check"] == "row_arithmetic"]
    mine = checked[checked["subject"].str.startswith("t_rows")]
    pd.testing.assert_series_equal(mine["status"].reset_index(drop=True), pd.Series([status], name="status"))
