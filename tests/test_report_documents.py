"""Reports on the six test documents of other kinds (tests/documents): charts right for each kind.

A result bridge with negative steps and results, an annual report beside its
preliminary statement (outcome kept apart from budget), a driftredovisning
with nämnder and their verksamheter (a hierarchy), a nämnd's detailed budget
in tkr. Every expected figure is read from the cited line of the source text.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

import budgetlib
from budgetlib import report_sections as sections
from budgetlib.dataset import Dataset
from budgetlib.namnd_report import NamndReport, namnd_report
from budgetlib.numbers import parse_number
from budgetlib.table import Table
from tests.conftest import PROJECT

DATA = PROJECT / "tests" / "documents" / "data"


def line(source: str, number: int) -> str:
    return (DATA / "sources" / source).read_text(encoding="utf-8").splitlines()[number - 1]


def last_number(source: str, number: int, position: int = -1) -> float:
    """The ``position``-th figure printed on a line (``−1 712,6``, ``1 017 133``, ``-4 940``)."""
    figures = re.findall(r"[−-]?\d{1,3}(?:[  ]\d{3})*(?:,\d+)?", line(source, number))
    return parse_number(figures[position])


def words(markdown: object) -> str:
    """What a reader sees of report Markdown: links as their text, references decoded, no emphasis."""
    assert isinstance(markdown, str)
    text = unescape(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown))
    return text.replace("**", "").replace("\u00a0", " ")


def bars(figure: Figure) -> list[tuple[float, float]]:
    """Each bar of a horizontal chart as (start, end), top to bottom."""
    found = [p for p in figure.axes[0].patches if isinstance(p, Rectangle)]
    return [(round(p.get_x(), 6), round(p.get_x() + p.get_width(), 6)) for p in found]


def title(figure: Figure) -> str:
    return " ".join(figure.axes[0].get_title(loc="left").split())


@pytest.fixture(scope="module")
def documents() -> Dataset:
    return budgetlib.load(DATA)


@pytest.fixture(scope="module")
def ludvika(documents: Dataset) -> NamndReport:
    return namnd_report(documents, "Ludvika", "KF", 2025)


def test_a_result_bridge_with_negative_results_is_drawn_from_zero_and_not_called_a_frame(
    ludvika: NamndReport,
) -> None:
    source = "kommun_resultatbrygga.txt"
    items = sections.section(ludvika, "bridges")
    assert items[0] == "## Bryggor"  # not "Från föregående års ram": these are results
    charts = [item for item in items if isinstance(item, Figure)]
    first = charts[0]
    assert "Resultaträkning i sammandrag 2025" in title(first) and "utfall" in title(first)
    opening, closing = last_number(source, 14), last_number(source, 20)  # −1 712,6 and −38,6
    assert (opening, closing) == (-1712.6, -38.6)
    drawn = bars(first)
    assert drawn[0] == (0, opening) and drawn[-1] == (0, closing)  # levels stand on the axis, below zero
    tax = last_number(source, 15)  # 1 246,1: a step up from the opening level
    assert drawn[1][0] == opening and drawn[1][1] == pytest.approx(opening + tax)
    low, high = first.axes[0].get_xlim()
    assert low < opening and high > 0
    # tables 6 and 7 print 2025, 2024 and 2023: the year's outcome is drawn, the others stay in the table
    assert len(charts) == 3 and all("2023" not in title(chart) for chart in charts)
    box = words(sections.summary(ludvika)[0])
    assert "Årets resultat 2025: −38,6 mkr (utfall, rad 20)" in box


def test_outcome_and_budget_are_kept_apart(documents: Dataset) -> None:
    report = namnd_report(documents, "Region Gävleborg", "RS", 2025)
    source = "region_arsredovisning.txt"
    assert line(source, 28).split() == ["Utfall", "Budget", "Utfall"]
    outcome, budget = last_number(source, 36, 0), last_number(source, 36, 1)  # Årets resultat −311, 120
    charts = [item for item in sections.section(report, "bridges") if isinstance(item, Figure)]
    assert charts and all("Budget" not in title(chart) for chart in charts)
    assert any(bars(chart)[-1] == (0, outcome) for chart in charts)
    assert not any(bars(chart)[-1] == (0, budget) for chart in charts)
    tables = [item for item in sections.section(report, "bridges") if isinstance(item, Table)]
    assert any("Budget 2025" in table.frame.columns for table in tables)  # the budget stays, in its column
    box = words(sections.summary(report)[0])
    assert f"Årets resultat 2025: −{-outcome:.0f} mkr (utfall, rad 36; budget {budget:.0f} mkr)" in box
    assert "Årets resultat 2025: −286 mkr (preliminärt utfall" in box  # the bokslutskommuniké, revised


def test_a_hierarchy_draws_one_level_and_says_when_a_table_is_an_excerpt(documents: Dataset) -> None:
    report = namnd_report(documents, "Hudiksvall", "SN", 2025)
    source = "kommun_driftredovisning.txt"
    items = sections.section(report, "forecasts")
    (chart,) = [item for item in items if isinstance(item, Figure)]
    deviations = [last_number(source, n) for n in (34, 35, 36)]  # −1,7, 4,1, −8,2: the verksamheter
    assert [end for _, end in bars(chart)] == deviations
    assert last_number(source, 33) not in [end for _, end in bars(chart)]  # not the nämnd beside them
    assert "utfall 2025" in title(chart)
    (table,) = [item for item in items if isinstance(item, Table)]
    assert list(table.frame["Post"])[:2] == ["Socialnämnden", "\u2003Äldreomsorg"]
    assert "utdrag" in table.caption and "Socialnämndens rader" in table.caption
    box = words(sections.summary(report)[0])
    assert "19,7 − 168,9 = −139,2" in box and "rad 36" in box  # the one mistyped netto


def test_a_frame_bridge_in_tkr_and_its_largest_reduction(documents: Dataset) -> None:
    report = namnd_report(documents, "Piteå", "BUN", 2026)
    source = "namnd_budget_tkr.txt"
    assert line(source, 24).strip().endswith("tkr")
    items = sections.section(report, "bridges")
    assert items[0] == "## Från föregående års ram"
    box = words(sections.summary(report)[0])
    closing, cut = last_number(source, 30), last_number(source, 29)  # 1 046 243 and −4 940
    assert f"Ram 2026: {closing:,.0f} tkr".replace(",", " ") in box
    assert f"Största minskning: −{-cut:,.0f}".replace(",", " ") + " tkr, Effektiviseringskrav" in box
    (chart,) = [item for item in items if isinstance(item, Figure)]
    assert bars(chart)[4][1] < bars(chart)[4][0]  # the reduction is drawn going down
