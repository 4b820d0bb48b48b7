"""Fidelity: every printed value, unit, label and name stands on its cited source line."""

from __future__ import annotations

from pathlib import Path

import budgetlib
from budgetlib.dataset import Dataset
from budgetlib.provenance import check_provenance
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
    edit_csv(
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
        }
    ]


def test_a_mistyped_figure_is_reported(data_copy: Path) -> None:
    edit_csv(data_copy / "statements.csv", '"3356,1",1,mkr,24,24', '"3365,1",1,mkr,24,24')
    problems = check_provenance(budgetlib.load(data_copy))
    assert list(problems["record"]) == ["s002_ram"]
