"""What the nämnd reports say about the seed documents, checked against the documents' own lines.

Each test reads the cited source lines and derives the figure from them, then
asserts that the report's Markdown, tables and charts say it in the right
words: proposals as proposals, the year on a forecast, totals apart from
their parts, zero as a value, the decision record in full.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape
from pathlib import Path, PurePosixPath

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from budgetlib import report_sections as sections
from budgetlib import report_tables
from budgetlib.dataset import Dataset
from budgetlib.markup import Link
from budgetlib.namnd_report import NamndReport, namnd_report
from budgetlib.numbers import parse_number
from budgetlib.report_links import Links, namnd_page
from budgetlib.table import Table
from budgetlib.table_views import Cell, Row, TableView
from tests.conftest import DATA_DIR

SOURCES = DATA_DIR / "sources"
S000, S001, S002, S003, S004 = (
    "000_a9a73f1fbb1b2d92.txt",
    "001_14dd89f663d29f12.txt",
    "002_5242cddf40ba70f2.txt",
    "003_7568518892398882.txt",
    "004_3edf439f794cb21d.txt",
)


def line(source: str, number: int) -> str:
    return (SOURCES / source).read_text(encoding="utf-8").splitlines()[number - 1]


def words(markdown: object) -> str:
    """What a reader sees of report Markdown: links as their text, references decoded, no emphasis."""
    assert isinstance(markdown, str)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return unescape(text).replace("**", "").replace("\u00a0", " ")


def texts(items: Sequence[object]) -> str:
    return "\n".join(words(item) for item in items if isinstance(item, str))


def chart_titles(items: Sequence[object]) -> list[str]:
    return [" ".join(f.axes[0].get_title(loc="left").split()) for f in items if isinstance(f, Figure)]


def chart_texts(figure: Figure) -> str:
    return " ".join(t.get_text() for t in figure.findobj(Text))


def amount(shown: object) -> float:
    """``+81 mkr`` / ``−324 mkr`` → the number."""
    return parse_number(str(shown).replace("mkr", "").replace("+", "").strip())


@pytest.fixture(scope="module")
def reports(dataset: Dataset) -> dict[str, NamndReport]:
    return {
        "003": namnd_report(dataset, "Region Värmland", "HSN", 2025),
        "000+004": namnd_report(dataset, "Region Västerbotten", "HSN", 2025),
        "001": namnd_report(dataset, "Region Västerbotten", "RS", 2025),
        "002": namnd_report(dataset, "Region Jämtland Härjedalen", "HSN", 2024),
    }


def test_the_first_screen_names_documents_frame_changes_and_what_does_not_add_up(
    reports: dict[str, NamndReport],
) -> None:
    box = words(sections.summary(reports["003"])[0])
    assert "Region Värmland" in box and "Hälso- och sjukvårdsnämnden (HSN)" in box and "budgetår 2025" in box
    assert "ärendebeskrivning; förslag; diarienummer anges inte; datum anges inte" in box
    assert line(S003, 48).strip() == "= Ram 2025 9 065" and line(S003, 42).strip() == "Ram 2024 8 428"
    assert "Ram 2025: 9 065 mkr (beslut, rad 48)" in box and "+637 mkr (+7,6 %)" in box
    assert "Största ökning: +513 mkr, Prioritering" in box  # line 47
    assert "Största minskning: −324 mkr, Sociala avgifter" in box  # line 45
    assert "9,1 mnkr" in line(S003, 38) and "0,7 mnkr" in line(S003, 39)
    assert box.count("Stämmer inte (enhetsfel)") == 2 and "rad 38" in box and "rad 39" in box


def test_the_first_screen_of_a_proposal_and_a_decision_without_a_frame(
    reports: dict[str, NamndReport],
) -> None:
    box = words(sections.summary(reports["000+004"])[0])
    assert line(S000, 2).strip() == "HSN 1430-2024" and "förslag; diarienummer HSN 1430-2024" in box
    assert "protokoll; beslut; diarienummer HSN 656-2025" in box
    assert "Ram 2025: anges inte i dokumenten." in box
    assert "förstärkts med 214 mkr" in line(S000, 5) and "+214 mkr (beslut, rad 5)" in box
    assert "Största ökning: +81 mkr, Personalkostnader" in box  # line 19
    assert "Avstämning: inga avvikelser" in box


def test_empty_sections_collapse_into_one_line(reports: dict[str, NamndReport]) -> None:
    jamtland = reports["002"]
    assert jamtland.missing == (
        "bridges",
        "allocations",
        "changes",
        "forecasts",
        "investments",
        "goals",
        "assignments",
    )
    summary = sections.summary(jamtland)
    assert len(summary) == 2 and words(summary[1]).startswith("Dokumenten innehåller ingen brygga")
    assert all(sections.section(jamtland, name) == [] for name in jamtland.missing)
    assert words(sections.section(jamtland, "decisions")[0]) == "## Beslut och protokoll"


def test_a_proposal_is_titled_as_a_proposal(reports: dict[str, NamndReport]) -> None:
    items = sections.section(reports["003"], "allocations")
    assert "Förslag" in line(S003, 83) and "förslag på ekonomisk ram per område" in line(S003, 73)
    assert chart_titles(items) == ["Ekonomisk ram per område: Förslag budget 2025"]
    (table,) = [item for item in items if isinstance(item, Table)]
    assert "Förslag budget 2025" in table.frame.columns and "Budget 2025" not in table.frame.columns


def test_the_forecast_chart_and_table_carry_the_year(reports: dict[str, NamndReport]) -> None:
    items = sections.section(reports["001"], "forecasts")
    assert "prognostiseras efter augusti en negativ budgetavvikelse för 2024 på 104" in line(S001, 706)
    (title,) = chart_titles(items)
    assert "2024" in title and "prognos" in title.lower() and "−104 mkr" in title
    assert "Budgetavvikelse i delårsrapporten per augusti 2024: −52 mkr (utfall 2024, rad 702)" in texts(
        items
    )


def test_the_supplement_table_keeps_its_total_apart_from_its_parts(reports: dict[str, NamndReport]) -> None:
    items = sections.section(reports["000+004"], "changes")
    tables = [item for item in items if isinstance(item, Table)]
    printed = [parse_number(line(S000, n).split()[-2]) for n in range(19, 28)]  # "• Personalkostnader 81 mkr"
    assert sum(printed) == parse_number(line(S000, 29).split()[-2]) == 190
    for table in tables:
        values = [amount(v) for v in table.frame.iloc[:, 1]]
        parts = [v for v, strong in zip(values, table.strong, strict=True) if not strong]
        (total,) = [v for v, strong in zip(values, table.strong, strict=True) if strong]
        assert sum(parts) == pytest.approx(total)  # no column adds to 404 where 190 was distributed
    assert [sum(amount(v) for v in t.frame.iloc[:, 1]) / 2 for t in tables] == [190, 214]
    for chart in (item for item in items if isinstance(item, Figure)):
        assert "190 mkr" not in chart_texts(chart) or "Kvar att fördela" in chart_texts(chart)


def test_the_largest_reduction_is_in_a_chart(reports: dict[str, NamndReport]) -> None:
    assert "reducerats med 428,4" in line(S001, 815)
    changes = [chart_texts(f) for f in sections.section(reports["001"], "changes") if isinstance(f, Figure)]
    assert any("−428,4 mkr" in text for text in changes)
    bridge = [chart_texts(f) for f in sections.section(reports["003"], "bridges") if isinstance(f, Figure)]
    assert "−324" in bridge[0] and "Ramtillskott: från ram 2024 till ram 2025" in bridge[0]  # line 45


def test_every_chart_is_followed_by_its_figures_in_words(reports: dict[str, NamndReport]) -> None:
    for report in reports.values():
        for section in ("bridges", "allocations", "changes", "forecasts", "investments", "goals"):
            items = sections.section(report, section)
            for index, item in enumerate(items):
                if isinstance(item, Figure):
                    follower = items[index + 1]
                    assert isinstance(follower, str) and follower.startswith("*Diagrammet i siffror:*")


def test_goals_count_zero_outcomes_and_flag_targets_by_direction(reports: dict[str, NamndReport]) -> None:
    items = sections.section(reports["001"], "goals")
    said = texts(items)
    assert line(S001, 466).split() == ["0", "4", "År"]  # zero publications in 2023, four as the target
    assert "12 har både utfall 2023 och mål 2025" in said
    assert (
        "3 lägre än utfallet för indikatorer som ska öka och "
        "1 högre än utfallet för indikatorer som ska minska" in said
    )
    (table,) = [item for item in items if isinstance(item, Table)]
    rows = {str(r["Mål, delmål och indikator"]).strip(): r for r in table.frame.to_dict("records")}
    assert rows["Lokalyta som regionen äger och hyr ska inte ökas till år 2030 i jämförelse med 2020"][
        "Status"
    ] == ("● nått (målet högre än utfallet)")
    assert (
        rows["Antal doktorander inom forskningsområdet informationsteknik"]["Status"]
        == "● nått (målet lägre än utfallet)"
    )
    assert rows["Klimatutsläpp från tjänsteresor"]["Status"] == "▲ ej nått"
    assert rows["Klimatutsläpp från tjänsteresor"]["Enhet"] == "ton CO2e*"  # assumed: not printed, line 382
    assert "ton" not in line(S001, 382) and "antagen" in said


def test_the_vote_and_every_reservation_are_in_the_decision_record(reports: dict[str, NamndReport]) -> None:
    said = texts(sections.section(reports["002"], "decisions"))
    assert line(S002, 106) == "Resultat 7 5 1"
    assert "sju ja-röster, fem nej-röster och en avstår" in line(S002, 59)
    assert "7 ja, 5 nej, 1 avstår (7–5–1)" in said and "Ja-sidan vann: avgöra ärendet idag" in said
    reservations = line(S002, 67) + " " + line(S002, 68)
    members = re.findall(r"([A-ZÅÄÖ][\w ]+?) \((\w+)\)", reservations)
    assert len(members) == 5
    for name, party in members:
        assert f"{name.strip().removeprefix('och ')} ({party})" in said
    assert "Till förmån för Jennie Klaessons återremissyrkande (rad 67–68)" in said
    assert "Anette Rangdag (SD): Deltar inte i beslutet (rad 70)" in said
    assert "Jennie Klaesson (M): Återremiss (rad 47)" in said


def test_statuses_given_for_all_assignments_at_once_are_marked(reports: dict[str, NamndReport]) -> None:
    items = sections.section(reports["000+004"], "assignments")
    assert "Statusen för 7 av dem står inte vid uppdraget utan gemensamt för alla på rad 16" in texts(items)
    (table,) = [item for item in items if isinstance(item, Table)]
    assert {str(s) for s in table.frame["Status"]} == {"Pågående*"}


def test_figures_link_to_their_source_line_relative_to_the_report(reports: dict[str, NamndReport]) -> None:
    report = reports["003"]
    assert (
        report.links.page
        == PurePosixPath("region-varmland/hsn-2025.html")
        == namnd_page("Region Värmland", "HSN", 2025)
    )
    (table,) = [t for t in sections.section(report, "allocations") if isinstance(t, Table)]
    cell = table.frame.loc[table.frame["Post"] == "Medicinska specialiteter", "Förslag budget 2025"].item()
    assert isinstance(cell, Link) and cell.href == "../kallor/003_7568518892398882.html#L90"
    assert "2 019" in line(S003, 90) and cell.text == "2\u00a0019\u00a0mkr"
    assert Links(PurePosixPath("avstamning.html")).source(S003, 90) == "kallor/003_7568518892398882.html#L90"
    assert report.links.report(PurePosixPath("avstamning.html")) == "../avstamning.html"
    html = table._repr_html_()
    assert '<a href="../kallor/003_7568518892398882.html#L90">2\u00a0019\u00a0mkr</a>' in html


def _hierarchy() -> TableView:
    def row(row_id: str, label: str, depth: int, value: float, role: str = "part") -> Row:
        return Row(
            row_id, label, role, depth, {"Netto": Cell(value, "utfall", 2025, "nettokostnad", "x.txt", 1)}
        )

    rows = (
        row("sn", "Socialnämnden", 0, -1032.1),
        row("aldre", "Äldreomsorg", 1, -602.1),
        row("ifo", "Individ- och familjeomsorg", 1, -149.2),
        row("tn", "Tekniska nämnden", 0, -80.0),
        row("summa", "Summa", 0, -1112.1, "total"),
    )
    return TableView(
        "t", "d", "Driftredovisning 2025", "sum", ("Netto",), ("Utfall 2025: Netto",), rows, "mkr"
    )


def test_a_chart_draws_one_level_of_a_hierarchy_and_never_the_total() -> None:
    view = _hierarchy()
    assert [row.label for row, _ in view.top_parts("Netto")] == ["Socialnämnden", "Tekniska nämnden"]
    alone = TableView(**{**view.__dict__, "rows": view.rows[:3]})  # one nämnd's own block: its verksamheter
    assert [row.label for row, _ in alone.top_parts("Netto")] == ["Äldreomsorg", "Individ- och familjeomsorg"]
    assert view.chart_title("Netto") == "Driftredovisning 2025 – utfall 2025"


def test_a_hierarchy_is_indented_and_its_total_a_bold_row_of_its_own() -> None:
    table = report_tables.document_table(_hierarchy(), Links(PurePosixPath("a/b.html")))
    labels = list(table.frame["Post"])
    assert labels[1] == "\u2003Äldreomsorg" and labels[0] == "Socialnämnden"
    assert table.strong == (False, False, False, False, True)
    html = table._repr_html_()
    assert "<td><strong>Summa</strong></td>" in html and "<caption>Driftredovisning 2025</caption>" in html
    assert '<a href="../kallor/x.html#L1">−1\u00a0032\u00a0mkr</a>' in html  # printed without decimals


def test_the_summary_of_004_states_the_documents_conclusion(reports: dict[str, NamndReport]) -> None:
    said = " ".join(" ".join(line(S004, n).split()) for n in range(7, 10))
    assert "nämnden inte klarar uppdraget inom angivna ramar" in said
    box = words(sections.summary(reports["000+004"])[0])
    assert f"Dokumentets slutsats (004, rad 7–9): ”{said}”" in box
    assert "inte bedöms som tillräckliga för att nå en ekonomi i balans under året" in box  # lines 11–12
    jamtland = words(sections.summary(reports["002"])[0])
    assert f"”{line(S002, 65).strip()}”" in jamtland  # "… fastställs enligt förslag."


def test_a_remainder_is_named_as_the_document_names_it(reports: dict[str, NamndReport]) -> None:
    items = sections.section(reports["000+004"], "changes")
    (table,) = [t for t in items if isinstance(t, Table) and t.caption.startswith("Förstärkning")]
    rest = dict(zip(table.frame["Del"], table.frame["Belopp"], strict=True))
    words_of_line_6 = "reduceras utifrån beslut om höjda avgifter och omfördelning till RS för licensavtal"
    assert words_of_line_6 in line(S000, 6)
    assert rest[f"Resten: {words_of_line_6}"] == "24\u00a0mkr"  # 214 (line 5) − 190 (line 7)
    assert "Ej specificerat" not in rest
    priorities = sections.section(reports["003"], "changes")  # 003 says nothing of the 181 mkr
    (table,) = [t for t in priorities if isinstance(t, Table)]
    assert "Ej specificerat" in list(table.frame["Del"])


def test_links_are_computed_from_where_the_build_puts_each_report(dataset: Dataset, tmp_path: Path) -> None:
    from budgetlib.report.jobs import plan

    jobs = [job for job in plan(dataset, reports=tmp_path) if job.notebook.name == "namnd.ipynb"]
    assert jobs
    for job in jobs:
        region, namnd, year = job.scope
        assert region is not None and namnd is not None and year is not None
        assert job.html.relative_to(tmp_path).as_posix() == namnd_page(region, namnd, year).as_posix()
