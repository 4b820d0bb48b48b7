"""A driftredovisning's nämnd blocks: the verksamheter under a nämnd's heading or row are that nämnd's.

Test documents of the kind, written here: text with heading lines and a Summa per nämnd, the data
dictionary's indented child rows, a Word table with section rows, Word tables under heading paragraphs,
and a PDF whose child rows are not indented but add up to their nämnd's row.
"""

from __future__ import annotations

from pathlib import Path

import budgetlib
from budgetlib.extract.checking import check_draft
from budgetlib.extract.draft import Draft
from budgetlib.extract.format2 import format2_files
from budgetlib.extract.identity import Options
from budgetlib.extract.pipeline import draft_document
from budgetlib.extract.writing import write_folder
from budgetlib.findings import Status
from tests.extraction.builders import write_docx, write_pdf

KF = Options("Hudiksvalls kommun", "KF", 2024)


def committees(draft: Draft, folder: Path) -> dict[str, str]:
    """Label → the committee each row's figures belong to once loaded (own, parent's or the document's)."""
    check = write_folder(format2_files(draft), folder, check_draft)
    assert check.provenance.empty, check.provenance.to_string()
    figures = budgetlib.load(folder).figures
    return dict(zip(figures["label"], figures["namnd"], strict=False))


def failing(draft: Draft, folder: Path) -> list[str]:
    check = write_folder(format2_files(draft), folder, check_draft)
    return [f.message for f in check.findings if f.status in (Status.MISMATCH, Status.UNIT_SLIP)]


HEADED_TEXT = """Hudiksvalls kommun
Årsredovisning 2024

Driftredovisning 2024, mkr
Verksamhet                     Netto     Budget   Avvikelse
Kommunstyrelsen
Ledning och stab               -48,2      -50,0         1,8
Näringsliv                     -12,6      -12,0        -0,6
Summa kommunstyrelsen          -60,8      -62,0         1,2

Socialnämnden
Äldreomsorg                   -602,1     -600,4        -1,7
Individ- och familjeomsorg    -180,4     -172,9        -7,5
Summa socialnämnden           -782,5     -773,3        -9,2

Summa nämnder                 -843,3     -835,3        -8,0
"""


def test_heading_lines_with_a_summa_per_namnd(tmp_path: Path) -> None:
    path = tmp_path / "ar.txt"
    path.write_text(HEADED_TEXT, encoding="utf-8")
    draft = draft_document(path, KF)
    assert len(draft.tables) == 1  # the headings do not cut the table in three
    owner = committees(draft, tmp_path / "d")
    assert owner["Ledning och stab"] == owner["Näringsliv"] == owner["Summa kommunstyrelsen"] == "KS"
    assert owner["Äldreomsorg"] == owner["Individ- och familjeomsorg"] == owner["Summa socialnämnden"] == "SN"
    assert owner["Summa nämnder"] == "KF"
    assert failing(draft, tmp_path / "e") == []


def test_indented_verksamheter_become_child_rows_of_their_namnd(tmp_path: Path) -> None:
    """The data dictionary's worked example, as printed."""
    text = """Driftredovisning 2025, mnkr
                           Intäkter  Kostnader     Netto    Budget  Avvikelse
Kommunstyrelsen                97,5     -303,7    -206,2    -210,3        4,1
Socialnämnden                 187,7   -1 219,8  -1 032,1  -1 026,3       -5,8
  Äldreomsorg                  96,2     -698,3    -602,1    -600,4       -1,7
  Övrig verksamhet             91,5     -521,5    -430,0    -425,9       -4,1
Summa nämnder                 285,2   -1 523,5  -1 238,3  -1 236,6       -1,7
"""
    path = tmp_path / "drift.txt"
    path.write_text(text, encoding="utf-8")
    draft = draft_document(path, Options("Hudiksvalls kommun", "KF", 2025))
    rows = {row.label: row for row in draft.tables[0].rows}
    assert rows["Äldreomsorg"].parent == rows["Övrig verksamhet"].parent == rows["Socialnämnden"].row_id
    owner = committees(draft, tmp_path / "d")
    assert (owner["Kommunstyrelsen"], owner["Äldreomsorg"], owner["Summa nämnder"]) == ("KS", "SN", "KF")
    assert failing(draft, tmp_path / "e") == []  # the Summa is checked against the nämnder only


