"""Executed report notebooks as HTML pages that run no script and load nothing from elsewhere.

nbconvert's JupyterLab template, less its script tags (MathJax, require.js,
mermaid and widgets, none of which the reports use) and with every output's
HTML and Markdown sanitised by nh3. Outputs reach the page only as HTML,
Markdown, plain text or a PNG chart, so no output type that carries code
(JavaScript, widgets, SVG) is ever rendered. What data may do to the text
is handled before, in :mod:`budgetlib.markup`; this is the second wall.
Every page carries the print stylesheet (:mod:`budgetlib.report.print_style`)
as the last style of its head; the page's text is never rewritten. The page is
written by :class:`budgetlib.report.lab_exporter.LabExporter`, nbconvert's
``HTMLExporter`` with the same bytes in less time (``stock=True`` uses
nbconvert's own, for tests and benchmarks).
"""

from __future__ import annotations

import copy
import re
from typing import Any

import nh3

from budgetlib.report.print_style import style_element

SHOWN_OUTPUTS = ("text/html", "text/markdown", "text/plain", "image/png")
_BASE64 = re.compile(r"[A-Za-z0-9+/\s]*={0,2}\s*")
TEMPLATE_NAME = "budgetlib_report.html.j2"
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}{{ super() }}{% raw %}STYLE{% endraw %}{%- endblock html_head_css -%}
""".replace("STYLE", style_element())
_CLEANER = nh3.Cleaner(
    tags=nh3.ALLOWED_TAGS - {"img", "area", "map"},  # charts are rendered by the template, not here
    attributes={
        **nh3.ALLOWED_ATTRIBUTES,
        "*": {"class"},
        **{f"h{level}": {"id"} for level in range(1, 7)},  # the anchors of Markdown headings
        "tr": {"style"},  # pandas right-aligns table headers with an inline style
    },
    filter_style_properties={"text-align"},
    url_schemes={"http", "https", "mailto"},
)


def clean_html(html: str | bytes) -> str:
    """HTML without anything executable: only text markup, links, tables; no script, style or handler."""
    return _CLEANER.clean(html.decode() if isinstance(html, bytes) else str(html))


def _shown(output: Any) -> Any:
    """The output with only the representations the page may show, and no metadata to put in attributes."""
    if "data" in output:
        output.data = {
            kind: value
            for kind, value in output.data.items()
            if kind in SHOWN_OUTPUTS and (kind != "image/png" or _BASE64.fullmatch(value))
        }
        output.metadata = {}
    return output


class HtmlExport:
    """Turns executed notebooks into sanitised HTML pages; one instance serves a whole build."""

    def __init__(self, *, stock: bool = False) -> None:
        """``stock``: nbconvert's own ``HTMLExporter``, the same bytes slower (for tests and benchmarks).

        The faster :class:`~budgetlib.report.lab_exporter.LabExporter` is used
        only while the code it restates is unchanged (:mod:`budgetlib.report.restated`).
        """
        from jinja2 import DictLoader
        from nbconvert import HTMLExporter

        from budgetlib.report.lab_exporter import LabExporter
        from budgetlib.report.restated import ENABLED_PREPROCESSORS, changed_upstream

        def exporter(kind: type[HTMLExporter]) -> Any:
            made = kind(
                template_name="lab",
                template_file=TEMPLATE_NAME,
                extra_loaders=[DictLoader({TEMPLATE_NAME: TEMPLATE})],
                language_code="sv",
                exclude_input=True,
                exclude_input_prompt=True,
                exclude_output_prompt=True,
                sanitize_html=True,
            )
            made.register_filter("clean_html", clean_html)  # type: ignore[no-untyped-call]
            return made

        self._exporter = exporter(HTMLExporter if stock or changed_upstream() else LabExporter)
        enabled = tuple(
            type(p).__name__ for p in self._exporter._preprocessors if getattr(p, "enabled", True)
        )
        if isinstance(self._exporter, LabExporter) and enabled != ENABLED_PREPROCESSORS:
            self._exporter = exporter(HTMLExporter)  # validating once holds only for these

    @property
    def fast(self) -> bool:
        """Whether pages are made by LabExporter (else by nbconvert's own HTMLExporter)."""
        from budgetlib.report.lab_exporter import LabExporter

        return isinstance(self._exporter, LabExporter)

    def page(self, notebook: Any, title: str) -> str:
        """The notebook as an HTML page titled ``title``; the notebook itself is left as it is."""
        shown = copy.deepcopy(notebook)
        for cell in shown.cells:
            if cell.cell_type == "code":
                cell.outputs = [_shown(output) for output in cell.outputs]
        html, _ = self._exporter.from_notebook_node(shown, resources={"metadata": {"name": title}})
        return str(html)
