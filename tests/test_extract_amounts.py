"""Amount tables on small constructed snippets, one layout each; expected figures read off the snippet."""

from __future__ import annotations

from pathlib import Path

from budgetlib.extract.amounts import FoundTables, find_tables
from budgetlib.extract.draft import Confidence, DoubtKind, Table
from budgetlib.extract.reading import read_document


def tables_in(tmp_path: Path, text: str) -> FoundTables:
    path = tmp_path / "snippet.txt"
    path.write_text(text, encoding="utf-8")
    return find_tables(read_document(path), "x", 2025)


def cells(table: Table) -> list[tuple[str, str, str, str, int, int]]:
    """(row label, column, value as printed, unit, unit line, line) for every cell."""
    return [
        (
            row.label,
            table.columns[cell.column].label,
            cell.printed.value_text,
            cell.printed.unit_text,
            cell.printed.unit_line,
            cell.printed.line,
        )
        for row in table.rows
        for cell in row.cells
    ]


def test_bullet_list_with_units_and_a_summa_row(tmp_path: Path) -> None:
    found = tables_in(
        tmp_path,
        "Tillskottet föreslås fördelas enligt följande:\n"
        "\n"
        "• Personalkostnader                    81 mkr\n"
        "• Tandvård – insatser 20-23 år          6 mkr\n"
        "• Förskola                         812 400 tkr\n"
        "\n"
        "Summa:                                 87 mkr\n",
    )
    (table,) = found.tables
    assert cells(table) == [
        ("Personalkostnader", "Belopp", "81", "mkr", 3, 3),
        ("Tandvård – insatser 20-23 år", "Belopp", "6", "mkr", 4, 4),
        ("Förskola", "Belopp", "812 400", "tkr", 5, 5),
        ("Summa", "Belopp", "87", "mkr", 7, 7),
    ]
    assert table.relation == "sum"
    assert [row.role for row in table.rows] == ["part", "part", "part", "total"]
    assert table.columns[0].phase == "förslag"  # "föreslås" in the caption
    assert all(cell.confidence is Confidence.CERTAIN for row in table.rows for cell in row.cells)
    assert found.claimed == frozenset(range(3, 8))


COLLAPSED = """I tabellen nedan finns ram per område, belopp i miljoner
kronor.

Område
Budget

2024

Förslag
budget
2025 Förändring

Primärvård 717 754 37
Allmänmedicin 1 130 1 178 49
Medicin 1 850 2 019 170
Politik 3 3 0
Summa 8 428 9 065 637
"""


def test_collapsed_columns_are_cut_into_numbers_by_the_tables_own_change_column(tmp_path: Path) -> None:
    (table,) = tables_in(tmp_path, COLLAPSED).tables
    assert [c.label for c in table.columns] == ["Budget 2024", "Förslag budget 2025", "Förändring"]
    assert table.derived == ("Förändring = Förslag budget 2025 - Budget 2024",)
    by_row = {row.label: [c.printed.value_text for c in row.cells] for row in table.rows}
    assert by_row == {
        "Primärvård": ["717", "754", "37"],
        "Allmänmedicin": ["1 130", "1 178", "49"],
        "Medicin": ["1 850", "2 019", "170"],  # not 1 | 850 | 2 019 170
        "Politik": ["3", "3", "0"],
        "Summa": ["8 428", "9 065", "637"],  # not 8 | 428 | 9 065 637
    }
    unit_lines = {(c.printed.unit_text, c.printed.unit_line) for row in table.rows for c in row.cells}
    assert unit_lines == {("miljoner kronor", 1)}  # the unit starts on line 1 and runs onto line 2
    assert [(c.year, c.phase, c.measure) for c in table.columns] == [
        (2024, "beslut", "ram"),  # 'Budget' names no quantity; the caption does: "ram per område"
        (2025, "förslag", "ram"),
        (2025, "beslut", "förändring"),
    ]
    reasons = {c.reason for row in table.rows for c in row.cells if row.label == "Medicin"}
    assert reasons == {
        "enhet angiven ovanför tabellen (rad 1); uppdelningen i tal stämmer med tabellens radberäkning"
    }