def test_child_rows_that_add_up_to_their_namnd_in_a_pdf(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "drift.pdf",
        [
            [
                "Årsredovisning 2024",
                "Driftredovisning per nämnd (mkr)",
                ("Nämnd", "Netto", "Budget", "Avvikelse"),
                ("Barn- och utbildningsnämnden", "-1 737,7", "-1 750,6", "12,9"),
                ("Förskola", "-512,3", "-520,0", "7,7"),
                ("Grundskola", "-1 225,4", "-1 230,6", "5,2"),
                ("Tekniska nämnden", "-183,3", "-178,9", "-4,4"),
                ("Summa", "-1 921,0", "-1 929,5", "8,5"),
            ]
        ],
    )
    draft = draft_document(path, Options("Luleå kommun", "KF", 2024))
    rows = {row.label: row for row in draft.tables[0].rows}
    assert rows["Förskola"].parent == rows["Grundskola"].parent == rows["Barn- och utbildningsnämnden"].row_id
    owner = committees(draft, tmp_path / "d")
    assert (owner["Förskola"], owner["Tekniska nämnden"], owner["Summa"]) == ("BUN", "TN", "KF")
    assert failing(draft, tmp_path / "e") == []


def test_a_word_table_with_section_rows_and_word_tables_under_heading_paragraphs(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "drift.docx",
        [
            "Delårsrapport 2024",
            "Driftredovisning, tkr",
            [
                ("Verksamhet", "Netto", "Budget"),
                ("Kultur- och fritidsnämnden", "", ""),
                ("Bibliotek", "-21 400", "-22 000"),
                ("Fritidsgårdar", "-9 850", "-9 500"),
                ("Miljö- och byggnadsnämnden", "", ""),
                ("Bygglov", "-3 120", "-3 400"),
            ],
            "Socialnämnden",
            "Belopp i tkr",
            [
                ("Verksamhet", "Netto", "Budget"),
                ("Hemtjänst", "-88 100", "-85 000"),
                ("Särskilt boende", "-142 700", "-140 200"),
            ],
        ],
    )
    draft = draft_document(path, Options("Sundsvalls kommun", "KS", 2024))
    owner = committees(draft, tmp_path / "d")
    assert owner["Bibliotek"] == owner["Fritidsgårdar"] == "KFN"
    assert owner["Bygglov"] == "MBN"
    assert owner["Hemtjänst"] == owner["Särskilt boende"] == "SN"


def test_rows_after_a_namnd_that_neither_add_up_nor_indent_stay_the_documents_and_are_reported(
    tmp_path: Path,
) -> None:
    text = """Driftredovisning 2024, mkr
Nämnd                          Netto     Budget
Socialnämnden                 -782,5     -773,3
Finansförvaltningen             41,0       38,0
Pensioner                      -12,0      -11,0
Summa                         -753,5     -746,3
"""
    path = tmp_path / "drift.txt"
    path.write_text(text, encoding="utf-8")
    draft = draft_document(path, KF)
    rows = {row.label: row for row in draft.tables[0].rows}
    assert rows["Finansförvaltningen"].parent == "" and rows["Finansförvaltningen"].committee is None
    assert any(d.line == 4 and "efter 'Socialnämnden'" in d.message for d in draft.doubts)
    owner = committees(draft, tmp_path / "d")
    assert (owner["Socialnämnden"], owner["Finansförvaltningen"]) == ("SN", "KF")
