"""Reading documents into numbered lines: plain text as is, PDF with pages, DOCX with Word tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlib.extract.failure import ExtractionError
from budgetlib.extract.reading import CELL_SEPARATOR, SourceKind, read_document
from tests.extraction.builders import write_docx, write_pdf


def test_plain_text_keeps_every_line_as_the_loader_counts_them(tmp_path: Path) -> None:
    text = "Rubrik\n\nRam 2025 9 065\r\nSumma 190 mkr\n"
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    source = read_document(path)
    assert source.kind is SourceKind.TEXT
    assert [line.text for line in source.lines] == text.splitlines()
    assert source.line(3).text == "Ram 2025 9 065"
    assert source.line(3).page is None
    assert source.text == text  # the source is kept exactly


def test_a_byte_order_mark_is_dropped_and_windows_1252_is_read_with_a_note(tmp_path: Path) -> None:
    with_bom = tmp_path / "bom.txt"
    with_bom.write_bytes("\ufeffTitel\n".encode())
    assert read_document(with_bom).line(1).text == "Titel"
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Hälso- och sjukvårdsnämnden\nRam 81 mkr\n".encode("cp1252"))
    source = read_document(legacy)
    assert source.line(1).text == "Hälso- och sjukvårdsnämnden"
    assert "Windows-1252" in source.notes[0]


def test_pdf_lines_keep_their_page_and_table_cells_stay_apart(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "doc.pdf",
        [
            ["Region Exempel", "Budget 2026"],
            ["Belopp i tkr", ("Verksamhet", "Budget 2025", "Budget 2026"), ("Skola", "1 130", "1 178")],
        ],
    )
    source = read_document(path)
    assert source.kind is SourceKind.PDF
    texts = [(line.page, line.text) for line in source.lines if line.text]
    assert texts == [
        (1, "Region Exempel"),
        (1, "Budget 2026"),
        (2, "Belopp i tkr"),
        (2, CELL_SEPARATOR.join(("Verksamhet", "Budget 2025", "Budget 2026"))),
        (2, CELL_SEPARATOR.join(("Skola", "1 130", "1 178"))),  # thousands spaces stay spaces
    ]
    assert source.text.splitlines() == [line.text for line in source.lines]


def test_docx_paragraphs_and_word_tables_become_lines_in_body_order(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "doc.docx",
        [
            "Miljö- och byggnadsnämnden",
            [("Verksamhet", "Budget 2025"), ("Bygglov", "12 910"), ("Summa", "12 910")],
            "Nämnden har fått ett effektiviseringskrav på 385 tkr.",
        ],
    )
    source = read_document(path)
    assert source.kind is SourceKind.DOCX
    texts = [line.text for line in source.lines]
    assert texts == [
        "Miljö- och byggnadsnämnden",
        "",
        f"Verksamhet{CELL_SEPARATOR}Budget 2025",
        f"Bygglov{CELL_SEPARATOR}12 910",
        f"Summa{CELL_SEPARATOR}12 910",
        "",
        "Nämnden har fått ett effektiviseringskrav på 385 tkr.",
    ]


def test_a_merged_word_cell_is_read_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Driftredovisning"
    for c, text in enumerate(("Skola", "10", "12")):
        table.cell(1, c).text = text
    path = tmp_path / "merged.docx"
    document.save(str(path))
    lines = [line.text for line in read_document(path).lines if line.text]
    assert lines == ["Driftredovisning", f"Skola{CELL_SEPARATOR}10{CELL_SEPARATOR}12"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "tom"),
        (b"   \n\n", "tom"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "stöds inte"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "äldre Word"),
        (b"{\\rtf1\\ansi Budget}", "RTF"),
        (b"%PDF-1.4\n garbage", "skadad"),
    ],
)
def test_unreadable_input_is_a_clear_swedish_error(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "input.bin"
    path.write_bytes(content)
    with pytest.raises(ExtractionError, match=expected):
        read_document(path)


def test_a_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ExtractionError, match="inget Word-dokument"):
        read_document(path)
