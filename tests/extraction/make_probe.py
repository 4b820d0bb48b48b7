"""Write the probe documents: written *after* the extractor, to find where it fails.

The held-out documents (make_holdout.py) were written before the extractor,
but by the same hand that designed it, and it reads all of them. These four
probe documents carry irregularities real documents have and the extractor
was not designed around: a unit stated in a footnote below its table, a
column heading with a hyphenated period, a Word table with a two-row heading
and a *varav* row, a dense PDF table with narrow column gaps, a press release
with figures broken over lines. Their answer keys are typed here by hand, as
in make_holdout.py; the benchmark reports them as a third group, and the
extractor is not tuned on them.

    python tests/extraction/make_probe.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.extraction.make_holdout import (
    FIXED_TIME,
    Figure,
    Key,
    Line,
    row,
    text,
    write_docx,
    write_text,
)

PROBE = Path(__file__).resolve().parent / "probe"

# --- p1: text as pdftotext -layout gives it; the unit stands in a footnote below the table -----------

P1_COLUMNS = ("Budget 2025", "Utfall jan-apr", "Prognos 2025", "Avvikelse")


def p1_row(label: str, *values: str) -> Line:
    cells = row(label, *values, unit="tkr", columns=P1_COLUMNS)
    widths = (30, 12, 18, 16, 13)
    printed = label.ljust(widths[0]) + "".join(v.rjust(w) for v, w in zip(values, widths[1:], strict=True))
    return Line(text=printed, figures=cells.figures)


P1 = [
    text("                                                                      Sida 3 av 12"),
    text("Kungsbacka kommun"),
    text("Kultur- och fritidsnämnden                                    Dnr KFN 2025/0031"),
    text(""),
    text("Uppföljning per verksamhet, januari–april 2025"),
    text(""),
    text("Verksamhet                   Budget 2025  Utfall jan-apr    Prognos 2025    Avvikelse"),
    p1_row("Bibliotek", "24 310", "7 905", "24 150", "160"),
    p1_row("Kulturskola", "18 640", "6 420", "19 020", "-380"),
    p1_row("Fritidsgårdar", "15 020", "4 870", "14 730", "290"),
    p1_row("Idrott och anläggningar", "41 560", "14 980", "42 310", "-750"),
    p1_row("Nämnd och administration", "6 470", "2 110", "6 400", "70"),
    p1_row("Summa", "106 000", "36 285", "106 610", "-610"),
    text(""),
    text("Belopp i tkr."),
    text(""),
    text(
        "Prognosen för helåret visar ett underskott på 0,6 mnkr. Kulturskolans avvikelse beror",
        Figure("Prognostiserat underskott", "0,6", "mnkr", sign=-1),
    ),
    text(
        "på ökade lokalkostnader (+0,4 mnkr jämfört med budget).",
        Figure("Ökade lokalkostnader kulturskolan", "+0,4", "mnkr"),
    ),
    text(""),
    text("(Konstruerat testdokument för budgetlib.)"),
]

# --- p2: DOCX, Word table with a two-row heading, an empty corner cell and a varav row -------------

P2_COLUMNS = ("Budget 2024", "Budget 2025", "Förändring")
P2_BLOCKS: list[Line | list[Line]] = [
    text("Region Halland"),
    text("Utbildningsnämnden"),
    text("Verksamhetsplan med budget 2025"),
    text(
        "Nämndens budget ökar med 15,4 mnkr (2,4 procent) till 651,2 mnkr.",
        Figure("Ökning", "15,4", "mnkr"),
        Figure("Ökning i procent", "2,4", "procent"),
        Figure("Budget 2025", "651,2", "mnkr"),
    ),
    text("Tabell 2. Budget per verksamhet (mnkr)"),
    [
        Line(cells=("", "Budget", "Budget", "Förändring")),
        Line(cells=("Verksamhet", "2024", "2025", "")),
        row("Grundskola", "412,5", "428,0", "15,5", unit="mnkr", columns=P2_COLUMNS),
        row("varav skolskjuts", "18,2", "19,0", "0,8", unit="mnkr", columns=P2_COLUMNS),
        row("Gymnasium", "201,3", "199,8", "-1,5", unit="mnkr", columns=P2_COLUMNS),
        row("Vuxenutbildning", "22,0", "23,4", "1,4", unit="mnkr", columns=P2_COLUMNS),
        row("Summa", "635,8", "651,2", "15,4", unit="mnkr", columns=P2_COLUMNS),
    ],
    text(
        "Skolskjutsarna kostar knappt 19 miljoner kronor per år.",
        Figure("Skolskjutsar", "19", "miljoner kronor"),
    ),
    text("(Konstruerat testdokument för budgetlib.)"),
]

# --- p3: PDF, a dense table whose columns stand close together; a figure broken over two lines -----

P3_COLUMNS = ("Budget 2025", "Prognos 2025", "Avvikelse")
P3_PAGES = [
    [
        text("Region Halland"),
        text("Hälso- och sjukvårdsnämnden"),
        text("Tertialrapport 2 2025"),
        text(
            "Sjukvården har fortsatt höga kostnader för inhyrd personal. Underskottet beräknas till 48,3",
            Figure("Prognostiserat underskott", "48,3", "miljoner kronor", sign=-1),
        ),
        text(
            "miljoner kronor för helåret, vilket är 12,1 miljoner kronor mer än vid förra",
            Figure("Försämring sedan förra prognosen", "12,1", "miljoner kronor"),
        ),
        text("prognostillfället."),
        text("Prognos per förvaltning, mnkr"),
        Line(cells=("Förvaltning", *P3_COLUMNS)),
        row("Hallands sjukhus", "6 812,4", "6 874,0", "-61,6", unit="mnkr", columns=P3_COLUMNS),
        row("Närsjukvården", "3 105,9", "3 098,2", "7,7", unit="mnkr", columns=P3_COLUMNS),
        row("Psykiatrin", "1 204,3", "1 219,9", "-15,6", unit="mnkr", columns=P3_COLUMNS),
        row("Regionövergripande", "512,7", "491,5", "21,2", unit="mnkr", columns=P3_COLUMNS),
        row("Totalt", "11 635,3", "11 683,6", "-48,3", unit="mnkr", columns=P3_COLUMNS),
        text("Region Halland - Tertialrapport 2 2025     Sida 1"),
    ]
]

# --- p4: text, a press release with figures broken over lines and units the format cannot hold -------

P4 = [
    text("Pressmeddelande 2024-11-26"),
    text("Region Örebro län"),
    text(""),
    text("Regionfullmäktige har beslutat om budget 2025"),
    text(""),
    text(
        "Regionens budget för 2025 omfattar totalt 16,8 miljarder kronor, vilket är 720 miljoner",
        Figure("Total budget 2025", "16,8", "miljarder kronor"),
        Figure("Ökning mot 2024", "720", "miljoner kronor"),
    ),
    text(
        "kronor mer än i år. Det motsvarar en ökning med 4,5 procent.",
        Figure("Ökning i procent", "4,5", "procent"),
    ),
    text(""),
    text(
        "Hälso- och sjukvården får 560 miljoner kronor mer än 2024, varav 95 miljoner kronor går",
        Figure("Ökning hälso- och sjukvård", "560", "miljoner kronor"),
        Figure("Varav primärvård", "95", "miljoner kronor"),
    ),
    text(
        "till primärvården. Kollektivtrafiken tillförs 40 miljoner kronor.",
        Figure("Tillskott kollektivtrafik", "40", "miljoner kronor"),
    ),
    text(""),
    text(
        "Skattesatsen höjs med 35 öre till 12,30 kronor per hundralapp.",
        Figure("Skattesats", "12,30", "kronor"),
    ),
    text(
        "Nettokostnaden per invånare beräknas till 54 800 kronor.",
        Figure("Nettokostnad per invånare", "54 800", "kronor"),
    ),
    text(""),
    text("(Konstruerat testdokument för budgetlib.)"),
]


def write_dense_pdf(name: str, pages: list[list[Line]]) -> None:
    """Core font, columns only a few millimetres apart (as in a tightly set report)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_auto_page_break(False)
    key = Key()
    for page_number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        for number, line in enumerate(lines, start=1):
            key.add(line, page_number, number)
            pdf.set_x(10)
            if line.cells:
                pdf.cell(36, 5, line.cells[0])
                for cell in line.cells[1:]:
                    pdf.cell(24, 5, cell, align="R")
            else:
                pdf.cell(0, 5, line.text)
            pdf.ln(5)
    pdf.output(str(PROBE / f"{name}.pdf"))
    key.write(PROBE / f"{name}.key.csv")


def main() -> None:
    from tests.extraction import make_holdout

    PROBE.mkdir(exist_ok=True)
    make_holdout.HOLDOUT = PROBE  # the writers put files and keys beside each other in this folder
    write_text("p1_kultur_uppfoljning", P1)
    write_docx("p2_utbildning_tvaradsrubrik", P2_BLOCKS)
    write_dense_pdf("p3_tertial_tat_tabell", P3_PAGES)
    write_text("p4_pressmeddelande", P4)


if __name__ == "__main__":
    main()
