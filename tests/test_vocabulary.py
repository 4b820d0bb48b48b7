"""One vocabulary per concept: data/README.md and budgetlib.vocabulary allow exactly the same values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import budgetlib
from budgetlib import columns as c
from budgetlib import vocabulary as v
from tests.conftest import edit_csv

README = Path(__file__).resolve().parents[1] / "data" / "README.md"
FACTORS = {"10⁻⁶": 1e-6, "10⁻³": 1e-3, "1": 1.0, "10³": 1e3}


def allowed_section() -> dict[str, list[list[str]]]:
    """Each ``### heading`` of the README's *Allowed values* with its table rows as cells."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Allowed values\n", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, list[list[str]]] = {}
    for block in section.split("\n### ")[1:]:
        heading, _, body = block.partition("\n")
        rows = [line.strip("|").split("|") for line in body.splitlines() if line.startswith("| `")]
        tables[heading.strip()] = [[cell.strip() for cell in row] for row in rows]
    return tables


def quoted(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def test_every_vocabulary_has_its_own_section() -> None:
    headings = {f"`{voc.name}` ({voc.where})" for voc in v.CHOICE_VOCABULARIES}
    units = "units (`unit_text` in amounts.csv, statements.csv)"
    assert set(allowed_section()) == headings | {units}


@pytest.mark.parametrize("vocabulary", v.CHOICE_VOCABULARIES, ids=lambda voc: f"{voc.name} {voc.where}")
def test_readme_and_code_allow_the_same_values(vocabulary: v.Vocabulary) -> None:
    rows = allowed_section()[f"`{vocabulary.name}` ({vocabulary.where})"]
    in_readme = {quoted(row[0])[0]: tuple(quoted(row[1])) for row in rows}
    in_code = {term.value: term.aliases for term in vocabulary.terms}
    assert in_readme == in_code


def test_readme_and_code_know_the_same_units() -> None:
    rows = allowed_section()["units (`unit_text` in amounts.csv, statements.csv)"]
    in_readme = {quoted(r[0])[0]: (tuple(quoted(r[1])), quoted(r[2])[0], FACTORS[r[3]]) for r in rows}
    in_code = {unit.value: (unit.aliases, unit.base, unit.factor) for unit in v.UNITS}
    assert in_readme == in_code
    assert {base for _, base, _ in in_readme.values()} == set(v.BASE_UNITS)


def test_an_alias_loads_as_its_value(data_copy: Path) -> None:
    edit_csv(data_copy / "amounts.csv", "2024,prognos,budgetavvikelse,47,", "2024,prognos,avvikelse,47,")
    figures = budgetlib.load(data_copy).figures.set_index(c.FIGURE_ID)
    assert figures.loc["t001_prognos:regionforvaltningen", c.MEASURE] == "budgetavvikelse"


def test_a_value_outside_the_vocabulary_names_the_allowed_ones(data_copy: Path) -> None:
    row = edit_csv(data_copy / "amounts.csv", "2024,prognos,budgetavvikelse,47,", "2024,prognos,avvik,47,")
    with pytest.raises(budgetlib.DataError) as raised:
        budgetlib.load(data_copy)
    message = str(raised.value)
    assert f"amounts.csv, rad {row}, kolumn 'measure': väntade något av intäkter, kostnader" in message
    assert "fick 'avvik'" in message
