"""A kommun's indicator table: no delmål, no periodicitet, each name on the line of its values.

The folder is ``tests.folders.kommun_plan_folder``: its source text is ``KOMMUN_PLAN``, and every
expected name and value here is read from that text's lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import budgetlib
from budgetlib.cli import EXIT_BAD_INPUT, main
from budgetlib.compare import target_ambition
from budgetlib.dataset import Dataset
from budgetlib.goals import GoalStatus, goal_tree
from budgetlib.namnd_report import namnd_report
from budgetlib.provenance import check_provenance
from budgetlib.report_sections import section
from budgetlib.report_tables import INDENT
from budgetlib.table import Table
from tests.folders import KOMMUN_INDICATORS, KOMMUN_PLAN, kommun_plan_folder

LINES = KOMMUN_PLAN.splitlines()


def cells(line: int) -> list[str]:
    """The tab-separated cells of a source line (1-based): name, outcome, target."""
    return LINES[line - 1].split("\t")


def name_on(line: int) -> str:
    return cells(line)[0].removesuffix(", %")


@pytest.fixture
def kommun(tmp_path: Path) -> Dataset:
    return budgetlib.load(kommun_plan_folder(tmp_path / "kommun"))


def test_indicators_stand_directly_under_their_goal(kommun: Dataset) -> None:
    goals = goal_tree(kommun)
    assert [(g.text, g.line) for g in goals] == [(LINES[2], 3), (LINES[7], 8)]
    assert all(g.subgoals == () for g in goals)
    first, second = goals
    assert [(i.indicator, i.outcome_text, i.target_text) for i in first.indicators] == [
        (name_on(5), *cells(5)[1:]),
        (name_on(6), *cells(6)[1:]),
    ]
    assert [i.frequency for g in goals for i in g.indicators] == ["", "", "", ""]
    safe, plan = second.indicators
    assert (safe.indicator, safe.outcome, safe.target) == (name_on(10), *map(float, cells(10)[1:]))
    assert (safe.status, safe.less_ambitious) == (GoalStatus.MET, True)  # should rise, target below outcome
    assert (plan.outcome_text, plan.status) == (cells(11)[1], GoalStatus.UNKNOWN)  # "Svar saknas"


def test_names_on_their_value_line_stand_where_the_data_says(kommun: Dataset) -> None:
    assert check_provenance(kommun).empty, check_provenance(kommun).to_string()
    assert not any(f.status.value == "mismatch" for f in budgetlib.reconcile(kommun))


def test_a_name_that_is_not_on_its_line_is_still_caught(tmp_path: Path) -> None:
    # k2's name cited on line 5, its own values left on line 6: below its values, so it has no lines
    below = KOMMUN_INDICATORS.replace(',"12,0",3,,6,6,', ',"12,0",3,,7,6,')
    # k1 cited on the line of k2 (name and values on one line, but not this name)
    elsewhere = below.replace(',"86,0",3,,5,5,', ',"86,0",3,,6,6,')
    problems = check_provenance(budgetlib.load(kommun_plan_folder(tmp_path / "k", elsewhere)))
    assert {(r["record"], r["field"], r["lines"]) for r in problems.to_dict("records")} == {
        ("k1", "indicator", "6"),
        ("k1", "outcome_text", "6"),
        ("k1", "target_text", "6"),
        ("k2", "indicator", "7–5"),
    }


def test_a_subgoal_or_frequency_without_its_line_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = KOMMUN_INDICATORS.replace("3,,5,5,", "3,,5,5,4").replace(
        "kunskapsmålen,,Antal", "kunskapsmålen,Fler lärare,Antal"
    )
    folder = kommun_plan_folder(tmp_path / "k", text)
    with pytest.raises(budgetlib.DataError) as raised:
        budgetlib.load(folder)
    path = folder / "indicators.csv"
    assert sorted(str(p) for p in raised.value.problems) == [
        f"{path}, rad 2, kolumn 'frequency': värde saknas: frequency_line anger rad 4, "
        "men frequency är tomt; fyll i båda eller lämna båda tomma",
        f"{path}, rad 3, kolumn 'subgoal_line': värde saknas: subgoal är ifyllt ('Fler lärare') "
        "och behöver raden det står på",
    ]
    assert main(["--data-dir", str(folder), "check"]) == EXIT_BAD_INPUT
    assert "kolumn 'subgoal_line'" in capsys.readouterr().err


def test_the_goal_view_shows_goal_and_indicator_without_empty_rows(kommun: Dataset) -> None:
    report = namnd_report(kommun, "Umeå", "BUN", 2025)
    items = section(report, "goals")
    (table,) = [item for item in items if isinstance(item, Table)]
    assert list(table.frame.columns) == [
        "Mål och indikator", "Utfall 2024", "Mål 2025", "Enhet", "Riktning", "Status"
    ]  # fmt: skip
    shown = [str(cell) for cell in table.frame["Mål och indikator"]]
    assert shown == [LINES[2], INDENT + name_on(5), INDENT + name_on(6), LINES[7], INDENT + name_on(10),
                     INDENT + name_on(11)]  # fmt: skip
    assert table.strong == (True, False, False, True, False, False)
    said = " ".join(item for item in items if isinstance(item, str))
    assert "4 indikatorer under 2 mål; **3** har både utfall 2024 och mål 2025" in said
    assert "–" not in "".join(str(cell) for cell in table.frame["Mål och indikator"])


def test_target_ambition_counts_indicators_without_delmal(kommun: Dataset) -> None:
    (row,) = target_ambition(kommun).to_dict("records")
    assert (row["region"], row["namnd"], row["indicators"], row["comparable"], row["less_ambitious"]) == (
        "Umeå",
        "BUN",
        4,
        3,
        1,  # line 10: 88 → 85 for a share that should rise
    )


def test_a_delmal_line_beyond_the_source_is_named_as_a_line(tmp_path: Path) -> None:
    text = KOMMUN_INDICATORS.replace("kunskapsmålen,,Antal", "kunskapsmålen,Fler lärare,Antal").replace(
        ',"12,0",3,,6,6,', ',"12,0",3,99,6,6,'
    )
    folder = kommun_plan_folder(tmp_path / "k", text)
    with pytest.raises(budgetlib.DataError) as raised:
        budgetlib.load(folder)
    assert [str(p) for p in raised.value.problems] == [
        f"{folder / 'indicators.csv'}, rad 3, kolumn 'subgoal_line': rad 99 ligger utanför källfilen "
        f"för dokument d1 (som har {len(LINES)} rader)"
    ]
