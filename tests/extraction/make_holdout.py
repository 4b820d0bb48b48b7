"""Write the held-out extraction test documents and their hand-keyed answer keys.

These documents were written once, before the extractor, in the layouts real
committee documents use (plain text, PDF with a drawn table, DOCX with a Word
table). The extractor is never tuned on them; the benchmark and the tests
report their figures separately from the seed documents'.

Each document is declared as lines (or blocks), and every figure a person
keying the document would key is declared beside the line that prints it: the
answer key is typed here by hand, only its line and page numbers are counted
by this script. Output is deterministic (fixed dates, fixed zip timestamps), so
the generated files are committed and regenerating them changes nothing:

    python tests/extraction/make_holdout.py

Line numbers in the keys: text files count every line from 1; PDF counts the
lines with text on each page from 1 (``page`` gives the page); DOCX counts
the non-empty paragraphs and table rows from 1 in document order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HOLDOUT = Path(__file__).resolve().parent / "holdout"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FIXED_TIME = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
KEY_COLUMNS = ["label", "value_text", "unit", "sign", "kind", "page", "line"]
INDICATOR_KEY_SUFFIX = ".indicators.csv"
INDICATOR_COLUMNS = [
    "indicator", "unit", "desired_direction", "frequency",
    "outcome_year", "outcome_text", "target_year", "target_text", "page", "line",
]  # fmt: skip
TABLE, TEXT = "tabell", "text"


@dataclass(frozen=True)
class Figure:
    """One figure as a person keying the document would key it."""

    label: str
    value_text: str
    unit: str
    sign: int = 1
    kind: str = TEXT


@dataclass(frozen=True)
class Indicator:
    """One indicator (nyckeltal) as a person keying the document would key it (blank: not printed)."""

    indicator: str
    unit: str
    desired_direction: str
    frequency: str
    outcome_year: int
    outcome_text: str
    target_year: int
    target_text: str


@dataclass(frozen=True)
class Line:
    """A printed line (text) or table row (cells), with the figures (or the indicator) it prints."""

    text: str = ""
    cells: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    indicator: Indicator | None = None

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.cells


@dataclass
class Key:
    rows: list[dict[str, object]] = field(default_factory=list)
    indicators: list[dict[str, object]] = field(default_factory=list)

    def add(self, line: Line, page: int | None, number: int) -> None:
        if line.indicator is not None:
            i = line.indicator
            self.indicators.append({**vars(i), "page": "" if page is None else page, "line": number})
        for f in line.figures:
            self.rows.append(
                {
                    "label": f.label,
                    "value_text": f.value_text,
                    "unit": f.unit,
                    "sign": f.sign,
                    "kind": f.kind,
                    "page": "" if page is None else page,
                    "line": number,
                }
            )

    def write(self, path: Path) -> None:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=KEY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")
        if self.indicators:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=INDICATOR_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.indicators)
            path.with_name(path.name.removesuffix(".key.csv") + INDICATOR_KEY_SUFFIX).write_text(
                buffer.getvalue(), encoding="utf-8"
            )


def row(label: str, *values: str, unit: str, columns: tuple[str, ...]) -> Line:
    """A table row: every value is a table figure in ``unit``; ``columns`` name them."""
    figures = tuple(
        Figure(f"{label} · {column}", value, unit, kind=TABLE)
        for value, column in zip(values, columns, strict=True)
        if value.strip() not in ("", "–", "-")
    )
    return Line(cells=(label, *values), figures=figures)


def text(content: str, *figures: Figure) -> Line:
    return Line(text=content, figures=figures)


# --- h1: plain text, kommun, bullet list in tkr with a Summa row, qualifiers in prose ---------------

H1_LIST = ("Belopp",)
H1 = [
    text("Umeå kommun"),
    text("Barn- och utbildningsnämnden"),
    text("Tjänsteskrivelse 2024-11-28"),
    text("Dnr BUN-2024/0412"),
    text(""),
    text("Internbudget 2025 för barn- och utbildningsnämnden"),
    text(""),
    text("Sammanfattning"),
    text(
        "Kommunfullmäktige har i Mål och budget 2025 tilldelat barn- och utbildningsnämnden en",
    ),
    text(
        "nettokostnadsram på 2 984,6 mkr, vilket är 97,3 mkr mer än för 2024. Ökningen motsvarar",
        Figure("Nettokostnadsram 2025", "2 984,6", "mkr"),
        Figure("Ramökning jämfört med 2024", "97,3", "mkr"),
    ),
    text(
        "drygt 3 procent. Av ramökningen avser 41,0 mkr löneöversyn och 18,5 mkr ökade",
        Figure("Ramökning i procent", "3", "procent"),
        Figure("Varav löneöversyn", "41,0", "mkr"),
        Figure("Varav hyreskostnader", "18,5", "mkr"),
    ),
    text(
        "hyreskostnader. Nämnden behöver samtidigt effektivisera med knappt 25 mkr för att",
        Figure("Effektiviseringsbehov", "25", "mkr"),
    ),
    text("klara volymökningen i grundskolan."),
    text(""),
    text("Förslag till fördelning av ramen per verksamhet:"),
    text(""),
    Line(
        text="- Förskola                          812 400 tkr",
        figures=(Figure("Förskola", "812 400", "tkr", kind=TABLE),),
    ),
    Line(
        text="- Grundskola F–9                   1 466 250 tkr",
        figures=(Figure("Grundskola F–9", "1 466 250", "tkr", kind=TABLE),),
    ),
    Line(
        text="- Grundsärskola                       96 800 tkr",
        figures=(Figure("Grundsärskola", "96 800", "tkr", kind=TABLE),),
    ),
    Line(
        text="- Gymnasieskola                      421 900 tkr",
        figures=(Figure("Gymnasieskola", "421 900", "tkr", kind=TABLE),),
    ),
    Line(
        text="- Fritidshem                         118 350 tkr",
        figures=(Figure("Fritidshem", "118 350", "tkr", kind=TABLE),),
    ),
    Line(
        text="- Nämnd och förvaltning               68 900 tkr",
        figures=(Figure("Nämnd och förvaltning", "68 900", "tkr", kind=TABLE),),
    ),
    Line(
        text="Summa                              2 984 600 tkr",
        figures=(Figure("Summa", "2 984 600", "tkr", kind=TABLE),),
    ),
    text(""),
    text(
        "Grundskolans elevpeng höjs med 1 850 kronor per elev och läsår. Strukturbidraget till",
        Figure("Höjning av elevpeng", "1 850", "kronor"),
    ),
    text(
        "skolor med stora behov behålls på cirka 12 mkr. Nämnden har dessutom en",
        Figure("Strukturbidrag", "12", "mkr"),
    ),
    text(
        "investeringsram på 35 mkr för inventarier och digitala verktyg.",
        Figure("Investeringsram", "35", "mkr"),
    ),
    text(""),
    text("Förslag till beslut"),
    text("Barn- och utbildningsnämnden fastställer internbudget 2025 enligt förvaltningens förslag."),
    text(""),
    text("(Konstruerat testdokument för budgetlib.)"),
]

# --- h2: plain text, region, tertial report whose table columns collapsed into lines ----------------

H2_COLUMNS = ("Budget 2025", "Prognos 2025", "Avvikelse")
H2_UNIT = "mnkr"


def h2_row(label: str, *values: str) -> Line:
    cells = row(label, *values, unit=H2_UNIT, columns=H2_COLUMNS)
    return Line(text=" ".join(cells.cells), figures=cells.figures)


H2 = [
    text("Region Dalarna"),
    text("Hälso- och sjukvårdsnämnden"),
    text("Tertialrapport 1 2025"),
    text("Dnr HSN 2025/0311"),
    text(""),
    text("Ekonomiskt resultat"),
    text(
        "Prognosen för helåret pekar mot ett underskott på 136,5 miljoner kronor, vilket",
        Figure("Prognostiserat underskott helår", "136,5", "miljoner kronor", sign=-1),
    ),
    text(
        "motsvarar knappt 2 procent av budgeten. Underskottet finns framför allt inom den",
        Figure("Underskott i procent av budget", "2", "procent", sign=-1),
    ),
    text("somatiska specialistvården."),
    text(""),
    text("Ekonomiskt utfall per verksamhetsområde, mnkr"),
    text(""),
    text("Verksamhetsområde"),
    text("Budget"),
    text("2025"),
    text("Prognos"),
    text("2025"),
    text("Avvikelse"),
    text(""),
    h2_row("Primärvård", "1 642,0", "1 655,3", "-13,3"),
    h2_row("Somatisk specialistvård", "3 918,5", "4 052,1", "-133,6"),
    h2_row("Psykiatri", "702,4", "698,0", "4,4"),
    h2_row("Tandvård", "281,7", "279,9", "1,8"),
    h2_row("Hälso- och sjukvårdsgemensamt", "455,4", "451,2", "4,2"),
    h2_row("Totalt", "7 000,0", "7 136,5", "-136,5"),
    text(""),
    text(
        "Kostnaderna för inhyrd personal uppgick till 48 mnkr under perioden, en minskning med",
        Figure("Kostnad inhyrd personal januari–april", "48", "mnkr"),
    ),
    text(
        "21 procent jämfört med samma period 2024. Läkemedelskostnaderna ökade med 6,2 procent.",
        Figure("Förändring kostnad inhyrd personal", "21", "procent", sign=-1),
        Figure("Förändring läkemedelskostnader", "6,2", "procent"),
    ),
    text(""),
    text("(Konstruerat testdokument för budgetlib.)"),
]

# --- h3: PDF, kommun, driftredovisning with negative costs and two derived columns -------------------

H3_COLUMNS = ("Intäkter", "Kostnader", "Netto", "Budget", "Avvikelse")
H3_UNIT = "mkr"


def h3_row(label: str, *values: str) -> Line:
    return row(label, *values, unit=H3_UNIT, columns=H3_COLUMNS)


H3_PAGES = [
    [
        text("Luleå kommun"),
        text("Årsredovisning 2024"),
        text("Kommunstyrelsen"),
        text(""),
        text("Driftredovisning"),
        text(
            "Kommunens nämnder redovisar sammantaget en budgetavvikelse på \u221242,8 mkr för 2024.",
            Figure("Nämndernas budgetavvikelse", "\u221242,8", "mkr"),
        ),
        text(
            "Socialnämnden står för den största delen med ett underskott på 61,4 mkr, medan",
            Figure("Socialnämndens underskott", "61,4", "mkr", sign=-1),
        ),
        text(
            "barn- och utbildningsnämnden redovisar ett överskott på 12,9 mkr. Nettokostnaderna",
            Figure("Barn- och utbildningsnämndens överskott", "12,9", "mkr"),
        ),
        text(
            "ökade med 4,6 procent jämfört med 2023, att jämföra med skatteintäkternas ökning på",
            Figure("Nettokostnadsökning", "4,6", "procent"),
        ),
        text("cirka 3,9 procent.", Figure("Skatteintäkternas ökning", "3,9", "procent")),
        text(""),
        text("Tabellen på nästa sida visar utfallet per nämnd."),
    ],
    [
        text("Driftredovisning per nämnd 2024 (mkr)"),
        Line(cells=("Nämnd", *H3_COLUMNS)),
        h3_row("Kommunstyrelsen", "182,4", "\u2212611,9", "\u2212429,5", "\u2212436,0", "6,5"),
        h3_row(
            "Barn- och utbildningsnämnden", "214,6", "\u22121 952,3", "\u22121 737,7", "\u22121 750,6", "12,9"
        ),
        h3_row("Socialnämnden", "301,2", "\u22121 498,9", "\u22121 197,7", "\u22121 136,3", "\u221261,4"),
        h3_row("Tekniska nämnden", "356,8", "\u2212540,1", "\u2212183,3", "\u2212178,9", "\u22124,4"),
        h3_row("Kultur- och fritidsnämnden", "38,5", "\u2212211,7", "\u2212173,2", "\u2212176,8", "3,6"),
        h3_row("Summa", "1 093,5", "\u22124 814,9", "\u22123 721,4", "\u22123 678,6", "\u221242,8"),
        text(""),
        text("Netto = intäkter + kostnader. Avvikelse = netto \u2212 budget."),
        text("(Konstruerat testdokument för budgetlib.)"),
    ],
]

# --- h4: PDF, region, frame bridge drawn as a table, and an investment table in tkr ------------------

H4_PAGES = [
    [
        text("Region Kronoberg"),
        text("Hälso- och sjukvårdsnämnden"),
        text("Nämndbudget 2026"),
        text("Diarienummer HSN 2025/88"),
        text(""),
        text(
            "Nämndens ram för 2026 uppgår till 6 020,9 mkr, en ökning med 208,9 mkr eller",
            Figure("Ram 2026", "6 020,9", "mkr"),
            Figure("Ramökning", "208,9", "mkr"),
        ),
        text("3,6 procent jämfört med ramen för 2025.", Figure("Ramökning i procent", "3,6", "procent")),
        text(""),
        text("Förändring av ramen från 2025 till 2026"),
        Line(cells=("Post", "Mkr")),
        row("Ram 2025", "5 812,0", unit="Mkr", columns=("Mkr",)),
        row("Uppräkning löner och priser", "174,4", unit="Mkr", columns=("Mkr",)),
        row("Läkemedel", "62,5", unit="Mkr", columns=("Mkr",)),
        row("Effektiviseringskrav", "\u221258,0", unit="Mkr", columns=("Mkr",)),
        row("Ny vårdplatsmodell", "30,0", unit="Mkr", columns=("Mkr",)),
        row("Ram 2026", "6 020,9", unit="Mkr", columns=("Mkr",)),
        text(""),
        text(
            "Effektiviseringskravet på 58 mkr fördelas till förvaltningens områden i proportion till",
            Figure("Effektiviseringskrav", "58", "mkr"),
        ),
        text("deras nettokostnad."),
    ],
    [
        text("Investeringar 2026"),
        text("Investeringsbudgeten omfattar medicinteknisk utrustning och IT. Belopp i tkr."),
        Line(cells=("Investering", "Budget 2026")),
        row("Medicinteknisk utrustning", "42 500", unit="tkr", columns=("Budget 2026",)),
        row("IT och digitalisering", "12 000", unit="tkr", columns=("Budget 2026",)),
        row("Summa", "54 500", unit="tkr", columns=("Budget 2026",)),
        text(""),
        text("(Konstruerat testdokument för budgetlib.)"),
    ],
]

# --- h5: DOCX, kommun, nämnd budget in tkr in a Word table with a change column ----------------------

H5_COLUMNS = ("Budget 2024", "Budget 2025", "Förändring")
H5_BLOCKS: list[Line | list[Line]] = [
    text("Växjö kommun"),
    text("Miljö- och byggnadsnämnden"),
    text("Budget 2025 och verksamhetsplan"),
    text("Diarienummer MBN 2024-000517"),
    text(
        "Nämndens nettobudget för 2025 är 48 215 tkr, en ökning med 1 905 tkr jämfört med 2024.",
        Figure("Nettobudget 2025", "48 215", "tkr"),
        Figure("Ökning jämfört med 2024", "1 905", "tkr"),
    ),
    text(
        "Taxeintäkterna beräknas till cirka 31 mnkr, ungefär som föregående år.",
        Figure("Taxeintäkter", "31", "mnkr"),
    ),
    text("Budget per verksamhet, belopp i tkr"),
    [
        Line(cells=("Verksamhet", *H5_COLUMNS)),
        row("Bygglov", "12 480", "12 910", "430", unit="tkr", columns=H5_COLUMNS),
        row("Miljö- och hälsoskydd", "15 230", "15 990", "760", unit="tkr", columns=H5_COLUMNS),
        row("Livsmedelskontroll", "6 105", "6 240", "135", unit="tkr", columns=H5_COLUMNS),
        row("Planering och GIS", "8 640", "8 920", "280", unit="tkr", columns=H5_COLUMNS),
        row("Nämnd och ledning", "3 855", "4 155", "300", unit="tkr", columns=H5_COLUMNS),
        row("Summa", "46 310", "48 215", "1 905", unit="tkr", columns=H5_COLUMNS),
    ],
    text(
        "Nämnden har fått ett effektiviseringskrav på 0,8 procent, motsvarande 385 tkr.",
        Figure("Effektiviseringskrav i procent", "0,8", "procent"),
        Figure("Effektiviseringskrav", "385", "tkr"),
    ),
    text("(Konstruerat testdokument för budgetlib.)"),
]

# --- h6: DOCX, region news item "budgeten i siffror" with a Word table in mnkr and percent ------------

H6_BLOCKS: list[Line | list[Line]] = [
    text("Region Gävleborg"),
    text("Regionfullmäktige har fastställt budget 2025 – så fördelas pengarna"),
    text(
        "Regionens totala budget för 2025 uppgår till 14,2 miljarder kronor. Det är 612 miljoner kronor "
        "mer än i fjol, en ökning med 4,5 procent.",
        Figure("Total budget 2025", "14,2", "miljarder kronor"),
        Figure("Ökning mot 2024", "612", "miljoner kronor"),
        Figure("Ökning i procent", "4,5", "procent"),
    ),
    text(
        "Skattesatsen är oförändrad, 11,51 kronor per hundralapp.",
        Figure("Skattesats", "11,51", "kronor"),
    ),
    [
        Line(cells=("Verksamhet", "Budget 2025, mnkr", "Andel, %")),
        Line(
            cells=("Hälso- och sjukvård", "9 842", "69,3"),
            figures=(
                Figure("Hälso- och sjukvård · Budget", "9 842", "mnkr", kind=TABLE),
                Figure("Hälso- och sjukvård · Andel", "69,3", "%", kind=TABLE),
            ),
        ),
        Line(
            cells=("Tandvård", "512", "3,6"),
            figures=(
                Figure("Tandvård · Budget", "512", "mnkr", kind=TABLE),
                Figure("Tandvård · Andel", "3,6", "%", kind=TABLE),
            ),
        ),
        Line(
            cells=("Kollektivtrafik", "1 136", "8,0"),
            figures=(
                Figure("Kollektivtrafik · Budget", "1 136", "mnkr", kind=TABLE),
                Figure("Kollektivtrafik · Andel", "8,0", "%", kind=TABLE),
            ),
        ),
        Line(
            cells=("Regional utveckling och kultur", "598", "4,2"),
            figures=(
                Figure("Regional utveckling och kultur · Budget", "598", "mnkr", kind=TABLE),
                Figure("Regional utveckling och kultur · Andel", "4,2", "%", kind=TABLE),
            ),
        ),
        Line(
            cells=("Gemensamma kostnader", "2 112", "14,9"),
            figures=(
                Figure("Gemensamma kostnader · Budget", "2 112", "mnkr", kind=TABLE),
                Figure("Gemensamma kostnader · Andel", "14,9", "%", kind=TABLE),
            ),
        ),
        Line(
            cells=("Totalt", "14 200", "100,0"),
            figures=(
                Figure("Totalt · Budget", "14 200", "mnkr", kind=TABLE),
                Figure("Totalt · Andel", "100,0", "%", kind=TABLE),
            ),
        ),
    ],
    text("Några av satsningarna:"),
    text(
        "• Drygt 300 miljoner kronor går till fler vårdplatser och kortare väntetider.",
        Figure("Satsning på vårdplatser", "300", "miljoner kronor"),
    ),
    text(
        "• Kollektivtrafiken får 45 mnkr extra för nya linjer.",
        Figure("Tillskott kollektivtrafik", "45", "mnkr"),
    ),
    text(
        "• Tandvården får knappt 20 mnkr för förebyggande insatser för barn och unga.",
        Figure("Tillskott tandvård", "20", "mnkr"),
    ),
    text("(Konstruerat testdokument för budgetlib.)"),
]

# --- h7: plain text copied from a web page: a tab-separated table in tkr, mdkr in prose --------------

H7_COLUMNS = ("Utfall jan–aug", "Budget helår", "Prognos helår", "Avvikelse")


def h7_row(label: str, *values: str) -> Line:
    cells = row(label, *values, unit="tkr", columns=H7_COLUMNS)
    return Line(text="\t".join(cells.cells), figures=cells.figures)


H7 = [
    text("Delårsrapport januari–augusti 2025 – Socialnämnden"),
    text("Uppsala kommun"),
    text(""),
    text(
        "Nämndens budget för året är 2,1 miljarder kronor. Prognosen visar ett underskott på 17,1 mkr",
        Figure("Budget helår", "2,1", "miljarder kronor"),
        Figure("Prognostiserat underskott", "17,1", "mkr", sign=-1),
    ),
    text("vid årets slut, främst inom individ- och familjeomsorgen."),
    text(
        "Kostnaden för placeringar av barn och unga har ökat med cirka 9 procent jämfört med",
        Figure("Ökning av placeringskostnader", "9", "procent"),
    ),
    text("samma period förra året."),
    text(""),
    text("Driftredovisning (tkr)"),
    text("\t".join(("Verksamhet", *H7_COLUMNS))),
    h7_row("Individ- och familjeomsorg", "412 300", "611 000", "624 500", "-13 500"),
    h7_row("Äldreomsorg", "598 100", "905 400", "899 200", "6 200"),
    h7_row("Funktionsstöd", "351 800", "520 600", "531 900", "-11 300"),
    h7_row("Socialnämnd och ledning", "52 400", "81 400", "79 900", "1 500"),
    h7_row("Summa", "1 414 600", "2 118 400", "2 135 500", "-17 100"),
    text(""),
    text("Avvikelse = budget helår − prognos helår."),
    text(""),
    text("(Konstruerat testdokument för budgetlib.)"),
]


# --- h8–h10: indicator tables (nyckeltal), keyed in NAME.indicators.csv as well ----------------------
# Written and keyed before the indicator reader existed; the extractor was never run on them first.
# Keying rules: the indicator's name as printed without a trailing unit (", %"); the unit as printed
# beside the figures or in an Enhet column, else as the name gives it; values as printed in their
# cell ("84 %", "81,4"); a dash is blank; where two outcome columns are printed, the latest.


def ind(
    name: str, unit: str, direction: str, frequency: str, outcome: tuple[int, str], target: tuple[int, str]
) -> Indicator:
    return Indicator(name, unit, direction, frequency, outcome[0], outcome[1], target[0], target[1])


def text_ind(content: str, indicator: Indicator) -> Line:
    return Line(text=content, indicator=indicator)


H8 = [
    text("Tierps kommun"),
    text("Mål och budget 2025 med plan för 2026\u20132027"),
    text("Kommunfullmäktige, dnr KS 2024/0311"),
    text(""),
    text("Kommunfullmäktiges mål och nyckeltal"),
    text(""),
    text(
        "Kommunens resultat ska uppgå till minst 2 procent av skatter och generella statsbidrag, vilket",
        Figure("Resultatmål i procent", "2", "procent"),
    ),
    text("för 2025 motsvarar 21,4 mkr.", Figure("Resultatmål 2025", "21,4", "mkr")),
    text(""),
    text("Mål 1. Fler elever når kunskapsmålen"),
    text("Nyckeltal\tUtfall 2023\tMål 2025\tÖnskad riktning"),
    text_ind(
        "Andel elever i åk 9 som är behöriga till gymnasiet, %\t81,4\t86,0\tÖka",
        ind(
            "Andel elever i åk 9 som är behöriga till gymnasiet",
            "%",
            "öka",
            "",
            (2023, "81,4"),
            (2025, "86,0"),
        ),
    ),
    text_ind(
        "Andel elever som uppnått kunskapskraven i alla ämnen, %\t68,2\t75,0\tÖka",
        ind(
            "Andel elever som uppnått kunskapskraven i alla ämnen",
            "%",
            "öka",
            "",
            (2023, "68,2"),
            (2025, "75,0"),
        ),
    ),
    text_ind(
        "Antal elever per lärare i grundskolan\t12,9\t12,5\tMinska",
        ind("Antal elever per lärare i grundskolan", "antal", "minska", "", (2023, "12,9"), (2025, "12,5")),
    ),
    text(""),
    text("Mål 2. Äldre känner sig trygga"),
    text("Nyckeltal                                                Utfall 2023   Mål 2025   Önskad riktning"),
    text_ind(
        "Andel brukare som känner sig trygga i särskilt boende          84 %       90 %   Öka",
        ind(
            "Andel brukare som känner sig trygga i särskilt boende",
            "%",
            "öka",
            "",
            (2023, "84 %"),
            (2025, "90 %"),
        ),
    ),
    text_ind(
        "Antal personal som en brukare möter under 14 dagar               16         12   Minska",
        ind(
            "Antal personal som en brukare möter under 14 dagar",
            "antal",
            "minska",
            "",
            (2023, "16"),
            (2025, "12"),
        ),
    ),
    text_ind(
        "Väntetid till särskilt boende, dagar                              \u2013         60   Minska",
        ind("Väntetid till särskilt boende", "dagar", "minska", "", (2023, ""), (2025, "60")),
    ),
    text(""),
    text("(Konstruerat testdokument för budgetlib.)"),
]

H9_PAGES = [
    [
        text("Region Gävleborg"),
        text("Hälso- och sjukvårdsnämnden"),
        text("Nämndplan 2026"),
        text(""),
        text(
            "Nämndens nettokostnadsram för 2026 är 9 412,0 mkr.",
            Figure("Nettokostnadsram 2026", "9 412,0", "mkr"),
        ),
        text(""),
        text("Mål: God och jämlik tillgänglighet"),
        Line(cells=("Indikator", "Utfall 2024", "Målvärde 2026", "Periodicitet")),
        Line(
            cells=("Andel besök inom 90 dagar", "76 %", "85 %", "Tertial"),
            indicator=ind("Andel besök inom 90 dagar", "%", "", "Tertial", (2024, "76 %"), (2026, "85 %")),
        ),
        Line(
            cells=("Antal vårdplatser per dag", "412", "430", "Månad"),
            indicator=ind("Antal vårdplatser per dag", "antal", "", "Månad", (2024, "412"), (2026, "430")),
        ),
        Line(
            cells=("Överbeläggningar per 100 vp", "3,1", "2,0", "Månad"),
            indicator=ind("Överbeläggningar per 100 vp", "", "", "Månad", (2024, "3,1"), (2026, "2,0")),
        ),
        Line(
            cells=("Hyrläkarkostnad, mkr", "182,5", "120,0", "Tertial"),
            indicator=ind("Hyrläkarkostnad", "mkr", "", "Tertial", (2024, "182,5"), (2026, "120,0")),
        ),
        Line(
            cells=("Andel med fast läkarkontakt", "\u2013", "60 %", "År"),
            indicator=ind("Andel med fast läkarkontakt", "%", "", "År", (2024, ""), (2026, "60 %")),
        ),
        text(""),
        text("(Konstruerat testdokument för budgetlib.)"),
    ]
]

H10_HEADINGS = ("Indikator", "Enhet", "Utfall 2023", "Utfall 2024", "Mål 2025", "Riktning")
H10_BLOCKS: list[Line | list[Line]] = [
    text("Sundsvalls kommun"),
    text("Socialnämnden"),
    text("Verksamhetsplan 2025"),
    text(
        "Socialnämndens budgetram för 2025 är 1 236,4 mkr, en ökning med 3,2 procent.",
        Figure("Budgetram 2025", "1 236,4", "mkr"),
        Figure("Ökning i procent", "3,2", "procent"),
    ),
    text("Mål: Äldre och personer med funktionsnedsättning får stöd med god kvalitet"),
    [
        Line(cells=H10_HEADINGS),
        Line(
            cells=("Andel brukare nöjda med hemtjänsten", "%", "88", "86", "90", "\u2191"),
            indicator=ind("Andel brukare nöjda med hemtjänsten", "%", "öka", "", (2024, "86"), (2025, "90")),
        ),
        Line(
            cells=("Kostnad per brukare i hemtjänst", "tkr", "312", "328", "320", "\u2193"),
            indicator=ind(
                "Kostnad per brukare i hemtjänst", "tkr", "minska", "", (2024, "328"), (2025, "320")
            ),
        ),
        Line(
            cells=("Antal placeringar HVB barn och unga", "antal", "41", "37", "30", "\u2193"),
            indicator=ind(
                "Antal placeringar HVB barn och unga", "antal", "minska", "", (2024, "37"), (2025, "30")
            ),
        ),
        Line(
            cells=("Handläggningstid ekonomiskt bistånd", "dagar", "14", "16", "10", "\u2193"),
            indicator=ind(
                "Handläggningstid ekonomiskt bistånd", "dagar", "minska", "", (2024, "16"), (2025, "10")
            ),
        ),
    ],
    text("(Konstruerat testdokument för budgetlib.)"),
]


def write_text(name: str, lines: list[Line]) -> None:
    key = Key()
    for number, line in enumerate(lines, start=1):
        key.add(line, None, number)
    content = "\n".join(line.text for line in lines) + "\n"
    (HOLDOUT / f"{name}.txt").write_text(content, encoding="utf-8")
    key.write(HOLDOUT / f"{name}.key.csv")


def write_pdf(name: str, pages: list[list[Line]]) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=str(FONT))
    key = Key()
    for page_number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("DejaVu", size=10)
        number = 0
        for line in lines:
            if line.empty:
                pdf.ln(5)
                continue
            number += 1
            key.add(line, page_number, number)
            if line.cells:
                label_width = 62
                value_width = (190 - 10 - label_width) / max(1, len(line.cells) - 1)
                pdf.set_x(10)
                pdf.cell(label_width, 6, line.cells[0])
                for cell in line.cells[1:]:
                    pdf.cell(value_width, 6, cell, align="R")
                pdf.ln(6)
            else:
                pdf.set_x(10)
                pdf.cell(0, 6, line.text)
                pdf.ln(6)
    pdf.output(str(HOLDOUT / f"{name}.pdf"))
    key.write(HOLDOUT / f"{name}.key.csv")


def _deterministic_zip(data: bytes) -> bytes:
    """The same zip with fixed timestamps and order, so the DOCX is byte-identical each run."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def write_docx(name: str, blocks: list[Line | list[Line]]) -> None:
    import docx

    document = docx.Document()
    document.core_properties.created = FIXED_TIME.replace(tzinfo=None)
    document.core_properties.modified = FIXED_TIME.replace(tzinfo=None)
    document.core_properties.last_modified_by = "budgetlib"
    document.core_properties.author = "budgetlib"
    key = Key()
    number = 0
    for block in blocks:
        if isinstance(block, Line):
            document.add_paragraph(block.text)
            if not block.empty:
                number += 1
                key.add(block, None, number)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0].cells))
        for r, line in enumerate(block):
            for col, cell in enumerate(line.cells):
                table.cell(r, col).text = cell
            number += 1
            key.add(line, None, number)
    buffer = io.BytesIO()
    document.save(buffer)
    (HOLDOUT / f"{name}.docx").write_bytes(_deterministic_zip(buffer.getvalue()))
    key.write(HOLDOUT / f"{name}.key.csv")


def main() -> None:
    HOLDOUT.mkdir(exist_ok=True)
    write_text("h1_bun_internbudget", H1)
    write_text("h2_tertialrapport", H2)
    write_pdf("h3_driftredovisning", H3_PAGES)
    write_pdf("h4_namndbudget_brygga", H4_PAGES)
    write_docx("h5_mbn_budget", H5_BLOCKS)
    write_docx("h6_budget_i_siffror", H6_BLOCKS)
    write_text("h7_delarsrapport_webb", H7)
    write_text("h8_kf_nyckeltal", H8)
    write_pdf("h9_hsn_indikatorer", H9_PAGES)
    write_docx("h10_socialnamnd_indikatorer", H10_BLOCKS)


if __name__ == "__main__":
    main()
