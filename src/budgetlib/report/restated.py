"""Whether the third-party code that :mod:`~budgetlib.report.lab_exporter` and
:mod:`~budgetlib.report.soup_markup` restate is still the code they restate.

They give nbconvert's page byte for byte only as long as nbconvert's
``HTMLExporter.from_notebook_node`` and bs4's ``str(soup)`` are what they were
written from (nbconvert 7.17, beautifulsoup4 4.15.0). The sources are
compared by SHA-256 when the export is first made; a release that changes any
of them turns the fast path off, and the build uses nbconvert's own exporter
(the same bytes, slower) until someone checks the restatement and updates
the digests here.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from functools import cache
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.dammit import EntitySubstitution
from bs4.element import NavigableString, PageElement, PreformattedString
from bs4.formatter import Formatter, HTMLFormatter
from nbconvert import HTMLExporter

from budgetlib.report.soup_markup import CDATA_CONTAINING_TAGS

NBCONVERT_METHOD_SHA256 = "3dccafff45cc4e749766089c7de2f5385ac071e03f4f5a15bfb3b025f54893b9"
BS4_RESTATED_SHA256 = "50ad2227d615244dae5eff8b3674b2427548bef1ee56005159f52697fcaaecf6"
# the preprocessors nbconvert runs for the lab template; none can make a valid notebook invalid
ENABLED_PREPROCESSORS = (
    "TagRemovePreprocessor",
    "RegexRemovePreprocessor",
    "HighlightMagicsPreprocessor",
    "CSSHTMLHeaderPreprocessor",
)


def bs4_restated() -> tuple[Callable[..., Any], ...]:
    """The bs4 functions whose work ``soup_markup.markup`` restates for ``str(soup)``."""
    return (
        BeautifulSoup.decode,
        Tag.decode,
        Tag._event_stream,
        Tag._format_tag,
        vars(Tag)["is_empty_element"].fget,
        NavigableString.output_ready,
        PreformattedString.output_ready,
        PageElement.format_string,
        Formatter.substitute,
        Formatter.attribute_value,
        Formatter.attributes,
        EntitySubstitution.quoted_attribute_value,
        EntitySubstitution.substitute_xml,
        EntitySubstitution._substitute_xml_entity,
    )


def _sha256(functions: tuple[Callable[..., Any], ...]) -> str:
    return hashlib.sha256("".join(inspect.getsource(f) for f in functions).encode()).hexdigest()


@cache
def changed_upstream() -> str:
    """What no longer is as restated, in Swedish; empty if everything is."""
    try:
        if _sha256((HTMLExporter.from_notebook_node,)) != NBCONVERT_METHOD_SHA256:
            return "nbconvert har ändrat HTMLExporter.from_notebook_node"
        if _sha256(bs4_restated()) != BS4_RESTATED_SHA256:
            return "beautifulsoup4 har ändrat hur str(soup) skriver ett träd"
    except (OSError, TypeError, AttributeError, KeyError):  # no source installed, or a name gone
        return "källkoden till nbconvert eller beautifulsoup4 går inte att läsa"
    minimal = HTMLFormatter.REGISTRY["minimal"]
    if (
        minimal.entity_substitution != EntitySubstitution.substitute_xml
        or (minimal.void_element_close_prefix, minimal.empty_attributes_are_booleans) != ("/", False)
        or minimal.cdata_containing_tags != CDATA_CONTAINING_TAGS
        or EntitySubstitution.AMPERSAND_OR_BRACKET.pattern != "([<>&])"
    ):
        return "beautifulsoup4 har ändrat formateraren 'minimal'"
    return ""
