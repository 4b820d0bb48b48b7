"""A minimal folder (documents.csv and sources/) loads, and every analysis works without reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

import budgetlib
from budgetlib import analysis, compare
from budgetlib import report_sections as sections
from budgetlib.cli import EXIT_OK, main
from budgetlib.namnd_report import SECTIONS, namnd_report
from tests.folders import pin_sources

SOURCE = "Mål och budget 2025 för Umeå kommun\nBarn- och utbildningsnämndens ram 2025 är 2 461,0 mnkr.\n"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """Only documents.csv and the source text: no FORMAT, no other data file, no reference data."""
    folder = tmp_path / "minimal"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "umea.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "documents.csv").write_text(
        "doc_id,organisation,namnd,budget_year,kind,title,title_line,source_file\n"
        "u1,2480,UN,2025,mål och budget,Mål och budget 2025,1,umea.txt\n",
        encoding="utf-8",
    )
    return pin_sources(folder)


def with_frame(folder: Path) -> Path:
    (folder / "statements.csv").write_text(
        "statement_id,doc_id,label,measure,year,phase,value_text,sign,unit_text,unit_line,line\n"
        's_ram,u1,Ram 2025,ram,2025,beslut,"2 461,0",1,mnkr,2,2\n',
        encoding="utf-8",
    )
    return folder


def test_documents_and_sources_are_a_whole_folder(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dataset = budgetlib.load(minimal)
    assert dataset.format_version == 2
    assert list(dataset.documents["namnd"]) == ["BUN"]
    assert dataset.figures.empty and dataset.population.empty and dataset.kolada.empty
    assert len(budgetlib.reconcile(dataset)) == 0
    assert main(["--data-dir", str(minimal), "list"]) == EXIT_OK
    assert main(["--data-dir", str(minimal), "check"]) == EXIT_OK
    assert "Umeå" in capsys.readouterr().out


def test_a_report_without_figures_says_what_the_documents_do_not_contain(minimal: Path) -> None:
    dataset = budgetlib.load(minimal)
    one = dataset.one("Umeå", "BUN", 2025)
    assert analysis.overview(one, 2025).frame is None
    assert analysis.tables_by_section(one) == {} and analysis.largest_changes(one) == (None, None)
    assert analysis.forecast(one).empty and analysis.text_figures(one, {"investering"}).empty
    report = namnd_report(dataset, "Umeå", "BUN", 2025)
    assert report.missing == SECTIONS[:-1]  # every section but 'Övriga tabeller', which is never missed
    assert all(sections.section(report, name) == [] for name in SECTIONS)
    box, missing = sections.summary(report)
    assert isinstance(box, str) and "Ram 2025:** anges inte i dokumenten." in box
    assert isinstance(missing, str) and missing.startswith("Dokumenten innehåller ingen brygga")


def test_comparison_without_reference_data_says_what_is_missing(minimal: Path) -> None:
    dataset = budgetlib.load(with_frame(minimal))
    findings = budgetlib.reconcile(dataset)
    frames = compare.frames(dataset)
    assert frames["frame"].tolist() == [2461.0]
    assert frames["kr_per_inhabitant"].isna().all()
    assert (
        frames["population_note"].iloc[0].startswith("Folkmängd för Umeå kommun (2480) per 31 december 2024")
    )
    items = compare.line_items(dataset, findings)
    for frame in (
        items,
        compare.category_totals(items),
        compare.forecast_deviation(dataset),
        compare.target_ambition(dataset),
        compare.assignment_shares(dataset),
        compare.kolada_context(dataset, ["Umeå"]),
    ):
        assert frame.empty and len(frame.columns) > 0
    assert compare.reference_notes(dataset) == [
        "Referensdatan har ingen folkmängd (reference/population.csv): inga belopp per invånare.",
        "Referensdatan har inga Kolada-värden (reference/kolada_n70061.csv): ingen jämförelse med dem.",
    ]


def test_the_shipped_reference_data_needs_no_notes(dataset: budgetlib.Dataset) -> None:
    assert compare.reference_notes(dataset) == []
