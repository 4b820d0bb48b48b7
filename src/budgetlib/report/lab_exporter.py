"""nbconvert's HTMLExporter, the same page in about two thirds of the time on big pages.

``HTMLExporter.from_notebook_node`` renders the template, parses the page with
BeautifulSoup's ``html.parser``, gives every ``img`` without ``alt`` a stock
text and makes every ``div.jp-Cell-inputWrapper`` and ``div.jp-OutputArea-output``
inside a ``.jp-Notebook`` focusable, then serialises the tree. It finds those
elements with three soupsieve selectors, which on a page of 30 000 tags cost
more than the template. :class:`LabExporter` does the same steps on the same
tree but finds the elements in one walk and writes the tree out with
:func:`budgetlib.report.soup_markup.markup`, three times faster than
``str(soup)``; the page is byte for byte nbconvert's (``tests/test_lab_exporter.py``
compares both paths and pins the source of the method it replaces, so a
changed nbconvert fails there, not in a report). The cycle collector is
paused while the tree lives (it would re-scan the growing tree again and
again); the tree is taken apart before it resumes, so reference counting
frees it.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets import default

from budgetlib.collector import cycle_collector_paused
from budgetlib.report.soup_markup import markup

MISSING_ALT_TEXT = "No description has been provided for this image"
NOTEBOOK_CLASS = "jp-Notebook"
FOCUSABLE_DIV_CLASSES = frozenset({"jp-Cell-inputWrapper", "jp-OutputArea-output"})


_NOT_SPACE = re.compile("[^ \t\r\n\f]+")  # soupsieve's split of a class attribute left whole


def _classes(tag: Tag) -> list[str]:
    """The tag's classes as soupsieve reads them (BeautifulSoup splits ``class`` into a list)."""
    value: str | list[str] = tag.attrs.get("class", [])
    return _NOT_SPACE.findall(value) if isinstance(value, str) else list(value)


def add_accessibility(soup: BeautifulSoup) -> int:
    """What nbconvert's selectors do, in one walk; returns how many images had no ``alt``.

    ``img:not([alt])`` anywhere gets the stock ``alt``; a ``div`` with class
    ``jp-Cell-inputWrapper`` or ``jp-OutputArea-output`` gets ``tabindex="0"``
    when some ancestor (not itself) has class ``jp-Notebook``. Like soupsieve,
    the walk does not enter a ``template``.
    """
    missing_alt = 0
    stack: list[tuple[Tag, bool]] = [(soup, False)]  # a tag, and whether an ancestor is a .jp-Notebook
    while stack:
        parent, in_notebook = stack.pop()
        children_in_notebook = in_notebook or (parent is not soup and NOTEBOOK_CLASS in _classes(parent))
        for child in parent.contents:
            if not isinstance(child, Tag):
                continue
            if child.name == "img" and "alt" not in child.attrs:
                child.attrs["alt"] = MISSING_ALT_TEXT
                missing_alt += 1
            elif (
                child.name == "div"
                and children_in_notebook
                and not FOCUSABLE_DIV_CLASSES.isdisjoint(_classes(child))
            ):
                child.attrs["tabindex"] = "0"
            if child.name != "template":  # soupsieve: a template's contents are not part of the document
                stack.append((child, children_in_notebook))
    return missing_alt


class LabExporter(HTMLExporter):
    """``HTMLExporter`` whose ``from_notebook_node`` finds the elements it amends without soupsieve."""

    @default("optimistic_validation")
    def _validate_once(self) -> bool:
        """Validate the notebook after the last preprocessor, not after each.

        The enabled ones (tag and regex removal, magics highlighting, CSS
        header) neither add cells nor make a valid notebook invalid, so the
        validations in between pass wherever the last one does; each costs a
        schema walk of every output (a sixth of the export of a page of charts).
        """
        return True

    def from_notebook_node(  # type: ignore[override]  # nbconvert declares a page a NotebookNode
        self, nb: Any, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        """The page nbconvert's ``HTMLExporter.from_notebook_node`` makes, and its resources."""
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        default_highlight = Highlight2HTML(pygments_lexer=lexer, parent=self)  # type: ignore[no-untyped-call]
        highlight_code = self.filters.get("highlight_code", default_highlight)
        resources = self._init_resources(resources)  # type: ignore[no-untyped-call]
        filter_data_type = WidgetsDataTypeFilter(  # type: ignore[no-untyped-call]
            notebook_metadata=self._nb_metadata, parent=self, resources=resources
        )
        self.register_filter("highlight_code", highlight_code)  # type: ignore[no-untyped-call]
        self.register_filter("filter_data_type", filter_data_type)  # type: ignore[no-untyped-call]
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        with cycle_collector_paused():  # over a tree of 60 000 nodes, taken apart before it resumes
            soup = BeautifulSoup(html, features="html.parser")
            missing_alt = add_accessibility(soup)
            page = markup(soup)
            soup.decompose()
        if missing_alt:
            self.log.warning("Alternative text is missing on %s image(s).", missing_alt)
        return page, resources
