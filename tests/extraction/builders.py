"""Small PDF and DOCX documents built in tests (core PDF font only: no system fonts needed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

Cells = tuple[str, ...]
PageLines = Sequence[str | Cells]


def write_pdf(path: Path, pages: Sequence[PageLines], encrypt_with: str | None = None) -> Path:
    """One PDF page per list; a str is a text line, a tuple a table row (label, then right-aligned cells)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    if encrypt_with is not None:
        pdf.set_encryption(owner_password="ägare", user_password=encrypt_with)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        for line in lines:
            pdf.set_x(10)
            if isinstance(line, tuple):
                pdf.cell(70, 6, line[0])
                for cell in line[1:]:
                    pdf.cell(30, 6, cell, align="R")
            else:
                pdf.cell(0, 6, line)
            pdf.ln(6)
    pdf.output(str(path))
    return path


def write_image_only_pdf(path: Path) -> Path:
    """A 'scanned' page: drawn shapes and no text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 40, style="F")
    pdf.line(20, 80, 180, 80)
    pdf.output(str(path))
    return path


def write_docx(path: Path, blocks: Sequence[str | Sequence[Cells]]) -> Path:
    """Paragraphs (str) and Word tables (a list of rows)."""
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for r, row in enumerate(block):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    document.save(str(path))
    return path
