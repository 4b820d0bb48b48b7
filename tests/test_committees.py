"""Committees: the register's codes and aliases, free names, and several nämnder in one document."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib import columns as c
from budgetlib.cli import EXIT_OK, main
from budgetlib.committees import committee_register
from budgetlib.dataset import Dataset
from budgetlib.numbers import parse_number
from tests.conftest import edit_csv
from tests.folders import pin_sources

SOURCE = """Årsredovisning 2024 för Umeå kommun (KF)
Driftredovisning per nämnd, budget 2024 (mnkr)
Kommunstyrelsen 118,0
Barn- och utbildningsnämnden 1 440,0
varav förskola 475,0
varav grundskola 965,0
Socialnämnden 900,0
Nämnden för lokalsamhällen 12,0
Summa nämnder 2 470,0
Socialnämnden avser att minska kostnaderna med 14,5 mnkr under 2025.
"""
AMOUNT_HEADER = (
    "table_id,row_id,label,role,parent,namnd,column_id,column,year,phase,measure,"
    "value_text,sign,unit_text,unit_line,line"
)
BUDGET_ROWS = [  # row_id, label, role, parent, namnd as written, printed value, line
    ("ks", "Kommunstyrelsen", "part", "", "KS", "118,0", 3),
    ("bun", "Barn- och utbildningsnämnden", "part", "", "UN", "1 440,0", 4),
    ("forskola", "förskola", "part", "bun", "", "475,0", 5),
    ("grundskola", "grundskola", "part", "bun", "", "965,0", 6),
    ("sn", "Socialnämnden", "part", "", "SOCN", "900,0", 7),
    ("lokal", "Nämnden för lokalsamhällen", "part", "", "Nämnden för lokalsamhällen", "12,0", 8),
    ("summa", "Summa nämnder", "total", "", "", "2 470,0", 9),
]
AMOUNTS = "".join(
    [f"{AMOUNT_HEADER}\n"]
    + [
        f't_drift,{row_id},{label},{role},{parent},{namnd},value,Budget,2024,beslut,ram,"{value}",1,mnkr,2,{line}\n'
        for row_id, label, role, parent, namnd, value, line in BUDGET_ROWS
    ]
)


def printed_amount(line: str) -> str:
    """The amount at the end of a line of the driftredovisning: ``1 440,0``."""
    found = re.search(r"\d{1,3}(?: \d{3})*,\d$", line)
    assert found, line
    return found[0]


@pytest.fixture
def kommun(tmp_path: Path) -> Path:
    """A minimal format-2 folder: a kommun's driftredovisning with a row block per nämnd."""
    folder = tmp_path / "kommun"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "020_drift.txt").write_text(SOURCE, encoding="utf-8")
    files = {
        "FORMAT": "2\n",
        "documents.csv": (
            "doc_id,diarienummer,organisation,namnd,budget_year,kind,date,title,title_line,source_file\n"
            "020,,2480,KF,2024,årsredovisning,,Årsredovisning 2024,1,020_drift.txt\n"
        ),
        "tables.csv": (
            "table_id,doc_id,title,relation,derived,first_line,last_line\n"
            "t_drift,020,Driftredovisning per nämnd,sum,,2,9\n"
        ),
        "amounts.csv": AMOUNTS,
        "statements.csv": (
            "statement_id,doc_id,namnd,label,measure,year,phase,qualifier,"
            "value_text,sign,unit_text,unit_line,line\n"
            's_sn_minskning,020,SN,Minskade kostnader 2025,förändring,2025,beslut,,"14,5",-1,mnkr,10,10\n'
        ),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return pin_sources(folder)


@pytest.mark.parametrize(
    ("written", "code"),
    [("UN", "BUN"), ("SOCN", "SN"), ("socialnämnden", "SN"), ("  Hälso- och  sjukvårdsnämnd ", "HSN")],
)
def test_codes_names_and_aliases_resolve_to_the_register_code(written: str, code: str) -> None:
    assert committee_register().canonical(written) == code


def test_a_free_name_is_kept_as_written() -> None:
    register = committee_register()
    assert register.canonical("Nämnden för  lokalsamhällen") == "Nämnden för lokalsamhällen"
    assert register.type_of("Nämnden för lokalsamhällen") is None
    assert register.type_of("BUN") is not None


def test_rows_belong_to_their_own_nämnd_and_children_to_their_parents(kommun: Path) -> None:
    figures = budgetlib.load(kommun).figures.set_index(c.FIGURE_ID)[c.NAMND]
    assert figures.to_dict() == {
        "t_drift:ks": "KS",
        "t_drift:bun": "BUN",
        "t_drift:forskola": "BUN",  # no nämnd of its own: its parent's
        "t_drift:grundskola": "BUN",
        "t_drift:sn": "SN",
        "t_drift:lokal": "Nämnden för lokalsamhällen",
        "t_drift:summa": "KF",  # the document's
        "s_sn_minskning": "SN",
    }


def test_select_a_nämnd_inside_a_multi_nämnd_document(kommun: Path) -> None:
    dataset = budgetlib.load(kommun)
    bun = dataset.select(namnd="BUN")
    assert list(bun.documents[c.DOC_ID]) == ["020"]
    assert list(bun.figures[c.LABEL]) == ["Barn- och utbildningsnämnden", "förskola", "grundskola"]
    assert list(bun.tables[c.TABLE_ID]) == ["t_drift"]
    assert bun.figures[c.FIGURE_ID].tolist() == dataset.select(namnd="UN").figures[c.FIGURE_ID].tolist()
    sn = dataset.one("Umeå", "Socialnämnden", 2024)
    assert sorted(sn.figures[c.FIGURE_ID]) == ["s_sn_minskning", "t_drift:sn"]
    whole = dataset.select(namnd="KF")
    assert list(whole.figures[c.FIGURE_ID]) == ["t_drift:summa"]


def test_select_many_joins_the_nämnders_rows(kommun: Path) -> None:
    both = budgetlib.load(kommun).select_many(namnder=["KS", "SN"])
    assert sorted(both.figures[c.FIGURE_ID]) == ["s_sn_minskning", "t_drift:ks", "t_drift:sn"]


def test_each_nämnd_in_the_document_is_a_combination(kommun: Path) -> None:
    combinations = budgetlib.load(kommun).combinations()
    assert sorted(combinations[c.NAMND]) == sorted(["BUN", "KF", "KS", "Nämnden för lokalsamhällen", "SN"])
    assert set(combinations[c.REGION]) == {"Umeå"} and set(combinations["documents"]) == {"020"}


def test_the_whole_table_is_still_checked_over_its_top_level_rows(kommun: Path) -> None:
    findings = budgetlib.reconcile(budgetlib.load(kommun)).to_frame().set_index("subject")
    lines = SOURCE.splitlines()
    top_level = [printed_amount(lines[i]) for i in (2, 3, 6, 7)]
    assert findings.loc["t_drift", "actual"] == pytest.approx(sum(parse_number(v) for v in top_level))
    assert findings.loc["t_drift", "status"] == "exact"
    assert findings.loc["t_drift · Budget · bun", "status"] == "exact"


def test_cells_of_one_row_cannot_name_different_nämnder(kommun: Path) -> None:
    with (kommun / "amounts.csv").open("a", encoding="utf-8") as amounts:
        amounts.write(
            't_drift,ks,Kommunstyrelsen,part,,TN,utfall,Utfall,2024,utfall,ram,"118,0",1,mnkr,2,3\n'
        )
    with pytest.raises(budgetlib.DataError, match="raden 'ks' har nämnden 'KS' i en annan kolumn"):
        budgetlib.load(kommun)


def test_a_table_may_name_its_own_nämnd(kommun: Path) -> None:
    edit_csv(kommun / "tables.csv", "derived,first", "derived,namnd,first")
    edit_csv(kommun / "tables.csv", "sum,,2,9", "sum,,KS,2,9")
    figures = budgetlib.load(kommun).figures.set_index(c.FIGURE_ID)[c.NAMND]
    assert figures["t_drift:summa"] == "KS" and figures["t_drift:forskola"] == "BUN"


def test_list_flags_free_committee_names(kommun: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(kommun), "list", "--format", "csv"]) == EXIT_OK
    listed = pd.read_csv(StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    flagged = listed.set_index("Nämnd")["Anmärkning"]
    assert flagged["Nämnden för lokalsamhällen"] == "fri benämning"
    assert flagged["BUN"] == ""


def test_the_seed_committees_keep_their_names(dataset: Dataset) -> None:
    names = dataset.committees.set_index(c.NAMND)[c.NAME]
    assert (names["HSN"], names["RS"]) == ("Hälso- och sjukvårdsnämnden", "Regionstyrelsen")


def test_a_nämnds_own_checks_in_a_shared_document(kommun: Path) -> None:
    dataset = budgetlib.load(kommun)
    bun = dataset.select(namnd="BUN")
    own = budgetlib.reconcile(dataset).involving_figures(bun.figures[c.FIGURE_ID])
    assert sorted(f.subject for f in own) == [
        "t_drift",
        "t_drift · Budget · bun",
    ]  # its parent sum and the total
    everything = budgetlib.reconcile(dataset).involving(bun.documents[c.DOC_ID])
    assert len(everything) > len(own)
