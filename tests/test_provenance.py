"""Fidelity: every printed value, unit, label and name stands on its cited source line."""

from __future__ import annotations

from pathlib import Path

import pytest

import budgetlib
from budgetlib.cli import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, main
from budgetlib.dataset import Dataset
from budgetlib.goals import goal_tree
from budgetlib.provenance import check_provenance
from budgetlib.report_links import namnd_links
from budgetlib.report_tables import INDENT, goal_table
from tests.conftest import edit_csv


def test_every_row_is_found_on_its_cited_line(dataset: Dataset) -> None:
    problems = check_provenance(dataset)
    assert problems.empty, problems.to_string()


def test_every_text_figure_is_checked_on_its_own_line(dataset: Dataset, data_copy: Path) -> None:
    # Move every figure stated in running text one line down: each must then be reported as not found.
    text = (data_copy / "statements.csv").read_text(encoding="utf-8").splitlines()
    shifted = [text[0]] + [f"{line.rsplit(',', 1)[0]},{int(line.rsplit(',', 1)[1]) + 1}" for line in text[1:]]
    (data_copy / "statements.csv").write_text("\n".join(shifted) + "\n", encoding="utf-8")
    problems = check_provenance(budgetlib.load(data_copy))
    shifted_values = problems[problems["field"] == "value_text"]
    assert len(shifted_values) == len(dataset.figures[dataset.figures["source"] == "text"])


def test_a_wrong_line_is_reported_with_where_and_what(data_copy: Path) -> None:
    row = edit_csv(
        data_copy / "amounts.csv",
        "Politik och Revision,part,,b2024,Budget 2024,2024,beslut,ram,3,1,miljoner kronor,73,99",
        "Politik och Revision,part,,b2024,Budget 2024,2024,beslut,ram,3,1,miljoner kronor,73,98",
    )
    problems = check_provenance(budgetlib.load(data_copy))
    assert problems.to_dict("records") == [
        {
            "source_file": "003_7568518892398882.txt",
            "record": "t003_omraden:politik_revision:b2024",
            "field": "value_text",
            "lines": "98",
            "expected": "3",
            "csv_file": "amounts.csv",
            "csv_row": row,
        }
    ]


def test_a_delmal_and_a_frequency_are_still_checked_on_their_lines(data_copy: Path) -> None:
    # i001_01: delmål cited from the indicator's own line (so it has none above it), periodicitet from it too
    row = edit_csv(data_copy / "indicators.csv", ",132,136,141,145,146\n", ",132,141,141,145,141\n")
    problems = check_provenance(budgetlib.load(data_copy))
    assert problems[["record", "field", "lines", "csv_row"]].to_dict("records") == [
        {"record": "i001_01", "field": "subgoal", "lines": "141–140", "csv_row": row},
        {"record": "i001_01", "field": "frequency", "lines": "141–143", "csv_row": row},
    ]


def test_an_indicator_without_delmal_or_frequency_claims_only_what_is_given(data_copy: Path) -> None:
    indicators = data_copy / "indicators.csv"
    subgoal = (
        "Implementera strukturerade arbetssätt med barnrättsperspektiv inom regionstyrelsens verksamheter"
    )
    edit_csv(indicators, f",{subgoal},Antal medarbetare som gått", ",,Antal medarbetare som gått")
    given = '"Tertial: aug, dec",2023,,2025,200,132,136,141,145,146'
    edit_csv(indicators, given, ",2023,,2025,200,132,,141,145,")
    dataset = budgetlib.load(data_copy)
    assert check_provenance(dataset).empty
    first = goal_tree(dataset)[0]  # the indicator now stands directly under its goal, beside the delmål
    assert [i.indicator for i in first.indicators] == ["Antal medarbetare som gått utbildning om barnrätt"]
    assert subgoal not in [sub.text for sub in first.subgoals] and first.subgoals
    shown = goal_table([first], namnd_links("Region Västerbotten", "RS", 2025)).frame
    assert [str(cell) for cell in shown["Mål, delmål och indikator"][:3]] == [
        first.text,
        INDENT + first.indicators[0].indicator,  # one level in, as a delmål is
        INDENT + first.subgoals[0].text,
    ]
    assert shown["Periodicitet"].tolist()[1:3] == ["–", ""]  # not printed for it; a delmål row has none
    # the name is still checked: cited on its value line, where it does not stand, it is reported
    edit_csv(indicators, ",132,,141,145,", ",132,,145,145,")
    problems = check_provenance(budgetlib.load(data_copy))
    assert problems[["record", "field", "lines"]].to_dict("records") == [
        {"record": "i001_01", "field": "indicator", "lines": "145"}
    ]


def test_verify_names_the_data_file_and_row(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_copy), "verify"]) == EXIT_OK
    assert "står på sina rader" in capsys.readouterr().out
    row = edit_csv(data_copy / "statements.csv", '"3356,1",1,mkr,24,24', '"3365,1",1,mkr,24,24')
    title_row = edit_csv(data_copy / "documents.csv", "Plan och budget 2024 för", "Plan och budget 2025 för")
    assert main(["--data-dir", str(data_copy), "verify"]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert f"statements.csv, rad {row}, kolumn 'value_text': '3365,1' står inte på rad 24 i 002_" in out
    assert f"documents.csv, rad {title_row}, kolumn 'title': 'Plan och budget 2025" in out
    assert "2 uppgifter står inte där datan säger." in out


def test_verify_on_a_folder_that_does_not_load_is_bad_input(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_csv(data_copy / "statements.csv", '"3356,1",1,mkr,24,24', '"3356,1",1,mkr,24,x')
    assert main(["--data-dir", str(data_copy), "verify"]) == EXIT_BAD_INPUT
    assert "statements.csv, rad" in capsys.readouterr().err


def test_a_mistyped_figure_is_reported(data_copy: Path) -> None:
    edit_csv(data_copy / "statements.csv", '"3356,1",1,mkr,24,24', '"3365,1",1,mkr,24,24')
    problems = check_provenance(budgetlib.load(data_copy))
    assert list(problems["record"]) == ["s002_ram"]


def test_a_title_printed_over_two_lines_is_keyed_whole(dataset: Dataset, data_copy: Path) -> None:
    lines = (data_copy / "sources" / "004_3edf439f794cb21d.txt").read_text(encoding="utf-8").splitlines()
    diarienummer = str(dataset.documents.set_index("doc_id").loc["004", "diarienummer"])
    printed = " ".join(line.strip() for line in lines[: lines.index(diarienummer)])  # lines 1–2
    assert printed.endswith("delårsrapport per april 2025 - Hälso-och sjukvårdsnämnden")
    assert dataset.documents.set_index("doc_id").loc["004", "title"] == printed
    row = edit_csv(data_copy / "documents.csv", f"{printed},1,", f"{printed} och mer,1,")
    problems = check_provenance(budgetlib.load(data_copy)).to_dict("records")
    assert [(p["record"], p["field"], p["lines"], p["csv_row"]) for p in problems] == [
        ("004", "title", "1–3", row)
    ]
