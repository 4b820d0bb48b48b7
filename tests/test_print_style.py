"""The print stylesheet and the classes it relies on: numbers right and whole, text left and wrapping.

The stylesheet is CSS only; tables mark their figure columns where they are
drawn, and the library writes numbers with no-break spaces; no page text is rewritten.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

import budgetlib
from budgetlib.amount_text import money
from budgetlib.dataset import Dataset
from budgetlib.display import findings_for_people
from budgetlib.report.print_style import PRINT_CSS, STYLE_ID, style_element
from budgetlib.table import LONG_CLASS, NUMERIC_CLASS, TURNED_CLASS, WIDE_CLASS, Table


class Cells(HTMLParser):
    """Each table's header texts and the classes of every cell, column by column."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict[str, object]] = []
        self._row: list[tuple[str, set[str]]] | None = None
        self._cell: list[str] | None = None
        self.styles: list[str] = []
        self._in_style = False
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "table":
            self.tables.append({"classes": classes, "rows": []})
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(("", classes))
            self._cell = []
        elif tag == "style":
            self._in_style = True

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row[-1] = ("".join(self._cell).strip(), self._row[-1][1])
            self._cell = None
        elif tag == "tr" and self._row is not None:
            rows = self.tables[-1]["rows"]
            assert isinstance(rows, list)
            rows.append(self._row)
            self._row = None
        elif tag == "style":
            self._in_style = False

    def columns(self, table: int) -> dict[str, list[tuple[str, set[str]]]]:
        rows = self.tables[table]["rows"]
        assert isinstance(rows, list)
        header = [text for text, _ in rows[0]]
        return {h: [row[j] for row in rows] for j, h in enumerate(header)}


@pytest.fixture(scope="module")
def findings_table(dataset: Dataset) -> tuple[str, pd.DataFrame]:
    shown = findings_for_people(budgetlib.reconcile(dataset).involving(["003"]))
    return Table(shown)._repr_html_(), shown


def test_figure_columns_right_aligned_and_text_columns_left(findings_table: tuple[str, pd.DataFrame]) -> None:
    markup, shown = findings_table
    columns = Cells(markup).columns(0)
    numeric = {h for h, cells in columns.items() if all(NUMERIC_CLASS in c for _, c in cells)}
    assert numeric == {"Angivet", "Beräknat", "Skillnad", "Tolerans"}
    assert not any(NUMERIC_CLASS in c for h in columns if h not in numeric for _, c in columns[h])
    assert [text for text, _ in columns["Status"][1:]] == list(shown["Status"])  # content unchanged
    assert all(LONG_CLASS in c for _, c in columns["Källa (fil:rad)"][1:])
    assert WIDE_CLASS in Cells(markup).tables[0]["classes"]  # type: ignore[operator]


def test_mostly_numbers_with_a_missing_answer_is_a_number_column() -> None:
    frame = pd.DataFrame(
        {
            "Indikator": ["Antal digitala vårdbesök", "Arbete påbörjat", "Andel chefer"],
            "Utfall 2023": ["28\u00a0789", "Svar saknas", "41\u00a0%"],
            "Dokument": ["001", "001, 004", "003"],
            "Belopp": [money(1466.5), money(-324), ""],
        }
    )
    columns = Cells(Table(frame)._repr_html_()).columns(0)
    marked = {h for h, cells in columns.items() if NUMERIC_CLASS in cells[0][1]}
    assert marked == {"Utfall 2023", "Belopp"}
    assert "wide" not in Cells(Table(frame)._repr_html_()).tables[0]["classes"]  # type: ignore[operator]


def test_data_text_stays_escaped_and_as_given() -> None:
    frame = pd.DataFrame({"Rad": ["<script>alert(1)</script>", "<b>fet</b>"], "Belopp": ["1 000", "2"]})
    markup = Table(frame)._repr_html_()
    assert "<script>" not in markup and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "<b>" not in markup and '<td class="num">1 000</td>' in markup  # classes, never new text


def test_the_stylesheet_styles_the_classes_tables_use_and_loads_nothing() -> None:
    for rule in (
        f"td.{NUMERIC_CLASS}",
        f"th.{NUMERIC_CLASS}",
        f"td.{LONG_CLASS}",
        f"table.{WIDE_CLASS}",
        f"th.{TURNED_CLASS}",
    ):
        assert rule in PRINT_CSS
    assert "white-space: nowrap" in PRINT_CSS and "size: A4" in PRINT_CSS
    assert "thead { display: table-header-group; }" in PRINT_CSS and "break-after: avoid" in PRINT_CSS
    assert "@import" not in PRINT_CSS and "url(" not in PRINT_CSS and "</" not in PRINT_CSS
    assert style_element() == f'<style id="{STYLE_ID}">{PRINT_CSS}</style>'


def test_no_figure_in_a_relation_breaks_at_its_thousands_space(dataset: Dataset) -> None:
    relations = list(budgetlib.reconcile(dataset).to_frame()["relation"])
    grouped = [r for r in relations if re.search("[0-9]\u00a0[0-9]{3}", r)]
    assert "893 ≤ 3\u00a0744" in relations and len(grouped) > 10  # 001 line 734: "3 744"
    assert not [r for r in relations if re.search("[0-9][ \u2009][0-9]{3}(?![0-9])", r)]


def test_only_figures_are_kept_on_one_line_and_headings_wrap() -> None:
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", PRINT_CSS)
    unbreakable = [" ".join(selector.split()) for selector, body in rules if "nowrap" in body]
    assert unbreakable == [
        f".jp-Notebook .jp-RenderedHTMLCommon td.{NUMERIC_CLASS}",
        f".jp-Notebook .jp-RenderedHTMLCommon thead th.{TURNED_CLASS}",  # on its side: its length is height
    ]  # not th: 7 columns fit A4
    headings = next(body for selector, body in rules if selector.strip().endswith("thead th"))
    assert "white-space: normal" in headings and "overflow-wrap: break-word" in headings
