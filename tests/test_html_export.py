"""The HTML export: nothing executable reaches the page, tables, text and charts do."""

from __future__ import annotations

import base64
import copy
import io
from html.parser import HTMLParser
from typing import Any

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from budgetlib.plots import horizontal_bars
from budgetlib.report.html_export import HtmlExport
from budgetlib.report.print_style import STYLE_ID, style_element
from budgetlib.table import NUMERIC_CLASS, Table

SCRIPT = "<script>document.title='PW'+'NED'</script>"
HANDLER = '<img src=x onerror="document.title=1">'
JS_LINK = '<a href="javascript:alert(1)">länk</a>'


class Page(HTMLParser):
    """Every element of a page with its attributes, where it stands, and the visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], bool]] = []  # tag, attributes, in <head>
        self.text: list[str] = []
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}, "head" in self._open))
        if tag not in ("img", "meta", "br", "hr", "link", "input"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if not {"script", "style", "title"} & set(self._open):
            self.text.append(data)

    def tags(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs, _ in self.elements if tag == name]


def chart_png() -> str:
    buffer = io.BytesIO()
    horizontal_bars(["Primärvård"], [1.0], "Budget").savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode()


def hostile_notebook(png: str) -> Any:
    table = Table(pd.DataFrame({"Område": ["Primärvård", SCRIPT], "Budget": ["1 466,5\u00a0mkr", HANDLER]}))
    outputs = [
        new_output("display_data", {"text/html": table._repr_html_(), "text/plain": "tabell"}),
        new_output(
            "display_data", {"text/markdown": f"Rad {SCRIPT} {HANDLER} {JS_LINK} [x](javascript:alert(1))"}
        ),
        new_output(
            "display_data", {"text/html": f'<iframe src="x"></iframe><style>*{{}}</style><b>fet</b>{JS_LINK}'}
        ),
        new_output(
            "display_data", {"application/javascript": "document.title='PW'+'NED'", "text/plain": "js"}
        ),
        new_output("display_data", {"image/svg+xml": f"<svg>{SCRIPT}</svg>", "text/plain": "svg"}),
        new_output(
            "display_data", {"image/png": png}, metadata={"image/png": {"width": "1 onerror=alert(1)"}}
        ),
        new_output("display_data", {"image/png": f'x"><script>{SCRIPT}</script>', "text/plain": "bild"}),
        new_output("stream", name="stdout", text=SCRIPT),
    ]
    notebook = new_notebook(
        cells=[new_markdown_cell("# Nämndrapport\n\nRam och **fördelning**."), new_code_cell("")]
    )
    notebook.cells[1].outputs = outputs
    return notebook


@pytest.fixture(scope="module")
def exported() -> tuple[Any, Any, str]:
    notebook = hostile_notebook(chart_png())
    before = copy.deepcopy(notebook)
    return notebook, before, HtmlExport().page(notebook, f"HSN 2025 – {SCRIPT}")


def test_no_script_handler_frame_or_script_url_reaches_the_page(exported: tuple[Any, Any, str]) -> None:
    page = Page(exported[2])
    assert not page.tags("script") and not page.tags("iframe") and not page.tags("svg")
    assert not [attrs for _, attrs, _ in page.elements if any(name.startswith("on") for name in attrs)]
    urls = [
        value for _, attrs, _ in page.elements for name, value in attrs.items() if name in ("href", "src")
    ]
    assert urls and all(url.startswith(("#", "data:image/png;base64,")) for url in urls), urls
    assert all(in_head for tag, _, in_head in page.elements if tag in ("style", "link", "meta"))


def test_text_tables_and_charts_survive(exported: tuple[Any, Any, str]) -> None:
    notebook, before, html = exported
    page = Page(html)
    text = "".join(page.text)
    for shown in ("Nämndrapport", "fördelning", "Primärvård", "1 466,5\u00a0mkr", SCRIPT, "fet", "Rad"):
        assert shown in text
    assert page.tags("table") == [{"class": "dataframe tex2jax_ignore whole"}]
    assert {"class": NUMERIC_CLASS} in page.tags("td")  # the Budget column: figures, right-aligned

    images = page.tags("img")
    assert [image["src"] for image in images] == [
        f"data:image/png;base64,{notebook.cells[1].outputs[5].data['image/png']}"
    ]
    assert "width" not in images[0]
    assert "<title>HSN 2025 – &lt;script&gt;" in html
    assert nbformat.writes(notebook) == nbformat.writes(before)  # the executed notebook is stored as run


def test_the_print_stylesheet_is_the_last_style_of_the_head(exported: tuple[Any, Any, str]) -> None:
    html = exported[2]
    styles = [(attrs, in_head) for tag, attrs, in_head in Page(html).elements if tag == "style"]
    assert styles[-1] == ({"id": STYLE_ID}, True) and html.count(style_element()) == 1