def test_a_bridge_ending_in_an_equals_row(tmp_path: Path) -> None:
    (table,) = tables_in(
        tmp_path,
        "I tabellen specificeras ramtillskotten, belopp i miljoner kronor.\n"
        "\n"
        "Ram 2024 8 428\nLäkemedel 180\nSociala avgifter -324\n= Ram 2025 8 284\n",
    ).tables
    assert table.relation == "bridge"
    assert [(r.label, r.role, r.year, r.cells[0].printed.value_text) for r in table.rows] == [
        ("Ram 2024", "opening", 2024, "8 428"),
        ("Läkemedel", "component", None, "180"),
        ("Sociala avgifter", "component", None, "-324"),
        ("Ram 2025", "closing", 2025, "8 284"),
    ]
    assert table.columns[0].measure == "ramtillskott"


def test_a_bridge_named_by_its_first_and_last_rows_is_reported_as_a_reading(tmp_path: Path) -> None:
    found = tables_in(
        tmp_path,
        "Förändring av ramen (mkr)\n"
        "Ram 2025\t5 812,0\nLäkemedel\t62,5\nEffektivisering\t−58,0\nRam 2026\t5 816,5\n",
    )
    (table,) = found.tables
    assert table.relation == "bridge"
    assert [r.role for r in table.rows] == ["opening", "component", "component", "closing"]
    assert any(d.kind is DoubtKind.STRUCTURE and "brygga" in d.message for d in found.doubts)


def test_tab_separated_table_with_several_columns_and_derived_columns(tmp_path: Path) -> None:
    text = (
        "Driftredovisning per nämnd (mkr)\n"
        "Nämnd\tIntäkter\tKostnader\tNetto\tBudget\tAvvikelse\n"
        "Kommunstyrelsen\t182,4\t−611,9\t−429,5\t−436,0\t6,5\n"
        "Socialnämnden\t301,2\t−1 498,9\t−1 197,7\t−1 136,3\t−61,4\n"
        "Summa\t483,6\t−2 110,8\t−1 627,2\t−1 572,3\t−54,9\n"
    )
    found = tables_in(tmp_path, text)
    (table,) = found.tables
    assert [c.label for c in table.columns] == ["Intäkter", "Kostnader", "Netto", "Budget", "Avvikelse"]
    # the kommun convention, as the rows print it: netto = intäkter + kostnader, avvikelse = netto − budget
    assert table.derived == ("Netto = Intäkter + Kostnader", "Avvikelse = Netto - Budget")
    assert ("Socialnämnden", "Kostnader", "−1 498,9", "mkr", 1, 4) in cells(table)
    assert table.relation == "sum"
    assert table.first_line == 2 and table.last_line == 5
    assert not [d for d in found.doubts if d.kind is DoubtKind.UNIT]  # the caption states the unit


def test_a_unit_only_in_a_column_heading_is_used_but_reported(tmp_path: Path) -> None:
    found = tables_in(
        tmp_path,
        "Verksamhet\tBudget 2025, mnkr\tAndel, %\n"
        "Vård\t9 842\t69,3\nTandvård\t512\t3,6\nTotalt\t10 354\t72,9\n",
    )
    (table,) = found.tables
    assert [c.label for c in table.columns] == ["Budget 2025", "Andel"]
    assert ("Vård", "Budget 2025", "9 842", "mnkr", 1, 2) in cells(table)
    assert ("Vård", "Andel", "69,3", "%", 1, 2) in cells(table)
    unit_doubts = [d for d in found.doubts if d.kind is DoubtKind.UNIT]
    assert {d.line for d in unit_doubts} == {1}
    assert all(c.confidence is Confidence.CHECK for row in table.rows for c in row.cells)


def test_a_table_without_any_unit_is_not_placed(tmp_path: Path) -> None:
    found = tables_in(tmp_path, "Verksamhet\tBudget\nSkola\t10\nVård\t12\n")
    assert found.tables == ()
    assert {u.line for u in found.unplaced} == {2, 3}
    assert all("ingen enhet" in u.reason for u in found.unplaced)


