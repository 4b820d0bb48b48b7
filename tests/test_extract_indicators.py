"""Indicator tables become indicators with their source lines; what is not printed is listed, not guessed.

Development documents written here (text, DOCX, PDF); the held-out ones are in
tests/extraction/holdout/ (h8–h10) and measured by test_extract_quality.py.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import budgetlib
from budgetlib.extract.checking import check_draft
from budgetlib.extract.draft import Draft
from budgetlib.extract.format2 import INDICATOR_SHEET, format2_files
from budgetlib.extract.identity import Options
from budgetlib.extract.indicator_cells import value_line
from budgetlib.extract.pipeline import draft_document
from budgetlib.extract.writing import write_folder
from budgetlib.namnd_report import namnd_report
from budgetlib.report_sections import section
from budgetlib.table import Table
from tests.conftest import DATA_DIR
from tests.extraction.builders import write_docx, write_pdf

KOMMUN = Options("Tierps kommun", "KF", 2025)


def drafted(tmp_path: Path, name: str, text: str, options: Options = KOMMUN) -> Draft:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return draft_document(path, options)


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_a_tab_separated_indicator_table_with_a_direction_column(tmp_path: Path) -> None:
    text = (
        "Mål och budget 2025\n\nMål 3. Fler i arbete\n"
        "Nyckeltal\tUtfall 2023\tMål 2025\tÖnskad riktning\n"
        "Andel invånare 20–64 år i arbete, %\t78,5\t80,0\tÖka\n"
        "Antal hushåll med försörjningsstöd\t1 204\t1 050\tMinska\n"
        "Arbetslöshet 16–24 år\t12 %\t–\tMinska\n"
        "\nNämndens ram är 312,5 mkr.\n"
    )
    draft = drafted(tmp_path, "mal.txt", text)
    found = [(i.text, i.outcome_text, i.target_text, i.unit, i.direction, i.line) for i in draft.indicators]
    assert found == [
        ("Andel invånare 20–64 år i arbete", "78,5", "80,0", "%", "öka", 5),
        ("Antal hushåll med försörjningsstöd", "1 204", "1 050", "antal", "minska", 6),
        ("Arbetslöshet 16–24 år", "12 %", "", "%", "minska", 7),
    ]
    first = draft.indicators[0]
    assert (first.goal, first.goal_line, first.outcome_year, first.target_year) == (
        "Mål 3. Fler i arbete",
        3,
        2023,
        2025,
    )
    # the indicator rows are no amount table and no stated figures; the ram sentence still is one
    assert not draft.tables
    assert [s.printed.value_text for s in draft.statements] == ["312,5"]


def test_the_block_layout_of_a_plan_system_export() -> None:
    draft = draft_document(
        DATA_DIR / "sources" / "001_14dd89f663d29f12.txt", Options("24", "RS", 2025), "001"
    )
    by_line = {i.line: i for i in draft.indicators}
    digital = by_line[281]  # "204 801 150 000": two ways to cut the digit groups, reported
    assert (digital.outcome_text, digital.target_text, digital.frequency) == (
        "204 801",
        "150 000",
        "Tertial: apr, aug, dec",
    )
    assert digital.confidence.value == "granska"
    assert any(d.record == digital.indicator_id and "204 | 801 150 000" in d.message for d in draft.doubts)
    share = by_line[344]
    assert (share.outcome_text, share.target_text, share.unit, share.unit_source) == (
        "41 %",
        "60 %",
        "%",
        "i texten",
    )
    research = by_line[454]  # a word broken over two lines ("informatio" / "nsteknik") is joined again
    assert research.subgoal.endswith("forskningsområdet informationsteknik")
    assert len(draft.indicators) == len(budgetlib.load(DATA_DIR).indicators)


def test_value_lines_leave_a_space_for_an_empty_cell() -> None:
    empty_outcome = value_line(" 200")
    assert empty_outcome is not None and (empty_outcome.outcome, empty_outcome.target) == ("", "200")
    parsed = value_line("Svar saknas  År")
    assert parsed is not None and (parsed.outcome, parsed.target, parsed.frequency) == (
        "Svar saknas",
        "",
        "År",
    )
    assert value_line("2030 i jämförelse med 2020") is None
    assert value_line(" ") is None


def test_an_indicator_table_in_a_word_table_with_a_unit_column_and_arrows(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "vp.docx",
        [
            "Verksamhetsplan 2025",
            "Mål: Trygg vård och omsorg",
            [
                ("Indikator", "Enhet", "Utfall 2024", "Mål 2025", "Riktning"),
                ("Brukarnöjdhet hemtjänst", "index", "71", "75", "↑"),
                ("Fallskador per 1 000 brukare", "antal", "42", "35", "↓"),
            ],
        ],
    )
    draft = draft_document(path, KOMMUN)
    assert [(i.text, i.unit, i.direction, i.outcome_text, i.target_text) for i in draft.indicators] == [
        ("Brukarnöjdhet hemtjänst", "index", "öka", "71", "75"),
        ("Fallskador per 1 000 brukare", "antal", "minska", "42", "35"),
    ]
    assert {i.goal for i in draft.indicators} == {"Mål: Trygg vård och omsorg"}


def test_an_indicator_table_in_a_pdf_keeps_its_page(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "plan.pdf",
        [
            ["Nämndplan 2026"],
            [
                "Mål: Kortare väntetider",
                ("Indikator", "Utfall 2024", "Målvärde 2026", "Periodicitet"),
                ("Andel inom vårdgarantin", "71 %", "80 %", "Månad"),
                ("Väntande över 90 dagar", "1 830", "900", "Tertial"),
            ],
        ],
    )
    draft = draft_document(path, Options("Region Dalarna", "HSN", 2026))
    assert [(i.text, i.outcome_text, i.target_text, i.frequency) for i in draft.indicators] == [
        ("Andel inom vårdgarantin", "71 %", "80 %", "Månad"),
        ("Väntande över 90 dagar", "1 830", "900", "Tertial"),
    ]
    assert {draft.page_of(i.line) for i in draft.indicators} == {2}


def test_an_unprinted_direction_and_unit_are_doubts_not_guesses(tmp_path: Path) -> None:
    text = (
        "Plan 2025\n\nNyckeltal\tUtfall 2023\tMål 2025\n"
        "Sjukfrånvaro bland medarbetare\t7,9\t7,0\nKlimatutsläpp från resor\t412\t350\n"
    )
    draft = drafted(tmp_path, "plan.txt", text)
    assert [(i.unit, i.direction) for i in draft.indicators] == [("", ""), ("", "")]
    messages = [d.message for d in draft.doubts]
    assert any("önskad riktning" in m for m in messages)
    assert sum("enheten står inte" in m for m in messages) == 2


def test_only_indicators_the_format_can_hold_go_to_indicators_csv(tmp_path: Path) -> None:
    """The seed layout (delmål, frequency, name above its values) fits the format; an indicator whose
    unit is not printed stays in the reviewer's sheet, with a doubt saying what is missing."""
    seed = draft_document(DATA_DIR / "sources" / "001_14dd89f663d29f12.txt", Options("24", "RS", 2025), "001")
    files = format2_files(seed)
    written = rows(files["indicators.csv"])
    sheet = rows(files[INDICATOR_SHEET])
    assert len(sheet) == len(seed.indicators) and 0 < len(written) < len(sheet)
    assert all(w["subgoal"] and w["frequency"] and int(w["line"]) < int(w["value_line"]) for w in written)
    assert {r["saknas"] for r in sheet if r["indicator_id"] not in {w["indicator_id"] for w in written}} == {
        "unit, unit_source"
    }
    check = write_folder(files, tmp_path / "draft", check_draft)
    assert check.provenance.empty, check.provenance.to_string()
    assert len(budgetlib.load(tmp_path / "draft").indicators) == len(written)

    unitless = drafted(
        tmp_path, "mal.txt", "Mål 1. Trygghet\nNyckeltal\tUtfall 2023\tMål 2025\nTrygghet\t81\t85\n"
    )
    files = format2_files(unitless)
    assert rows(files["indicators.csv"]) == []
    assert rows(files[INDICATOR_SHEET])[0]["saknas"] == "unit, unit_source"
    assert "Trygghet" in files["extraction/doubts.csv"].decode("utf-8")


