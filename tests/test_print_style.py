"""The print stylesheet: numbers right and whole, text left and wrapping, the page otherwise unchanged."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest

import budgetlib
from budgetlib.amount_text import money
from budgetlib.dataset import Dataset
from budgetlib.display import findings_for_people
from budgetlib.report.print_style import (
    LONG_CLASS,
    NUMERIC_CLASS,
    PRINT_CSS,
    STYLE_ID,
    WIDE_CLASS,
    add_print_css,
    keep_numbers_whole,
)
from budgetlib.table import Table


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


def page(*tables: str) -> str:
    """A page shaped like nbconvert's lab template."""
    body = "".join(f'<div class="jp-RenderedHTMLCommon">{t}</div>' for t in tables)
    head = "<head><style>td { margin: 0 100px; }</style></head>"
    return f'<html>{head}<body class="jp-Notebook">{body}</body></html>'


@pytest.fixture(scope="module")
def findings_page(dataset: Dataset) -> tuple[str, pd.DataFrame]:
    shown = findings_for_people(budgetlib.reconcile(dataset).involving(["003"]))
    return add_print_css(page(Table(shown)._repr_html_())), shown


def test_figure_columns_right_aligned_and_text_columns_left(findings_page: tuple[str, pd.DataFrame]) -> None:
    styled, shown = findings_page
    columns = Cells(styled).columns(0)
    numeric = {h for h, cells in columns.items() if all(NUMERIC_CLASS in c for _, c in cells)}
    assert numeric == {"Angivet", "Beräknat", "Skillnad", "Tolerans"}
    assert not any(NUMERIC_CLASS in c for h in columns if h not in numeric for _, c in columns[h])
    assert [text for text, _ in columns["Status"][1:]] == list(shown["Status"])  # content unchanged
    assert all(LONG_CLASS in c for _, c in columns["Källa (fil:rad)"][1:])
    assert WIDE_CLASS in Cells(styled).tables[0]["classes"]  # type: ignore[operator]


def test_mostly_numbers_with_a_missing_answer_is_a_number_column() -> None:
    frame = pd.DataFrame(
        {
            "Indikator": ["Antal digitala vårdbesök", "Arbete påbörjat", "Andel chefer"],
            "Utfall 2023": ["28\u00a0789", "Svar saknas", "41\u00a0%"],
            "Dokument": ["001", "001, 004", "003"],
            "Belopp": [money(1466.5), money(-324), ""],
        }
    )
    columns = Cells(add_print_css(page(Table(frame)._repr_html_()))).columns(0)
    marked = {h for h, cells in columns.items() if NUMERIC_CLASS in cells[0][1]}
    assert marked == {"Utfall 2023", "Belopp"}


def test_numbers_in_text_do_not_break_and_styles_and_attributes_are_untouched() -> None:
    markup = (
        '<style>td { margin: 0 100px; }</style><script>var a = "1 000";</script>'
        '<p title="8 428">8 428 + 71 − 324 = 9 065 år 2024 2025</p>'
    )
    kept = keep_numbers_whole(markup)
    assert '<p title="8 428">8\u00a0428 + 71 − 324 = 9\u00a0065 år 2024 2025</p>' in kept
    assert kept.startswith('<style>td { margin: 0 100px; }</style><script>var a = "1 000";</script>')


def test_data_text_stays_escaped(dataset: Dataset) -> None:
    frame = pd.DataFrame({"Rad": ["<script>alert(1)</script>", "<b>fet</b>"], "Belopp": ["1", "2"]})
    styled = add_print_css(page(Table(frame)._repr_html_()))
    assert "<script>" not in styled and "&lt;script&gt;alert(1)&lt;/script&gt;" in styled
    assert "<b>" not in styled


def test_style_goes_once_at_the_end_of_head() -> None:
    once = add_print_css(page("<table><tr><th>A</th></tr><tr><td>1</td></tr></table>"))
    assert add_print_css(once) == once
    assert once.count(f'<style id="{STYLE_ID}">') == 1
    assert once.index(f'<style id="{STYLE_ID}">') > once.index("<style>td")
    assert once.index(f'<style id="{STYLE_ID}">') < once.index("</head>")
    css = "".join(Cells(once).styles)
    assert PRINT_CSS.strip() in css and "size: A4" in css and "@import" not in css and "url(" not in css