def test_digit_groups_that_only_size_can_split_are_a_doubt(tmp_path: Path) -> None:
    found = tables_in(
        tmp_path,
        "Belopp i tkr\n\nVerksamhet\nBudget 2024\nBudget 2025\n\n"
        "Skola 120 130\nVård 1 150 160\nOmsorg 140 150\n",
    )
    (table,) = found.tables
    vard = next(row for row in table.rows if row.label == "Vård")
    assert [c.printed.value_text for c in vard.cells] == ["150", "160"] or [
        c.printed.value_text for c in vard.cells
    ] == ["1 150", "160"]
    assert any(d.kind is DoubtKind.READING and d.line == 8 for d in found.doubts)
    assert all(c.confidence is Confidence.CHECK for c in vard.cells)


def test_a_middle_total_is_a_subtotal_of_the_rows_above_it(tmp_path: Path) -> None:
    (table,) = tables_in(
        tmp_path,
        "Belopp i mkr\n\nSkola 10\nFörskola 5\nSumma utbildning 15\nVård 7\nTotalt 22\n",
    ).tables
    assert [(r.label, r.role, r.parent) for r in table.rows] == [
        ("Skola", "part", "summa_utbildning"),
        ("Förskola", "part", "summa_utbildning"),
        ("Summa utbildning", "part", ""),
        ("Vård", "part", ""),
        ("Totalt", "total", ""),
    ]


def test_a_lone_row_without_unit_is_listed_not_guessed(tmp_path: Path) -> None:
    found = tables_in(tmp_path, "Inledning.\n\nResultat 7 5 1\n\nSlut.\n")
    assert found.tables == ()
    assert [(u.line, u.text) for u in found.unplaced] == [(3, "Resultat 7 5 1")]


LAID_OUT = """Uppföljning per verksamhet, januari–april 2025

Verksamhet                   Budget 2025  Utfall jan-apr    Prognos 2025    Avvikelse
Bibliotek                          24 310             7 905          24 150          160
Kulturskola                        18 640             6 420          19 020         -380
Summa                              42 950            14 325          43 170         -220

Belopp i tkr.
"""


def test_text_laid_out_as_on_the_page_splits_at_wide_gaps_and_finds_a_unit_noted_below(
    tmp_path: Path,
) -> None:
    found = tables_in(tmp_path, LAID_OUT)
    (table,) = found.tables
    assert [c.label for c in table.columns] == ["Budget 2025", "Utfall jan-apr", "Prognos 2025", "Avvikelse"]
    assert ("Bibliotek", "Utfall jan-apr", "7 905", "tkr", 8, 4) in cells(table)  # not "24 310 7" | "905"
    assert table.derived == ("Avvikelse = Budget 2025 - Prognos 2025",)
    assert not [d for d in found.doubts if d.kind is DoubtKind.READING]
    (unit_doubt,) = [d for d in found.doubts if d.kind is DoubtKind.UNIT]
    assert unit_doubt.line == 8 and "under tabellen" in unit_doubt.message


def test_a_heading_row_of_years_under_a_merged_heading_names_the_columns(tmp_path: Path) -> None:
    found = tables_in(
        tmp_path,
        "Budget per verksamhet (mnkr)\n"
        "\tBudget\tBudget\tFörändring\n"
        "Verksamhet\t2024\t2025\t\n"
        "Grundskola\t412,5\t428,0\t15,5\n"
        "Gymnasium\t201,3\t199,8\t-1,5\n"
        "Summa\t613,8\t627,8\t14,0\n",
    )
    (table,) = found.tables
    assert [c.label for c in table.columns] == ["Budget 2024", "Budget 2025", "Förändring"]
    assert [row.label for row in table.rows] == ["Grundskola", "Gymnasium", "Summa"]  # no row "Verksamhet"
    assert table.derived == ("Förändring = Budget 2025 - Budget 2024",)


def test_heading_cells_that_ran_together_are_split_again(tmp_path: Path) -> None:
    (table,) = tables_in(
        tmp_path,
        "Prognos per förvaltning, mnkr\n"
        "Förvaltning\tBudget 2025 Prognos 2025\tAvvikelse\n"
        "Hallands sjukhus\t6 812,4\t6 874,0\t-61,6\n"
        "Psykiatrin\t1 204,3\t1 219,9\t-15,6\n",
    ).tables
    assert [c.label for c in table.columns] == ["Budget 2025", "Prognos 2025", "Avvikelse"]
