"""Reconciliation of the five documents: every table and stated figure checked.

Expected figures are read from the source texts here, independently of data/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.findings import Check, Findings
from budgetlib.numbers import format_number, parse_number
from budgetlib.reconciliation import reconcile

SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources"
DOC_001 = "001_14dd89f663d29f12.txt"
DOC_003 = "003_7568518892398882.txt"


@pytest.fixture(scope="module")
def findings(dataset: Dataset) -> pd.DataFrame:
    return reconcile(dataset).to_frame().set_index("subject")


def source_lines(name: str, first: int, last: int) -> list[str]:
    return (SOURCES / name).read_text(encoding="utf-8").splitlines()[first - 1 : last]


def numbers_on(line: str, count: int) -> list[float]:
    """The last ``count`` space-grouped Swedish numbers on a table line, read without data/.

    '1 130 1 178 49' has one reading as three numbers: a number is a first group
    (no leading zero) followed by at most one three-digit group (these tables
    are in mkr, below a million). The test fails if the reading is not unique.
    """
    tokens = re.findall(r"-?\d+(?:,\d+)?", line)

    def readings(rest: list[str], wanted: int) -> list[list[str]]:
        if wanted == 0:
            return [[]] if not rest else []
        found = []
        for size in range(1, min(len(rest), 2) + 1):
            head, tail = rest[:size], rest[size:]
            first_ok = not (len(head[0]) > 1 and head[0].lstrip("-").startswith("0"))
            if first_ok and all(len(t) == 3 for t in head[1:]):
                found += [[" ".join(head), *more] for more in readings(tail, wanted - 1)]
        return found

    for skip in range(len(tokens)):
        options = readings(tokens[skip:], count)
        if options:
            assert len(options) == 1, f"ambiguous: {line!r} → {options}"
            return [parse_number(v) for v in options[0]]
    raise AssertionError(f"no {count} numbers on {line!r}")


def bridge_003() -> list[float]:
    """003 lines 42-48: Ram 2024, the five changes, and "= Ram 2025", in mkr."""
    lines = source_lines(DOC_003, 42, 48)
    return [numbers_on(line.replace("2024", "").replace("2025", ""), 1)[0] for line in lines]


def related_figures(dataset: Dataset) -> set[str]:
    """Figures the data relates to others, read from relations.csv and tables.csv, not from reconcile.

    A relation names its stated figure, its terms and its base; a table with a
    sum, partial sum or bridge relates every figure of a column that holds its
    total (or closing balance).
    """
    named = set(dataset.relations[c.STATED])
    for text in (*dataset.relations[c.TERMS], *dataset.relations[c.BASE]):
        named |= set(re.findall(r"[+-](\S+)", text))
    figures = dataset.figures.merge(dataset.tables[[c.TABLE_ID, c.RELATION]], on=c.TABLE_ID)
    figures = figures[figures[c.RELATION].isin(["sum", "partial_sum", "bridge"])]
    for _, column in figures.groupby([c.TABLE_ID, c.COLUMN_ID]):
        if column[c.ROLE].isin(["total", "closing"]).any():
            named |= set(column[c.FIGURE_ID])
    return named


def test_related_figures_are_checked_and_only_the_rest_are_unlinked(dataset: Dataset) -> None:
    findings = reconcile(dataset)
    checked = {fid for f in findings if f.check is not Check.UNLINKED for fid in f.figure_ids}
    unlinked = [f.figure_ids for f in findings if f.check is Check.UNLINKED]
    every_figure = set(dataset.figures[c.FIGURE_ID])
    related = related_figures(dataset)
    assert related <= every_figure and len(related) > len(every_figure) / 2
    assert sorted(related - checked) == []
    assert all(len(ids) == 1 for ids in unlinked)
    assert sorted(fid for (fid,) in unlinked) == sorted(every_figure - checked)


def test_only_the_unit_slips_of_003_fail(dataset: Dataset) -> None:
    failing = reconcile(dataset).failing.to_frame()
    assert sorted(failing["subject"]) == ["r003_ram", "r003_ramhojning"]
    assert set(failing["status"]) == {"unit_slip"}


def test_supplement_000_adds_up_exactly(findings: pd.DataFrame) -> None:
    lines = source_lines("000_a9a73f1fbb1b2d92.txt", 19, 29)
    amounts = [float(m) for line in lines for m in re.findall(r"(\d+) mkr", line)]
    parts, total = amounts[:-1], amounts[-1]
    finding = findings.loc["t000_tillskott"]
    assert (finding["status"], finding["actual"], finding["expected"]) == ("exact", sum(parts), total)
    assert finding["relation"].startswith("81 + 19 + 20")


def test_supplement_000_leaves_an_unitemised_reduction(findings: pd.DataFrame) -> None:
    text = " ".join(source_lines("000_a9a73f1fbb1b2d92.txt", 5, 7))
    frame_increase, left = (float(x) for x in re.findall(r"(\d+) mkr", text))
    finding = findings.loc["r000_forstarkning"]
    assert finding["status"] == "residual"
    assert finding["expected"] - finding["actual"] == frame_increase - left
    said = re.search(r"Utrymmet (reduceras .*?)\.", " ".join(text.split()))
    assert said is not None  # the document names the reduction, without a figure
    rest = f"{int(frame_increase - left)} mkr av {int(frame_increase)} mkr"
    assert finding["message"] == f"Resten, {rest}, anges i dokumentet utan belopp: ”{said.group(1)}”."


def test_a_remainder_the_document_does_not_explain_stays_unspecified(findings: pd.DataFrame) -> None:
    assert findings.loc["r003_prioriteringar", "message"] == "Ospecificerat: 181 mkr av 513 mkr."


def test_area_table_003_column_sums_are_off_by_rounding_only(findings: pd.DataFrame) -> None:
    rows = [numbers_on(line, 3) for line in source_lines("003_7568518892398882.txt", 87, 99)]
    printed_sums = numbers_on(source_lines("003_7568518892398882.txt", 100, 100)[0], 3)
    for column_label, index in (("Budget 2024", 0), ("Förslag budget 2025", 1), ("Förändring", 2)):
        finding = findings.loc[f"t003_omraden · {column_label}"]
        parts_sum = sum(row[index] for row in rows)
        assert finding["actual"] == parts_sum
        assert finding["expected"] == printed_sums[index]
        assert finding["tolerance"] == (len(rows) + 1) / 2  # 13 parts and a total, whole mkr
        assert finding["status"] == ("exact" if parts_sum == printed_sums[index] else "rounding")


def test_change_column_003_is_budget_difference_within_rounding(findings: pd.DataFrame) -> None:
    arithmetic = findings[findings["check"] == "row_arithmetic"]
    for difference, status in zip(arithmetic["difference"], arithmetic["status"], strict=True):
        assert abs(difference) <= 1
        assert status == ("exact" if difference == 0 else "rounding")
    line = source_lines(DOC_003, 95, 95)[0]  # "Folktandvården 202 201 0"
    budget, proposal, change = (f"{v:.0f}" for v in numbers_on(line, 3))
    assert findings.loc["t003_omraden · Förändring · folktandvarden", "relation"] == (
        f"{proposal} − {budget} = {change}"
    )


def test_bridge_003_adds_up_to_ram_2025(findings: pd.DataFrame) -> None:
    values = bridge_003()
    finding = findings.loc["t003_bridge"]
    assert (finding["status"], finding["actual"], finding["expected"]) == (
        "exact",
        sum(values[:-1]),
        values[-1],
    )


def test_text_frame_of_003_is_a_unit_slip_of_mdkr(findings: pd.DataFrame) -> None:
    (stated,) = re.findall(r"till (\d+,\d) mnkr", source_lines(DOC_003, 38, 38)[0])
    finding = findings.loc["r003_ram"]
    assert finding["status"] == "unit_slip"
    assert (
        f"läst som {stated} mdkr = {format_number(parse_number(stated) * 1000, 0)} mkr" in finding["message"]
    )
    assert "ryms skillnaden i avrundningen" in finding["message"]


def test_frame_increase_of_003_is_a_unit_slip_and_rounded_twice(findings: pd.DataFrame) -> None:
    (stated,) = re.findall(r"ramhöjning med (\d+,\d) mnkr", source_lines(DOC_003, 39, 39)[0])
    ram_2024, *_, ram_2025 = bridge_003()
    finding = findings.loc["r003_ramhojning"]
    assert finding["status"] == "unit_slip"
    assert finding["actual"] == ram_2025 - ram_2024
    off_as_mdkr = parse_number(stated) * 1000 - (ram_2025 - ram_2024)
    assert f"även därefter är skillnaden {off_as_mdkr:.0f} mkr" in finding["message"]


def test_priorities_003_leave_the_fourth_unpriced(findings: pd.DataFrame) -> None:
    *_, priority, _ = bridge_003()  # line 47: "Prioritering 513"
    priced = [float(m) for m in re.findall(r"(\d+) mnkr", " ".join(source_lines(DOC_003, 59, 72)))]
    assert len(priced) == 3  # primärvård, vårdplatser, psykiatri; the fourth has no amount
    finding = findings.loc["r003_prioriteringar"]
    assert (finding["status"], finding["expected"], finding["actual"]) == ("residual", priority, sum(priced))


def test_vardval_percent_003_is_a_little_over_11(findings: pd.DataFrame) -> None:
    text = " ".join(source_lines(DOC_003, 116, 120))  # "öka med 120 mnkr" … "1 184 mnkr"
    increase, frame_2025 = (parse_number(m) for m in re.findall(r"(\d[\d ]*) mnkr", text))
    (stated,) = re.findall(r"drygt\s+(\d+) procent", " ".join(source_lines(DOC_003, 61, 62)))
    finding = findings.loc["r003_vardval_procent"]
    assert finding["expected"] == float(stated)
    assert finding["actual"] == pytest.approx(100 * increase / (frame_2025 - increase))
    assert finding["status"] == "rounding"
    assert "Stämmer med drygt" in finding["message"]


def test_forecast_001_parts_differ_from_total_by_rounding(findings: pd.DataFrame) -> None:
    text = " ".join(source_lines(DOC_001, 706, 727))
    signed = {"negativ budgetavvikelse": -1, "underskott": -1, "överskott": 1}
    words = "|".join(signed)
    found = re.findall(rf"({words})[^.]*? (\d+) miljoner", text)  # the amount in the same sentence
    (total, *parts) = [signed[word] * float(amount) for word, amount in found]
    assert len(parts) == 5  # the five sub-areas of lines 709-710
    finding = findings.loc["t001_prognos"]
    assert (finding["expected"], finding["actual"]) == (total, sum(parts))
    assert finding["tolerance"] == (len(parts) + 1) / 2  # five parts and a total in whole mkr
    assert finding["status"] == "rounding"


def test_appropriations_001_add_up_exactly(findings: pd.DataFrame) -> None:
    text = " ".join(source_lines(DOC_001, 770, 814))
    (total,) = (parse_number(m) for m in re.findall(r"ställa (\d[\d ]*,\d) miljoner", text))
    budget = r"(?:budget på|uppgår(?: 2025)? till) (\d[\d ]*,\d) miljoner"
    appropriations = [parse_number(m) for m in re.findall(budget, text)]
    assert len(appropriations) == 4  # primärvård, tandvård, digitalisering, regiongemensamt (lines 793-814)
    finding = findings.loc["t001_anslag · Budget 2025"]
    assert finding["status"] == "exact"
    assert finding["expected"] == total
    assert finding["actual"] == pytest.approx(sum(appropriations))


def test_investments_001_name_only_part_of_the_budget(findings: pd.DataFrame) -> None:
    (budget,) = re.findall(r"investeringsbudgeten till (\d+) miljoner", source_lines(DOC_001, 735, 735)[0])
    text = " ".join(source_lines(DOC_001, 755, 766))
    named = [float(m) for m in re.findall(r"(\d+) miljon(?:er)? kronor", text)]
    assert len(named) == 5  # medicinteknik, IT, hjälpmedel, verksamhetsservice, regional utveckling
    finding = findings.loc["t001_investeringar"]
    assert finding["status"] == "residual"
    assert finding["expected"] - finding["actual"] == float(budget) - sum(named)


def test_cross_document_personnel_cost_names_both_phases(findings: pd.DataFrame) -> None:
    finding = findings.loc["r004_personalkostnad_region"]
    assert finding["check"] == "cross_document"
    assert finding["doc_ids"] == "001, 004"
    assert "Mellan dokument: 001 (beslut), 004 (beslut)" in finding["message"]
    assert finding["status"] == "residual"


def test_vote_002_adds_up_to_the_voting_list(findings: pd.DataFrame) -> None:
    listed = [line for line in source_lines("002_5242cddf40ba70f2.txt", 93, 105) if line.strip()]
    finding = findings.loc["v002_1"]
    assert (finding["status"], finding["expected"]) == ("exact", len(listed))


def test_findings_filter_by_document(dataset: Dataset) -> None:
    findings: Findings = reconcile(dataset)
    jamtland = findings.involving(["002"]).to_frame()
    assert set(jamtland["doc_ids"]) == {"002"}
    assert set(jamtland["check"]) == {"sum", "unlinked"}