def test_a_kommun_table_without_delmal_is_drafted_checked_and_shown_under_its_goal(tmp_path: Path) -> None:
    """Name and values on one line, no delmål, no periodicitet: written to indicators.csv, found on its
    lines, and the report's goal view lists the indicators under their goal."""
    lines = [
        "Mål och budget 2025",
        "",
        "Mål 1. Trygghet i hela kommunen",
        "Nyckeltal\tUtfall 2023\tMål 2025",
        "Andel invånare som känner sig trygga, %\t81\t85",
        "Antal anmälda brott\t1 204\t1 050",
        "",
        "Nämndens ram är 12,0 mkr.",
    ]
    draft = drafted(tmp_path, "mal.txt", "\n".join(lines) + "\n")
    files = format2_files(draft)
    written = rows(files["indicators.csv"])
    assert [(w["indicator"], w["line"], w["value_line"], w["subgoal"], w["frequency"]) for w in written] == [
        ("Andel invånare som känner sig trygga", "5", "5", "", ""),
        ("Antal anmälda brott", "6", "6", "", ""),
    ]
    assert [(w["outcome_text"], w["target_text"]) for w in written] == [
        tuple(lines[4].split("\t")[1:]),
        tuple(lines[5].split("\t")[1:]),
    ]
    check = write_folder(files, tmp_path / "draft", check_draft)
    assert check.provenance.empty, check.provenance.to_string()
    assert check.indicators == 2
    assert not [f for f in check.findings if f.status.value == "mismatch"]

    dataset = budgetlib.load(tmp_path / "draft")
    ((region, namnd, year),) = dataset.combinations()[["region", "namnd", "budget_year"]].values.tolist()
    items = section(namnd_report(dataset, region, namnd, int(year)), "goals")
    (table,) = [item for item in items if isinstance(item, Table)]
    assert [str(cell).strip() for cell in table.frame["Mål och indikator"]] == [
        lines[2],
        "Andel invånare som känner sig trygga",
        "Antal anmälda brott",
    ]
    assert "Periodicitet" not in table.frame.columns


def test_a_block_layout_table_ends_before_running_text_with_amounts(tmp_path: Path) -> None:
    """Whatever follows the indicators (an amount in a sentence, a table) is still read as figures."""
    text = (
        "Delmål Indikatorer Utfall 2023 Mål 2025 Periodicitet\n\nFler digitala möten\n\n"
        "Antal digitala möten\n\n120 150 År\n\n"
        "Nämnden redovisar ett underskott på\n52 miljoner kronor för 2024.\n\n 7\n"
    )
    draft = drafted(tmp_path, "plan.txt", text)
    assert [(i.text, i.outcome_text, i.target_text, i.frequency) for i in draft.indicators] == [
        ("Antal digitala möten", "120", "150", "År")
    ]
    assert [s.printed.value_text for s in draft.statements] == ["52"]
